package emulator_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/emulator"
)

// probe exercises one behaviour and summarises what it saw in a string, so
// the correct and the faulty emulator can be compared exactly.
type probe func(t testing.TB, h http.Handler) string

// faultCase pairs a fault with the probe of the behaviour it breaks: want is
// what the correct emulator does, bad what the faulty one does.
type faultCase struct {
	fault     string
	probe     probe
	want, bad string
}

func startWith(edit func(map[string]any)) probe {
	return func(t testing.TB, h http.Handler) string {
		in := startBody()
		edit(in)
		return start(t, h, in).summary()
	}
}

func createWith(edit func(map[string]any)) probe {
	return func(t testing.TB, h http.Handler) string {
		in := createBody()
		edit(in)
		return create(t, h, in).summary()
	}
}

func getRaw(target string) probe {
	return func(t testing.TB, h http.Handler) string {
		return serve(t, h, http.MethodGet, target, nil, nil).summary()
	}
}

func oneTag(kv ...any) func(map[string]any) {
	return func(m map[string]any) {
		tag := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			tag[kv[i].(string)] = kv[i+1]
		}
		m["tags"] = []any{tag}
	}
}

// noSlash keeps ids that route the same on the raw and the decoded path, so
// get-based probes do not depend on decoded-path-routing.
func noSlash(id string) bool { return !strings.Contains(id, "/") }

// details starts a connection and returns GetConnection's details.
func details(t testing.TB, h http.Handler) (map[string]any, result) {
	id, _ := startID(t, h, noSlash)
	r := get(t, h, id)
	d, _ := r.obj["ConnectionDetails"].(map[string]any)
	return d, r
}

func detailMatches(member string, ok func(string) bool) probe {
	return func(t testing.TB, h http.Handler) string {
		d, r := details(t, h)
		if d == nil {
			return "GetConnection " + r.summary()
		}
		s, _ := d[member].(string)
		if ok(s) {
			return member + " ok"
		}
		return member + " malformed"
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	}
	return fmt.Sprintf("%T", v)
}

var faultCases = []faultCase{
	{"assetid-maxlength-missing", startWith(func(m map[string]any) { m["AssetId"] = strings.Repeat("a", 150) }), "400 ValidationException", "200"},
	{"assetid-maxlength-off-by-one", startWith(func(m map[string]any) { m["AssetId"] = strings.Repeat("a", 101) }), "400 ValidationException", "200"},
	{"serial-maxlength-off-by-one", startWith(func(m map[string]any) { m["DeviceSerialNumber"] = strings.Repeat("1", 101) }), "400 ValidationException", "200"},
	{"tagkey-maxlength-off-by-one", createWith(oneTag("key", strings.Repeat("k", 129))), "400 DirectConnectClientException", "200"},
	{"tagvalue-maxlength-far-off", createWith(oneTag("key", "k", "value", strings.Repeat("v", 1024))), "400 DirectConnectClientException", "200"},
	{"tagkey-minlength-missing", createWith(oneTag("key", "")), "400 DirectConnectClientException", "200"},
	{"connectionid-maxlength-missing", getRaw("/connections/" + strings.Repeat("A", 1025)), "400 ValidationException", "404 NotFoundException"},
	{"assetid-pattern-dash", startWith(func(m map[string]any) { m["AssetId"] = "asset-1" }), "400 ValidationException", "200"},
	{"assetid-pattern-unicode", startWith(func(m map[string]any) { m["AssetId"] = "café" }), "400 ValidationException", "200"},
	{"clientkey-pattern-no-padding", startWith(func(m map[string]any) { m["ClientPublicKey"] = strings.Repeat("A", 44) }), "400 ValidationException", "200"},
	{"tag-pattern-loose", createWith(oneTag("key", "a!#*")), "400 DirectConnectClientException", "200"},
	{"connectionid-pattern-loose", getRaw("/connections/abc-def_g"), "400 ValidationException", "404 NotFoundException"},
	{"assetid-optional", startWith(func(m map[string]any) { delete(m, "AssetId") }), "400 ValidationException", "200"},
	{"deviceindex-optional", startWith(func(m map[string]any) { delete(m, "NetworkInterfaceDeviceIndex") }), "400 ValidationException", "200"},
	{"serial-required", startWith(func(m map[string]any) { delete(m, "DeviceSerialNumber") }), "200", "400 ValidationException"},
	{"tagvalue-required", createWith(oneTag("key", "k")), "200", "400 DirectConnectClientException"},
	{"location-optional", createWith(func(m map[string]any) { delete(m, "location") }), "400 DirectConnectClientException", "200"},
	{"deviceindex-max-2", startWith(func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = 2 }), "400 ValidationException", "200"},
	{"deviceindex-negative", startWith(func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = -1 }), "400 ValidationException", "200"},
	{"deviceindex-string-accepted", startWith(func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = "1" }), "400 ValidationException", "200"},
	{"requestmacsec-string-accepted", createWith(func(m map[string]any) { m["requestMACSec"] = "true" }), "400 DirectConnectClientException", "200"},
	{"validation-status-500", startWith(func(m map[string]any) { m["AssetId"] = "" }), "400 ValidationException", "500 ValidationException"},
	{"dx-client-status-403", createWith(func(m map[string]any) { delete(m, "bandwidth") }), "400 DirectConnectClientException", "403 DirectConnectClientException"},
	{"errortype-missing", startWith(func(m map[string]any) { m["AssetId"] = "" }), "400 ValidationException", "400 "},
	{"errortype-misspelt", startWith(func(m map[string]any) { m["AssetId"] = "" }), "400 ValidationException", "400 ValidationError"},
	{"dx-errortype-undocumented", createWith(func(m map[string]any) { delete(m, "bandwidth") }), "400 DirectConnectClientException", "400 ValidationException"},
	{"status-type-disagree", getRaw("/connections/AAAAAAAA"), "404 NotFoundException", "404 ValidationException"},
	{"null-500", startWith(func(m map[string]any) { m["DeviceSerialNumber"] = nil }), "200", "500 InternalServerException"},
	{"empty-string-500", createWith(func(m map[string]any) { m["connectionName"] = "" }), "200", "500 DirectConnectServerException"},
	{"largest-value-500", startWith(func(m map[string]any) { m["NetworkInterfaceDeviceIndex"] = 1 }), "200", "500 InternalServerException"},
	{"resp-connectionid-malformed", func(t testing.TB, h http.Handler) string {
		id, _ := start(t, h, startBody()).obj["ConnectionId"].(string)
		if reConnectionID.MatchString(id) && len(id) <= 1024 {
			return "ConnectionId ok"
		}
		return "ConnectionId malformed"
	}, "ConnectionId ok", "ConnectionId malformed"},
	{"resp-underlay-ip-malformed", func(t testing.TB, h http.Handler) string {
		ip, _ := start(t, h, startBody()).obj["UnderlayIpAddress"].(string)
		if reIPv4.MatchString(ip) && len(ip) >= 7 {
			return "UnderlayIpAddress ok"
		}
		return "UnderlayIpAddress malformed"
	}, "UnderlayIpAddress ok", "UnderlayIpAddress malformed"},
	{"resp-server-key-malformed", detailMatches("ServerPublicKey", reWGKey.MatchString), "ServerPublicKey ok", "ServerPublicKey malformed"},
	{"resp-endpoint-malformed", detailMatches("ServerEndpoint", reEndpoint.MatchString), "ServerEndpoint ok", "ServerEndpoint malformed"},
	{"resp-allowedips-malformed", func(t testing.TB, h http.Handler) string {
		d, r := details(t, h)
		ips, ok := d["AllowedIps"].([]any)
		if !ok {
			return "GetConnection " + r.summary()
		}
		for _, ip := range ips {
			if s, _ := ip.(string); !reCIDR.MatchString(s) {
				return "AllowedIps malformed"
			}
		}
		return "AllowedIps ok"
	}, "AllowedIps ok", "AllowedIps malformed"},
	{"resp-state-not-enum", func(t testing.TB, h http.Handler) string {
		return fmt.Sprint(create(t, h, createBody()).obj["connectionState"])
	}, "requested", "new"},
	{"resp-bool-as-string", func(t testing.TB, h http.Handler) string {
		return jsonKind(create(t, h, createBody()).obj["jumboFrameCapable"])
	}, "bool", "string"},
	{"resp-time-as-string", func(t testing.TB, h http.Handler) string {
		return jsonKind(create(t, h, createBody()).obj["loaIssueTime"])
	}, "number", "string"},
	{"resp-content-type-wrong", func(t testing.TB, h http.Handler) string {
		return start(t, h, startBody()).header.Get("Content-Type")
	}, "application/json", "text/plain"},
	{"lost-connection", func(t testing.TB, h http.Handler) string {
		_, r := details(t, h)
		return r.summary()
	}, "200", "404 NotFoundException"},
	{"wrong-key-returned", func(t testing.TB, h http.Handler) string {
		d, r := details(t, h)
		if d == nil {
			return "GetConnection " + r.summary()
		}
		if d["ClientPublicKey"] == validKey {
			return "same key"
		}
		return "different key"
	}, "same key", "different key"},
	{"decoded-path-routing", func(t testing.TB, h http.Handler) string {
		id, _ := startID(t, h, func(id string) bool { return strings.Contains(id, "/") })
		return get(t, h, id).summary()
	}, "200", "404 UnknownOperationException"},
	{"dx-duplicate-tags-accepted", createWith(func(m map[string]any) {
		m["tags"] = []any{map[string]any{"key": "k", "value": "1"}, map[string]any{"key": "k", "value": "2"}}
	}), "400 DuplicateTagKeysException", "200"},
	{"dx-too-many-tags-accepted", createWith(func(m map[string]any) { m["tags"] = tagsN(51) }), "400 TooManyTagsException", "200"},
	{"dx-max-tags-off-by-one", createWith(func(m map[string]any) { m["tags"] = tagsN(50) }), "200", "400 TooManyTagsException"},
	{"dx-empty-tags-accepted", createWith(func(m map[string]any) { m["tags"] = []any{} }), "400 DirectConnectClientException", "200"},
	{"dx-wrong-target-accepted", func(t testing.TB, h http.Handler) string {
		return serve(t, h, http.MethodPost, "/", map[string]string{
			"Content-Type": "application/x-amz-json-1.1",
			"X-Amz-Target": "OvertureService.DeleteConnection",
		}, mustJSON(t, createBody())).summary()
	}, "400 UnknownOperationException", "200"},
	{"dx-initial-state-available", func(t testing.TB, h http.Handler) string {
		return fmt.Sprint(create(t, h, createBody()).obj["connectionState"])
	}, "requested", "available"},
	{"dx-connectionid-reused", func(t testing.TB, h http.Handler) string {
		first := create(t, h, createWith1Tag("first", "1"))
		second := create(t, h, createWith1Tag("second", "2"))
		if first.obj["connectionId"] != second.obj["connectionId"] {
			return "distinct ids"
		}
		return fmt.Sprintf("same id, tags %s", tagKeys(second.obj))
	}, "distinct ids", "same id, tags first+second"},
	{"dx-describe-not-listed", func(t testing.TB, h http.Handler) string {
		return describedAs(t, h, func(list []map[string]any) string { return "listed" })
	}, "listed", "not listed"},
	{"dx-describe-tags-dropped", func(t testing.TB, h http.Handler) string {
		return describedAs(t, h, func(list []map[string]any) string {
			if len(tagList(list[0])) == 0 {
				return "no tags"
			}
			return "tags"
		})
	}, "tags", "no tags"},
	{"dx-describe-listed-twice", func(t testing.TB, h http.Handler) string {
		return describedAs(t, h, func(list []map[string]any) string { return fmt.Sprintf("listed %d", len(list)) })
	}, "listed 1", "listed 2"},
	{"dx-describe-maxresults-string", func(t testing.TB, h http.Handler) string {
		return describe(t, h, map[string]any{"maxResults": "10"}).summary()
	}, "400 DirectConnectClientException", "200"},
	{"dx-resp-tag-key-too-long", func(t testing.TB, h http.Handler) string {
		sent := strings.Repeat("k", 128)
		for _, tag := range tagList(create(t, h, createWith1Tag(sent, "v")).obj) {
			if k, _ := tag["key"].(string); strings.Contains(k, sent) {
				return fmt.Sprintf("key of %d", len(k))
			}
		}
		return "key missing"
	}, "key of 128", "key of 133"},
	{"unknown-member-rejected", startWith(func(m map[string]any) { m["FutureMember"] = "ignored" }), "200", "400 ValidationException"},
}

func createWith1Tag(key, value string) map[string]any {
	in := createBody()
	in["tags"] = []any{map[string]any{"key": key, "value": value}}
	return in
}

func tagList(obj map[string]any) []map[string]any {
	list, _ := obj["tags"].([]any)
	var out []map[string]any
	for _, t := range list {
		if m, ok := t.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func tagKeys(obj map[string]any) string {
	var keys []string
	for _, t := range tagList(obj) {
		k, _ := t["key"].(string)
		keys = append(keys, k)
	}
	return strings.Join(keys, "+")
}

// TestEveryFaultBreaksItsBehaviour: for each fault in the catalogue, the
// correct emulator passes the fault's probe and the faulty one fails it in
// the named way.
func TestEveryFaultBreaksItsBehaviour(t *testing.T) {
	covered := map[string]bool{}
	correct := newEmulator(t)
	for _, c := range faultCases {
		covered[c.fault] = true
		t.Run(c.fault, func(t *testing.T) {
			if got := c.probe(t, correct); got != c.want {
				t.Errorf("correct emulator: got %q, want %q", got, c.want)
			}
			if got := c.probe(t, newEmulator(t, c.fault)); got != c.bad {
				t.Errorf("with the fault: got %q, want %q", got, c.bad)
			}
		})
	}
	for _, f := range emulator.Faults() {
		if !covered[f.Name] {
			t.Errorf("fault %s has no test case", f.Name)
		}
	}
}

// overlaps lists the probes a fault is allowed to change besides its own:
// faults that act on every error of a protocol, or on every started
// connection, necessarily show in other probes of that kind.
var overlaps = map[string]func(probeFault string) bool{
	// AssetId of 101 is also "longer than 100".
	"assetid-maxlength-missing": func(p string) bool { return p == "assetid-maxlength-off-by-one" },
	// JSON null means absent, so a null serial is a missing one.
	"serial-required": func(p string) bool { return p == "null-500" },
	// Every Outposts validation error changes.
	"validation-status-500": outpostsValidationProbe,
	"errortype-misspelt":    outpostsValidationProbe,
	"errortype-missing": func(p string) bool {
		return outpostsValidationProbe(p) || outpostsNotFoundProbe(p)
	},
	// Every Direct Connect validation error changes.
	"dx-client-status-403":      dxClientProbe,
	"dx-errortype-undocumented": dxClientProbe,
	// Both report the new connection's state.
	"resp-state-not-enum":        func(p string) bool { return p == "dx-initial-state-available" },
	"dx-initial-state-available": func(p string) bool { return p == "resp-state-not-enum" },
	// A connection never listed shows neither its tags nor how often it is listed.
	"dx-describe-not-listed": func(p string) bool { return p == "dx-describe-tags-dropped" || p == "dx-describe-listed-twice" },
	// Every started connection is lost, or gets an id GetConnection rejects.
	"lost-connection":             getsStartedConnection,
	"resp-connectionid-malformed": getsStartedConnection,
}

func probeOf(name string) faultCase {
	for _, c := range faultCases {
		if c.fault == name {
			return c
		}
	}
	return faultCase{}
}

func outpostsValidationProbe(p string) bool {
	c := probeOf(p)
	return c.want == "400 ValidationException" || c.bad == "400 ValidationException"
}

func outpostsNotFoundProbe(p string) bool {
	c := probeOf(p)
	return strings.HasPrefix(c.want, "404 ") || strings.HasPrefix(c.bad, "404 ")
}

func dxClientProbe(p string) bool {
	c := probeOf(p)
	return c.want == "400 DirectConnectClientException" || c.bad == "400 DirectConnectClientException"
}

func getsStartedConnection(p string) bool {
	switch p {
	case "resp-server-key-malformed", "resp-endpoint-malformed", "resp-allowedips-malformed",
		"lost-connection", "wrong-key-returned", "decoded-path-routing":
		return true
	}
	return false
}

// TestFaultsAreIsolated runs every fault's probe against every other fault:
// a fault must leave all other behaviours correct, except the documented
// overlaps above.
func TestFaultsAreIsolated(t *testing.T) {
	if testing.Short() {
		t.Skip("cross product of faults and probes")
	}
	for _, f := range emulator.Faults() {
		h := newEmulator(t, f.Name)
		for _, c := range faultCases {
			if c.fault == f.Name {
				continue
			}
			if allowed := overlaps[f.Name]; allowed != nil && allowed(c.fault) {
				continue
			}
			if got := c.probe(t, h); got != c.want {
				t.Errorf("fault %s changes %s's behaviour: got %q, want %q", f.Name, c.fault, got, c.want)
			}
		}
	}
}
