package conformance_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/target"
)

// recorder serves the emulator and remembers every request and status it answered.
type recorder struct {
	mu       sync.Mutex
	requests []string
	statuses []int
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }

func recordingConfig(t *testing.T) (conformance.Config, *recorder) {
	t.Helper()
	s, e := loaded(t)
	emu, err := emulator.New(emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		emu.ServeHTTP(sw, r)
		rec.mu.Lock()
		rec.requests = append(rec.requests, r.Method+" "+r.URL.EscapedPath())
		rec.statuses = append(rec.statuses, sw.status)
		rec.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	client, err := target.New(target.Options{Targets: map[string]string{"": srv.URL}, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return conformance.Config{Specs: s, Client: client, Engine: e, Concurrency: 4}, rec
}

// TestLiveAWSSkipsCreatingScenarios: against a target marked real AWS, every @creates scenario
// is skipped with a reason before it sends, the rest run, and nothing the target accepted was
// sent.
func TestLiveAWSSkipsCreatingScenarios(t *testing.T) {
	cfg, rec := recordingConfig(t)
	cfg.LiveAWS = true
	r := run(t, cfg)

	// The send fence also holds back requests whose body the spec calls valid but whose headers
	// break the protocol (a wrong Content-Type or X-Amz-Target): a target wrongly accepting one
	// would create a resource.
	fenced := 0
	for _, s := range r.Scenarios {
		creates := contains(s.Tags, "@creates")
		switch {
		case creates && (s.Status != report.Skipped || s.SkipReason == ""):
			t.Errorf("%s / %s: @creates scenario has status %s (reason %q), want skipped with a reason", s.Feature, s.Name, s.Status, s.SkipReason)
		case creates && len(s.Checks) > 0:
			t.Errorf("%s / %s: skipped scenario recorded checks, so it sent something", s.Feature, s.Name)
		case !creates && s.Status == report.Skipped && !strings.Contains(s.SkipReason, "could be accepted"):
			t.Errorf("%s / %s: non-creating scenario skipped for %q; only the send fence may skip it", s.Feature, s.Name, s.SkipReason)
		case !creates && s.Status == report.Skipped && s.Operation == "DescribeConnections":
			// A read over POST: to the fence, which knows only GET as safe, a valid request
			// to it could be a write, so its valid-input scenarios are held back too.
		case !creates && s.Status == report.Skipped:
			fenced++
		case !creates && s.Status != report.Passed:
			t.Errorf("%s / %s: non-creating scenario has status %s, want passed", s.Feature, s.Name, s.Status)
		}
	}
	if count(r, report.Skipped) == 0 || count(r, report.Passed) == 0 {
		t.Fatalf("want both skipped and passed scenarios, got %d skipped, %d passed", count(r, report.Skipped), count(r, report.Passed))
	}
	if fenced == 0 || fenced > 20 {
		t.Errorf("the send fence held back %d non-creating scenarios; want the header-only breaks (a handful)", fenced)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.requests) == 0 {
		t.Fatal("the target saw no request at all")
	}
	for i, st := range rec.statuses {
		if st < 400 {
			t.Errorf("the target accepted %s with %d: a valid request was sent to live AWS", rec.requests[i], st)
		}
	}
}

// TestLiveAWSSendFence: a scenario that forgot its @creates tag still sends nothing valid: the
// send step refuses a write the spec calls valid, and the flow steps refuse to start.
func TestLiveAWSSendFence(t *testing.T) {
	cfg, rec := recordingConfig(t)
	cfg.LiveAWS = true
	cfg.FeatureFilesOnly = true // these two scenarios alone, no generated ones for the other operations
	cfg.Features = fstest.MapFS{"untagged.feature": {Data: []byte(`Feature: Untagged writes
  Scenario: a valid request without @creates
    Given a valid "CreateConnection" request
    When I send the request
    Then the response conforms to the spec

  Scenario: a flow without @creates
    When I create a resource with a valid "StartConnection" request
    And I read it back
    Then it reads back as created
`)}}
	r := run(t, cfg)
	if len(r.Scenarios) != 2 {
		t.Fatalf("got %d scenarios, want 2", len(r.Scenarios))
	}
	for _, s := range r.Scenarios {
		if s.Status != report.Skipped || !strings.Contains(s.SkipReason, "real AWS") {
			t.Errorf("%s: status %s reason %q, want skipped because the target is real AWS", s.Name, s.Status, s.SkipReason)
		}
	}
	rec.mu.Lock()
	sent := append([]string(nil), rec.requests...)
	rec.mu.Unlock()
	if len(sent) != 0 {
		t.Errorf("the target saw %v; want nothing sent", sent)
	}

	// With live writes allowed, the same scenarios run.
	cfg.AllowLiveWrites = true
	r = run(t, cfg)
	if count(r, report.Passed) != 2 {
		t.Errorf("with live writes allowed: %d passed, want 2:\n%s", count(r, report.Passed), describeFailures(r, 5))
	}
}
