package selftest

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Config tunes a selftest. The zero value runs every fault with the defaults.
type Config struct {
	Faults     []string      // faults to score; empty = the whole catalogue
	FuzzSeed   uint64        // fixed campaign seed (default 1)
	FuzzBudget int           // cases per fuzz campaign (default 1500)
	Parallel   int           // subjects scored at once (default GOMAXPROCS)
	Timeout    time.Duration // per-request timeout (default 5s)
	Strict     bool          // check.Options.Strict for both engines
	// Progress, if set, gets one line per scored subject as it finishes.
	Progress func(line string)
}

const correct = "" // the subject with no fault: the correct emulator

// Run scores the engines. The report's Score holds the table; Status is failed unless every
// fault is caught by at least one engine and the correct emulator raised no alarm.
func Run(ctx context.Context, cfg Config) (*report.Run, error) {
	set, err := specs.Load()
	if err != nil {
		return nil, err
	}
	if cfg.FuzzSeed == 0 {
		cfg.FuzzSeed = 1
	}
	if cfg.FuzzBudget <= 0 {
		cfg.FuzzBudget = 1500
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = runtime.GOMAXPROCS(0)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	catalogue := map[string]emulator.Fault{}
	for _, f := range emulator.Faults() {
		catalogue[f.Name] = f
	}
	faults := cfg.Faults
	if len(faults) == 0 {
		for _, f := range emulator.Faults() {
			faults = append(faults, f.Name)
		}
	}
	for _, f := range faults {
		if _, ok := catalogue[f]; !ok {
			return nil, fmt.Errorf("selftest: unknown fault %q (see plumb serve --list-faults)", f)
		}
	}

	started := time.Now()
	subjects := append([]string{correct}, faults...)
	outcomes := make([]outcome, len(subjects))
	sem := make(chan struct{}, cfg.Parallel)
	var wg sync.WaitGroup
	for i, subject := range subjects {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			outcomes[i] = score(ctx, set, cfg, subject)
			if cfg.Progress != nil {
				cfg.Progress(outcomes[i].line())
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	run := &report.Run{Tool: "plumb", Engine: "selftest", Target: "embedded emulator and its fault catalogue",
		Started: started, Duration: time.Since(started), Seed: cfg.FuzzSeed}
	sc := &report.Score{}
	for _, o := range outcomes {
		if o.err != nil {
			return nil, fmt.Errorf("selftest %s: %w", o.name(), o.err)
		}
		if o.fault == correct {
			sc.FalseAlarmsRun, sc.FalseAlarmsFuzz = o.runFailures, o.fuzzFindings
			run.Scenarios = append(run.Scenarios, o.scenarios()...)
			continue
		}
		f := catalogue[o.fault]
		row := report.ScoreRow{Fault: f.Name, Class: f.Class, Description: f.Description,
			CaughtByRun: o.runFailures > 0, CaughtByFuzz: o.fuzzFindings > 0, Detail: o.detail()}
		if row.CaughtByRun {
			row.RunTime = o.runTime
			sc.CaughtRun++
		}
		if row.CaughtByFuzz {
			row.FuzzTime = o.fuzzTime
			sc.CaughtFuzz++
		}
		if row.CaughtByRun && row.CaughtByFuzz {
			sc.CaughtBoth++
		}
		if row.CaughtByRun || row.CaughtByFuzz {
			sc.CaughtAny++
		}
		sc.Rows = append(sc.Rows, row)
		run.Scenarios = append(run.Scenarios, o.scenarios()...)
	}
	sc.Total = len(sc.Rows)
	sort.Slice(sc.Rows, func(i, j int) bool { return sc.Rows[i].Fault < sc.Rows[j].Fault })
	run.Score = sc
	return run, nil
}

// Passed reports whether a selftest report scores 100% with no false alarm.
func Passed(run *report.Run) bool {
	s := run.Score
	return s != nil && s.CaughtAny == s.Total && s.FalseAlarmsRun == 0 && s.FalseAlarmsFuzz == 0
}

// outcome is what both engines made of one subject.
type outcome struct {
	fault                     string
	runFailures, fuzzFindings int
	runTime, fuzzTime         time.Duration
	runFirst, fuzzFirst       string
	err                       error
}

func (o outcome) name() string {
	if o.fault == correct {
		return "correct emulator"
	}
	return o.fault
}

func (o outcome) line() string {
	return fmt.Sprintf("%-34s run: %3d failing scenarios  fuzz: %3d findings", o.name(), o.runFailures, o.fuzzFindings)
}

func (o outcome) detail() string {
	var parts []string
	if o.runFirst != "" {
		parts = append(parts, "run: "+o.runFirst)
	}
	if o.fuzzFirst != "" {
		parts = append(parts, "fuzz: "+o.fuzzFirst)
	}
	return strings.Join(parts, "; ")
}

// scenarios turns the outcome into report rows: for a fault, "caught" passes; for the correct
// emulator, "clean" passes.
func (o outcome) scenarios() []report.Scenario {
	mk := func(engine string, alarms int, took time.Duration, first string) report.Scenario {
		s := report.Scenario{Feature: "selftest " + engine, Operation: "", Duration: took}
		if o.fault == correct {
			s.Name = "correct emulator raises no alarm"
			s.Status = report.Passed
			if alarms > 0 {
				s.Status = report.Failed
				s.Failures = []report.Finding{{Check: "false_alarm", Message: fmt.Sprintf("%d alarms on the correct emulator; first: %s", alarms, first)}}
			}
			return s
		}
		s.Name = "catches " + o.fault
		s.Status = report.Passed
		if alarms == 0 {
			// One engine missing a fault is not a failure of the selftest (the other may catch it);
			// the score table shows it. Mark it skipped so it is visible but not red.
			s.Status = report.Skipped
			s.SkipReason = engine + " did not catch this fault"
		}
		return s
	}
	return []report.Scenario{
		mk("run", o.runFailures, o.runTime, o.runFirst),
		mk("fuzz", o.fuzzFindings, o.fuzzTime, o.fuzzFirst),
	}
}

// score runs both engines against one subject, each against its own emulator so that state
// one engine creates cannot mask or cause a finding of the other.
func score(ctx context.Context, set *specs.Set, cfg Config, fault string) outcome {
	o := outcome{fault: fault}
	var faults []string
	if fault != correct {
		faults = []string{fault}
	}
	// Each driver gets its own check engine: an engine remembers the ids it has seen returned
	// (stateful_conformance), and two emulators may hand out the same ones.
	newEngine := func() *check.Engine { return check.New(set, check.Options{Strict: cfg.Strict}) }

	withTarget := func(fn func(*target.Client) error) error {
		srv, err := emulator.Start(emulator.Config{Faults: faults}, "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer srv.Close()
		client, err := target.New(target.Options{Targets: map[string]string{"": srv.URL}, Timeout: cfg.Timeout, Concurrency: 4})
		if err != nil {
			return err
		}
		defer client.CloseIdleConnections()
		return fn(client)
	}

	o.err = withTarget(func(client *target.Client) error {
		t0 := time.Now()
		run, err := conformance.Run(ctx, conformance.Config{Specs: set, Client: client, Engine: newEngine(),
			Concurrency: 4, Target: "selftest " + o.name()})
		o.runTime = time.Since(t0)
		if err != nil {
			return fmt.Errorf("run: %w", err)
		}
		for _, s := range run.Scenarios {
			if s.Status == report.Failed {
				if o.runFailures == 0 {
					o.runFirst = s.Name
				}
				o.runFailures++
			}
		}
		return nil
	})
	if o.err != nil {
		return o
	}
	// FuzzTime is the time to the first finding: the campaign stops handing out cases at its
	// first finding and does not shrink it (shrinking is not detection, and would add up to its
	// whole shrink time). The correct emulator runs the whole budget.
	fuzzRun := func(stop bool) (run *report.Run, err error) {
		err = withTarget(func(client *target.Client) error {
			t0 := time.Now()
			run, err = fuzz.Run(ctx, fuzz.Config{Specs: set, Client: client, Engine: newEngine(),
				Seed: cfg.FuzzSeed, Budget: cfg.FuzzBudget, Workers: 4, ShrinkTime: -1, StopOnFinding: stop,
				Target: "selftest " + o.name()})
			o.fuzzTime = time.Since(t0)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("fuzz: %w", err)
		}
		return run, nil
	}
	// fuzz stops only at a finding the verdict keeps (one about an operation the target was seen
	// to implement), so a stopped campaign's findings are its detection.
	run, err := fuzzRun(fault != correct)
	if err != nil {
		o.err = err
		return o
	}
	o.fuzzFindings = len(run.Findings)
	if len(run.Findings) > 0 {
		f := run.Findings[0]
		o.fuzzFirst = fmt.Sprintf("%s %s %s %s", f.Operation, f.Check, f.Path, f.Rule)
	}
	return o
}
