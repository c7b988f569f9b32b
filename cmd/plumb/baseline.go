package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plumbhq/plumb/baseline"
	"github.com/plumbhq/plumb/report"
)

// baselineFlags are --baseline and --update-baseline, shared by run and fuzz.
type baselineFlags struct {
	check, update string
	file          *baseline.File // --baseline, loaded before any request is sent
	failed        bool           // writing --update-baseline failed
}

func (b *baselineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&b.check, "baseline", "", "baseline FILE of known root causes: those are reported as known and fail nothing; new ones fail")
	fs.StringVar(&b.update, "update-baseline", "", "write the run's root causes to this baseline FILE after the run")
}

// load reads --baseline and checks --update-baseline can be written, before anything is sent.
// It returns 0, or the exit code of a usage error it has reported.
func (b *baselineFlags) load(cmd string, stderr io.Writer) int {
	if b.check != "" {
		f, err := baseline.Load(b.check)
		if err != nil {
			return usageError(stderr, cmd, "--baseline: %v", err)
		}
		b.file = f
	}
	if b.update != "" {
		if st, err := os.Stat(b.update); err == nil && st.IsDir() {
			return usageError(stderr, cmd, "--update-baseline: %s is a directory", b.update)
		}
		if st, err := os.Stat(filepath.Dir(b.update)); err != nil || !st.IsDir() {
			return usageError(stderr, cmd, "--update-baseline: no directory %s", filepath.Dir(b.update))
		}
	}
	return 0
}

// known is what the drivers' verdict must know of --baseline: its root causes, and its name.
func (b *baselineFlags) known() ([]report.RootCause, string) {
	if b.file == nil {
		return nil, ""
	}
	return b.file.Known(), b.check
}

// write writes --update-baseline from the finished run (whose verdict was decided knowing
// --baseline). Call it before the reports are written.
func (b *baselineFlags) write(cmd string, run *report.Run, stdout, stderr io.Writer) {
	if b.update == "" {
		return
	}
	if run.Verdict == report.Interrupted {
		fmt.Fprintf(stderr, "plumb %s: --update-baseline: not written: the run was interrupted and its root causes are partial\n", cmd)
		return
	}
	f := baseline.FromRun(run, b.file)
	if err := f.Write(b.update); err != nil {
		fmt.Fprintf(stderr, "plumb %s: --update-baseline: %v\n", cmd, err)
		b.failed = true
		return
	}
	fmt.Fprintf(stdout, "baseline: wrote %d root causes to %s\n", len(f.RootCauses), b.update)
}

// exit is the command's exit code: code, unless writing the baseline failed.
func (b *baselineFlags) exit(code int) int {
	if b.failed && code != exitInterrupted {
		return exitUsage
	}
	return code
}
