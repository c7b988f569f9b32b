package fuzz_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/target"
)

// Replay files record where their finding came from: the base URL, or the embedded emulator
// and its faults (which a replay must inject again). Curl lines follow Config.Curl.
func TestReplayFilesRecordTheirTarget(t *testing.T) {
	srv := startEmulator(t, "validation-status-500")
	for name, tc := range map[string]struct {
		embedded   bool
		wantTarget string
		wantFaults []string
	}{
		"url":      {false, srv.URL, nil},
		"embedded": {true, fuzz.ReplayEmbedded, []string{"validation-status-500"}},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := config(t, srv.URL, 1, 200, 2)
			cfg.Operations, cfg.ShrinkTime, cfg.ReplayDir = []string{"StartConnection"}, -1, t.TempDir()
			if tc.embedded {
				cfg.Embedded, cfg.Faults = true, []string{"validation-status-500"}
				cfg.Curl = target.CurlOptions{BaseVar: "PLUMB_TARGET", Note: "start one"}
			}
			r := run(t, cfg)
			if len(r.Findings) == 0 {
				t.Fatal("no finding against validation-status-500")
			}
			files, _ := filepath.Glob(filepath.Join(cfg.ReplayDir, "*.json"))
			if len(files) == 0 {
				t.Fatal("no replay file written")
			}
			for _, f := range files {
				rp, err := fuzz.LoadReplay(f)
				if err != nil {
					t.Fatal(err)
				}
				if rp.Target != tc.wantTarget || !slices.Equal(rp.Faults, tc.wantFaults) {
					t.Errorf("%s records target %q faults %v, want %q %v", f, rp.Target, rp.Faults, tc.wantTarget, tc.wantFaults)
				}
				raw, _ := os.ReadFile(f)
				for _, secret := range []string{target.FakeSecretAccessKey, target.FakeAccessKeyID, "Authorization"} {
					if strings.Contains(string(raw), secret) {
						t.Errorf("%s holds %q", f, secret)
					}
				}
			}
			curl := r.Findings[0].Curl
			if tc.embedded != strings.Contains(curl, `"$PLUMB_TARGET"`) || tc.embedded == strings.Contains(curl, srv.URL) {
				t.Errorf("curl line names the target wrongly (embedded %v):\n%s", tc.embedded, curl)
			}
		})
	}
}
