package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

func markdown(t *testing.T, r *report.Run) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&buf, r))
	return buf.String()
}

func TestMarkdownHeadlineCountsAndMatrix(t *testing.T) {
	md := markdown(t, sampleRun())
	assert.True(t, strings.HasPrefix(md, "## ❌ plumb run: failed\n"))
	assert.Contains(t, md, "| Scenarios | 3 | 1 | 0 | 1 |")
	assert.Contains(t, md, "| Constraints | 1 | 1 | 0 | 1 |")
	assert.Contains(t, md, "**Findings: 1 in 1 root causes; 0 warnings**")
	assert.Contains(t, md, "| Operation | `response_schema_conformance` | `status_code_conformance` |\n|---|---|---|\n")
	assert.Contains(t, md, "| CreateConnection | – | ✅ 2 / 0 / 0 |")
	assert.Contains(t, md, "| StartConnection | ✅ 2 / 0 / 0 | ❌ 1 / 1 / 0 |")
	assert.Contains(t, md, "| StartConnection | `$.AssetId` | maxLength | `100` | 2 |", "failed constraints are listed")
}

func TestMarkdownFailureEvidence(t *testing.T) {
	md := markdown(t, sampleRun())
	assert.Contains(t, md, "#### 1. StartConnection status\\_code\\_conformance: expected 400 ValidationException, got 200")
	assert.Contains(t, md, "```sh\ncurl -X POST 'http://127.0.0.1:4566/connections?X-Amz-Signature=REDACTED'", "curl in a code block")
	assert.Contains(t, md, "```http\nPOST /connections HTTP/1.1")
	// Outside code blocks, planted markup is inert.
	before, _, _ := strings.Cut(md, "```")
	assert.NotContains(t, before, "<script>")
	assert.Contains(t, before, "&lt;script&gt;")
}

// Markdown leads with root causes and shows one example per root cause: 31 failures of one
// cause are one row and one example; 31 causes are capped at MarkdownFailureLimit examples.
func TestMarkdownOneExamplePerRootCause(t *testing.T) {
	r := sampleRun()
	for i := range 30 {
		f := report.Finding{Check: "c", Operation: "StartConnection", Message: fmt.Sprintf("boom %d", i), Curl: "curl x", Cause: "same cause"}
		r.Findings = append(r.Findings, f)
	}
	md := markdown(t, r)
	assert.Contains(t, md, "| 1 | error | StartConnection | `c` | same cause | 30 |")
	assert.Equal(t, 2, strings.Count(md, "\n#### "), "one example per root cause, not per failure")

	r = sampleRun()
	for i := range 30 {
		r.Findings = append(r.Findings, report.Finding{Check: "c", Message: "boom", Curl: "curl x", Cause: fmt.Sprintf("cause %02d", i)})
	}
	md = markdown(t, r)
	assert.Equal(t, report.MarkdownFailureLimit, strings.Count(md, "\n#### "))
	assert.Contains(t, md, "11 more examples")
	assert.Less(t, strings.Index(md, "### Root causes"), strings.Index(md, "### Operation × check"), "root causes lead")
}

func TestMarkdownCodeBlockCannotBeClosedByBody(t *testing.T) {
	r := &report.Run{Engine: "fuzz", Findings: []report.Finding{{Check: "c", Message: "m", Curl: "curl x\n```\n# Injected heading"}}}
	md := markdown(t, r)
	assert.Contains(t, md, "````sh\ncurl x\n```\n# Injected heading\n````\n", "the fence outgrows the body's backticks")
}

func TestMarkdownScoreTable(t *testing.T) {
	md := markdown(t, selftestRun())
	assert.Contains(t, md, "Caught **2 of 2** faults")
	assert.Contains(t, md, "| `accept-long-asset` | validation | ✅ 2s | missed |")
	assert.NotContains(t, markdown(t, sampleRun()), "Mutation score")
}
