package conformance_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/target"
)

// refuser answers every request the same way: a server that exercised nothing.
func refuser(t *testing.T, status int, media, body string, header ...string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", media)
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// A server that refuses every request (credentials, unknown operation, wrong prefix) never
// gets a passed verdict, whatever the tag selection: nothing was exercised.
func TestRefusingTargetIsNeverPassed(t *testing.T) {
	targets := map[string]func(t *testing.T) string{
		"403 UnrecognizedClientException": func(t *testing.T) string {
			return refuser(t, 403, "application/x-amz-json-1.1", `{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}`)
		},
		"404 UnknownOperationException": func(t *testing.T) string {
			return refuser(t, 404, "application/json", `{"message":"unknown"}`, "X-Amzn-ErrorType", "UnknownOperationException")
		},
		"wrong prefix": func(t *testing.T) string { return refuser(t, 404, "text/html", "<h1>Not Found</h1>") },
	}
	for name, start := range targets {
		for _, tags := range []string{"@CreateConnection.response", "@StartConnection.AssetId.maxLength", ""} {
			t.Run(name+" "+tags, func(t *testing.T) {
				url := start(t)
				cfg := emulatorConfig(t)
				var err error
				cfg.Client, err = target.New(target.Options{Targets: map[string]string{"": url}, Timeout: 2 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				cfg.Tags = tags
				r := run(t, cfg)
				if r.Verdict != report.Inconclusive {
					t.Fatalf("verdict %s (%s); want inconclusive", r.Verdict, r.VerdictReason)
				}
				if count(r, report.Passed) != 0 {
					t.Errorf("%d scenarios passed against a target that refused everything", count(r, report.Passed))
				}
				if !strings.Contains(r.VerdictReason, "every valid request") && !strings.Contains(r.VerdictReason, "never exercised") {
					t.Errorf("reason %q says neither that every valid request got one answer nor that nothing was exercised", r.VerdictReason)
				}
			})
		}
	}
}

// Operations out of scope (no target for their service, not selected) are skipped with their
// reason before anything is sent, and do not count against the verdict.
func TestOutOfScopeOperationsAreSkipped(t *testing.T) {
	cfg := emulatorConfig(t)
	cfg.Operations = []string{"CreateConnection"}
	cfg.OutOfScope = map[string]string{"StartConnection": "no target for service outposts", "GetConnection": "no target for service outposts"}
	r := run(t, cfg)
	if r.Verdict != report.Passed {
		t.Fatalf("verdict %s (%s); want passed", r.Verdict, r.VerdictReason)
	}
	for _, s := range r.Scenarios {
		if s.Operation != "CreateConnection" && s.Status != report.Skipped {
			t.Errorf("%s / %s (%s) is %s; want skipped", s.Feature, s.Name, s.Operation, s.Status)
		}
	}
	for _, o := range r.Operations {
		want := "no target"
		if o.Operation == "DescribeConnections" { // in scope of its target, but not selected
			want = "not selected"
		}
		if o.Operation != "CreateConnection" && (o.Verdict != report.Skipped || !strings.Contains(o.Reason, want)) {
			t.Errorf("operation %s: %s (%s); want skipped, %s", o.Operation, o.Verdict, o.Reason, want)
		}
	}
}

// A run whose context is cancelled mid-way is interrupted: never passed, never failed by the
// cancellation, and the scenarios it cut short are skipped with that reason.
func TestCancelledRunIsInterrupted(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	cfg := emulatorConfig(t)
	var err error
	cfg.Client, err = target.New(target.Options{Targets: map[string]string{"": slow.URL}, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Tags = "@StartConnection.AssetId.maxLength"
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	r, err := conformance.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != report.Interrupted {
		t.Fatalf("verdict %s (%s); want interrupted", r.Verdict, r.VerdictReason)
	}
	if count(r, report.Failed) != 0 || len(r.Findings) != 0 {
		t.Errorf("the cancellation was reported as %d failures, %d findings", count(r, report.Failed), len(r.Findings))
	}
}

// --strict on plumb's own emulator passes: strictness fails warnings and demands documented
// error types, and the emulator answers every protocol break as the protocol does.
func TestStrictPassesTheEmulator(t *testing.T) {
	cfg := emulatorConfig(t)
	cfg.Engine = check.New(cfg.Specs, check.Options{Strict: true})
	r := run(t, cfg)
	if r.Verdict != report.Passed {
		t.Errorf("verdict %s (%s); root causes %+v", r.Verdict, r.VerdictReason, r.RootCauses)
	}
}
