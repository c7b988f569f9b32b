package check_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
)

// A member name given twice in one object is a warning (RFC 8259: names SHOULD be unique), a
// failure under --strict, with a cause naming the member and where.
func TestDuplicateMemberNamesAreAWarning(t *testing.T) {
	dx := op(t, "CreateConnection")
	for _, c := range []struct {
		name, body, cause, path string
	}{
		{"top level", strings.Replace(createOK, `"vlan":0,`, `"vlan":0,"vlan":1,`, 1), `200 duplicate member "vlan" at $`, "$"},
		{"spelt with an escape", strings.Replace(createOK, `"vlan":0,`, `"vlan":0,"\u0076lan":0,`, 1), `200 duplicate member "vlan" at $`, "$"},
		{"in a list", strings.Replace(createOK, `{"key":"k","value":"v"}`, `{"key":"k","value":"v"},{"key":"k","key":"j","value":"v"}`, 1),
			`200 duplicate member "key" at $.tags[*]`, "$.tags[1]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := engine(t, false).Check(dx, check.Valid(), exchange(200, c.body, "Content-Type", ctAmzJSON))
			r := want(t, rs, check.ResponseSchema, check.Warn, "duplicate member", "SHOULD be unique", "--strict")
			if len(r.Causes) != 1 || r.Causes[0] != c.cause || r.Path != c.path {
				t.Errorf("causes %q at %s, want [%q] at %s", r.Causes, r.Path, c.cause, c.path)
			}
			if check.Failed(rs) {
				t.Errorf("a warning fails nothing:\n%s", dump(rs))
			}
			rs = engine(t, true).Check(dx, check.Valid(), exchange(200, c.body, "Content-Type", ctAmzJSON))
			want(t, rs, check.ResponseSchema, check.Fail, "duplicate member")
		})
	}
	// The same body without the repeat conforms; a body breaking its schema is reported for that.
	noFailures(t, engine(t, true).Check(dx, check.Valid(), exchange(200, createOK, "Content-Type", ctAmzJSON)))
	bad := strings.Replace(createOK, `"vlan":0,`, `"vlan":"x","vlan":"y",`, 1)
	rs := engine(t, false).Check(dx, check.Valid(), exchange(200, bad, "Content-Type", ctAmzJSON))
	want(t, rs, check.ResponseSchema, check.Fail, "$.vlan type")
}

// A number beyond float64 is reported at its path as out of range, not as a body that is not
// JSON.
func TestNumbersOutOfRangeAreNamed(t *testing.T) {
	dx := op(t, "CreateConnection")
	for _, lit := range []string{"1e400", "-1e400", "1" + strings.Repeat("0", 400)} {
		body := strings.Replace(createOK, `"vlan":0`, `"vlan":`+lit, 1)
		rs := engine(t, false).Check(dx, check.Valid(), exchange(200, body, "Content-Type", ctAmzJSON))
		r := want(t, rs, check.ResponseSchema, check.Fail, "$.vlan number: "+lit[:min(len(lit), 40)], "out of range")
		if strings.Contains(r.Message, "not JSON") || len(r.Causes) != 1 || r.Causes[0] != "200 $.vlan number out of range" || r.Path != "$.vlan" {
			t.Errorf("%s: got %q, causes %q at %s", lit, r.Message, r.Causes, r.Path)
		}
	}
	// 1e-400 rounds to 0 (no decoder fails on it), and a body that is not JSON stays that.
	body := strings.Replace(createOK, `"vlan":0`, `"vlan":1e-400`, 1)
	noFailures(t, engine(t, false).Check(dx, check.Valid(), exchange(200, body, "Content-Type", ctAmzJSON)))
	rs := engine(t, false).Check(dx, check.Valid(), exchange(200, `{"vlan":1e400`, "Content-Type", ctAmzJSON))
	want(t, rs, check.ResponseSchema, check.Fail, "not JSON")
}

// A hostile nesting depth is neither followed without end nor blamed on the scan.
func TestDeepNestingIsBounded(t *testing.T) {
	body := `{"tags":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`
	rs := engine(t, false).Check(op(t, "CreateConnection"), check.Valid(), exchange(200, body, "Content-Type", ctAmzJSON))
	r := want(t, rs, check.ResponseSchema, check.Fail)
	if strings.Contains(r.Message, "duplicate") || strings.Contains(r.Message, "out of range") {
		t.Errorf("unexpected: %s", r.Message)
	}
}

// Malformed bodies never upset the scan: the schema check reports them as not JSON (trailing
// bytes after the value too, which kin-openapi's decoder alone lets through); a large
// object is scanned in linear time and its one repeat found.
func TestScanOfMalformedAndLargeBodies(t *testing.T) {
	dx := op(t, "CreateConnection")
	for _, body := range []string{`{"vlan":1,}`, `]`, `{"vl`, `"\`, `[1,2`, `{"vlan":tru`, `{"a":1}}`, `{"a" 1e400}`, "{\"a\":\x00}"} {
		rs := engine(t, false).Check(dx, check.Valid(), exchange(200, body, "Content-Type", ctAmzJSON))
		want(t, rs, check.ResponseSchema, check.Fail, "not JSON")
	}
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(createOK, "}"))
	for i := range 5000 {
		b.WriteString(`,"x` + strconv.Itoa(i) + `":1`)
	}
	b.WriteString(`,"x4321":2}`)
	rs := engine(t, false).Check(dx, check.Valid(), exchange(200, b.String(), "Content-Type", ctAmzJSON))
	r := want(t, rs, check.ResponseSchema, check.Warn)
	if len(r.Causes) != 1 || r.Causes[0] != `200 duplicate member "x4321" at $` {
		t.Errorf("causes %q", r.Causes)
	}
}

// A read-back holding a number beyond float64 is judged once, by the schema check: the round
// trip still reads its members.
func TestRoundTripReadsPastANumberOutOfRange(t *testing.T) {
	body := `{"ConnectionId":"abc","Extra":1e400,"ConnectionDetails":{"ClientPublicKey":"` + key + `"}}`
	rs := roundTrip(engine(t, false), op(t, "GetConnection"), flowOf(t, "StartConnection"), "abc", key, exchange(200, body, "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Pass)
	want(t, rs, check.ResponseSchema, check.Fail, "$.Extra number: 1e400 out of range")
	rs = roundTrip(engine(t, false), op(t, "GetConnection"), flowOf(t, "StartConnection"), "abc", key, exchange(200, body+"}", "Content-Type", ctJSON))
	want(t, rs, check.Stateful, check.Fail, "not a JSON object")
}
