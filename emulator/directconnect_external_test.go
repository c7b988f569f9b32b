package emulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCreateConnectionValid(t *testing.T) {
	e := newEmulator(t)
	cases := map[string]func(map[string]any){
		"typical":           func(map[string]any) {},
		"no tags":           func(m map[string]any) { delete(m, "tags") },
		"tags null":         func(m map[string]any) { m["tags"] = nil },
		"empty strings":     func(m map[string]any) { m["location"], m["bandwidth"], m["connectionName"] = "", "", "" },
		"all optional":      func(m map[string]any) { m["lagId"], m["providerName"], m["requestMACSec"] = "dxlag-abc", "prov", true },
		"tag without value": func(m map[string]any) { m["tags"] = []any{map[string]any{"key": "k"}} },
		"tag value empty":   func(m map[string]any) { m["tags"] = []any{map[string]any{"key": "k", "value": ""}} },
		"tag key 128":       func(m map[string]any) { m["tags"] = []any{map[string]any{"key": strings.Repeat("k", 128)}} },
		"tag value 256": func(m map[string]any) {
			m["tags"] = []any{map[string]any{"key": "k", "value": strings.Repeat("v", 256)}}
		},
		"tag unicode chars": func(m map[string]any) {
			m["tags"] = []any{map[string]any{"key": "ключ é_.:/=+-@ 1", "value": "värde ٣"}}
		},
		"tag key 128 runes":  func(m map[string]any) { m["tags"] = []any{map[string]any{"key": strings.Repeat("é", 128)}} },
		"50 tags":            func(m map[string]any) { m["tags"] = tagsN(50) },
		"unknown member":     func(m map[string]any) { m["whatever"] = []any{1} },
		"requestMACSec null": func(m map[string]any) { m["requestMACSec"] = nil },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			in := createBody()
			edit(in)
			r := create(t, e, in)
			if r.status != http.StatusOK {
				t.Fatalf("got %s %s, want 200", r.summary(), r.body)
			}
			checkConnection(t, in, r)
		})
	}
}

// checkConnection checks the Connection object's shape and the echo of the input.
func checkConnection(t *testing.T, in map[string]any, r result) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		t.Errorf("Content-Type %q", ct)
	}
	c := r.obj
	if s, _ := c["connectionId"].(string); !reDXConnID.MatchString(s) {
		t.Errorf("connectionId %v", c["connectionId"])
	}
	if s, _ := c["ownerAccount"].(string); !reAccount.MatchString(s) {
		t.Errorf("ownerAccount %v", c["ownerAccount"])
	}
	want := map[string]any{"connectionState": "requested", "region": "us-east-1", "vlan": 0.0,
		"jumboFrameCapable": false, "hasLogicalRedundancy": "unknown"}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("%s = %#v, want %#v", k, c[k], v)
		}
	}
	macsec, _ := in["requestMACSec"].(bool)
	if c["macSecCapable"] != macsec {
		t.Errorf("macSecCapable %v, want %v", c["macSecCapable"], macsec)
	}
	if _, ok := c["loaIssueTime"].(float64); !ok {
		t.Errorf("loaIssueTime %#v is not a JSON number", c["loaIssueTime"])
	}
	for _, k := range []string{"awsDevice", "awsDeviceV2", "awsLogicalDeviceId"} {
		if s, _ := c[k].(string); s == "" {
			t.Errorf("%s %#v", k, c[k])
		}
	}
	for _, k := range []string{"location", "bandwidth", "connectionName", "lagId", "providerName"} {
		if c[k] != in[k] {
			t.Errorf("%s echoed as %#v, want %#v", k, c[k], in[k])
		}
	}
	wantTags, _ := json.Marshal(in["tags"])
	gotTags, _ := json.Marshal(c["tags"])
	if string(wantTags) != string(gotTags) {
		t.Errorf("tags echoed as %s, want %s", gotTags, wantTags)
	}
}

func TestCreateConnectionInvalid(t *testing.T) {
	e := newEmulator(t)
	tag := func(kv ...any) func(map[string]any) {
		return func(m map[string]any) {
			t := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				t[kv[i].(string)] = kv[i+1]
			}
			m["tags"] = []any{t}
		}
	}
	cases := map[string]struct {
		edit func(map[string]any)
		want string
	}{
		"location missing":  {func(m map[string]any) { delete(m, "location") }, "400 DirectConnectClientException"},
		"bandwidth null":    {func(m map[string]any) { m["bandwidth"] = nil }, "400 DirectConnectClientException"},
		"name missing":      {func(m map[string]any) { delete(m, "connectionName") }, "400 DirectConnectClientException"},
		"location number":   {func(m map[string]any) { m["location"] = 5 }, "400 DirectConnectClientException"},
		"lagId bool":        {func(m map[string]any) { m["lagId"] = false }, "400 DirectConnectClientException"},
		"providerName list": {func(m map[string]any) { m["providerName"] = []any{} }, "400 DirectConnectClientException"},
		"macsec string":     {func(m map[string]any) { m["requestMACSec"] = "true" }, "400 DirectConnectClientException"},
		"macsec number":     {func(m map[string]any) { m["requestMACSec"] = 1 }, "400 DirectConnectClientException"},
		"tags empty":        {func(m map[string]any) { m["tags"] = []any{} }, "400 DirectConnectClientException"},
		"tags object":       {func(m map[string]any) { m["tags"] = map[string]any{"key": "k"} }, "400 DirectConnectClientException"},
		"tag item string":   {func(m map[string]any) { m["tags"] = []any{"k"} }, "400 DirectConnectClientException"},
		"tag item null":     {func(m map[string]any) { m["tags"] = []any{nil} }, "400 DirectConnectClientException"},
		"tag key missing":   {tag("value", "v"), "400 DirectConnectClientException"},
		"tag key null":      {tag("key", nil), "400 DirectConnectClientException"},
		"tag key empty":     {tag("key", ""), "400 DirectConnectClientException"},
		"tag key 129":       {tag("key", strings.Repeat("k", 129)), "400 DirectConnectClientException"},
		"tag key bang":      {tag("key", "a!b"), "400 DirectConnectClientException"},
		"tag key number":    {tag("key", 1), "400 DirectConnectClientException"},
		"tag value 257":     {tag("key", "k", "value", strings.Repeat("v", 257)), "400 DirectConnectClientException"},
		"tag value pattern": {tag("key", "k", "value", "a*b"), "400 DirectConnectClientException"},
		"tag value bool":    {tag("key", "k", "value", true), "400 DirectConnectClientException"},
		"duplicate keys":    {func(m map[string]any) { m["tags"] = append(tagsN(2), map[string]any{"key": "k1"}) }, "400 DuplicateTagKeysException"},
		"51 tags":           {func(m map[string]any) { m["tags"] = tagsN(51) }, "400 TooManyTagsException"},
		"bad tag beats dupes": {func(m map[string]any) {
			m["tags"] = []any{map[string]any{"key": "a"}, map[string]any{"key": "a"}, map[string]any{"key": ""}}
		}, "400 DirectConnectClientException"},
		"dupes beat count":    {func(m map[string]any) { m["tags"] = append(tagsN(51), map[string]any{"key": "k0"}) }, "400 DuplicateTagKeysException"},
		"bad tag beats count": {func(m map[string]any) { m["tags"] = append(tagsN(51), map[string]any{"key": "#"}) }, "400 DirectConnectClientException"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			in := createBody()
			c.edit(in)
			r := create(t, e, in)
			if got := r.summary(); got != c.want {
				t.Fatalf("got %s %s, want %s", got, r.body, c.want)
			}
			if r.obj["__type"] != r.errType() {
				t.Errorf("body __type %v disagrees with header %q", r.obj["__type"], r.errType())
			}
			if _, ok := r.obj["message"].(string); !ok {
				t.Errorf("error body %s lacks the documented member message", r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
	for name, body := range map[string]string{
		"empty":    ``,
		"garbage":  `{"location":"x"}}`,
		"array":    `[{"location":"x"}]`,
		"not json": `location=x`,
	} {
		t.Run(name, func(t *testing.T) {
			if got := createRaw(t, e, []byte(body)).summary(); got != "400 DirectConnectClientException" {
				t.Fatalf("got %s, want 400 DirectConnectClientException", got)
			}
		})
	}
}

func TestTagMessagePath(t *testing.T) {
	e := newEmulator(t)
	in := createBody()
	in["tags"] = []any{map[string]any{"key": "ok"}, map[string]any{"key": "bad!"}}
	msg := create(t, e, in).message()
	if !strings.Contains(msg, "at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern") {
		t.Errorf("message %q does not name tags.2.member.key and the pattern rule", msg)
	}
}

func TestManyErrorsMessageIsBounded(t *testing.T) {
	e := newEmulator(t)
	in := createBody()
	tags := make([]any, 3000)
	for i := range tags {
		tags[i] = map[string]any{"key": strings.Repeat("!", 200)}
	}
	in["tags"] = tags
	r := create(t, e, in)
	if r.summary() != "400 DirectConnectClientException" {
		t.Fatalf("got %s", r.summary())
	}
	if !strings.HasPrefix(r.message(), "6000 validation errors detected: ") || !strings.HasSuffix(r.message(), "; and 5990 more") {
		t.Errorf("message %.120q ... does not count all errors and list 10", r.message())
	}
	if len(r.body) > 4096 {
		t.Errorf("error body is %d bytes; it should stay small", len(r.body))
	}
}

// Every create is a new connection with an id of its own, however many there are, and the
// new connection starts as requested.
func TestCreateConnectionIDsNeverRepeat(t *testing.T) {
	h := newEmulator(t)
	seen := map[string]bool{}
	for i := 0; i < 3000; i++ {
		r := create(t, h, createBody())
		id, _ := r.obj["connectionId"].(string)
		if !reDXConnID.MatchString(id) {
			t.Fatalf("connectionId %q does not look like dxcon-xxxxxxxx", id)
		}
		if seen[id] {
			t.Fatalf("connectionId %s returned twice (create %d)", id, i)
		}
		seen[id] = true
		if r.obj["connectionState"] != "requested" {
			t.Fatalf("new connection in state %v", r.obj["connectionState"])
		}
	}
}

func TestConnectionIDReusedMergesTags(t *testing.T) {
	h := newEmulator(t, "dx-connectionid-reused")
	first := create(t, h, createWith1Tag("a", "1"))
	second := create(t, h, createWith1Tag("b", "2"))
	third := create(t, h, createWith1Tag("a", "3"))
	id := first.obj["connectionId"]
	if second.obj["connectionId"] != id || third.obj["connectionId"] != id {
		t.Fatalf("ids %v %v %v, want one id for all", id, second.obj["connectionId"], third.obj["connectionId"])
	}
	if got := tagKeys(third.obj); got != "a+b" {
		t.Errorf("merged tag keys %q, want a+b", got)
	}
	if v := tagList(third.obj)[0]["value"]; v != "3" {
		t.Errorf("a later value wins: got %v", v)
	}
	for i := 0; i < 300; i++ {
		create(t, h, createWith1Tag(fmt.Sprint("k", i), "v"))
	}
	if n := len(tagList(create(t, h, createBody()).obj)); n > 200 {
		t.Errorf("merged tags grow without bound: %d", n)
	}
}

// Unknown members are ignored by the correct emulator and rejected, with each service's client
// error, under unknown-member-rejected.
func TestUnknownMembers(t *testing.T) {
	extra := func(in map[string]any) map[string]any {
		in["futureMember"] = map[string]any{"nested": 1}
		return in
	}
	ok := newEmulator(t)
	bad := newEmulator(t, "unknown-member-rejected")
	for _, c := range []struct {
		name string
		send func(h http.Handler) result
		want string
	}{
		{"StartConnection", func(h http.Handler) result { return start(t, h, extra(startBody())) }, "400 ValidationException"},
		{"CreateConnection", func(h http.Handler) result { return create(t, h, extra(createBody())) }, "400 DirectConnectClientException"},
	} {
		if got := c.send(ok).summary(); got != "200" {
			t.Errorf("%s with an unknown member: %s, want 200", c.name, got)
		}
		r := c.send(bad)
		if got := r.summary(); got != c.want {
			t.Errorf("%s with the fault: %s, want %s", c.name, got, c.want)
		}
		if !strings.Contains(r.message(), "futureMember") {
			t.Errorf("%s: message %q does not name the member", c.name, r.message())
		}
		if c.name == "StartConnection" {
			if got := start(t, bad, startBody()).summary(); got != "200" {
				t.Errorf("the fault rejects known members too: %s", got)
			}
		} else if got := create(t, bad, createBody()).summary(); got != "200" {
			t.Errorf("the fault rejects known members too: %s", got)
		}
	}
}
