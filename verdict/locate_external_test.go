package verdict_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/verdict"
)

// Each root cause is located at the spec line stating the constraint its example broke: a
// request rule (input checks), a response member's keyword (schema failures), else its operation.
func TestRootCausesAreLocatedInTheSpec(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	add(ev, set, e, "CreateConnection", check.Valid(), answer(200, "application/x-amz-json-1.1", createOK))
	run := &report.Run{Findings: []report.Finding{
		{Check: "negative_data_rejection", Operation: "CreateConnection", Rule: "minLength", Path: "$.tags[3].key",
			Cause: "input breaking a documented rule accepted with 200", Message: "accepted"},
		{Check: "response_schema_conformance", Operation: "CreateConnection", Cause: "200 $.connectionState enum", Message: "bad state"},
		{Check: "response_schema_conformance", Operation: "CreateConnection", Cause: "400 $.message type", Message: "bad error body"},
		{Check: "not_a_server_error", Operation: "CreateConnection", Cause: "server error 500", Message: "500"},
		{Check: "plumb_internal_error", Cause: "cases could not be generated", Message: "oops"},
	}}
	sc := scope("CreateConnection")
	sc.Specs = set
	verdict.Decide(run, ev, sc, false)
	require.Len(t, run.RootCauses, 5)

	raw, err := specs.Raw("directconnect.yaml")
	require.NoError(t, err)
	lines := strings.Split(string(raw), "\n")
	byCause := map[string]report.RootCause{}
	for _, rc := range run.RootCauses {
		byCause[rc.Cause] = rc
		if rc.Check != "plumb_internal_error" {
			assert.Equal(t, "specs/directconnect.yaml", rc.SpecFile, rc.Cause)
			require.True(t, rc.SpecLine >= 1 && rc.SpecLine <= len(lines), rc.Cause)
		}
	}

	rc := byCause["input breaking a documented rule accepted with 200"]
	assert.Equal(t, "CreateConnection.tags.key.minLength", rc.Constraint, "the example's rule, its path made generic")
	assert.Contains(t, lines[rc.SpecLine-1], "minLength:")
	assert.Equal(t, check.Description(check.NegativeDataRejection), rc.Help)
	assert.NotEmpty(t, rc.Help)

	rc = byCause["200 $.connectionState enum"]
	assert.Equal(t, "CreateConnection.response.connectionState.enum", rc.Constraint)
	assert.Contains(t, lines[rc.SpecLine-1], "enum:")

	for _, cause := range []string{"400 $.message type", "server error 500"} {
		rc = byCause[cause]
		assert.Empty(t, rc.Constraint, cause)
		assert.Contains(t, lines[rc.SpecLine-1], "operationId: CreateConnection", "%s: the operation's line", cause)
	}

	rc = byCause["cases could not be generated"]
	assert.Empty(t, rc.SpecFile, "no operation, no place in a spec")
	assert.Zero(t, rc.SpecLine)

	// Without the specs, nothing is located.
	run.RootCauses = nil
	verdict.Decide(run, ev, scope("CreateConnection"), false)
	for _, rc := range run.RootCauses {
		assert.Empty(t, rc.SpecFile)
		assert.Empty(t, rc.Constraint)
	}
}
