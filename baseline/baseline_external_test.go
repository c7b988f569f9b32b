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
