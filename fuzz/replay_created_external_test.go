package fuzz_test

import (
	"testing"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
)

// A create that returns an id it returned before shows only on a second create: its replay
// creates twice, so it still fails against the faulty target and is fixed on the correct one.
func TestReplayOfARepeatedIDCreatesTwice(t *testing.T) {
	faulty, correct := startEmulator(t, "dx-connectionid-reused"), startEmulator(t)
	cfg := config(t, faulty.URL, 3, 300, 2)
	cfg.Operations, cfg.ReplayDir = []string{"CreateConnection"}, t.TempDir()
	r := run(t, cfg)
	f, ok := findFinding(r, "CreateConnection", "stateful_conformance", func(f report.Finding) bool {
		return f.Cause == "created id returned twice"
	})
	if !ok {
		t.Fatalf("no repeated-id finding: %q", summary(r))
	}
	rp, err := fuzz.LoadReplay(f.Replay)
	if err != nil {
		t.Fatal(err)
	}
	if still, rs, _, err := rp.Run(t.Context(), newClient(t, faulty.URL, 1), newEngine()); err != nil || !still {
		t.Errorf("against the faulty target: still=%v err=%v results=%v", still, err, rs)
	}
	if still, rs, _, err := rp.Run(t.Context(), newClient(t, correct.URL, 1), newEngine()); err != nil || still {
		t.Errorf("against the correct target: still=%v err=%v results=%v", still, err, rs)
	}
}
