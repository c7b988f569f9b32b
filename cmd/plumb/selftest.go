package main

import (
	"fmt"
	"io"
	"time"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/selftest"
)

func cmdSelftest(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("selftest", "[--fault NAME]... [--seed N] [--budget CASES] [flags]", stderr)
	var faults multiFlag
	fs.Var(&faults, "fault", "score only this fault (repeatable; default: the whole catalogue)")
	seed := fs.Uint64("seed", 1, "fuzz campaign seed")
	budget := fs.Int("budget", 1500, "fuzz cases per subject")
	parallel := fs.Int("parallel", 0, "subjects scored at once (default: number of CPUs)")
	timeout := fs.Duration("timeout", 5*time.Second, "per-request timeout")
	strict := fs.Bool("strict", false, "demand the operations' own error types (see plumb run --strict)")
	var rf reportFlags
	rf.register(fs, "plumb-reports/selftest", report.Formats)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "selftest", "unexpected argument %q", fs.Arg(0))
	}
	if *budget < 1 || *parallel < 0 || *timeout <= 0 {
		return usageError(stderr, "selftest", "--budget must be at least 1, --parallel not negative, --timeout positive")
	}
	formats, err := rf.formats()
	if err != nil {
		return usageError(stderr, "selftest", "%v", err)
	}
	if err := rf.checkWritable(); err != nil {
		return usageError(stderr, "selftest", "%v", err)
	}
	ctx, stop := interruptible()
	defer stop()
	run, err := selftest.Run(ctx, selftest.Config{
		Faults: faults, FuzzSeed: *seed, FuzzBudget: *budget, Parallel: *parallel, Timeout: *timeout, Strict: *strict,
		Progress: func(line string) { fmt.Fprintln(stderr, line) },
	})
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "plumb selftest: interrupted before it finished: no score")
		return exitInterrupted
	}
	if err != nil {
		return usageError(stderr, "selftest", "%v", err)
	}
	// The terminal summary carries the score table; the exit code is the selftest's verdict.
	code := finish("selftest", run, formats, &rf, nil, stdout, stderr)
	if code == exitUsage {
		return code
	}
	if !selftest.Passed(run) {
		return exitNonConform
	}
	return exitOK
}
