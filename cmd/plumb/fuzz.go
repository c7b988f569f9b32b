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
	"github.com/plumbhq/plumb/target"
)

func cmdFuzz(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fuzz", "[--target [NAME=]URL]... [--seed N] [--budget CASES | --duration D] [flags]", stderr)
	var tf targetFlags
	tf.register(fs)
	tf.checks.register(fs)
	seed := fs.Uint64("seed", 0, "campaign seed; the same seed against the same target sends the same cases (default: time-based, printed)")
	budget := fs.Int("budget", 0, "number of cases to run, at least 1 (default 1000 when --duration is not set)")
	duration := fs.Duration("duration", 0, "run for this long (positive) instead of a case budget; shrinking included")
	workers := fs.Int("workers", 0, "parallel workers, at least 1 (default: number of CPUs)")
	var operations multiFlag
	fs.Var(&operations, "operation", "fuzz only this operationId (repeatable)")
	mode := fs.String("mode", "all", "inputs to generate: valid, invalid or all")
	shrink := fs.Duration("shrink-time", fuzz.DefaultShrinkTime, "time cap for shrinking each finding; 0 disables shrinking. With --duration, shrinking shares what is left of the duration")
	var shard shardFlag
	shard.register(fs, "campaign's cases (case i is part K when i % N == K-1; --budget stays the whole campaign's; give the same --seed to every part)")
	failFast := fs.Bool("fail-fast", false, "stop sending at the first finding (its root cause is still shrunk and written)")
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
	if *seed == 0 && shard.n > 1 {
		// Each part would draw its own time-based seed: the parts would not add up to one campaign.
		return usageError(stderr, "fuzz", "--shard needs --seed: every part must run the same campaign")
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
		Shard: shard.k, Shards: shard.n,
		StopOnFinding: *failFast, Embedded: s.embedded, Faults: tf.faults, Curl: s.curl,
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
	fs := newFlags("replay", "FILE [--target [NAME=]URL]... [--embedded] [--fault NAME]...", stderr)
	var tf targetFlags
	tf.register(fs)
	embedded := fs.Bool("embedded", false, "replay against the embedded emulator with only the --fault flags given (none: the correct emulator), not the target FILE records")
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
	if *embedded && len(tf.targets) > 0 {
		return usageError(stderr, "replay", "--embedded and --target are alternatives; give one")
	}
	where := recordedTarget(&tf, rp, file, *embedded)
	s, code := tf.open("replay", 1, stderr)
	if code != 0 {
		return code
	}
	defer s.close()
	if where != "" {
		fmt.Fprintln(stdout, where)
	}
	rp.Specs = s.set // the replay's operation is resolved in the specs the command was given
	ctx, cancel := context.WithTimeout(context.Background(), 2*tf.timeout+5*time.Second)
	defer cancel()
	still, results, ex, err := rp.Run(ctx, s.client, s.engine)
	if err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	// Everything printed about the exchange loses its signature and credentials, wherever the
	// target echoed them (the curl line, the response, the checks' messages).
	stdout = redactingWriter{w: stdout, redact: ex.Redact}
	if where == "" {
		fmt.Fprintf(stdout, "replaying %s against %s\n", file, s.describe)
	}
	fmt.Fprintln(stdout, ex.CurlWith(s.curl))
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

// recordedTarget points tf at the target the replay file records when the command line names
// none (no --target, --fault or --embedded), and returns the line saying where the replay goes
// and why ("" when the command line chose).
func recordedTarget(tf *targetFlags, rp *fuzz.Replay, file string, embedded bool) string {
	if embedded || len(tf.targets) > 0 || len(tf.faults) > 0 {
		return ""
	}
	switch rp.Target {
	case "":
		return fmt.Sprintf("replaying against the embedded emulator: %s records no target (an older plumb wrote it); --target URL replays elsewhere", file)
	case fuzz.ReplayEmbedded:
		tf.faults = append(tf.faults, rp.Faults...)
		what := "the embedded emulator"
		if len(rp.Faults) > 0 {
			what += " with faults " + strings.Join(rp.Faults, ",")
		}
		return fmt.Sprintf("replaying against %s (recorded in %s; --embedded replays against the correct emulator)", what, file)
	default:
		tf.targets = append(tf.targets, rp.Target)
		return fmt.Sprintf("replaying against %s (recorded in %s)", target.RedactString(rp.Target), file)
	}
}
