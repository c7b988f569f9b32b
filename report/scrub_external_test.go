package report_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/secret"
)

func TestScrub(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"authorization header": {
			plantedAuth + "\r\nHost: x",
			"Authorization: REDACTED\r\nHost: x",
		},
		"authorization in curl": {
			`curl -H 'authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=abcdef' http://h/`,
			`curl -H 'authorization: REDACTED' http://h/`,
		},
		"presigned query": {
			"GET /?X-Amz-Credential=AKIDEXAMPLE%2F2026&X-Amz-Signature=abcdef0123456789&X-Amz-Security-Token=TOKENSECRETVALUE&a=b",
			"GET /?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED&a=b",
		},
		"bare fragments": {
			"Credential=AKIDEXAMPLE/20260101, SignedHeaders=host, Signature=abcdef",
			"Credential=REDACTED, SignedHeaders=host, Signature=REDACTED",
		},
		"token header": {"X-Amz-Security-Token: TOKENSECRETVALUE\n", "X-Amz-Security-Token: REDACTED\n"},
		"cookie":       {"Cookie: session=cookiesecret\n", "Cookie: REDACTED\n"},
		"json header map": {
			`{"Authorization":"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE","X-Amz-Security-Token":"TOKENSECRETVALUE"}`,
			`{"Authorization":"REDACTED","X-Amz-Security-Token":"REDACTED"}`,
		},
		"go header dump": {
			"map[Authorization:[AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=abcdef]]",
			"map[Authorization:REDACTED",
		},
		"secret key": {"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG", "aws_secret_access_key = REDACTED"},
		"innocent text": {
			"AssetId must be at most 100 characters; see the signature section",
			"AssetId must be at most 100 characters; see the signature section",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := report.Scrub(c.in)
			assert.Equal(t, c.want, got)
			assert.Equal(t, got, report.Scrub(got), "Scrub is idempotent")
		})
	}
}

// Every format scrubs the planted credentials, even though the target
// package is expected to have redacted them already.
func TestEveryFormatScrubs(t *testing.T) {
	writers := map[string]func(io.Writer, *report.Run) error{
		"junit": report.WriteJUnit, "json": report.WriteJSON, "html": report.WriteHTML, "markdown": report.WriteMarkdown, "sarif": report.WriteSARIF,
		"terminal":       func(w io.Writer, r *report.Run) error { return report.WriteTerminal(w, r, false) },
		"terminal-color": func(w io.Writer, r *report.Run) error { return report.WriteTerminal(w, r, true) },
	}
	for name, write := range writers {
		for runName, r := range map[string]*report.Run{"run": sampleRun(), "fuzz": fuzzRun()} {
			// Plant secrets in every field a caller might fill carelessly.
			r.Target += " " + plantedAuth
			r.Scenarios = append(r.Scenarios, report.Scenario{Feature: "F", Name: "Credential=AKIDEXAMPLE/x", Status: report.Failed,
				Checks: []report.Check{{Name: "c", Status: report.Failed, Message: plantedAuth}}})
			t.Run(name+"/"+runName, func(t *testing.T) {
				var buf bytes.Buffer
				require.NoError(t, write(&buf, r))
				out := buf.String()
				for _, s := range secrets {
					assert.NotContains(t, out, s)
				}
				assert.Contains(t, out, "REDACTED")
			})
		}
	}
}

// Scrub removes the credentials the process holds wherever they stand (in a header of any
// name, a body, a message), and the values of every secret header of the one list.
func TestScrubByValueAndEverySecretHeader(t *testing.T) {
	const token = "IQoJb3JpZ2luX2VjSCRUBTEST/token+value=="
	secret.Held().Add(token)
	in := "X-Echo: " + token + "\n{\"Echo\":\"" + token + "\"}\nmessage quoting " + token
	out := report.Scrub(in)
	assert.NotContains(t, out, token)
	assert.Equal(t, "X-Echo: REDACTED\n{\"Echo\":\"REDACTED\"}\nmessage quoting REDACTED", out)
	for _, h := range secret.Headers() {
		assert.Equal(t, h+": REDACTED\n", report.Scrub(h+": s3cr3t-value\n"), h)
		assert.Equal(t, `{"`+h+`":"REDACTED"}`, report.Scrub(`{"`+h+`":"s3cr3t-value"}`), h)
	}
}
