package report_test

import (
	"bytes"
	"fmt"
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
	assert.Contains(t, page, `<th title="response_schema_conformance">response_<wbr>schema_<wbr>conformance</th><th title="status_code_conformance">status_<wbr>code_<wbr>conformance</th>`,
		"check names may wrap after their underscores")
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

// The verdict badge's text colour is set with two classes, so that span.passed and friends
// (one class and a type) cannot paint it the colour of its own background.
func TestHTMLBadgeTextOutweighsStatusColours(t *testing.T) {
	page := html(t, sampleRun())
	assert.Contains(t, page, `<span class="banner failed" id="status">failed</span>`)
	for _, rule := range []string{".banner.passed { background: var(--pass); color: #fff; }",
		".banner.failed { background: var(--fail); color: #fff; }"} {
		assert.Contains(t, page, rule)
	}
}

// Failures are folded: each in a closed <details> whose summary says where it happened.
func TestHTMLFailuresAreFolded(t *testing.T) {
	page := html(t, sampleRun())
	assert.Regexp(t, `<details class="failure" id="failure-0">\s*<summary>StartConnection / AssetId longer than 100 is rejected \(AssetId=101\) · <code>status_code_conformance</code> <span class="muted">×3</span></summary>`, page)
	assert.NotRegexp(t, `<details[^>]* open`, page, "nothing is unfolded")
	assert.NotContains(t, page, `id="failures-left"`, "all failures are shown")
}

// A run with many failures lists HTMLFailureLimit of them and says where the rest are.
func TestHTMLFailuresAreCapped(t *testing.T) {
	r := sampleRun()
	total := report.HTMLFailureLimit + 80
	failed := r.Scenarios[0]
	r.Scenarios = nil
	for i := range total {
		sc := failed
		sc.Name = fmt.Sprintf("case %03d", i)
		r.Scenarios = append(r.Scenarios, sc)
	}
	page := html(t, r)
	assert.Equal(t, report.HTMLFailureLimit, strings.Count(page, `<details class="failure" id="failure-`))
	assert.Contains(t, page, fmt.Sprintf(`The first %d of %d are shown; the other 80 are in the JSON and JUnit reports.`,
		report.HTMLFailureLimit, total))
	assert.Equal(t, fmt.Sprint(total), byID(t, page, "count-failed"), "the counts still count them all")
}

// Tables can fit the page: each scrolls in its own wrapper, long code values may break.
func TestHTMLTablesAreWrapped(t *testing.T) {
	page := html(t, sampleRun())
	assert.Equal(t, strings.Count(page, "<table>"), strings.Count(page, `<div class="table-wrap"><table>`))
	assert.Contains(t, page, "td code, th code, .breakable { overflow-wrap: anywhere; }")
}
