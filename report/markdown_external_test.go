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
	assert.Contains(t, md, "| Scenarios | 3 | 1 | 1 |")
	assert.Contains(t, md, "| Constraints | 1 | 1 | 1 |")
	assert.Contains(t, md, "**Findings: 1**")
	assert.Contains(t, md, "| Operation | `response_schema_conformance` | `status_code_conformance` |\n|---|---|---|\n")
	assert.Contains(t, md, "| CreateConnection | – | ✅ 2 / 0 / 0 |")
	assert.Contains(t, md, "| StartConnection | ✅ 2 / 0 / 0 | ❌ 1 / 1 / 0 |")
	assert.Contains(t, md, "| StartConnection | `$.AssetId` | maxLength | `100` | 2 |", "failed constraints are listed")
}

func TestMarkdownFailureEvidence(t *testing.T) {
	md := markdown(t, sampleRun())
	assert.Contains(t, md, "#### 1. StartConnection / AssetId longer than 100 is rejected (AssetId=101)")
	assert.Contains(t, md, "```sh\ncurl -X POST 'http://127.0.0.1:4566/connections?X-Amz-Signature=REDACTED'", "curl in a code block")
	assert.Contains(t, md, "```http\nPOST /connections HTTP/1.1")
	// Outside code blocks, planted markup is inert.
	before, _, _ := strings.Cut(md, "```")
	assert.NotContains(t, before, "<script>")
	assert.Contains(t, before, "&lt;script&gt;")
}

func TestMarkdownLimitsFailures(t *testing.T) {
	r := sampleRun()
	for i := range 30 {
		r.Scenarios = append(r.Scenarios, report.Scenario{Feature: "Many", Name: fmt.Sprintf("case %02d", i), Status: report.Failed,
			Failures: []report.Finding{{Check: "c", Message: "boom", Curl: "curl x"}}})
	}
	md := markdown(t, r)
	assert.Contains(t, md, fmt.Sprintf("### Failures (first %d of 31)", report.MarkdownFailureLimit))
	assert.Equal(t, report.MarkdownFailureLimit, strings.Count(md, "\n#### "))
	assert.Contains(t, md, "11 more failures")
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
