package report_test

import (
	"bytes"
	stdhtml "html"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

// Every format shows a failure's rerun line, and the shell variables of a curl line survive
// scrubbing (a literal token after x-amz-security-token does not).
func TestEveryFormatShowsTheRerunLine(t *testing.T) {
	const rerun = "plumb run --fault 'validation-status-500' --scenario 'StartConnection: AssetId longer than 100 is rejected (AssetId=101)'"
	const curl = `curl -sS -i --aws-sigv4 'aws:amz:us-east-1:outposts' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" "$PLUMB_TARGET"'/connections'`
	writers := map[string]func(io.Writer, *report.Run) error{
		"junit": report.WriteJUnit, "json": report.WriteJSON, "html": report.WriteHTML, "markdown": report.WriteMarkdown,
		"terminal": func(w io.Writer, r *report.Run) error { return report.WriteTerminal(w, r, false) },
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			r := sampleRun()
			r.Scenarios[0].Failures[0].Rerun, r.Scenarios[0].Failures[0].Curl = rerun, curl
			r.Findings[0] = r.Scenarios[0].Failures[0]
			f := r.Findings[0]
			r.Verdict = report.Failed
			r.RootCauses = []report.RootCause{{ID: "abc", Operation: f.Operation, Check: f.Check, Cause: "expected 400", Count: 1, Example: f}}
			var buf bytes.Buffer
			require.NoError(t, write(&buf, r))
			out := buf.String()
			if name == "json" {
				out = string(bytes.ReplaceAll(buf.Bytes(), []byte(`\"`), []byte(`"`)))
			} else {
				out = stdhtml.UnescapeString(out)
			}
			assert.Contains(t, out, rerun)
			assert.Contains(t, out, `-H "x-amz-security-token: $AWS_SESSION_TOKEN"`)
		})
	}
	assert.Equal(t, "x-amz-security-token: REDACTED", report.Scrub("x-amz-security-token: FQoGZXIvYXdzEJr"))
	assert.Equal(t, `-H "x-amz-security-token: $AWS_SESSION_TOKEN"`, report.Scrub(`-H "x-amz-security-token: $AWS_SESSION_TOKEN"`))
}
