package check_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// flowOf is the read-back the spec declares for the create operation named.
func flowOf(t *testing.T, create string) *specs.ReadBack {
	t.Helper()
	f := op(t, create).Created.Read
	if f == nil {
		t.Fatalf("%s declares no read-back", create)
	}
	return f
}

// roundTrip reads back a started connection: the create's input held ClientPublicKey k.
func roundTrip(e *check.Engine, get *specs.Operation, flow *specs.ReadBack, id, k string, ex target.Exchange) []check.Result {
	return e.ReadBack(get, flow, id, map[string]any{"ClientPublicKey": k}, ex)
}

func TestRoundTrip(t *testing.T) {
	e := engine(t, false)
	get := op(t, "GetConnection")
	flow := flowOf(t, "StartConnection")

	rs := roundTrip(e, get, flow, "abc+/=", key, exchange(200, getOK, "Content-Type", ctJSON))
	noFailures(t, rs)
	want(t, rs, check.Stateful, check.Pass)
	if len(rs) != len(check.All) {
		t.Fatalf("got %d results, want %d", len(rs), len(check.All))
	}

	// Omitting ConnectionId is allowed (every response member is optional).
	noOwnID := `{"ConnectionDetails":{"ClientPublicKey":"` + key + `"}}`
	noFailures(t, roundTrip(e, get, flow, "abc", key, exchange(200, noOwnID, "Content-Type", ctJSON)))

	rs = roundTrip(e, get, flow, "abc+/=", otherKey, exchange(200, getOK, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, `"abc+/="`, otherKey, key)

	rs = roundTrip(e, get, flow, "xyz", key, exchange(200, getOK, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, `"xyz"`, "$.ConnectionId", `"abc+/="`)

	rs = roundTrip(e, get, flow, "abc", key, exchange(200, `{"ConnectionId":"abc"}`, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, "no $.ConnectionDetails.ClientPublicKey")

	rs = roundTrip(e, get, flow, "ab/c", key, exchange(404, `{"Message":"not found"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.Stateful, check.Fail, `"ab/c"`, "status 404")
	want(t, rs, check.PositiveDataAcceptance, check.Inconclusive) // a 404 is not "invalid input"; the stateful check owns it
}

func TestUnknownID(t *testing.T) {
	e := engine(t, false)
	get := op(t, "GetConnection")
	flow := flowOf(t, "StartConnection")
	rs := e.UnknownID(get, flow, "neverStarted", exchange(404, `{"Message":"not found"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	noFailures(t, rs)
	want(t, rs, check.Stateful, check.Pass)

	rs = e.UnknownID(get, flow, "neverStarted", exchange(200, getOK, "Content-Type", ctJSON))
	r := want(t, rs, check.Stateful, check.Fail, `"neverStarted"`, "expected NotFoundException 404")
	if !strings.Contains(r.Message, "got 200") {
		t.Errorf("message %q does not say what came", r.Message)
	}
}

func TestNeedsEscaping(t *testing.T) {
	for id, want := range map[string]bool{"abc-._~09AZ": false, "a+b": true, "a/b": true, "a=b": true, "é": true, "": false} {
		if got := check.NeedsEscaping(id); got != want {
			t.Errorf("NeedsEscaping(%q) = %v, want %v", id, got, want)
		}
	}
}
