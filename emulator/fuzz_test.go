package emulator_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// allowedStatus is every status the correct emulator may answer with: client
// input must never produce a 5xx. 429 is StartConnection's answer when the
// connection table is full of young connections, which a long fuzzing run can
// reach.
var allowedStatus = map[int]bool{200: true, 400: true, 404: true, 405: true, 413: true, 429: true}

// checkResponse asserts the invariants every response must hold.
func checkResponse(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if !allowedStatus[rec.Code] {
		t.Fatalf("status %d not in {200,400,404,405,413,429}; body %s", rec.Code, rec.Body.Bytes())
	}
	var obj map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &obj); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", rec.Body.Bytes(), err)
	}
	if rec.Header().Get("X-Amzn-Requestid") == "" {
		t.Fatal("no x-amzn-RequestId")
	}
	if rec.Code != http.StatusOK && rec.Header().Get("X-Amzn-ErrorType") == "" {
		t.Fatalf("status %d without an error type; body %s", rec.Code, rec.Body.Bytes())
	}
}

func FuzzStartConnection(f *testing.F) {
	f.Add([]byte(`{"AssetId":"a1","ClientPublicKey":"`+validKey+`","NetworkInterfaceDeviceIndex":0}`), "application/json")
	f.Add([]byte(`{"AssetId":null,"NetworkInterfaceDeviceIndex":1e999}`), "application/json; charset=utf-8")
	f.Add([]byte(`[1,2`), "text/plain")
	e := newEmulator(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/connections", bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		checkResponse(t, rec)
	})
}

func FuzzGetConnectionPath(f *testing.F) {
	f.Add("AAAA%2B%2F%3D")
	f.Add("a/b")
	f.Add("%zz")
	f.Add("")
	e := newEmulator(f)
	f.Fuzz(func(t *testing.T, segment string) {
		u, err := url.ParseRequestURI("/connections/" + segment)
		if err != nil {
			// Not a valid request URI (net/http would refuse it); treat the
			// segment as an already-decoded path so the handler still sees it.
			u = &url.URL{Path: "/connections/" + segment}
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = u
		req.RequestURI = u.RequestURI()
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		checkResponse(t, rec)
	})
}

func FuzzCreateConnection(f *testing.F) {
	f.Add([]byte(`{"location":"l","bandwidth":"b","connectionName":"n","tags":[{"key":"k","value":"v"}]}`),
		"OvertureService.CreateConnection", "application/x-amz-json-1.1")
	f.Add([]byte(`{"location":"l","bandwidth":"b","connectionName":"n","tags":[{"key":"k"},{"key":"k"}],"requestMACSec":"true"}`),
		"OvertureService.CreateConnection", "application/x-amz-json-1.1")
	f.Add([]byte(`{}`), "", "")
	e := newEmulator(f)
	f.Fuzz(func(t *testing.T, body []byte, target, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("X-Amz-Target", target)
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		checkResponse(t, rec)
	})
}

// FuzzBodyBounds checks the body bounds of bounds.go two ways. A body built from the
// fuzzer's numbers (a nesting depth, an object's member count, an array's length, added as
// unknown members to a valid StartConnection) must be served when within every bound and
// refused with 400 ValidationException naming the limit when past one. Any raw body must
// get a well-formed answer from both POST operations, and a valid JSON document that is
// past a bound (counted independently, on the decoded value) must be refused as past the
// limit: never decoded into maps, which is where the unbounded work was.
func FuzzBodyBounds(f *testing.F) {
	f.Add(uint8(3), uint16(7), uint16(50), []byte(`{"a":[{"b":1}]}`))
	f.Add(uint8(31), uint16(100), uint16(9989), []byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Add(uint8(32), uint16(101), uint16(9990), []byte(`{"k0":0,"k1":0}`))
	e := newEmulator(f)
	f.Fuzz(func(t *testing.T, depth uint8, members, elements uint16, raw []byte) {
		k, n, el := int(depth%64), int(members%300), int(elements%12000)
		in := startBody() // 4 members
		body := mustJSON(t, in)
		body = withMember(body, "d", nested(k))
		body = withMember(body, "m", objectN(n))
		body = withMember(body, "e", "["+strings.TrimSuffix(strings.Repeat("0,", el), ",")+"]")
		// The top-level object is level 1 and holds 7 members: 1 + 4 + (k+1) + (1+n) + (1+el)
		// values; nested(k) reaches level 1+k, the object and array of m and e level 2.
		values := 8 + k + n + el
		if el == 0 {
			values-- // "[]" holds no element
		}
		over := max(2, 1+k) > 32 || n > 100 || values > 10000
		r := startRaw(t, e, body)
		switch {
		case over && (r.summary() != "400 ValidationException" || !strings.Contains(r.message(), "the emulator's limit")):
			t.Fatalf("depth %d, %d members, %d values: %s %q, want 400 naming a limit", max(2, 1+k), n, values, r.summary(), r.message())
		case !over && r.status != http.StatusOK && r.status != http.StatusTooManyRequests:
			t.Fatalf("depth %d, %d members, %d values: %s %q, want 200", max(2, 1+k), n, values, r.summary(), r.message())
		}

		overRaw := jsonPastBounds(raw)
		for _, op := range []struct{ path, target, ct string }{
			{"/connections", "", "application/json"},
			{"/", "OvertureService.CreateConnection", "application/x-amz-json-1.1"},
		} {
			req := httptest.NewRequest(http.MethodPost, op.path, bytes.NewReader(raw))
			req.Header.Set("Content-Type", op.ct)
			if op.target != "" {
				req.Header.Set("X-Amz-Target", op.target)
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			checkResponse(t, rec)
			if overRaw && (rec.Code != http.StatusBadRequest || !bytes.Contains(rec.Body.Bytes(), []byte("the emulator's limit"))) {
				t.Fatalf("%s: a document past a bound got %d %s", op.path, rec.Code, rec.Body.Bytes())
			}
		}
	})
}

// jsonPastBounds reports whether b is one valid JSON document that breaks a bound, counted
// on the decoded value (repeated member names collapse, so this undercounts: it never claims
// a body is past a bound when it is not).
func jsonPastBounds(b []byte) bool {
	if !json.Valid(b) {
		return false
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return false
	}
	values, deepest, widest := 0, 0, 0
	var walk func(v any, level int)
	walk = func(v any, level int) {
		values++
		switch x := v.(type) {
		case map[string]any:
			deepest, widest = max(deepest, level), max(widest, len(x))
			for _, c := range x {
				walk(c, level+1)
			}
		case []any:
			deepest = max(deepest, level)
			for _, c := range x {
				walk(c, level+1)
			}
		}
	}
	walk(v, 1)
	return deepest > 32 || widest > 100 || values > 10000
}
