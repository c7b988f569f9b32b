package fuzz_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/target"
)

// patientClient is newClient with a per-request timeout far beyond any answer time, even under
// -race on a loaded machine (load 12 on 2 cores): in tests that judge findings and their
// replays, a timeout would turn the emulator's answer into a transport failure, so a slow
// machine would change which findings a budgeted campaign reports and make a replay disagree
// with its finding. Timeouts themselves are tested with targets that never answer.
func patientClient(t testing.TB, url string, workers int) *target.Client {
	t.Helper()
	return clientWithTimeout(t, url, workers, 2*time.Minute)
}

func TestReplayFileName(t *testing.T) {
	// One file per root cause, named by operation, check and the root cause's stable id.
	a := fuzz.ReplayFileName("StartConnection", "negative_data_rejection", "input breaking a documented rule accepted with 200")
	if !regexp.MustCompile(`^StartConnection-negative_data_rejection-[0-9a-f]{12}\.json$`).MatchString(a) {
		t.Errorf("ReplayFileName = %q", a)
	}
	if b := fuzz.ReplayFileName("StartConnection", "negative_data_rejection", "another cause"); b == a {
		t.Errorf("two causes share the file name %q", a)
	}
	if again := fuzz.ReplayFileName("StartConnection", "negative_data_rejection", "input breaking a documented rule accepted with 200"); again != a {
		t.Errorf("not stable: %q then %q", a, again)
	}
	if got := fuzz.ReplayFileName("Op/../x", "c h", "k"); !regexp.MustCompile(`^Op_.._x-c_h-[0-9a-f]{12}\.json$`).MatchString(got) {
		t.Errorf("unsafe characters kept: %q", got)
	}
}

func TestLoadReplayRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"garbage.json": "not json",
		"version.json": `{"version": 99, "operation": "X", "check": "c", "request": {"service": "outposts"}}`,
		"empty.json":   `{"version": 1}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := fuzz.LoadReplay(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := fuzz.LoadReplay(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}
