package report

import "time"

// Status is the outcome of a scenario, a check or a constraint.
type Status string

// The outcomes. Anything else (including "") is counted as Skipped, because a
// result nobody recorded is not evidence of a pass.
const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped"
	// Inconclusive: the target was asked but its answers prove nothing either way
	// (refused, throttled, no such operation or route, never exercised).
	Inconclusive Status = "inconclusive"
	// Interrupted: the run was stopped (SIGINT, SIGTERM) before it finished; what
	// it shows is partial.
	Interrupted Status = "interrupted"
)

// SeverityWarning marks a finding about a protocol habit the documents do not
// promise: shown with its reason, it fails nothing (plumb --strict makes it an
// error). The empty severity is an error.
const SeverityWarning = "warning"

// Run is everything one plumb invocation (run, fuzz or selftest) reports.
// The writers take it read-only and never hold per-case data: a million-case
// fuzz campaign arrives here as a Cases count plus a few Findings.
type Run struct {
	Tool        string        `json:"tool"`   // "plumb"
	Engine      string        `json:"engine"` // "run" | "fuzz" | "selftest"
	Target      string        `json:"target"` // human description of the target(s), already redacted
	Started     time.Time     `json:"started"`
	Duration    time.Duration `json:"duration_ns"`
	Seed        uint64        `json:"seed"`  // fuzz: the campaign seed (0 for run)
	Cases       int           `json:"cases"` // fuzz: cases executed
	Scenarios   []Scenario    `json:"scenarios"`
	Constraints []Constraint  `json:"constraints"`
	Findings    []Finding     `json:"findings"` // deduplicated; run failures also appear here
	Score       *Score        `json:"score,omitempty"`

	// The verdict and what it rests on (package verdict decides them): the run's
	// outcome, one line saying why, each operation's outcome, and the failures
	// grouped by root cause, most frequent first.
	Verdict       Status             `json:"verdict"`
	VerdictReason string             `json:"verdictReason"`
	Operations    []OperationVerdict `json:"operations"`
	RootCauses    []RootCause        `json:"rootCauses"`
	// Baseline is set when the run was compared with a baseline file (plumb --baseline):
	// each error root cause is then marked known or new, and Baseline lists the fixed ones.
	Baseline *BaselineSummary `json:"baseline,omitempty"`
	// Shard is set when the run is one part of a sharded run (plumb --shard K/N): which part,
	// and what plumb merge needs to add the parts up.
	Shard *Shard `json:"shard,omitempty"`
}

// BaselineSummary is how a run compares with a baseline of known root causes (package
// baseline): how many of its error root causes the file lists (known), how many it does not
// (new), and the file's root causes that no longer occur although their operation was judged.
type BaselineSummary struct {
	File  string      `json:"file"`
	Known int         `json:"known"`
	New   int         `json:"new"`
	Fixed []RootCause `json:"fixed"` // id, operation, check and cause only
}

// OperationVerdict is one operation's outcome and why: passed (exercised and
// conforming), failed, inconclusive (not exercised, refused, not implemented by
// the target), skipped (out of the run's scope: not selected, or no target for
// its service) or interrupted.
type OperationVerdict struct {
	Operation    string `json:"operation"`
	Verdict      Status `json:"verdict"`
	Reason       string `json:"reason,omitempty"`
	Exchanges    int    `json:"exchanges"`    // requests answered or attempted
	Inconclusive int    `json:"inconclusive"` // of which refused before the input was judged
}

// RootCause is one cause of failure: the same operation, the same check and the
// same observed cause on the response side, whatever inputs provoked it. Count
// is how many failures it explains; Rules lists (some of) the request rules
// those inputs exercised; Example is one full piece of evidence.
type RootCause struct {
	ID        string   `json:"id"` // stable across runs and seeds: a hash of operation, check and cause
	Operation string   `json:"operation"`
	Check     string   `json:"check"`
	Cause     string   `json:"cause"`
	Severity  string   `json:"severity"` // "error" or "warning"
	Count     int      `json:"count"`
	Rules     []string `json:"rules,omitempty"`
	Example   Finding  `json:"example"`
	// Baseline is "known" when the baseline file lists this root cause, "new" when it does
	// not, "" when the run was not compared with a baseline (or for a warning).
	Baseline string `json:"baseline,omitempty"`
	// Where the spec states what the cause breaks (package verdict fills them from the spec):
	// Constraint is the id of the constraint its example broke (PutThing.name.maxLength;
	// "" when the cause breaks no one constraint, a 5xx say), SpecFile and SpecLine the spec file
	// (as reports cite it, e.g. specs/outposts.yaml) and 1-based line of that constraint's
	// keyword, or of the operation when there is no constraint. Empty when not located.
	Constraint string `json:"constraint,omitempty"`
	SpecFile   string `json:"specFile,omitempty"`
	SpecLine   int    `json:"specLine,omitempty"`
	// Help says what the check demands, in one sentence (filled with the location).
	Help string `json:"help,omitempty"`
}

// Scenario is one Gherkin scenario or example row (run), or one
// (operation, mode) slice or finding (fuzz). Feature becomes the JUnit
// classname.
type Scenario struct {
	Feature    string        `json:"feature"`
	Name       string        `json:"name"`
	Operation  string        `json:"operation"`
	Tags       []string      `json:"tags,omitempty"`
	Status     Status        `json:"status"`
	SkipReason string        `json:"skip_reason,omitempty"` // why skipped or inconclusive
	Duration   time.Duration `json:"duration_ns"`
	Checks     []Check       `json:"checks,omitempty"`
	Failures   []Finding     `json:"failures,omitempty"`
}

// Check is the outcome of one named check (e.g. "status_code_conformance")
// inside a scenario. An empty Operation means the scenario's operation.
type Check struct {
	Name      string `json:"name"`
	Operation string `json:"operation,omitempty"`
	Status    Status `json:"status"`
	Message   string `json:"message,omitempty"`
}

// Constraint is one row of the constraint table derived from the spec, with
// the outcome of every scenario or case that exercised it.
type Constraint struct {
	ID        string `json:"id"` // stable, e.g. "PutThing $.name maxLength 100"
	Operation string `json:"operation"`
	Path      string `json:"path"`
	Keyword   string `json:"keyword"`
	Value     string `json:"value"`
	Source    string `json:"source"`
	Status    Status `json:"status"`    // failed if any exerciser failed, passed if all passed, skipped if none ran
	Exercised int    `json:"exercised"` // how many scenarios/cases exercised it
}

// Finding is one (deduplicated) contract violation with the evidence needed
// to reproduce it. Request, Response and Curl are expected to be redacted
// already; the writers scrub them again (see Scrub).
type Finding struct {
	Check     string `json:"check"`
	Operation string `json:"operation"`
	Rule      string `json:"rule,omitempty"` // e.g. "maxLength"
	Path      string `json:"path,omitempty"` // e.g. "$.name"
	Message   string `json:"message"`
	Request   string `json:"request,omitempty"`  // redacted HTTP dump
	Response  string `json:"response,omitempty"` // HTTP dump or transport error
	Curl      string `json:"curl,omitempty"`     // redacted curl line
	Rerun     string `json:"rerun,omitempty"`    // plumb command line rerunning the one failed scenario (plumb run)
	Seed      uint64 `json:"seed,omitempty"`     // fuzz seed reproducing it
	Replay    string `json:"replay,omitempty"`   // path of a replay file
	Count     int    `json:"count,omitempty"`    // occurrences folded into this finding
	// Cause is the response-side cause (see RootCause); Severity is "" for an
	// error or SeverityWarning.
	Cause    string `json:"cause,omitempty"`
	Severity string `json:"severity,omitempty"`
	// Origin is where a fuzz finding's example came from (nil for plumb run): plumb merge keeps
	// the example the fuzz driver would have kept.
	Origin *CaseOrigin `json:"origin,omitempty"`
}

// IsWarning reports whether the finding is a warning rather than an error.
func (f Finding) IsWarning() bool { return f.Severity == SeverityWarning }

// Score is the selftest mutation score: which seeded emulator faults the run
// and fuzz engines caught, and how often they alarmed on the correct emulator.
type Score struct {
	Rows            []ScoreRow `json:"rows"`
	FalseAlarmsRun  int        `json:"false_alarms_run"`
	FalseAlarmsFuzz int        `json:"false_alarms_fuzz"`
	CaughtRun       int        `json:"caught_run"`
	CaughtFuzz      int        `json:"caught_fuzz"`
	CaughtBoth      int        `json:"caught_both"`
	CaughtAny       int        `json:"caught_any"`
	Total           int        `json:"total"`
}

// ScoreRow is one seeded fault and whether (and how fast) each engine caught it.
type ScoreRow struct {
	Fault        string        `json:"fault"`
	Class        string        `json:"class"`
	Description  string        `json:"description"`
	CaughtByRun  bool          `json:"caught_by_run"`
	CaughtByFuzz bool          `json:"caught_by_fuzz"`
	RunTime      time.Duration `json:"run_time_ns"`  // time to catch (0 if not caught)
	FuzzTime     time.Duration `json:"fuzz_time_ns"` // time to catch (0 if not caught)
	Detail       string        `json:"detail,omitempty"`
}
