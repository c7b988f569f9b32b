package report_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

func html(t *testing.T, r *report.Run) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteHTML(&buf, r))
	return buf.String()
}

// byID returns the text of the element with the given id.
func byID(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)<`).FindStringSubmatch(page)
	require.NotNilf(t, m, "no element with id %q", id)
	return m[1]
}

func TestHTMLCountsByID(t *testing.T) {
	page := html(t, sampleRun())
	assert.Equal(t, "3", byID(t, page, "count-passed"))
	assert.Equal(t, "1", byID(t, page, "count-failed"))
	assert.Equal(t, "1", byID(t, page, "count-skipped"))
	assert.Equal(t, "1", byID(t, page, "count-findings"))
	assert.Equal(t, "1", byID(t, page, "count-constraints-passed"))
	assert.Equal(t, "1", byID(t, page, "count-constraints-failed"))
	assert.Equal(t, "1", byID(t, page, "count-constraints-skipped"))
	assert.Equal(t, "failed", byID(t, page, "status"))
}

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	page := html(t, sampleRun())
	assert.NotContains(t, strings.ToLower(page), "<script", "no script, planted or ours")
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;", "planted markup is shown escaped")
	assert.NotContains(t, page, "\x1b", "control bytes do not reach the page")
	for _, external := range []string{"src=", "href=", "<link", "@import", "url("} {
		assert.NotContains(t, page, external, "the page loads nothing")
	}
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
	assert.Contains(t, page, "<style>")
	assertXMLChars(t, page)
}

func TestHTMLSections(t *testing.T) {
	page := html(t, sampleRun())
	// Matrix: header of checks, one row per operation.
	assert.Regexp(t, `<th>response_schema_conformance</th><th>status_code_conformance</th>`, page)
	assert.Regexp(t, `<tr><th>StartConnection</th><td class="num cell-passed">2 / 0 / 0</td><td class="num cell-failed">1 / 1 / 0</td></tr>`, page)
	// Constraints with their outcome.
	assert.Regexp(t, `<tr title="StartConnection \$\.AssetId maxLength 100">.*<td class="failed">failed</td>`, page)
	assert.Regexp(t, `<tr title="GetConnection \$\.ConnectionId pattern">.*<td class="skipped">skipped</td>`, page)
	// The failure's evidence.
	assert.Contains(t, page, `<pre class="curl">curl -X POST`)
	assert.Contains(t, page, "POST /connections HTTP/1.1")
	assert.NotContains(t, page, `id="score"`, "no score section without a score")
}

func TestHTMLScoreTable(t *testing.T) {
	page := html(t, selftestRun())
	assert.Equal(t, "2", byID(t, page, "score-caught"))
	assert.Equal(t, "2", byID(t, page, "score-total"))
	assert.Equal(t, "0", byID(t, page, "false-alarms-run"))
	assert.Contains(t, page, "<code>accept-long-asset</code>")
	assert.Contains(t, page, "returns 200 for invalid &lt;input&gt;")
}

func TestHTMLFuzzFindings(t *testing.T) {
	page := html(t, fuzzRun())
	assert.Equal(t, "2", byID(t, page, "count-findings"))
	assert.Equal(t, "1000000", byID(t, page, "count-cases"))
	assert.Equal(t, "1234", byID(t, page, "seed"))
	assert.Contains(t, page, "curl http://127.0.0.1:4566/connections/a%2Fb")
}
