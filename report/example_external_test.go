package report_test

import (
	"os"

	"github.com/plumbhq/plumb/report"
)

func ExampleWriteTerminal() {
	r := &report.Run{
		Tool: "plumb", Engine: "run", Target: "emulator",
		Scenarios: []report.Scenario{
			{Feature: "GetConnection", Name: "unknown id is NotFound", Operation: "GetConnection", Status: report.Passed,
				Checks: []report.Check{{Name: "status_code_conformance", Status: report.Passed}}},
		},
	}
	_ = report.WriteTerminal(os.Stdout, r, false)
	// Output:
	// plumb run  target emulator  duration 0s
	// scenarios:   1 passed, 0 failed, 0 skipped
	// constraints: 0 passed, 0 failed, 0 skipped
	// findings:    0 in 0 root causes; 0 warnings
	//
	// verdict: PASSED
}
