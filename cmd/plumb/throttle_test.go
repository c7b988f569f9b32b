package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A target that throttles every request, with Retry-After: 0 so that the retries cost no time:
// each request is retried (3 times) and the throttling that persists is inconclusive (exit 4),
// with the reason and the retries in the verdict line, never a finding.
func TestPersistentThrottlingIsInconclusive(t *testing.T) {
	for _, c := range []struct {
		name, errorType string
		status          int
	}{
		{"429", "", http.StatusTooManyRequests},
		{"400 ThrottlingException", "ThrottlingException", http.StatusBadRequest},
		{"503 RequestLimitExceeded", "RequestLimitExceeded", http.StatusServiceUnavailable},
	} {
		t.Run(c.name, func(t *testing.T) {
			var hits atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Retry-After", "0")
				w.Header().Set("Content-Type", "application/x-amz-json-1.1")
				body := `{"message":"Rate exceeded"}`
				if c.errorType != "" {
					w.Header().Set("X-Amzn-ErrorType", c.errorType)
					body = `{"__type":"` + c.errorType + `","message":"Rate exceeded"}`
				}
				w.WriteHeader(c.status)
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			dir := t.TempDir()
			// 4 cases: fewer than the 5 in a row that stop a run.
			code, out, errOut := plumb(t, "fuzz", "--target", srv.URL, "--operation", "CreateConnection",
				"--seed", "1", "--budget", "4", "--workers", "1", "--shrink-time", "0", "--quiet", "--report-dir", dir)
			require.Equal(t, exitInconclusive, code, out+errOut)
			assert.Contains(t, out, "throttled (retried 3 times): "+c.name, out)
			assert.Contains(t, out, "lower the request rate", out)
			assert.Equal(t, int64(4*4), hits.Load(), "each of the 4 cases is sent 4 times (3 retries)")
			assert.Empty(t, readReport(t, dir).RootCauses, "throttling is no finding")

			// 100 cases: the run stops after 5 in a row, inconclusive, saying so in one line.
			hits.Store(0)
			code, out, errOut = plumb(t, "fuzz", "--target", srv.URL, "--operation", "CreateConnection",
				"--seed", "1", "--budget", "100", "--workers", "1", "--shrink-time", "0", "--quiet", "--report-dir", t.TempDir())
			require.Equal(t, exitInconclusive, code, out+errOut)
			assert.Contains(t, errOut, fmt.Sprintf("target throttles every request: 5 requests in a row were answered %d (retried 3 times each)", c.status))
			assert.Contains(t, out, "lower the request rate", out)
			assert.Equal(t, int64(5*4), hits.Load(), "5 cases of 4 attempts each, then nothing")
		})
	}
}

// --rate is accepted by both drivers; with a cap far above what the test sends it changes
// nothing but the pacing (no timing is asserted).
func TestRateFlagIsAccepted(t *testing.T) {
	code, out, errOut := plumb(t, "fuzz", "--rate", "10000", "--operation", "StartConnection", "--seed", "1",
		"--budget", "20", "--shrink-time", "0", "--quiet", "--report-dir", t.TempDir())
	assert.Equal(t, exitOK, code, out+errOut)
	code, out, errOut = plumb(t, "run", "--rate", "10000", "--operation", "GetConnection", "--quiet", "--report-dir", t.TempDir())
	assert.Equal(t, exitOK, code, out+errOut)
}
