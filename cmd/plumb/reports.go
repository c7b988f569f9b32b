package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// reportFlags are the flags of the commands that write reports: where and which reports, and
// how the terminal summary looks (--no-color, --quiet).
type reportFlags struct {
	dir, format string
	allowed     []string
	noColor     bool
	quiet       bool
}

func (r *reportFlags) register(fs *flag.FlagSet, dir string, allowed []string) {
	r.allowed = allowed
	all := strings.Join(allowed, ",")
	fs.StringVar(&r.dir, "report-dir", dir, "directory the reports are written to")
	fs.StringVar(&r.format, "format", all, "comma-separated report formats: "+strings.Join(allowed, ", "))
	fs.BoolVar(&r.noColor, "no-color", false, "no ANSI colour in the terminal summary (so does a non-empty NO_COLOR environment variable)")
	fs.BoolVar(&r.quiet, "quiet", false, "print only the verdict line on stdout (the reports are still written)")
}

// color reports whether the terminal summary on w may use ANSI colour: w is a terminal, and
// neither --no-color nor a non-empty NO_COLOR (https://no-color.org) says otherwise.
func (r *reportFlags) color(w io.Writer) bool {
	return !r.noColor && os.Getenv("NO_COLOR") == "" && isTerminalWriter(w)
}

// out is stdout, or nowhere under --quiet (the verdict line is written apart).
func (r *reportFlags) out(stdout io.Writer) io.Writer {
	if r.quiet {
		return io.Discard
	}
	return stdout
}

// say writes a line to stdout unless --quiet.
func (r *reportFlags) say(stdout io.Writer, format string, a ...any) {
	if !r.quiet {
		fmt.Fprintf(stdout, format+"\n", a...)
	}
}

// checkWritable creates --report-dir (and the given subdirectories) and proves a file can be
// written there, before any request is sent: a run must not end unable to write its reports.
func (r *reportFlags) checkWritable(subdirs ...string) error {
	for _, d := range append([]string{r.dir}, subdirs...) {
		if d != r.dir {
			d = filepath.Join(r.dir, d)
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("--report-dir: %w", err)
		}
		f, err := os.CreateTemp(d, ".plumb-write-check-*")
		if err != nil {
			return fmt.Errorf("--report-dir: %s is not writable: %w", d, err)
		}
		name := f.Name()
		cerr := f.Close()
		if err := os.Remove(name); err != nil {
			return fmt.Errorf("--report-dir: %w", err)
		}
		if cerr != nil {
			return fmt.Errorf("--report-dir: %s is not writable: %w", d, cerr)
		}
	}
	return nil
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
