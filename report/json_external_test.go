package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

func TestJSONRoundTrips(t *testing.T) {
	for name, r := range map[string]*report.Run{"run": sampleRun(), "fuzz": fuzzRun(), "selftest": selftestRun(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, report.WriteJSON(&buf, r))
			doc, err := report.ReadJSON(&buf)
			require.NoError(t, err)
			assert.Equal(t, report.SchemaVersion, doc.Schema)
			assert.Equal(t, *report.Normalize(r), doc.Run, "the run reads back as written")
			assert.Equal(t, r.Summary(), doc.Summary, "the summary reads back and matches the run's")
		})
	}
}

func TestJSONLayout(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, sampleRun()))
	assert.True(t, strings.HasPrefix(buf.String(), "{\n  \"schema\""), "indented by two spaces")

	var m map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &m))
	for _, key := range []string{"tool", "engine", "target", "started", "duration_ns", "scenarios", "constraints", "findings", "summary"} {
		assert.Contains(t, m, key)
	}
	summary := m["summary"].(map[string]any)
	assert.Equal(t, "failed", summary["status"])
	assert.Equal(t, map[string]any{"passed": 3.0, "failed": 1.0, "skipped": 1.0, "inconclusive": 0.0}, summary["scenarios"])
	for _, key := range []string{"matrix", "by_operation", "by_check", "constraints"} {
		assert.Contains(t, summary, key)
	}
	findings := m["findings"].([]any)
	require.Len(t, findings, 1)
	f := findings[0].(map[string]any)
	assert.Contains(t, f["curl"], "curl -X POST", "evidence is in the findings")
	assert.Contains(t, f["request"], "POST /connections")
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, &report.Run{}))
	assert.NotContains(t, buf.String(), "null", "consumers get [] rather than null")
}

func TestReadJSONRejectsOtherSchemas(t *testing.T) {
	_, err := report.ReadJSON(strings.NewReader(`{"schema":"plumb-report/v0"}`))
	assert.ErrorContains(t, err, "schema")
	_, err = report.ReadJSON(strings.NewReader(`not json`))
	assert.Error(t, err)
}
