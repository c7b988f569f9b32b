package check_test

import (
	"testing"

	"github.com/plumbhq/plumb/check"
)

// Disabled checks are not evaluated: their results are Skip with the reason, whatever the
// response, while the other checks judge as before.
func TestDisabledChecksAreNotEvaluated(t *testing.T) {
	e := check.New(set(t), check.Options{Disabled: []check.Name{check.StatusCode, check.ErrorType, check.PositiveDataAcceptance}})
	ex := exchange(418, `{"Message":"teapot"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "TeapotException")
	rs := e.Check(op(t, "StartConnection"), check.Valid(), ex)
	for _, n := range []check.Name{check.StatusCode, check.ErrorType, check.PositiveDataAcceptance} {
		want(t, rs, n, check.Skip, check.DisabledMessage)
		if e.Enabled(n) {
			t.Errorf("Enabled(%s) = true for a disabled check", n)
		}
	}
	want(t, rs, check.Reachable, check.Pass)
	if !e.Enabled(check.ContentType) {
		t.Error("Enabled(content_type_conformance) = false for a check not disabled")
	}
	// The same response with every check on fails the disabled ones.
	rs = engine(t, false).Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "418")

	// A refusal leaves a disabled check skipped, not inconclusive.
	refused := exchange(403, `{"Message":"bad key"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "UnrecognizedClientException")
	rs = e.Check(op(t, "StartConnection"), check.Valid(), refused)
	want(t, rs, check.StatusCode, check.Skip, check.DisabledMessage)
	want(t, rs, check.ContentType, check.Inconclusive)

	// The stateful check of a read-back is not judged either.
	e = check.New(set(t), check.Options{Disabled: []check.Name{check.Stateful}})
	rs = roundTrip(e, op(t, "GetConnection"), flowOf(t, "StartConnection"), "abc", "key", exchange(404, `{"Message":"no"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.Stateful, check.Skip, check.DisabledMessage)
}
