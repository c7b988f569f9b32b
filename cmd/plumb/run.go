package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/target"
)

// runFormats are the report formats plumb run writes; cucumber comes from godog itself.
var runFormats = append(append([]string{}, report.Formats...), "cucumber")

func cmdRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", "[--target [NAME=]URL]... [flags]", stderr)
	var tf targetFlags
	tf.register(fs)
	tf.checks.register(fs)
	tags := fs.String("tags", "", "godog tag expression selecting scenarios, e.g. @StartConnection.AssetId.maxLength or '~@creates'")
	var operations multiFlag
	fs.Var(&operations, "operation", "run only the scenarios of this operationId (repeatable)")
	concurrency := fs.Int("concurrency", 4, "scenarios run in parallel")
	var shard shardFlag
	shard.register(fs, "scenarios (by their position in the feature files)")
	scenario := fs.String("scenario", "", "run only the scenario of this name, as the reports give it, or \"Feature: name\" (each failed scenario's rerun line uses it)")
	failFast := fs.Bool("fail-fast", false, "start no scenario after the first failed one; those not started are reported skipped")
	featuresDir := fs.String("features", "", "a directory of .feature files to run instead of plumb's own (operations no file covers get scenarios generated from the spec)")
	var bf baselineFlags
	bf.register(fs)
	var rf reportFlags
	rf.register(fs, "plumb-reports", runFormats)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if code := bf.load("run", stderr); code != 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "run", "unexpected argument %q", fs.Arg(0))
	}
	if *concurrency < 1 {
		return usageError(stderr, "run", "--concurrency must be at least 1, got %d", *concurrency)
	}
	formats, err := rf.formats()
	if err != nil {
		return usageError(stderr, "run", "%v", err)
	}
	if err := rf.checkWritable(); err != nil {
		return usageError(stderr, "run", "%v", err)
	}
	var featureFS iofs.FS
	if *featuresDir != "" {
		if featureFS, err = featureFiles(*featuresDir); err != nil {
			return usageError(stderr, "run", "--features: %v", err)
		}
	}
	s, code := tf.open("run", *concurrency, stderr)
	if code != 0 {
		return code
	}
	defer s.close()

	var cucumber *os.File
	var fileFormats []string
	for _, f := range formats {
		if f != "cucumber" {
			fileFormats = append(fileFormats, f)
			continue
		}
		if cucumber, err = os.Create(filepath.Join(rf.dir, "plumb-cucumber.json")); err != nil {
			return usageError(stderr, "run", "--report-dir: %v", err)
		}
		defer cucumber.Close()
	}
	inScope, err := s.scopeFor(operations)
	if err != nil {
		return usageError(stderr, "run", "%v", err)
	}
	ctx, stop := interruptible()
	defer stop()
	cfg := conformance.Config{
		Specs: s.set, Client: s.client, Engine: s.engine,
		Tags: *tags, Concurrency: *concurrency, Scenario: *scenario, FailFast: *failFast,
		Rerun: strings.TrimSpace("plumb run " + tf.rerunArgs()), Curl: s.curl,
		LiveAWS: s.liveAWS, AllowLiveWrites: tf.allowLiveWrites,
		Operations: inScope, OutOfScope: s.outOfScope, Target: s.describe,
		Shard: shard.k, Shards: shard.n,
		Features: featureFS,
	}
	cfg.Known, cfg.KnownFrom = bf.known()
	if isTerminalWriter(stderr) {
		cfg.Progress = func(done, failed int) { fmt.Fprintf(stderr, "\r%d scenarios, %d failed ", done, failed) }
	}
	var cucumberBuf *bufio.Writer
	if cucumber != nil {
		// godog's plain formatter writes its output a byte at a time: one system call per byte
		// of a report of hundreds of KB (seconds) unless buffered.
		cucumberBuf = bufio.NewWriterSize(cucumber, 64<<10)
		cfg.CucumberJSON = cucumberBuf
	}
	if s.liveAWS && !tf.allowLiveWrites {
		rf.say(stdout, "target is real AWS: running only scenarios whose input must be rejected; scenarios that create resources are skipped (--allow-live-writes runs them)")
	}
	run, err := conformance.Run(ctx, cfg)
	if cucumberBuf != nil {
		if ferr := cucumberBuf.Flush(); ferr != nil && err == nil {
			return usageError(stderr, "run", "writing %s: %v", cucumber.Name(), ferr)
		}
	}
	if err != nil {
		return usageError(stderr, "run", "%v", err)
	}
	bf.write("run", run, rf.out(stdout), stderr)
	return notAnswering("run", s, bf.exit(finish("run", run, fileFormats, &rf, cucumber, stdout, stderr)), stderr)
}

// notAnswering turns code into exitUnreachable, with one line on stderr naming the cause, when
// the run stopped because the target never answered (target.Client.NotAnswering). The reports
// are written by then (verdict inconclusive, with the same cause); an interrupt or a failure
// to write them keeps its own code.
func notAnswering(cmd string, s *session, code int, stderr io.Writer) int {
	err := s.client.NotAnswering()
	if err == nil || code == exitInterrupted || code == exitUsage {
		return code
	}
	fmt.Fprintf(stderr, "plumb %s: %v\n", cmd, err)
	if errors.Is(err, target.ErrThrottling) {
		return exitInconclusive // it answered, only ever "slow down": asked, but nothing proven
	}
	return exitUnreachable
}

// finish writes the reports, then the terminal summary, whose last line is the verdict (the
// only line with --quiet), and picks the exit code.
func finish(cmd string, run *report.Run, formats []string, rf *reportFlags, extra *os.File, stdout, stderr io.Writer) int {
	paths, err := report.WriteFiles(rf.dir, run, formats)
	if err != nil {
		fmt.Fprintf(stderr, "plumb %s: writing reports: %v\n", cmd, err)
		return exitUsage
	}
	if extra != nil {
		paths = append(paths, extra.Name())
	}
	if rf.quiet {
		var summary bytes.Buffer
		if err := report.WriteTerminal(&summary, run, rf.color(stdout)); err != nil {
			fmt.Fprintf(stderr, "plumb %s: %v\n", cmd, err)
		}
		lines := strings.Split(strings.TrimRight(summary.String(), "\n"), "\n")
		fmt.Fprintln(stdout, lines[len(lines)-1]) // the verdict
		return exitCode(run)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, "reports:")
	for _, p := range paths {
		fmt.Fprintf(stdout, "  %s\n", p)
	}
	fmt.Fprintln(stdout)
	if err := report.WriteTerminal(stdout, run, rf.color(stdout)); err != nil {
		fmt.Fprintf(stderr, "plumb %s: %v\n", cmd, err)
	}
	return exitCode(run)
}

// exitCode maps the run's verdict to the documented exit codes.
func exitCode(run *report.Run) int {
	switch run.Summary().Status {
	case report.Passed:
		return exitOK
	case report.Interrupted:
		return exitInterrupted
	case report.Inconclusive, report.Skipped:
		return exitInconclusive
	default:
		return exitNonConform
	}
}

// interruptible returns a context cancelled by the first SIGINT or SIGTERM: sending stops at
// once and the reports are still written, marked interrupted. A second signal kills plumb the
// default way, for a user who does not want to wait for the reports.
func interruptible() (context.Context, func()) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := underlyingFile(w)
	return ok && isTerminal(f)
}

// featureFiles opens a --features directory, refusing one that holds no .feature file (a typo
// would otherwise run nothing and look like a pass).
func featureFiles(dir string) (iofs.FS, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	fsys := os.DirFS(dir)
	found, err := iofs.Glob(fsys, "*.feature")
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("%s holds no .feature file", dir)
	}
	return fsys, nil
}
