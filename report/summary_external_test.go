package report_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

func TestSummaryCounts(t *testing.T) {
	s := sampleRun().Summary()
	assert.Equal(t, report.Failed, s.Status)
	assert.Equal(t, report.Counts{Passed: 3, Failed: 1, Skipped: 1}, s.Scenarios)
	assert.Equal(t, report.Counts{Passed: 1, Failed: 1, Skipped: 1}, s.Constraints)
	assert.Equal(t, 1, s.Findings)
	assert.Equal(t, []string{"CreateConnection", "GetConnection", "StartConnection"}, s.Operations)
	assert.Equal(t, []string{"response_schema_conformance", "status_code_conformance"}, s.Checks)

	assert.Equal(t, report.Counts{Passed: 1, Failed: 1}, s.Cell("StartConnection", "status_code_conformance"))
	assert.Equal(t, report.Counts{Passed: 2}, s.Cell("StartConnection", "response_schema_conformance"))
	assert.Equal(t, report.Counts{Passed: 2}, s.Cell("CreateConnection", "status_code_conformance"))
	assert.Equal(t, report.Counts{}, s.Cell("CreateConnection", "response_schema_conformance"))
	assert.Len(t, s.Matrix, 3, "only non-empty cells")

	require.Len(t, s.ByOperation, 3)
	start := s.ByOperation[2]
	assert.Equal(t, "StartConnection", start.Operation)
	assert.Equal(t, report.Counts{Passed: 1, Failed: 1, Skipped: 1}, start.Scenarios)
	assert.Equal(t, report.Counts{Passed: 3, Failed: 1}, start.Checks)
	assert.Equal(t, report.Counts{Failed: 1}, start.Constraints)
	assert.Equal(t, 1, start.Findings)

	require.Len(t, s.ByCheck, 2)
	assert.Equal(t, "status_code_conformance", s.ByCheck[1].Check)
	assert.Equal(t, report.Counts{Passed: 3, Failed: 1}, s.ByCheck[1].Counts)
	assert.Equal(t, 1, s.ByCheck[1].Findings)
}

func TestSummaryCheckOperationOverridesScenario(t *testing.T) {
	r := &report.Run{Scenarios: []report.Scenario{{
		Operation: "StartConnection", Status: report.Passed,
		Checks: []report.Check{{Name: "round_trip", Operation: "GetConnection", Status: report.Passed}},
	}}}
	s := r.Summary()
	assert.Equal(t, report.Counts{Passed: 1}, s.Cell("GetConnection", "round_trip"))
	assert.Zero(t, s.Cell("StartConnection", "round_trip").Total())
}

func TestSummaryFailureWithoutCheckIsCounted(t *testing.T) {
	r := &report.Run{Scenarios: []report.Scenario{{
		Operation: "GetConnection", Status: report.Failed,
		Checks:   []report.Check{{Name: "no_5xx", Status: report.Passed}},
		Failures: []report.Finding{{Check: "response_schema_conformance", Message: "missing ConnectionId"}},
	}}}
	s := r.Summary()
	assert.Equal(t, report.Counts{Failed: 1}, s.Cell("GetConnection", "response_schema_conformance"), "a failure is never invisible")
	assert.Equal(t, report.Counts{Passed: 1}, s.Cell("GetConnection", "no_5xx"))

	// A failure matching a failed check is not counted twice.
	r.Scenarios[0].Checks = append(r.Scenarios[0].Checks, report.Check{Name: "response_schema_conformance", Status: report.Failed})
	assert.Equal(t, report.Counts{Failed: 1}, r.Summary().Cell("GetConnection", "response_schema_conformance"))
}

func TestSummaryStatus(t *testing.T) {
	cases := map[string]struct {
		run  *report.Run
		want report.Status
	}{
		"nil":                 {nil, report.Skipped},
		"nothing ran":         {&report.Run{}, report.Skipped},
		"only skipped":        {&report.Run{Scenarios: []report.Scenario{{Status: report.Skipped}}}, report.Skipped},
		"unknown status":      {&report.Run{Scenarios: []report.Scenario{{Status: "pending"}}}, report.Skipped},
		"passed":              {&report.Run{Scenarios: []report.Scenario{{Status: report.Passed}}}, report.Passed},
		"clean fuzz campaign": {&report.Run{Engine: "fuzz", Cases: 1000}, report.Passed},
		"fuzz finding":        {&report.Run{Engine: "fuzz", Cases: 1000, Findings: []report.Finding{{Check: "c"}}}, report.Failed},
		"failed scenario":     {sampleRun(), report.Failed},
		"selftest":            {selftestRun(), report.Passed},
		"false alarm":         {&report.Run{Score: &report.Score{FalseAlarmsFuzz: 1}}, report.Failed},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, c.want, c.run.Summary().Status)
		})
	}
}
