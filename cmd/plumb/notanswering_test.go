package main

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/target/targettest"
)

// A target that accepts connections and never answers is recognised after a few requests:
// run and fuzz stop, write their reports (inconclusive, naming the cause), and exit 3 with one
// line saying why, instead of spending the timeout on every scenario or case.
func TestSilentTargetExitsThreeAfterAFewRequests(t *testing.T) {
	for _, args := range [][]string{
		{"run"},
		{"fuzz", "--duration", "1h", "--workers", "4", "--seed", "1"},
	} {
		t.Run(args[0], func(t *testing.T) {
			conns := targettest.StartSilent(t)
			url := conns.URL
			dir := t.TempDir()
			code, _, stderr := plumb(t, append(args, "--target", url, "--timeout", "200ms", "--report-dir", dir)...)
			assert.Equal(t, exitUnreachable, code, stderr)
			want := "plumb " + args[0] + ": target not answering: 5 requests in a row got no response within 200ms (" + url + ")\n"
			assert.Equal(t, want, stderr)
			assert.Less(t, conns.Conns(), int64(20), "requests sent to a silent target")
			doc := readReport(t, dir)
			assert.Equal(t, report.Inconclusive, doc.Verdict)
			assert.Contains(t, doc.VerdictReason, "target not answering")
		})
	}
}

// A TLS server addressed with http://, or a plain one with https://, is named as such.
func TestProtocolMismatchExitsThreeNamingTheScheme(t *testing.T) {
	for name, tc := range map[string]struct {
		tls          bool
		scheme, want string
	}{
		"TLS server, http URL":    {true, "http", "target speaks TLS but the URL is http://%s (use https://)"},
		"plain server, https URL": {false, "https", "target speaks plain HTTP but the URL is https://%s (use http://)"},
	} {
		for _, cmd := range []string{"run", "fuzz"} {
			t.Run(name+"/"+cmd, func(t *testing.T) {
				s := httptest.NewUnstartedServer(http.NotFoundHandler())
				s.Config.ErrorLog = log.New(io.Discard, "", 0)
				if tc.tls {
					s.StartTLS()
				} else {
					s.Start()
				}
				t.Cleanup(s.Close)
				addr := s.Listener.Addr().String()
				args := []string{cmd, "--target", tc.scheme + "://" + addr, "--timeout", "2s", "--report-dir", t.TempDir()}
				if cmd == "fuzz" {
					args = append(args, "--duration", "1h", "--seed", "1")
				}
				code, _, stderr := plumb(t, args...)
				assert.Equal(t, exitUnreachable, code, stderr)
				assert.Equal(t, "plumb "+cmd+": target not answering: "+strings.Replace(tc.want, "%s", addr, 1)+"\n", stderr)
			})
		}
	}
}
