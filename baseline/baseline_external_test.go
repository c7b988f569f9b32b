package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/baseline"
	"github.com/plumbhq/plumb/report"
)

func rc(op, check, cause string, count int) report.RootCause {
	return report.RootCause{ID: report.RootCauseID(op, check, cause), Operation: op, Check: check, Cause: cause,
		Severity: "error", Count: count}
}

// failedRun is a run as package verdict decides it: two operations failed, one passed.
func failedRun(causes ...report.RootCause) *report.Run {
	run := &report.Run{Verdict: report.Failed, VerdictReason: "x root causes in ..."}
	failing := map[string]bool{}
	for _, c := range causes {
		if c.Severity != report.SeverityWarning {
			failing[c.Operation] = true
		}
	}
	for _, op := range []string{"CreateConnection", "GetConnection", "StartConnection"} {
		v := report.OperationVerdict{Operation: op, Verdict: report.Passed, Exchanges: 10, Reason: "exercised"}
		if failing[op] {
			v.Verdict, v.Reason = report.Failed, "1 root cause"
		}
		run.Operations = append(run.Operations, v)
	}
	run.RootCauses = causes
	return run
}

var (
	dup    = rc("CreateConnection", "expected_outcome", "expected DuplicateTagKeysException 400, got 200", 1)
	accept = rc("CreateConnection", "negative_data_rejection", "input breaking a documented rule accepted with 200", 2)
	null   = rc("StartConnection", "not_a_server_error", "server error 500 InternalServerException", 1)
	warn   = report.RootCause{ID: report.RootCauseID("GetConnection", "protocol", "habit"), Operation: "GetConnection",
		Check: "protocol", Cause: "habit", Severity: report.SeverityWarning, Count: 1}
)

func TestRoundTrip(t *testing.T) {
	run := failedRun(null, dup, accept, warn)
	f := baseline.FromRun(run, nil)
	path := filepath.Join(t.TempDir(), "plumb-baseline.json")
	require.NoError(t, f.Write(path))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	text := string(data)
	assert.True(t, strings.HasPrefix(text, "{\n  \"version\": 1,\n  \"rootCauses\": [\n    {\"id\":"), text)
	assert.Equal(t, 3, strings.Count(text, `"id"`), "warnings are not in a baseline: %s", text)
	// Sorted by operation, check, cause: one line each, so a diff shows what changed.
	assert.Less(t, strings.Index(text, dup.Cause), strings.Index(text, accept.Cause))
	assert.Less(t, strings.Index(text, accept.Cause), strings.Index(text, null.Cause))

	back, err := baseline.Load(path)
	require.NoError(t, err)
	assert.Equal(t, f, back)
	var ids []string
	for _, e := range back.RootCauses {
		ids = append(ids, e.ID)
	}
	assert.Equal(t, []string{dup.ID, accept.ID, null.ID}, ids)
	assert.Equal(t, string(data), string(back.Marshal()), "writing what was read changes nothing")
}

func TestEmptyBaselineRoundTrips(t *testing.T) {
	f := baseline.FromRun(&report.Run{Verdict: report.Passed}, nil)
	back, err := baseline.Parse(f.Marshal())
	require.NoError(t, err)
	assert.Empty(t, back.RootCauses)
	assert.Equal(t, "{\n  \"version\": 1,\n  \"rootCauses\": []\n}\n", string(f.Marshal()))
}

func TestParseRejects(t *testing.T) {
	for name, text := range map[string]string{
		"malformed":     `{"version":1,"rootCauses":[`,
		"other version": `{"version":2,"rootCauses":[]}`,
		"no version":    `{"rootCauses":[]}`,
		"unknown field": `{"version":1,"rootCauses":[],"extra":1}`,
		"wrong id":      `{"version":1,"rootCauses":[{"id":"000000000000","operation":"A","check":"c","cause":"x"}]}`,
		"empty entry":   `{"version":1,"rootCauses":[{"operation":"A"}]}`,
		"trailing":      `{"version":1,"rootCauses":[]} {}`,
		"not an object": `[]`,
	} {
		_, err := baseline.Parse([]byte(text))
		assert.Error(t, err, name)
		if err != nil {
			assert.NotContains(t, err.Error(), "\n", "%s: one line", name)
		}
	}
	f, err := baseline.Parse([]byte(`{"version":1,"rootCauses":[{"operation":"A","check":"c","cause":"x"}]}`))
	require.NoError(t, err, "an entry without an id gets it")
	assert.Equal(t, report.RootCauseID("A", "c", "x"), f.RootCauses[0].ID)
}

func TestApplyAllKnownPasses(t *testing.T) {
	b := baseline.FromRun(failedRun(dup, accept), nil)
	run := failedRun(accept, dup, warn)
	res := baseline.Apply(run, b, "plumb-baseline.json")

	assert.Equal(t, 2, res.Known)
	assert.Zero(t, res.New)
	assert.Empty(t, res.Fixed)
	assert.Equal(t, report.Passed, run.Verdict)
	assert.Equal(t, report.Passed, run.Summary().Status)
	assert.Equal(t, "2 known root causes (baseline plumb-baseline.json), 0 new", run.VerdictReason)
	assert.Equal(t, report.Passed, run.Operations[0].Verdict)
	assert.Contains(t, run.Operations[0].Reason, "only 2 known root causes")
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

func TestApplyNewFailsAndFixedListed(t *testing.T) {
	b := baseline.FromRun(failedRun(dup, accept), nil)
	run := failedRun(accept, null) // dup fixed, null new
	res := baseline.Apply(run, b, "b.json")

	assert.Equal(t, 1, res.Known)
	assert.Equal(t, 1, res.New)
	require.Len(t, res.Fixed, 1)
	assert.Equal(t, dup.ID, res.Fixed[0].ID)
	assert.Equal(t, report.Failed, run.Verdict)
	assert.Contains(t, run.VerdictReason, "1 new root cause in StartConnection")
	assert.Equal(t, report.Passed, run.Operations[0].Verdict, "CreateConnection has only a known root cause")
	assert.Equal(t, report.Failed, run.Operations[2].Verdict)
	assert.Equal(t, "known", run.RootCauses[0].Baseline)
	assert.Equal(t, "new", run.RootCauses[1].Baseline)
	assert.Equal(t, res.Fixed, run.Baseline.Fixed)
}

func TestApplyKeepsInconclusiveAndInterrupted(t *testing.T) {
	b := baseline.FromRun(failedRun(dup), nil)

	run := failedRun(dup)
	run.Operations[0].Inconclusive = 3 // some requests were refused: not a pass
	baseline.Apply(run, b, "b.json")
	assert.Equal(t, report.Inconclusive, run.Operations[0].Verdict)
	assert.Equal(t, report.Inconclusive, run.Verdict)

	run = failedRun(dup)
	run.Verdict = report.Interrupted
	baseline.Apply(run, b, "b.json")
	assert.Equal(t, report.Interrupted, run.Verdict)
	assert.Equal(t, report.Interrupted, run.Operations[0].Verdict)
}

func TestFixedNeedsAJudgedOperation(t *testing.T) {
	b := baseline.FromRun(failedRun(dup, null), nil)
	run := failedRun()
	run.Verdict = report.Passed
	run.Operations[2].Verdict = report.Skipped // StartConnection was not selected
	res := baseline.Apply(run, b, "b.json")
	require.Len(t, res.Fixed, 1, "a root cause of an operation the run left out is not fixed")
	assert.Equal(t, dup.ID, res.Fixed[0].ID)
	assert.Equal(t, report.Passed, run.Verdict)

	// Updating from that run keeps what it could not see.
	f := baseline.FromRun(run, b)
	require.Len(t, f.RootCauses, 1)
	assert.Equal(t, null.ID, f.RootCauses[0].ID)
}

func TestWritersShowTheBaseline(t *testing.T) {
	b := baseline.FromRun(failedRun(dup, null), nil)
	run := failedRun(dup, accept)
	baseline.Apply(run, b, "plumb-baseline.json")

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
