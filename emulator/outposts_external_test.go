package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStartConnectionValid(t *testing.T) {
	e := newEmulator(t)
	cases := map[string]func(map[string]any){
		"all members":            func(map[string]any) {},
		"serial absent":          func(m map[string]any) { delete(m, "DeviceSerialNumber") },
		"serial null":            func(m map[string]any) { m["DeviceSerialNumber"] = nil },
		"index 1":                func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = 1 },
		"asset 1 char":           func(m map[string]any) { m["AssetId"] = "a" },
		"asset 100 chars":        func(m map[string]any) { m["AssetId"] = strings.Repeat("A", 100) },
		"serial 100 chars":       func(m map[string]any) { m["DeviceSerialNumber"] = strings.Repeat("9", 100) },
		"asset underscore digit": func(m map[string]any) { m["AssetId"] = "_9_" },
		"key with + and /":       func(m map[string]any) { m["ClientPublicKey"] = strings.Repeat("+/", 21) + "a=" },
		"unknown member ignored": func(m map[string]any) { m["Extra"] = map[string]any{"x": 1} },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			in := startBody()
			edit(in)
			r := start(t, e, in)
			if r.status != http.StatusOK {
				t.Fatalf("got %s %s, want 200", r.summary(), r.body)
			}
			checkStartOutput(t, r)
		})
	}
}

func checkStartOutput(t *testing.T, r result) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	id, ok := r.obj["ConnectionId"].(string)
	if !ok || len(id) < 1 || len(id) > 1024 || !reConnectionID.MatchString(id) {
		t.Errorf("ConnectionId %v malformed", r.obj["ConnectionId"])
	}
	ip, ok := r.obj["UnderlayIpAddress"].(string)
	if !ok || len(ip) < 7 || len(ip) > 15 || !reIPv4.MatchString(ip) {
		t.Errorf("UnderlayIpAddress %v malformed", r.obj["UnderlayIpAddress"])
	}
}

// TestStartConnectionInvalid covers every validation class: malformed JSON,
// wrong JSON types, missing required members, and every length, pattern and
// range constraint. Each must be 400 ValidationException naming the member.
func TestStartConnectionInvalid(t *testing.T) {
	e := newEmulator(t)
	edits := map[string]struct {
		edit   func(map[string]any)
		member string
	}{
		"asset missing":  {func(m map[string]any) { delete(m, "AssetId") }, "AssetId"},
		"asset null":     {func(m map[string]any) { m["AssetId"] = nil }, "AssetId"},
		"asset empty":    {func(m map[string]any) { m["AssetId"] = "" }, "AssetId"},
		"asset 101":      {func(m map[string]any) { m["AssetId"] = strings.Repeat("a", 101) }, "AssetId"},
		"asset dash":     {func(m map[string]any) { m["AssetId"] = "a-b" }, "AssetId"},
		"asset unicode":  {func(m map[string]any) { m["AssetId"] = "café" }, "AssetId"},
		"asset space":    {func(m map[string]any) { m["AssetId"] = "a b" }, "AssetId"},
		"asset number":   {func(m map[string]any) { m["AssetId"] = 12 }, "AssetId"},
		"key missing":    {func(m map[string]any) { delete(m, "ClientPublicKey") }, "ClientPublicKey"},
		"key 43":         {func(m map[string]any) { m["ClientPublicKey"] = validKey[1:] }, "ClientPublicKey"},
		"key 45":         {func(m map[string]any) { m["ClientPublicKey"] = "A" + validKey }, "ClientPublicKey"},
		"key no padding": {func(m map[string]any) { m["ClientPublicKey"] = strings.Repeat("A", 44) }, "ClientPublicKey"},
		"key bad char":   {func(m map[string]any) { m["ClientPublicKey"] = "-" + validKey[1:] }, "ClientPublicKey"},
		"key object":     {func(m map[string]any) { m["ClientPublicKey"] = map[string]any{} }, "ClientPublicKey"},
		"serial empty":   {func(m map[string]any) { m["DeviceSerialNumber"] = "" }, "DeviceSerialNumber"},
		"serial 101":     {func(m map[string]any) { m["DeviceSerialNumber"] = strings.Repeat("1", 101) }, "DeviceSerialNumber"},
		"serial pattern": {func(m map[string]any) { m["DeviceSerialNumber"] = "SN#1" }, "DeviceSerialNumber"},
		"serial bool":    {func(m map[string]any) { m["DeviceSerialNumber"] = true }, "DeviceSerialNumber"},
		"index missing":  {func(m map[string]any) { delete(m, "NetworkInterfaceDeviceIndex") }, "NetworkInterfaceDeviceIndex"},
		"index null":     {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = nil }, "NetworkInterfaceDeviceIndex"},
		"index 2":        {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = 2 }, "NetworkInterfaceDeviceIndex"},
		"index -1":       {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = -1 }, "NetworkInterfaceDeviceIndex"},
		"index huge":     {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = 1e30 }, "NetworkInterfaceDeviceIndex"},
		"index string":   {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = "1" }, "NetworkInterfaceDeviceIndex"},
		"index fraction": {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = 0.5 }, "NetworkInterfaceDeviceIndex"},
		"index bool":     {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = false }, "NetworkInterfaceDeviceIndex"},
		"index list":     {func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = []any{0} }, "NetworkInterfaceDeviceIndex"},
	}
	for name, c := range edits {
		t.Run(name, func(t *testing.T) {
			in := startBody()
			c.edit(in)
			r := start(t, e, in)
			if got := r.summary(); got != "400 ValidationException" {
				t.Fatalf("got %s %s, want 400 ValidationException", got, r.body)
			}
			if !strings.Contains(r.message(), "'"+c.member+"'") {
				t.Errorf("message %q does not name %s", r.message(), c.member)
			}
			if _, ok := r.obj["Message"]; !ok {
				t.Errorf("error body %s lacks the documented member Message", r.body)
			}
		})
	}

	raws := map[string]string{
		"empty body":       ``,
		"whitespace":       "  \n",
		"not json":         `AssetId=x`,
		"truncated":        `{"AssetId": "a"`,
		"trailing garbage": `{"AssetId":"a","ClientPublicKey":"` + validKey + `","NetworkInterfaceDeviceIndex":0} x`,
		"two objects":      `{} {}`,
		"array":            `[]`,
		"string":           `"x"`,
		"null":             `null`,
		"number":           `1`,
		"empty object":     `{}`,
		"1.0 index":        `{"AssetId":"a","ClientPublicKey":"` + validKey + `","NetworkInterfaceDeviceIndex":1.0}`,
		"1e0 index":        `{"AssetId":"a","ClientPublicKey":"` + validKey + `","NetworkInterfaceDeviceIndex":1e0}`,
	}
	for name, body := range raws {
		t.Run(name, func(t *testing.T) {
			r := startRaw(t, e, []byte(body))
			if got := r.summary(); got != "400 ValidationException" {
				t.Fatalf("got %s %s, want 400 ValidationException", got, r.body)
			}
		})
	}
}

func TestValidationMessageShape(t *testing.T) {
	e := newEmulator(t)
	in := startBody()
	in["AssetId"] = strings.Repeat("x", 500)
	in["NetworkInterfaceDeviceIndex"] = 7
	r := start(t, e, in)
	msg := r.message()
	for _, want := range []string{
		"2 validation errors detected: ",
		"at 'AssetId' failed to satisfy constraint: Member must have length less than or equal to 100",
		"Value '7' at 'NetworkInterfaceDeviceIndex' failed to satisfy constraint: Member must have value less than or equal to 1",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, strings.Repeat("x", 65)) {
		t.Errorf("message echoes more than 64 characters of the value: %q", msg)
	}
	delete(in, "AssetId")
	in["NetworkInterfaceDeviceIndex"] = 0
	if msg := start(t, e, in).message(); msg != "1 validation error detected: Value null at 'AssetId' failed to satisfy constraint: Member must not be null" {
		t.Errorf("missing-member message %q", msg)
	}
}

func TestGetConnectionRoundTrip(t *testing.T) {
	e := newEmulator(t)
	var special int
	for range 100 {
		in := startBody()
		key := strings.Repeat("+/", 10) + validKey[20:]
		in["ClientPublicKey"] = key
		sr := start(t, e, in)
		checkStartOutput(t, sr)
		id := sr.obj["ConnectionId"].(string)
		if strings.ContainsAny(id, "+/=") {
			special++
		}
		gr := get(t, e, id)
		if gr.status != http.StatusOK {
			t.Fatalf("GetConnection(%q): %s %s", id, gr.summary(), gr.body)
		}
		if gr.obj["ConnectionId"] != id {
			t.Errorf("ConnectionId %v, want %q", gr.obj["ConnectionId"], id)
		}
		d, ok := gr.obj["ConnectionDetails"].(map[string]any)
		if !ok {
			t.Fatalf("ConnectionDetails missing: %s", gr.body)
		}
		if d["ClientPublicKey"] != key {
			t.Errorf("ClientPublicKey %v, want the started key %q", d["ClientPublicKey"], key)
		}
		checkDetails(t, d)
	}
	if special < 50 {
		t.Errorf("only %d of 100 ids held + / or =; ids should exercise path encoding", special)
	}
}

func checkDetails(t *testing.T, d map[string]any) {
	t.Helper()
	str := func(k string) string { s, _ := d[k].(string); return s }
	for _, k := range []string{"ClientPublicKey", "ServerPublicKey"} {
		if s := str(k); utf8.RuneCountInString(s) != 44 || !reWGKey.MatchString(s) {
			t.Errorf("%s %q malformed", k, s)
		}
	}
	if s := str("ServerEndpoint"); len(s) < 9 || len(s) > 21 || !reEndpoint.MatchString(s) {
		t.Errorf("ServerEndpoint %q malformed", s)
	}
	for _, k := range []string{"ClientTunnelAddress", "ServerTunnelAddress"} {
		if s := str(k); len(s) < 9 || len(s) > 18 || !reCIDR.MatchString(s) {
			t.Errorf("%s %q malformed", k, s)
		}
	}
	ips, ok := d["AllowedIps"].([]any)
	if !ok || len(ips) == 0 {
		t.Fatalf("AllowedIps %v not a non-empty list", d["AllowedIps"])
	}
	for _, ip := range ips {
		if s, _ := ip.(string); len(s) < 9 || len(s) > 18 || !reCIDR.MatchString(s) {
			t.Errorf("AllowedIps item %v malformed", ip)
		}
	}
}

func TestGetConnectionInvalidAndUnknown(t *testing.T) {
	e := newEmulator(t)
	cases := map[string]struct{ target, want string }{
		"unknown valid id":     {"/connections/" + escapeLabel("AAAA+/=="), "404 NotFoundException"},
		"1024 chars unknown":   {"/connections/" + strings.Repeat("A", 1024), "404 NotFoundException"},
		"1025 chars":           {"/connections/" + strings.Repeat("A", 1025), "400 ValidationException"},
		"dash":                 {"/connections/abc-def", "400 ValidationException"},
		"underscore":           {"/connections/abc_def", "400 ValidationException"},
		"encoded space":        {"/connections/a%20b", "400 ValidationException"},
		"empty segment":        {"/connections/", "400 ValidationException"},
		"unicode":              {"/connections/" + escapeLabel("é"), "400 ValidationException"},
		"raw slash is a route": {"/connections/a/b", "404 UnknownOperationException"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := serve(t, e, http.MethodGet, c.target, nil, nil)
			if got := r.summary(); got != c.want {
				t.Fatalf("GET %s: got %s %s, want %s", c.target, got, r.body, c.want)
			}
		})
	}
}
