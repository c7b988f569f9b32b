package main

import (
	"flag"
	"fmt"
	"strings"
)

// reportFlags are the --report-dir and --format flags of the commands that write reports.
type reportFlags struct {
	dir, format string
	allowed     []string
}

func (r *reportFlags) register(fs *flag.FlagSet, dir string, allowed []string) {
	r.allowed = allowed
	all := strings.Join(allowed, ",")
	fs.StringVar(&r.dir, "report-dir", dir, "directory the reports are written to")
	fs.StringVar(&r.format, "format", all, "comma-separated report formats: "+strings.Join(allowed, ", "))
}

// formats splits --format, checking every name.
func (r *reportFlags) formats() ([]string, error) {
	var out []string
	for _, f := range strings.Split(r.format, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		ok := false
		for _, a := range r.allowed {
			ok = ok || a == f
		}
		if !ok {
			return nil, fmt.Errorf("--format: unknown format %q (formats: %s)", f, strings.Join(r.allowed, ", "))
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--format: no format given (formats: %s)", strings.Join(r.allowed, ", "))
	}
	return out, nil
}
