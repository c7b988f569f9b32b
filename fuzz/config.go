package fuzz

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// DefaultBudget is the number of cases a campaign runs when neither Budget nor Duration is set.
const DefaultBudget = 1000

// DefaultShrinkTime caps the time spent minimising one finding.
const DefaultShrinkTime = 10 * time.Second

// Campaign modes (Config.Mode).
const (
	ModeAll     = "all"     // every kind of case
	ModeValid   = "valid"   // conforming inputs only: valid and valid boundary cases
	ModeInvalid = "invalid" // inputs breaking one rule: invalid, invalid boundary and protocol cases
)

// Kind says how a case was made; it names the report scenario the case counts towards.
type Kind string

const (
	KindValid    Kind = "valid"    // generators.Valid
	KindBoundary Kind = "boundary" // generators.Boundary, cycled
	KindInvalid  Kind = "invalid"  // generators.Invalid: one broken keyword
	KindProtocol Kind = "protocol" // a break of the wire protocol (malformed JSON, media type, target, empty label)
	KindStateful Kind = "stateful" // a read-back of what a valid case created (stateful.go)
)

// Config configures a campaign.
type Config struct {
	Specs  *specs.Set
	Client *target.Client
	Engine *check.Engine

	Seed       uint64        // same seed + same target -> same cases and the same findings
	Budget     int           // number of cases (0 with Duration 0 -> DefaultBudget)
	Duration   time.Duration // alternative stop condition; with Budget set, whichever comes first. Bounds shrinking too
	Workers    int           // parallel workers (default GOMAXPROCS)
	Operations []string      // operationIds to fuzz; empty = all (but OutOfScope)
	// OutOfScope names operations left out with the reason (no target for their service).
	OutOfScope map[string]string
	// Known lists the root causes of a baseline read from KnownFrom (nil: none): the verdict
	// marks the run's root causes known or new, and only new ones fail (verdict.Scope.Known).
	Known      []report.RootCause
	KnownFrom  string
	Mode       string        // ModeValid | ModeInvalid | ModeAll ("" = all)
	ReplayDir  string        // where replay files go ("" -> none written)
	ShrinkTime time.Duration // cap per finding (default DefaultShrinkTime; negative disables shrinking); within Duration, what is left of it
	Progress   io.Writer     // progress line (cases/s, findings); nil = quiet
	Target     string        // description of the target, for reports

	// Shard and Shards run one part of a campaign (plumb --shard K/N): Shard K of Shards N runs
	// the cases whose index i has i % N == K-1, of the same seed, so that the N parts together
	// run exactly the unsharded campaign's cases; Budget stays the whole campaign's. Shards 0
	// runs everything. A sharded run's report carries what plumb merge needs (report.Shard).
	Shard, Shards int

	// StopOnFinding stops handing out cases once a finding the verdict keeps is found (plumb fuzz
	// --fail-fast, selftest and time-to-finding measurements; it makes the number of cases run
	// depend on timing).
	StopOnFinding bool

	// Embedded marks the embedded emulator as the target, with Faults injected: replay files
	// then record ReplayEmbedded and the faults (the emulator is gone after the run); otherwise
	// they record the base URL their request went to.
	Embedded bool
	Faults   []string
	// Curl says how the findings' curl lines name the target.
	Curl target.CurlOptions

	// LiveAWS marks a real AWS target: then only requests that create nothing are sent (inputs
	// breaking a rule, and reads) unless AllowLiveWrites.
	LiveAWS, AllowLiveWrites bool
}

func (c Config) withDefaults() Config {
	if c.Budget == 0 && c.Duration == 0 {
		c.Budget = DefaultBudget
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Mode == "" {
		c.Mode = ModeAll
	}
	if c.ShrinkTime == 0 {
		c.ShrinkTime = DefaultShrinkTime
	}
	if len(c.Operations) == 0 && len(c.OutOfScope) > 0 && c.Specs != nil {
		for _, op := range c.Specs.Operations() {
			if c.OutOfScope[op.ID] == "" {
				c.Operations = append(c.Operations, op.ID)
			}
		}
	}
	return c
}

// check reports configuration mistakes, all at once.
func (c Config) check() error {
	var errs []error
	if c.Specs == nil {
		errs = append(errs, errors.New("fuzz: Config.Specs is nil"))
	}
	if c.Client == nil {
		errs = append(errs, errors.New("fuzz: Config.Client is nil"))
	}
	if c.Engine == nil {
		errs = append(errs, errors.New("fuzz: Config.Engine is nil"))
	}
	if c.Budget < 0 {
		errs = append(errs, fmt.Errorf("fuzz: Budget must not be negative, got %d", c.Budget))
	}
	if c.Duration < 0 {
		errs = append(errs, fmt.Errorf("fuzz: Duration must not be negative, got %s", c.Duration))
	}
	if c.Shards < 0 || c.Shards > 0 && (c.Shard < 1 || c.Shard > c.Shards) {
		errs = append(errs, fmt.Errorf("fuzz: Shard must be in 1..%d, got %d", c.Shards, c.Shard))
	}
	switch c.Mode {
	case "", ModeAll, ModeValid, ModeInvalid:
	default:
		errs = append(errs, fmt.Errorf("fuzz: Mode %q is not valid, invalid or all", c.Mode))
	}
	if c.Specs != nil {
		for _, id := range c.Operations {
			if c.Specs.Operation(id) == nil {
				errs = append(errs, fmt.Errorf("fuzz: unknown operation %q", id))
			}
		}
	}
	return errors.Join(errs...)
}

// liveWritesForbidden reports whether requests that may create resources must not be sent.
func (c Config) liveWritesForbidden() bool { return c.LiveAWS && !c.AllowLiveWrites }

// caseIndex maps the n-th case a campaign hands out to its index in the whole campaign: n
// itself, or the n-th index of this shard (i % Shards == Shard-1).
func (c Config) caseIndex(n int) int {
	if c.Shards <= 1 {
		return n
	}
	return n*c.Shards + c.Shard - 1
}
