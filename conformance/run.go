package conformance

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/features"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/steps"
	"github.com/plumbhq/plumb/verdict"
)

// godog's exit code for options it could not use (a bad formatter, unreadable paths).
const godogOptionError = 2

// FailFastReason is why a scenario Config.FailFast kept from starting is skipped.
const FailFastReason = "not run: --fail-fast stopped the run at the first failed scenario"

// Run runs the selected scenarios against the target and reports what they saw. The target
// misbehaving (failing checks, hanging, resetting, answering garbage) shows in the report, never
// as an error: Run returns an error only when the run itself could not be made (missing
// configuration, feature files that do not parse, undefined or pending steps, a tag expression
// selecting no scenario).
func Run(ctx context.Context, cfg Config) (*report.Run, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	fsys, builtin := cfg.Features, cfg.Features == nil
	if builtin {
		fsys = features.FS
	}
	files, fit, err := suiteFiles(fsys, cfg.Specs, cfg.FeatureFilesOnly, builtin)
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog(files)
	if err != nil {
		return nil, err
	}
	concurrency := cfg.Concurrency
	if concurrency == 0 {
		concurrency = 1
	}

	if ctx == nil {
		ctx = context.Background()
	}
	if cfg.Scenario != "" && cat.selected(cfg.Scenario) == 0 {
		return nil, fmt.Errorf("conformance: no scenario named %q (a scenario's name as the reports give it, or \"Feature: name\")", cfg.Scenario)
	}
	scope := cfg.scope()
	env := &steps.Env{Specs: cfg.Specs, Client: cfg.Client, Engine: cfg.Engine,
		LiveAWS: cfg.LiveAWS, AllowLiveWrites: cfg.AllowLiveWrites,
		OutOfScope: func(op string) string { return scope.Skipped[op] }}
	// A target declared not answering (target.Client.NotAnswering) stops the run as an
	// interrupt would, for its own reason: the scenarios left are not worth a timeout each.
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	go func() {
		select {
		case <-cfg.Client.Silent():
			stopRun()
		case <-runCtx.Done():
		}
	}()
	col := &collector{cat: cat, specs: cfg.Specs, evidence: verdict.NewEvidence(), progress: cfg.Progress,
		stopped: func() string {
			switch {
			case ctx.Err() != nil:
				return "interrupted before it finished"
			case runCtx.Err() != nil:
				return "not run: " + errText(cfg.Client.NotAnswering())
			}
			return ""
		}, rerun: cfg.Rerun, curl: cfg.Curl}
	// picked reports whether --scenario (when given) selects the scenario.
	picked := func(p *godog.Scenario) bool { return cfg.Scenario == "" || cat.lookup(p).selects(cfg.Scenario) }

	// godog writes its own formatter output; plumb reports through report.Run, so only the
	// cucumber JSON (when asked for) is kept.
	format, out := "progress", io.Discard
	if cfg.CucumberJSON != nil {
		format, out = "cucumber", cfg.CucumberJSON
	}
	suite := godog.TestSuite{
		Name: "plumb",
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			st := steps.Register(sc, env)
			var began time.Time
			sc.Before(func(ctx context.Context, p *godog.Scenario) (context.Context, error) {
				began = time.Now()
				if runCtx.Err() != nil {
					// Stopped: godog runs every scenario anyway; skip the steps of those left.
					return ctx, godog.ErrSkip
				}
				if !cfg.inShard(cat.lookup(p).order) {
					return ctx, godog.ErrSkip // another shard's: nothing is sent
				}
				if !picked(p) {
					return ctx, godog.ErrSkip // not selected by --scenario: not run, not reported
				}
				if cfg.FailFast && col.anyFailed() {
					st.SkipReason = FailFastReason
					return ctx, godog.ErrSkip
				}
				if why := fit.skip(p); why != "" {
					st.SkipReason = why
					return ctx, godog.ErrSkip
				}
				return ctx, nil
			})
			sc.After(func(ctx context.Context, p *godog.Scenario, err error) (context.Context, error) {
				if cfg.inShard(cat.lookup(p).order) && picked(p) {
					col.add(p, st, err, time.Since(began))
				}
				return ctx, nil
			})
		},
		Options: &godog.Options{
			// Every feature goes in as contents, the files read and the generated ones alike, so
			// godog and the catalog see the same text under the same names.
			FeatureContents: files,
			Tags:            cfg.Tags,
			Concurrency:     concurrency,
			Format:          format,
			Output:          out,
			NoColors:        true,
			Strict:          true,
			Randomize:       0,
			DefaultContext:  runCtx,
		},
	}

	started := time.Now()
	code := suite.Run()
	if code == godogOptionError {
		return nil, fmt.Errorf("conformance: godog could not run the suite (tags %q): check the tag expression and feature files", cfg.Tags)
	}
	if len(col.undefined) > 0 {
		return nil, fmt.Errorf("conformance: the suite uses steps the vocabulary does not define:\n  %s", strings.Join(col.undefined, "\n  "))
	}
	scenarios := col.sorted()
	if len(scenarios) == 0 && cfg.Shards <= 1 {
		return nil, fmt.Errorf("conformance: no scenario matches the tag expression %q", cfg.Tags)
	}

	run := &report.Run{
		Tool:     "plumb",
		Engine:   "run",
		Target:   cfg.Target,
		Started:  started,
		Duration: time.Since(started),
	}
	for _, s := range scenarios {
		run.Scenarios = append(run.Scenarios, s.scenario)
		run.Findings = append(run.Findings, s.scenario.Failures...)
	}
	run.Constraints = constraintTable(cfg.Specs, scenarios)
	scope.NotAnswering = errText(cfg.Client.NotAnswering())
	verdict.Decide(run, col.evidence, scope, ctx.Err() != nil)
	if cfg.Shards > 0 {
		run.Shard = verdict.Shard(cfg.Shard, cfg.Shards, col.evidence, scope)
		run.Shard.Tags = cfg.Tags
		run.Shard.Positions = map[string]int{}
		for _, s := range scenarios {
			run.Shard.Positions[report.ScenarioKey(s.scenario)] = s.order
		}
	}
	return run, nil
}

// errText is err's message, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
