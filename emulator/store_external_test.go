package emulator_test

import (
	"net/http"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plumbhq/plumb/emulator"
)

// fakeClock is a settable clock for Config.Clock.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }
func storeEmulator(t *testing.T, max int, c *fakeClock) *emulator.Emulator {
	t.Helper()
	e, err := emulator.New(emulator.Config{MaxConnections: max, Clock: c.now})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// startOK starts a connection that must succeed and returns its id.
func startOK(t *testing.T, e http.Handler) string {
	t.Helper()
	id, _ := startID(t, e, nil)
	return id
}

// readable reports which of ids GetConnection still finds (200) and fails on anything
// other than 200 or 404.
func readable(t *testing.T, e http.Handler, ids ...string) []bool {
	t.Helper()
	out := make([]bool, len(ids))
	for i, id := range ids {
		switch r := get(t, e, id); r.summary() {
		case "200":
			out[i] = true
		case "404 NotFoundException":
		default:
			t.Fatalf("GetConnection(%s): %s", id, r.summary())
		}
	}
	return out
}

// A full table of young connections refuses a new one with 429 ThrottlingException and
// keeps every connection; once the oldest is MinConnectionAge old it, and only it, makes
// room: oldest first.
func TestStoreNeverEvictsYoungConnections(t *testing.T) {
	clock := newFakeClock()
	e := storeEmulator(t, 3, clock)
	a := startOK(t, e)
	clock.advance(time.Minute)
	b := startOK(t, e)
	c := startOK(t, e)

	clock.advance(emulator.MinConnectionAge - time.Minute - time.Nanosecond) // a is 1ns short
	r := start(t, e, startBody())
	if r.summary() != "429 ThrottlingException" || r.message() == "" {
		t.Fatalf("StartConnection on a full table of young connections: %s %q", r.summary(), r.message())
	}
	if got := r.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1 (seconds until the oldest may go, rounded up)", got)
	}
	if got := readable(t, e, a, b, c); !reflect.DeepEqual(got, []bool{true, true, true}) {
		t.Fatalf("after the refusal, readable a,b,c = %v; nothing may be evicted", got)
	}

	clock.advance(time.Nanosecond) // a is exactly MinConnectionAge old
	d := startOK(t, e)
	if got := readable(t, e, a, b, c, d); !reflect.DeepEqual(got, []bool{false, true, true, true}) {
		t.Fatalf("readable a,b,c,d = %v; only the oldest (a) may go", got)
	}
	// b and c are a minute younger than a was: refused until they age.
	if r := start(t, e, startBody()); r.summary() != "429 ThrottlingException" {
		t.Fatalf("b is young: %s", r.summary())
	}
	clock.advance(time.Minute)
	e1, e2 := startOK(t, e), startOK(t, e) // b then c go, in that order
	if got := readable(t, e, b, c, d, e1, e2); !reflect.DeepEqual(got, []bool{false, false, true, true, true}) {
		t.Fatalf("readable b,c,d,e1,e2 = %v", got)
	}
	if r := start(t, e, startBody()); r.summary() != "429 ThrottlingException" {
		t.Fatalf("d is young: %s", r.summary())
	}
}

// A connection reads back the same details every time, however many other connections were
// started in between (the details are regenerated from a per-connection seed).
func TestStoredDetailsAreStable(t *testing.T) {
	e := storeEmulator(t, 100, newFakeClock())
	in := startBody()
	in["ClientPublicKey"] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP/="
	first := start(t, e, in)
	id, _ := first.obj["ConnectionId"].(string)
	before := get(t, e, id)
	for range 50 {
		startOK(t, e)
	}
	after := get(t, e, id)
	if before.status != 200 || !reflect.DeepEqual(before.obj, after.obj) {
		t.Fatalf("GetConnection changed: %s then %s", before.body, after.body)
	}
	details, _ := before.obj["ConnectionDetails"].(map[string]any)
	if details["ClientPublicKey"] != in["ClientPublicKey"] {
		t.Errorf("ClientPublicKey %v, want the one sent", details["ClientPublicKey"])
	}
	other := get(t, e, startOK(t, e))
	if reflect.DeepEqual(other.obj["ConnectionDetails"].(map[string]any)["ServerPublicKey"], details["ServerPublicKey"]) {
		t.Error("two connections share a ServerPublicKey")
	}
}

func TestNegativeMaxConnections(t *testing.T) {
	if _, err := emulator.New(emulator.Config{MaxConnections: -1}); err == nil {
		t.Fatal("New accepted MaxConnections -1")
	}
}
