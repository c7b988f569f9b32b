package fuzz_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
)

// A target that refuses every valid request never gets a passed verdict from plumb fuzz
// --mode valid: nothing was exercised.
func TestRefusingTargetIsNeverPassed(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"403 UnrecognizedClientException": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(403)
			_, _ = w.Write([]byte(`{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}`))
		},
		"404 UnknownOperationException": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"__type":"UnknownOperationException"}`))
		},
		"wrong prefix": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			_, _ = w.Write([]byte("<h1>Not Found</h1>"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(h)
			t.Cleanup(srv.Close)
			cfg := config(t, srv.URL, 1, 200, 2)
			cfg.Operations, cfg.Mode = []string{"CreateConnection"}, fuzz.ModeValid
			// The valid requests that expect a success: not those naming a LAG id of plumb's
			// own (x-plumb-opaque), which earn any documented answer.
			valid := 0
			for _, c := range cases(t, planner(t, cfg), 200) {
				if c.Expect.Kind == check.KindValid {
					valid++
				}
			}
			require.Positive(t, valid)
			r := run(t, cfg)
			inconclusiveOnce(t, r, fmt.Sprintf("every valid request (%d)", valid))
		})
	}
}

// A campaign whose context is cancelled is interrupted, not passed.
func TestCancelledCampaignIsInterrupted(t *testing.T) {
	srv := startEmulator(t)
	cfg := config(t, srv.URL, 1, 0, 2)
	cfg.Budget, cfg.Duration = 0, time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	r, err := fuzz.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != report.Interrupted {
		t.Errorf("verdict %s (%s); want interrupted", r.Verdict, r.VerdictReason)
	}
}

// --strict on plumb's own emulator passes.
func TestStrictPassesTheEmulator(t *testing.T) {
	srv := startEmulator(t)
	cfg := config(t, srv.URL, 1, 1500, 2)
	cfg.Engine = check.New(testSpecs, check.Options{Strict: true})
	r := run(t, cfg)
	if r.Verdict != report.Passed {
		t.Errorf("verdict %s (%s); findings %q", r.Verdict, r.VerdictReason, summary(r))
	}
}
