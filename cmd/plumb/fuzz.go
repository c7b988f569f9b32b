package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
)

func cmdFuzz(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fuzz", "[--target [NAME=]URL]... [--seed N] [--budget CASES | --duration D] [flags]", stderr)
	var tf targetFlags
	tf.register(fs)
	seed := fs.Uint64("seed", 0, "campaign seed; the same seed against the same target sends the same cases (default: time-based, printed)")
	budget := fs.Int("budget", 0, "number of cases to run (default 1000 when --duration is not set)")
	duration := fs.Duration("duration", 0, "run for this long instead of a case budget")
	workers := fs.Int("workers", 0, "parallel workers (default: number of CPUs)")
	var operations multiFlag
	fs.Var(&operations, "operation", "fuzz only this operationId (repeatable)")
	mode := fs.String("mode", "all", "inputs to generate: valid, invalid or all")
	shrink := fs.Duration("shrink-time", 10*time.Second, "time cap for shrinking each finding")
	var rf reportFlags
	rf.register(fs, "plumb-reports", report.Formats) // replay files go to its replays/ folder
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "fuzz", "unexpected argument %q", fs.Arg(0))
	}
	switch {
	case *budget < 0:
		return usageError(stderr, "fuzz", "--budget must not be negative, got %d", *budget)
	case *duration < 0:
		return usageError(stderr, "fuzz", "--duration must not be negative, got %s", *duration)
	case *budget > 0 && *duration > 0:
		return usageError(stderr, "fuzz", "--budget and --duration are alternatives; give one")
	case *workers < 0:
		return usageError(stderr, "fuzz", "--workers must not be negative, got %d", *workers)
	case *mode != "valid" && *mode != "invalid" && *mode != "all":
		return usageError(stderr, "fuzz", "--mode must be valid, invalid or all, got %q", *mode)
	}
	formats, err := rf.formats()
	if err != nil {
		return usageError(stderr, "fuzz", "%v", err)
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	s, code := tf.open("fuzz", max(*workers, 4), stderr)
	if code != 0 {
		return code
	}
	defer s.close()
	inScope, err := s.scopeFor(operations)
	if err != nil {
		return usageError(stderr, "fuzz", "%v", err)
	}
	ctx, stop := interruptible()
	defer stop()
	var progress io.Writer
	if isTerminalWriter(stderr) {
		progress = stderr
	}
	fmt.Fprintf(stdout, "plumb fuzz: seed %d against %s\n", *seed, s.describe)
	if s.liveAWS && !tf.allowLiveWrites {
		fmt.Fprintln(stdout, "target is real AWS: only inputs that must be rejected are sent (--allow-live-writes sends valid ones too)")
	}
	run, err := fuzz.Run(ctx, fuzz.Config{
		Specs: s.set, Client: s.client, Engine: s.engine,
		Seed: *seed, Budget: *budget, Duration: *duration, Workers: *workers,
		Operations: inScope, OutOfScope: s.outOfScope, Mode: *mode, ShrinkTime: *shrink,
		ReplayDir: filepath.Join(rf.dir, "replays"), Progress: progress, Target: s.describe,
		LiveAWS: s.liveAWS, AllowLiveWrites: tf.allowLiveWrites,
	})
	if err != nil {
		return usageError(stderr, "fuzz", "%v", err)
	}
	return finish("fuzz", run, formats, rf.dir, nil, stdout, stderr)
}

func cmdReplay(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("replay", "FILE [--target [NAME=]URL]...", stderr)
	var tf targetFlags
	tf.register(fs)
	// Accept FILE before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 || file == "" {
		return usageError(stderr, "replay", "want exactly one replay FILE")
	}
	rp, err := fuzz.LoadReplay(file)
	if err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	s, code := tf.open("replay", 1, stderr)
	if code != 0 {
		return code
	}
	defer s.close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*tf.timeout+5*time.Second)
	defer cancel()
	still, results, ex, err := rp.Run(ctx, s.client, s.engine)
	if err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	fmt.Fprintf(stdout, "replaying %s against %s\n", file, s.describe)
	fmt.Fprintln(stdout, ex.Curl())
	for _, r := range results {
		if r.Status == "skipped" {
			continue
		}
		fmt.Fprintf(stdout, "  %-7s %s %s\n", r.Status, r.Check, r.Message)
	}
	if still {
		fmt.Fprintln(stdout, "still failing")
		fmt.Fprintln(stdout, ex.ResponseText())
		return exitNonConform
	}
	fmt.Fprintln(stdout, "fixed: the finding no longer reproduces")
	return exitOK
}
