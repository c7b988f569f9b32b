package fuzz_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

var testSpecs = func() *specs.Set {
	s, err := specs.Load()
	if err != nil {
		panic(err)
	}
	return s
}()

// startEmulator serves an emulator with the given faults on loopback for the test's lifetime.
func startEmulator(t testing.TB, faults ...string) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(emulator.Config{Faults: faults}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newClient(t testing.TB, url string, workers int) *target.Client {
	t.Helper()
	return clientWithTimeout(t, url, workers, 5*time.Second)
}

func clientWithTimeout(t testing.TB, url string, workers int, timeout time.Duration) *target.Client {
	t.Helper()
	c, err := target.New(target.Options{Targets: map[string]string{"": url}, Concurrency: workers, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func newEngine() *check.Engine { return check.New(testSpecs, check.Options{}) }

// config is a small campaign against url.
func config(t testing.TB, url string, seed uint64, budget, workers int) fuzz.Config {
	return fuzz.Config{
		Specs: testSpecs, Client: newClient(t, url, workers), Engine: newEngine(),
		Seed: seed, Budget: budget, Workers: workers, ShrinkTime: 5 * time.Second, Target: url,
	}
}

func run(t testing.TB, cfg fuzz.Config) *report.Run {
	t.Helper()
	r, err := fuzz.Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func findFinding(r *report.Run, op, chk string, match func(report.Finding) bool) (report.Finding, bool) {
	for _, f := range r.Findings {
		if f.Operation == op && f.Check == chk && (match == nil || match(f)) {
			return f, true
		}
	}
	return report.Finding{}, false
}

func summary(r *report.Run) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Operation+" "+f.Check+" "+f.Rule+" "+f.Path)
	}
	return out
}

// memberOf returns a top-level string member of a JSON body.
func memberOf(t testing.TB, body, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	s, _ := m[name].(string)
	return s
}

// inconclusiveOnce asserts a run's verdict is inconclusive for the reason given, said once in
// the verdict rather than as findings.
func inconclusiveOnce(t *testing.T, r *report.Run, reason string) {
	t.Helper()
	if r.Verdict != report.Inconclusive || !strings.Contains(r.VerdictReason, reason) {
		t.Errorf("verdict %s (%s); want inconclusive, %s", r.Verdict, r.VerdictReason, reason)
	}
	if len(r.Findings) != 0 {
		t.Errorf("findings %q; want the cause once, in the verdict", summary(r))
	}
}
