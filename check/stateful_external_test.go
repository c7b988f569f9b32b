package check_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
)

func TestRoundTrip(t *testing.T) {
	e := engine(t, false)
	get := op(t, "GetConnection")

	rs := e.RoundTrip(get, "abc+/=", key, exchange(200, getOK, "Content-Type", ctJSON))
	noFailures(t, rs)
	want(t, rs, check.Stateful, check.Pass)
	if len(rs) != len(check.All) {
		t.Fatalf("got %d results, want %d", len(rs), len(check.All))
	}

	// Omitting ConnectionId is allowed (every response member is optional).
	noOwnID := `{"ConnectionDetails":{"ClientPublicKey":"` + key + `"}}`
	noFailures(t, e.RoundTrip(get, "abc", key, exchange(200, noOwnID, "Content-Type", ctJSON)))

	rs = e.RoundTrip(get, "abc+/=", otherKey, exchange(200, getOK, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, `"abc+/="`, otherKey, key)

	rs = e.RoundTrip(get, "xyz", key, exchange(200, getOK, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, `"xyz"`, "ConnectionId", `"abc+/="`)

	rs = e.RoundTrip(get, "abc", key, exchange(200, `{"ConnectionId":"abc"}`, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, "no ConnectionDetails.ClientPublicKey")

	rs = e.RoundTrip(get, "ab/c", key, exchange(404, `{"Message":"not found"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.Stateful, check.Fail, `"ab/c"`, "status 404")
	want(t, rs, check.PositiveDataAcceptance, check.Inconclusive) // a 404 is not "invalid input"; the stateful check owns it
}

func TestUnknownID(t *testing.T) {
	e := engine(t, false)
	get := op(t, "GetConnection")
	rs := e.UnknownID(get, "neverStarted", exchange(404, `{"Message":"not found"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	noFailures(t, rs)
	want(t, rs, check.Stateful, check.Pass)

	rs = e.UnknownID(get, "neverStarted", exchange(200, getOK, "Content-Type", ctJSON))
	r := want(t, rs, check.Stateful, check.Fail, `"neverStarted"`, "expected NotFoundException 404")
	if !strings.Contains(r.Message, "got 200") {
		t.Errorf("message %q does not say what came", r.Message)
	}
}
