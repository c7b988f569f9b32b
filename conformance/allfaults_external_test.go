package conformance_test

import (
	"os"
	"testing"

	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
)

// TestEveryFaultIsCaught runs the whole suite once per fault in the emulator's catalogue and
// fails for any fault no scenario notices. It takes tens of seconds, so it runs only with
// PLUMB_ALL_FAULTS=1 (package selftest measures the same score for users).
func TestEveryFaultIsCaught(t *testing.T) {
	if os.Getenv("PLUMB_ALL_FAULTS") == "" {
		t.Skip("set PLUMB_ALL_FAULTS=1 to run the suite against every fault")
	}
	for _, f := range emulator.Faults() {
		t.Run(f.Name, func(t *testing.T) {
			r := run(t, emulatorConfig(t, f.Name))
			if count(r, report.Failed) == 0 {
				t.Errorf("no scenario caught %s (%s): %s", f.Name, f.Class, f.Description)
			}
		})
	}
}
