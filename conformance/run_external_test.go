package conformance_test

import (
	"testing"

	"github.com/plumbhq/plumb/report"
)

// TestCorrectEmulatorPasses is the no-false-alarm proof: against the correct emulator every
// scenario passes.
func TestCorrectEmulatorPasses(t *testing.T) {
	r := run(t, emulatorConfig(t))
	if n := count(r, report.Failed); n != 0 {
		t.Errorf("%d scenarios failed against the correct emulator:\n%s", n, describeFailures(r, 20))
	}
	if count(r, report.Passed) == 0 {
		t.Fatal("no scenario passed")
	}
	t.Logf("%d scenarios passed, %d skipped", count(r, report.Passed), count(r, report.Skipped))
}
