package emulator_test

import (
	"fmt"
	"strings"
	"testing"
)

// objectN is {"k0":0,"k1":0,...} with n members.
func objectN(n int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":0`, i)
	}
	b.WriteByte('}')
	return b.String()
}

// nested is depth levels of alternating objects and arrays around a valid value.
func nested(depth int) string {
	var open, closing strings.Builder
	for i := range depth {
		if i%2 == 0 {
			open.WriteString(`{"a":`)
			closing.WriteString(`}`)
		} else {
			open.WriteString(`[`)
			closing.WriteString(`]`)
		}
	}
	return open.String() + "0" + reverse(closing.String())
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// withMember inserts `"name":value` as the first member of a valid body.
func withMember(valid []byte, name, value string) []byte {
	return []byte(`{"` + name + `":` + value + `,` + string(valid[1:]))
}

// The bounds of bounds.go answer the operation's documented client error (400), and a
// request just inside each bound is still served.
func TestBodyBounds(t *testing.T) {
	e := newEmulator(t)
	start := mustJSON(t, startBody())
	create := mustJSON(t, createBody())
	cases := []struct {
		name        string
		extra       string // value of an unknown member added to a valid body
		ok          bool
		wantMessage string
	}{
		{"100 members in one object", objectN(100), true, ""},
		{"101 members in one object", objectN(101), false, "more than 100 members"},
		// The valid body and its unknown member's wrapper already hold 2 levels.
		{"depth 32", nested(31), true, ""},
		{"depth 33", nested(32), false, "more than 32 deep"},
		{"10,000 array elements", "[" + strings.Repeat("0,", 9999) + "0]", false, "more than 10000 JSON values"},
		{"80,000 members", objectN(80_000), false, "more than 100 members"},
		{"80,000 members, 100 to an object", "[" + strings.Repeat(objectN(100)+",", 799) + objectN(100) + "]", false, "more than 10000 JSON values"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := map[string]result{
				"StartConnection":  startRaw(t, e, withMember(start, "Extra", c.extra)),
				"CreateConnection": createRaw(t, e, withMember(create, "extra", c.extra)),
			}
			want := map[string]string{"StartConnection": "400 ValidationException", "CreateConnection": "400 DirectConnectClientException"}
			for op, r := range rs {
				if c.ok {
					if r.status != 200 {
						t.Errorf("%s: %s %s, want 200", op, r.summary(), r.message())
					}
					continue
				}
				if r.summary() != want[op] || !strings.Contains(r.message(), c.wantMessage) {
					t.Errorf("%s: %s %q, want %s naming %q", op, r.summary(), r.message(), want[op], c.wantMessage)
				}
			}
		})
	}
}

// The value bound is exact: a StartConnection of 10,000 JSON values in all is served, one
// more is refused. The body: the top-level object, its 4 member values, and 9,995 elements
// of the unknown member x.
func TestBodyBoundsExactValueLimit(t *testing.T) {
	e := newEmulator(t)
	body := func(elements int) []byte {
		return []byte(`{"AssetId":"a","ClientPublicKey":"` + validKey + `","NetworkInterfaceDeviceIndex":0,"x":[` +
			strings.Repeat("0,", elements-1) + `0]}`)
	}
	if r := startRaw(t, e, body(9995)); r.status != 200 {
		t.Errorf("10,000 values: %s %s", r.summary(), r.message())
	}
	if r := startRaw(t, e, body(9996)); r.summary() != "400 ValidationException" {
		t.Errorf("10,001 values: %s", r.summary())
	}
}

// A body over the size cap is 413 even when it would also break a shape bound: the cap is
// checked first and costs nothing to decide.
func TestBodyCapBeforeBounds(t *testing.T) {
	e := newEmulator(t)
	body := []byte(objectN(120_000)) // about 1.3 MiB
	if r := startRaw(t, e, body); r.summary() != "413 RequestEntityTooLargeException" {
		t.Errorf("StartConnection: %s", r.summary())
	}
	if r := createRaw(t, e, body); r.summary() != "413 RequestEntityTooLargeException" {
		t.Errorf("CreateConnection: %s", r.summary())
	}
}

// Malformed JSON keeps its own message; the walk does not mistake it for a bound.
func TestBodyBoundsLeaveSyntaxErrors(t *testing.T) {
	e := newEmulator(t)
	for _, body := range []string{`{"a":`, `{"a" 1}`, `[1,2`, `{} {}`, `{"a":1}}`} {
		r := startRaw(t, e, []byte(body))
		if r.summary() != "400 ValidationException" || !strings.HasPrefix(r.message(), "request body is not valid JSON") {
			t.Errorf("%q: %s %q", body, r.summary(), r.message())
		}
	}
}
