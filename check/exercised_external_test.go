package check_test

import (
	"testing"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
)

// touched names the constraints an exchange exercised, "!" marking those it broke.
func touched(op *specs.Operation, ts []check.Touch) map[string]bool {
	out := map[string]bool{}
	for _, t := range ts {
		out[op.Constraints()[t.Index].ID] = t.Broken
	}
	return out
}

func TestTouched(t *testing.T) {
	e := engine(t, false)
	start := op(t, "StartConnection")

	// A 400 ValidationException to a too-long AssetId: the rule it was about, and the error.
	exp := check.Invalid("$.AssetId", "maxLength", "ValidationException", 400)
	ex := exchange(400, `{"Message":"too long"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException")
	got := touched(start, check.Touched(start, exp, ex, e.Check(start, exp, ex)))
	if len(got) != 2 || got["StartConnection.AssetId.maxLength"] || got["StartConnection.error.ValidationException"] {
		t.Errorf("rejected as documented: %v, want the rule and the error, neither broken", got)
	}

	// The same input accepted: the rule is broken; the 200 exercises every response rule.
	ex = exchange(200, startOK, "Content-Type", ctJSON)
	got = touched(start, check.Touched(start, exp, ex, e.Check(start, exp, ex)))
	if broken, ok := got["StartConnection.AssetId.maxLength"]; !ok || !broken {
		t.Errorf("accepted: %v, want StartConnection.AssetId.maxLength broken", got)
	}
	if _, ok := got["StartConnection.response.status"]; !ok {
		t.Errorf("a 200 exercises the response rules: %v", got)
	}

	// A valid input answered with a malformed member breaks that member's rule only.
	bad := `{"ConnectionId":"abc+/=","UnderlayIpAddress":"10.0.0.x"}`
	ex = exchange(200, bad, "Content-Type", ctJSON)
	got = touched(start, check.Touched(start, check.Valid(), ex, e.Check(start, check.Valid(), ex)))
	for id, broken := range got {
		if broken != (id == "StartConnection.response.UnderlayIpAddress.pattern") {
			t.Errorf("%s broken=%v", id, broken)
		}
	}
	if !got["StartConnection.response.UnderlayIpAddress.pattern"] {
		t.Errorf("the malformed member's rule is not broken: %v", got)
	}
}
