package conformance

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"strings"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
	"github.com/plumbhq/plumb/verdict"
)

// Config configures one run of the suite.
type Config struct {
	Specs  *specs.Set
	Client *target.Client
	Engine *check.Engine

	// Tags is a godog tag expression selecting scenarios, e.g.
	// "@PutThing.name.maxLength && ~@creates" ("," is or, "&&" and, "~" not);
	// "" runs everything.
	Tags string
	// Concurrency is how many scenarios run at once; 0 means 1.
	Concurrency int
	// Scenario, when set, runs only the scenarios so named: by the name the reports give them
	// (with an example row's values), or as "Feature: name" (the feature's name, a colon and a
	// space, the scenario's name), which is unique. Other scenarios are neither run nor
	// reported. A name no scenario has is an error.
	Scenario string
	// FailFast stops starting scenarios once one has failed: those not started yet are reported
	// skipped with the reason (the run is not interrupted; its verdict is failed).
	FailFast bool

	// Rerun is the command line that reruns this run's target and options ("plumb run
	// --target ..."); every finding of a failed scenario carries it with the scenario's
	// --scenario selector appended (report.Finding.Rerun). "": no rerun lines.
	Rerun string
	// Curl says how the findings' curl lines name the target (a shell variable for the
	// embedded emulator, which is gone after the run).
	Curl target.CurlOptions

	// LiveAWS marks a target that is real AWS; unless AllowLiveWrites, scenarios that create
	// resources are skipped before they send anything.
	LiveAWS, AllowLiveWrites bool

	// Operations selects the operations the run is about (nil: every operation of Specs).
	// OutOfScope names operations left out with the reason (no target for their service).
	// Scenarios that would send to an operation out of scope are skipped with that reason.
	Operations []string
	OutOfScope map[string]string

	// Known lists the root causes of a baseline read from KnownFrom (nil: none): the verdict
	// marks the run's root causes known or new, and only new ones fail (verdict.Scope.Known).
	Known     []report.RootCause
	KnownFrom string

	// Shard and Shards run one part of the suite (plumb --shard K/N): Shard K of Shards N runs
	// the scenarios (example rows counted one by one) whose position in the feature files, in
	// file order, is K-1 modulo N; the others are skipped by godog and left out of the report.
	// Scenarios are independent (each flow creates what it reads), so the N parts together are
	// the whole suite. Shards 0 runs everything. A sharded run's report carries what plumb
	// merge needs (report.Shard).
	Shard, Shards int

	CucumberJSON io.Writer              // godog's cucumber JSON report (optional)
	Progress     func(done, failed int) // called after each finished scenario (nil: none)
	Features     fs.FS                  // feature files (searched recursively); nil means features.FS
	// FeatureFilesOnly runs the feature files alone. Otherwise every operation of Specs that no
	// feature file covers gets the feature package scenarios generates from its spec.
	FeatureFilesOnly bool
	Target           string // description of the target for the report, already redacted
}

func (c Config) validate() error {
	var errs []error
	if c.Specs == nil {
		errs = append(errs, errors.New("conformance: Config.Specs is nil"))
	}
	if c.Client == nil {
		errs = append(errs, errors.New("conformance: Config.Client is nil"))
	}
	if c.Engine == nil {
		errs = append(errs, errors.New("conformance: Config.Engine is nil"))
	}
	if c.Specs != nil {
		for _, op := range c.Operations {
			if c.Specs.Operation(op) == nil {
				errs = append(errs, fmt.Errorf("conformance: unknown operation %q (the specs have %s)", op, opNames(c.Specs)))
			}
		}
	}
	if c.Shards < 0 || c.Shards > 0 && (c.Shard < 1 || c.Shard > c.Shards) {
		errs = append(errs, fmt.Errorf("conformance: Shard must be in 1..%d, got %d", c.Shards, c.Shard))
	}
	if c.Concurrency < 0 {
		errs = append(errs, errors.New("conformance: Config.Concurrency is negative"))
	}
	return errors.Join(errs...)
}

func opNames(set *specs.Set) string {
	var names []string
	for _, op := range set.Operations() {
		names = append(names, op.ID)
	}
	return strings.Join(names, ", ")
}

// scope returns the operations in scope, in spec order, and why each other one is out.
func (c Config) scope() verdict.Scope {
	sc := verdict.Scope{Skipped: map[string]string{}, Known: c.Known, KnownFrom: c.KnownFrom, Specs: c.Specs}
	selected := map[string]bool{}
	for _, op := range c.Operations {
		selected[op] = true
	}
	for _, op := range c.Specs.Operations() {
		switch {
		case c.OutOfScope[op.ID] != "":
			sc.Skipped[op.ID] = c.OutOfScope[op.ID]
		case len(selected) > 0 && !selected[op.ID]:
			sc.Skipped[op.ID] = "not selected by --operation"
		default:
			sc.Operations = append(sc.Operations, op.ID)
		}
	}
	return sc
}

// inShard reports whether the scenario at position order of the feature files is this run's.
func (c Config) inShard(order int) bool {
	return c.Shards <= 1 || order%c.Shards == c.Shard-1
}
