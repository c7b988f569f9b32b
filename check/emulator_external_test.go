package check_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// serve sends one encoded request to the emulator in process (no listener) and records the
// exchange as target.Client would.
func serve(t *testing.T, h http.Handler, req target.Request) target.Exchange {
	t.Helper()
	r := httptest.NewRequest(req.Method, req.RawPath, bytes.NewReader(req.Body))
	for k, v := range req.Header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	return target.Exchange{Request: req, Response: &target.Response{Status: res.StatusCode, Header: res.Header, Body: w.Body.Bytes()}}
}

func emu(t *testing.T, faults ...string) http.Handler {
	t.Helper()
	e, err := emulator.New(emulator.Config{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func send(t *testing.T, h http.Handler, o *specs.Operation, input map[string]any) target.Exchange {
	t.Helper()
	req, err := protocol.Encode(o, input, protocol.Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, h, req)
}

func validStart() map[string]any {
	return map[string]any{"AssetId": "asset1", "ClientPublicKey": key, "NetworkInterfaceDeviceIndex": 1}
}

// The reference implementation must pass every check, strict or not: a false alarm here would
// be a false alarm against AWS.
func TestEmulatorConforms(t *testing.T) {
	h := emu(t)
	start, get, create := op(t, "StartConnection"), op(t, "GetConnection"), op(t, "CreateConnection")
	for _, strict := range []bool{false, true} {
		e := engine(t, strict)
		ex := send(t, h, start, validStart())
		noFailures(t, e.Check(start, check.Valid(), ex))
		var started struct{ ConnectionId string }
		if err := json.Unmarshal(ex.Response.Body, &started); err != nil || started.ConnectionId == "" {
			t.Fatalf("StartConnection answered %s", ex.Response.Body)
		}
		flow := flowOf(t, "StartConnection")
		noFailures(t, roundTrip(e, get, flow, started.ConnectionId, key,
			send(t, h, get, map[string]any{"ConnectionId": started.ConnectionId})))
		noFailures(t, e.UnknownID(get, flow, "neverStarted", send(t, h, get, map[string]any{"ConnectionId": "neverStarted"})))

		long := validStart()
		long["AssetId"] = strings.Repeat("a", 101)
		noFailures(t, e.Check(start, check.Invalid("$.AssetId", "maxLength", "ValidationException", 400), send(t, h, start, long)))

		noFailures(t, e.Check(create, check.Valid(), send(t, h, create, map[string]any{
			"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c1",
			"tags": []any{map[string]any{"key": "k", "value": "v"}}})))
		noFailures(t, e.Check(create, check.Invalid("$.tags", "uniqueKeys", "DuplicateTagKeysException", 400),
			send(t, h, create, map[string]any{"location": "l", "bandwidth": "b", "connectionName": "n",
				"tags": []any{map[string]any{"key": "k"}, map[string]any{"key": "k"}}})))

		bad := protocol.EncodeRaw(create, []byte(`{"location":`), nil, protocol.Overrides{})
		exp := check.Invalid("", "json", "DirectConnectClientException", 400)
		exp.Protocol = true
		noFailures(t, e.Check(create, exp, serve(t, h, bad)))
	}
}

// Each fault class is caught by the check that owns it.
func TestEmulatorFaultsCaught(t *testing.T) {
	e := engine(t, false)
	start, get, create := op(t, "StartConnection"), op(t, "GetConnection"), op(t, "CreateConnection")
	long := validStart()
	long["AssetId"] = strings.Repeat("a", 101)
	invalidAsset := check.Invalid("$.AssetId", "maxLength", "ValidationException", 400)
	createIn := map[string]any{"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c1"}

	cases := []struct {
		fault string
		run   func(h http.Handler) []check.Result
		check check.Name
	}{
		{"assetid-maxlength-missing", func(h http.Handler) []check.Result {
			return e.Check(start, invalidAsset, send(t, h, start, long))
		}, check.NegativeDataRejection},
		{"validation-status-500", func(h http.Handler) []check.Result {
			return e.Check(start, invalidAsset, send(t, h, start, long))
		}, check.NotAServerError},
		{"errortype-missing", func(h http.Handler) []check.Result {
			return e.Check(start, invalidAsset, send(t, h, start, long))
		}, check.ErrorType},
		{"errortype-misspelt", func(h http.Handler) []check.Result {
			return e.Check(start, invalidAsset, send(t, h, start, long))
		}, check.NegativeDataRejection},
		{"resp-underlay-ip-malformed", func(h http.Handler) []check.Result {
			return e.Check(start, check.Valid(), send(t, h, start, validStart()))
		}, check.ResponseSchema},
		{"resp-content-type-wrong", func(h http.Handler) []check.Result {
			return e.Check(start, check.Valid(), send(t, h, start, validStart()))
		}, check.ContentType},
		{"resp-state-not-enum", func(h http.Handler) []check.Result {
			return e.Check(create, check.Valid(), send(t, h, create, createIn))
		}, check.ResponseSchema},
		{"resp-bool-as-string", func(h http.Handler) []check.Result {
			return e.Check(create, check.Valid(), send(t, h, create, createIn))
		}, check.ResponseSchema},
		{"resp-time-as-string", func(h http.Handler) []check.Result {
			return e.Check(create, check.Valid(), send(t, h, create, createIn))
		}, check.ResponseSchema},
		{"wrong-key-returned", func(h http.Handler) []check.Result {
			var s struct{ ConnectionId string }
			_ = json.Unmarshal(send(t, h, start, validStart()).Response.Body, &s)
			return roundTrip(e, get, flowOf(t, "StartConnection"), s.ConnectionId, key, send(t, h, get, map[string]any{"ConnectionId": s.ConnectionId}))
		}, check.Stateful},
	}
	for _, c := range cases {
		t.Run(c.fault, func(t *testing.T) {
			rs := c.run(emu(t, c.fault))
			want(t, rs, c.check, check.Fail)
		})
	}
}
