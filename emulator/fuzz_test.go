package emulator_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// allowedStatus is every status the correct emulator may answer with: client
// input must never produce a 5xx.
var allowedStatus = map[int]bool{200: true, 400: true, 404: true, 405: true, 413: true}

// checkResponse asserts the invariants every response must hold.
func checkResponse(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if !allowedStatus[rec.Code] {
		t.Fatalf("status %d not in {200,400,404,405,413}; body %s", rec.Code, rec.Body.Bytes())
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
