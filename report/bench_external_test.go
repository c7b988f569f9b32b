package report_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/report"
)

// bigRun is a large conformance run: 2,000 scenario rows over three
// operations, 5% failing with 4 KiB of evidence each.
func bigRun() *report.Run {
	body := strings.Repeat("x", 4096)
	r := &report.Run{Tool: "plumb", Engine: "run", Started: started, Duration: time.Minute}
	ops := []string{"StartConnection", "GetConnection", "CreateConnection"}
	for i := range 2000 {
		op := ops[i%3]
		s := report.Scenario{Feature: op, Name: fmt.Sprintf("row %04d", i), Operation: op, Status: report.Passed,
			Checks: []report.Check{{Name: "status_code_conformance", Status: report.Passed}, {Name: "response_schema_conformance", Status: report.Passed}}}
		if i%20 == 0 {
			s.Status = report.Failed
			f := report.Finding{Check: "status_code_conformance", Operation: op, Message: "boom", Request: body, Response: body, Curl: "curl " + body}
			s.Checks[0].Status = report.Failed
			s.Failures = []report.Finding{f}
			r.Findings = append(r.Findings, f)
		}
		r.Scenarios = append(r.Scenarios, s)
	}
	return r
}

func benchmarkWriter(b *testing.B, write func(io.Writer, *report.Run) error) {
	r := bigRun()
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJUnit(b *testing.B)    { benchmarkWriter(b, report.WriteJUnit) }
func BenchmarkWriteJSON(b *testing.B)     { benchmarkWriter(b, report.WriteJSON) }
func BenchmarkWriteHTML(b *testing.B)     { benchmarkWriter(b, report.WriteHTML) }
func BenchmarkWriteMarkdown(b *testing.B) { benchmarkWriter(b, report.WriteMarkdown) }
func BenchmarkWriteTerminal(b *testing.B) {
	benchmarkWriter(b, func(w io.Writer, r *report.Run) error { return report.WriteTerminal(w, r, true) })
}

func BenchmarkScrub(b *testing.B) {
	s := failedFinding().Request + strings.Repeat("y", 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		report.Scrub(s)
	}
}
