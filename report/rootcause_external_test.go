package report_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

// Findings of one operation, check and cause are one root cause, whatever the input; counts add
// up; errors come before warnings, then the most frequent first; ids are stable.
func TestGroupRootCauses(t *testing.T) {
	fs := []report.Finding{
		{Operation: "Op", Check: "content_type_conformance", Cause: "200 with Content-Type text/html", Path: "$.a", Rule: "maxLength", Count: 1},
		{Operation: "Op", Check: "content_type_conformance", Cause: "200 with Content-Type text/html", Path: "$.b", Rule: "pattern", Count: 4},
		{Operation: "Op", Check: "negative_data_rejection", Cause: "accepted", Severity: report.SeverityWarning, Count: 9},
		{Operation: "Op", Check: "response_schema_conformance", Cause: "200 $.loaIssueTime type"},
		{Operation: "Op", Check: "response_schema_conformance", Cause: "200 $.hasLogicalRedundancy type"},
	}
	rcs := report.GroupRootCauses(fs)
	require.Len(t, rcs, 4)
	assert.Equal(t, "200 with Content-Type text/html", rcs[0].Cause)
	assert.Equal(t, 5, rcs[0].Count)
	assert.Equal(t, []string{"$.a maxLength", "$.b pattern"}, rcs[0].Rules)
	assert.Equal(t, "error", rcs[0].Severity)
	assert.Equal(t, report.SeverityWarning, rcs[3].Severity, "warnings last, however frequent")
	assert.NotEqual(t, rcs[1].Cause, rcs[2].Cause, "two response problems stay two root causes")
	assert.Equal(t, report.RootCauseID("Op", "content_type_conformance", "200 with Content-Type text/html"), rcs[0].ID)
	assert.NotEqual(t, rcs[1].ID, rcs[2].ID)
}
