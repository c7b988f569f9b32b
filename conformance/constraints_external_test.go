package conformance_test

import (
	"testing"

	"github.com/plumbhq/plumb/report"
)

func constraintStatus(r *report.Run) map[string]report.Constraint {
	out := map[string]report.Constraint{}
	for _, c := range r.Constraints {
		out[c.ID] = c
	}
	return out
}

// TestConstraintTable: against the correct emulator every request constraint and every response
// constraint was exercised and passed; against a fault breaking one response member, that
// member's rule fails and its neighbours still pass.
func TestConstraintTable(t *testing.T) {
	s, _ := loaded(t)
	r := run(t, emulatorConfig(t))
	got := constraintStatus(r)
	total := 0
	for _, op := range s.Operations() {
		for _, c := range op.Constraints() {
			total++
			row, ok := got[c.ID]
			if !ok {
				t.Errorf("constraint %s missing from the table", c.ID)
				continue
			}
			if c.In == "error" {
				if row.Status == report.Failed {
					t.Errorf("%s: failed against the correct emulator", c.ID)
				}
				continue
			}
			if row.Status != report.Passed || row.Exercised == 0 {
				t.Errorf("%s: status %s exercised %d; want passed by at least one scenario", c.ID, row.Status, row.Exercised)
			}
		}
	}
	if len(r.Constraints) != total {
		t.Errorf("table has %d rows, the spec %d constraints", len(r.Constraints), total)
	}
	if got["CreateConnection.error.DuplicateTagKeysException"].Status != report.Passed {
		t.Errorf("DuplicateTagKeysException: %+v, want passed", got["CreateConnection.error.DuplicateTagKeysException"])
	}

	r = run(t, emulatorConfig(t, "resp-underlay-ip-malformed"))
	got = constraintStatus(r)
	if c := got["StartConnection.response.UnderlayIpAddress.pattern"]; c.Status != report.Failed {
		t.Errorf("UnderlayIpAddress.pattern: %+v, want failed", c)
	}
	for _, id := range []string{"StartConnection.response.ConnectionId.pattern", "StartConnection.AssetId.maxLength", "GetConnection.response.ConnectionDetails.ServerEndpoint.pattern"} {
		if c := got[id]; c.Status == report.Failed {
			t.Errorf("%s: failed, but the fault breaks only UnderlayIpAddress", id)
		}
	}
}
