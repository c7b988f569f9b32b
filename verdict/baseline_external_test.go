package verdict_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/baseline"
	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/verdict"
)

// Root causes of the baseline tests, as findings of a run: their ids are their root causes'.
var (
	dup    = report.Finding{Operation: "CreateConnection", Check: "expected_outcome", Cause: "expected DuplicateTagKeysException 400, got 200"}
	accept = report.Finding{Operation: "CreateConnection", Check: "negative_data_rejection", Cause: "input breaking a documented rule accepted with 200", Count: 2}
	null   = report.Finding{Operation: "StartConnection", Check: "not_a_server_error", Cause: "server error 500 InternalServerException"}
	warn   = report.Finding{Operation: "CreateConnection", Check: "negative_data_rejection", Cause: "habit", Severity: report.SeverityWarning}
)

// known is a baseline of findings, as plumb --update-baseline writes it.
func known(fs ...report.Finding) []report.RootCause {
	return baseline.FromRun(&report.Run{RootCauses: report.GroupRootCauses(fs)}, nil).Known()
}

// exercised is evidence that both operations were exercised (a 200 each), plus refused
// requests of CreateConnection.
func exercised(t *testing.T, refusedCreates int) *verdict.Evidence {
	set, e := load(t)
	ev := verdict.NewEvidence()
	add(ev, set, e, "CreateConnection", check.Valid(), answer(200, "application/x-amz-json-1.1", createOK))
	add(ev, set, e, "StartConnection", check.Valid(), answer(200, "application/json", `{}`))
	for range refusedCreates {
		add(ev, set, e, "CreateConnection", check.Valid(),
			answer(403, "application/x-amz-json-1.1", `{"__type":"UnrecognizedClientException","message":"bad"}`))
	}
	return ev
}

func decideWith(ev *verdict.Evidence, base []report.RootCause, from string, interrupted bool, fs ...report.Finding) *report.Run {
	run := &report.Run{Findings: fs}
	sc := scope("CreateConnection", "StartConnection")
	sc.Known, sc.KnownFrom = base, from
	verdict.Decide(run, ev, sc, interrupted)
	return run
}

func operation(run *report.Run, op string) report.OperationVerdict {
	for _, o := range run.Operations {
		if o.Operation == op {
			return o
		}
	}
	return report.OperationVerdict{}
}

func TestBaselineAllKnownPasses(t *testing.T) {
	run := decideWith(exercised(t, 0), known(dup, accept), "plumb-baseline.json", false, accept, dup, warn)

	assert.Equal(t, report.Passed, run.Verdict)
	assert.Equal(t, report.Passed, run.Summary().Status)
	assert.Equal(t, "2 known root causes (baseline plumb-baseline.json), 0 new", run.VerdictReason)
	assert.Equal(t, report.Passed, operation(run, "CreateConnection").Verdict)
	assert.Contains(t, operation(run, "CreateConnection").Reason, "only 2 known root causes")
	for _, c := range run.RootCauses {
		if c.Severity == report.SeverityWarning {
			assert.Empty(t, c.Baseline)
		} else {
			assert.Equal(t, "known", c.Baseline, c.Cause)
		}
	}
	require.NotNil(t, run.Baseline)
	assert.Equal(t, report.BaselineSummary{File: "plumb-baseline.json", Known: 2, Fixed: []report.RootCause{}}, *run.Baseline)
}

func TestBaselineNewFailsAndFixedListed(t *testing.T) {
	base := known(dup, accept)
	run := decideWith(exercised(t, 0), base, "b.json", false, accept, null) // dup fixed, null new

	require.NotNil(t, run.Baseline)
	assert.Equal(t, 1, run.Baseline.Known)
	assert.Equal(t, 1, run.Baseline.New)
	require.Len(t, run.Baseline.Fixed, 1)
	assert.Equal(t, report.RootCauseID(dup.Operation, dup.Check, dup.Cause), run.Baseline.Fixed[0].ID)
	assert.Equal(t, report.Failed, run.Verdict)
	assert.Contains(t, run.VerdictReason, "1 new root cause in StartConnection")
	assert.Equal(t, report.Passed, operation(run, "CreateConnection").Verdict, "CreateConnection has only a known root cause")
	assert.Equal(t, report.Failed, operation(run, "StartConnection").Verdict)
	for _, rc := range run.RootCauses {
		want := map[string]string{accept.Cause: "known", null.Cause: "new"}[rc.Cause]
		assert.Equal(t, want, rc.Baseline, rc.Cause)
	}
}

func TestBaselineKeepsInconclusiveAndInterrupted(t *testing.T) {
	// Some requests were refused: only known root causes is not a pass.
	run := decideWith(exercised(t, 3), known(dup), "b.json", false, dup)
	assert.Equal(t, report.Inconclusive, operation(run, "CreateConnection").Verdict)
	assert.Equal(t, report.Inconclusive, run.Verdict)

	run = decideWith(exercised(t, 0), known(dup), "b.json", true, dup)
	assert.Equal(t, report.Interrupted, run.Verdict)
	assert.Equal(t, report.Interrupted, operation(run, "CreateConnection").Verdict)
}

func TestBaselineFixedNeedsAJudgedOperation(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	add(ev, set, e, "CreateConnection", check.Valid(), answer(200, "application/x-amz-json-1.1", createOK))
	base := known(dup, null)
	run := &report.Run{}
	sc := scope("CreateConnection")
	sc.Skipped["StartConnection"] = "not selected by --operation"
	sc.Known, sc.KnownFrom = base, "b.json"
	verdict.Decide(run, ev, sc, false)

	require.Len(t, run.Baseline.Fixed, 1, "a root cause of an operation the run left out is not fixed")
	assert.Equal(t, report.RootCauseID(dup.Operation, dup.Check, dup.Cause), run.Baseline.Fixed[0].ID)
	assert.Equal(t, report.Passed, run.Verdict)

	// Updating from that run keeps what it could not see.
	prev := baseline.FromRun(&report.Run{RootCauses: report.GroupRootCauses([]report.Finding{dup, null})}, nil)
	f := baseline.FromRun(run, prev)
	require.Len(t, f.RootCauses, 1)
	assert.Equal(t, report.RootCauseID(null.Operation, null.Check, null.Cause), f.RootCauses[0].ID)
}

func TestBaselineWritersShowIt(t *testing.T) {
	run := decideWith(exercised(t, 0), known(dup, null), "plumb-baseline.json", false, dup, accept)

	var term strings.Builder
	require.NoError(t, report.WriteTerminal(&term, run, false))
	out := term.String()
	assert.Contains(t, out, "known CreateConnection expected_outcome")
	assert.Contains(t, out, "new CreateConnection negative_data_rejection")
	assert.Contains(t, out, "fixed since the baseline: 1\n  fixed StartConnection not_a_server_error")
	assert.Contains(t, out, "verdict: FAILED  1 new root cause in CreateConnection; 1 known root cause (baseline plumb-baseline.json), 1 new")

	var md strings.Builder
	require.NoError(t, report.WriteMarkdown(&md, run))
	assert.Contains(t, md.String(), "| Baseline |")
	assert.Contains(t, md.String(), "1 known, 1 new, 1 fixed")

	var js strings.Builder
	require.NoError(t, report.WriteJSON(&js, run))
	assert.Contains(t, js.String(), `"baseline": "known"`)
	assert.Contains(t, js.String(), `"fixed": [`)
}
