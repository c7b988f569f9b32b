package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
)

func cmdFuzz(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fuzz", "[--target [NAME=]URL]... [--seed N] [--budget CASES | --duration D] [flags]", stderr)
	var tf targetFlags
	tf.register(fs)
	seed := fs.Uint64("seed", 0, "campaign seed; the same seed against the same target sends the same cases (default: time-based, printed)")
	budget := fs.Int("budget", 0, "number of cases to run, at least 1 (default 1000 when --duration is not set)")
	duration := fs.Duration("duration", 0, "run for this long (positive) instead of a case budget; shrinking included")
	workers := fs.Int("workers", 0, "parallel workers, at least 1 (default: number of CPUs)")
	var operations multiFlag
	fs.Var(&operations, "operation", "fuzz only this operationId (repeatable)")
	mode := fs.String("mode", "all", "inputs to generate: valid, invalid or all")
	shrink := fs.Duration("shrink-time", fuzz.DefaultShrinkTime, "time cap for shrinking each finding; 0 disables shrinking. With --duration, shrinking shares what is left of the duration")
	var bf baselineFlags
	bf.register(fs)
	var rf reportFlags
	rf.register(fs, "plumb-reports", report.Formats) // replay files go to its replays/ folder
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if code := bf.load("fuzz", stderr); code != 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "fuzz", "unexpected argument %q", fs.Arg(0))
	}
	given := map[string]bool{} // flags given explicitly: --budget 0 is an error, no --budget a default
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	switch {
	case *budget < 0 || (given["budget"] && *budget == 0):
		return usageError(stderr, "fuzz", "--budget must be at least 1, got %d", *budget)
	case *duration < 0 || (given["duration"] && *duration == 0):
		return usageError(stderr, "fuzz", "--duration must be positive, got %s", *duration)
	case given["budget"] && given["duration"]:
		return usageError(stderr, "fuzz", "--budget and --duration are alternatives; give one")
	case *workers < 0 || (given["workers"] && *workers == 0):
		return usageError(stderr, "fuzz", "--workers must be at least 1, got %d", *workers)
	case *shrink < 0:
		return usageError(stderr, "fuzz", "--shrink-time must not be negative, got %s (0 disables shrinking)", *shrink)
	case *mode != "valid" && *mode != "invalid" && *mode != "all":
		return usageError(stderr, "fuzz", "--mode must be valid, invalid or all, got %q", *mode)
	}
	formats, err := rf.formats()
	if err != nil {
		return usageError(stderr, "fuzz", "%v", err)
	}
	if *shrink == 0 {
		*shrink = -1 // fuzz.Config: 0 means the default, negative disables shrinking
	}
	if err := rf.checkWritable("replays"); err != nil {
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
	replayDir := filepath.Join(rf.dir, "replays")
	if err := removeStaleReplays(replayDir); err != nil {
		return usageError(stderr, "fuzz", "%v", err)
	}
	ctx, stop := interruptible()
	defer stop()
	var progress io.Writer
	if isTerminalWriter(stderr) {
		progress = stderr
	}
	rf.say(stdout, "plumb fuzz: seed %d against %s", *seed, s.describe)
	if s.liveAWS && !tf.allowLiveWrites {
		rf.say(stdout, "target is real AWS: only inputs that must be rejected are sent (--allow-live-writes sends valid ones too)")
	}
	cfg := fuzz.Config{
		Specs: s.set, Client: s.client, Engine: s.engine,
		Seed: *seed, Budget: *budget, Duration: *duration, Workers: *workers,
		Operations: inScope, OutOfScope: s.outOfScope, Mode: *mode, ShrinkTime: *shrink,
		ReplayDir: replayDir, Progress: progress, Target: s.describe,
		LiveAWS: s.liveAWS, AllowLiveWrites: tf.allowLiveWrites,
	}
	cfg.Known, cfg.KnownFrom = bf.known()
	run, err := fuzz.Run(ctx, cfg)
	if err != nil {
		return usageError(stderr, "fuzz", "%v", err)
	}
	bf.write("fuzz", run, rf.out(stdout), stderr)
	return notAnswering("fuzz", s, bf.exit(finish("fuzz", run, formats, &rf, nil, stdout, stderr)), stderr)
}

// removeStaleReplays removes the replay files (*.json) an earlier campaign left in dir, so that
// after this run the folder holds this run's findings only.
func removeStaleReplays(dir string) error {
	stale, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return err
	}
	for _, f := range stale {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing a stale replay file: %w", err)
		}
	}
	return nil
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
	// Fixed needs evidence: an answer the checks could judge.
	if why := check.Refused(results); why != "" {
		fmt.Fprintf(stdout, "inconclusive: the target answered before judging the request (%s)\n", why)
		return exitInconclusive
	}
	if ex.Err != nil || ex.Response == nil {
		fmt.Fprintln(stdout, "inconclusive: no HTTP response, so nothing shows the finding fixed")
		return exitInconclusive
	}
	fmt.Fprintln(stdout, "fixed: the finding no longer reproduces")
	return exitOK
}
