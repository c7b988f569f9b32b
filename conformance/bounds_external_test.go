package conformance_test

import (
	"bytes"
	"github.com/plumbhq/plumb/target/targettest"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/target"
)

// TestHugeBodiesAreReportedFromExcerpts: the run keeps only excerpts of the bodies it reports,
// yet each finding still says how much the target sent: the dump reads the same as from the
// whole body.
func TestHugeBodiesAreReportedFromExcerpts(t *testing.T) {
	body := bytes.Repeat([]byte("a"), 2<<20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	cfg := emulatorConfig(t)
	var err error
	cfg.Client, err = target.New(target.Options{Targets: map[string]string{"": srv.URL}, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Tags = "@GetConnection.ConnectionId.maxLength"
	r := run(t, cfg)
	if len(r.Findings) == 0 {
		t.Fatal("no findings against a target answering 2 MiB to everything")
	}
	want := "[body cut at " + strconv.Itoa(target.DumpBodyLimit) + " of " + strconv.Itoa(target.DefaultMaxBodyBytes) + " bytes]"
	for _, f := range r.Findings {
		if f.Response != "" && (!strings.Contains(f.Response, want) || !strings.Contains(f.Response, "response cap")) {
			t.Errorf("finding %s/%s: response dump lacks %q:\n%s", f.Check, f.Cause, want, f.Response)
		}
	}
}

// TestSilentTargetStopsTheRun: a target that accepts connections and never answers stops the
// run after a few requests: inconclusive with the cause, the scenarios left skipped with it.
func TestSilentTargetStopsTheRun(t *testing.T) {
	silent := targettest.StartSilent(t)
	cfg := emulatorConfig(t)
	var err error
	cfg.Client, err = target.New(target.Options{Targets: map[string]string{"": silent.URL},
		Timeout: 200 * time.Millisecond, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, cfg)
	if sent := silent.Conns(); sent >= 20 {
		t.Errorf("%d requests sent to a silent target; want a few", sent)
	}
	if r.Verdict != report.Inconclusive || !strings.Contains(r.VerdictReason, "target not answering") {
		t.Errorf("verdict %s (%s); want inconclusive, target not answering", r.Verdict, r.VerdictReason)
	}
	skipped := 0
	for _, s := range r.Scenarios {
		if s.Status == report.Skipped && strings.Contains(s.SkipReason, "target not answering") {
			skipped++
		}
	}
	if skipped < len(r.Scenarios)/2 {
		t.Errorf("%d of %d scenarios skipped as not run; want most", skipped, len(r.Scenarios))
	}
}
