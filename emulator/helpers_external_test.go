package emulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/emulator"
)

// Response-shape patterns, from the documents and aws-protocols.md.
var (
	reConnectionID = regexp.MustCompile(`^[a-zA-Z0-9+/=]+$`)
	reIPv4         = regexp.MustCompile(`^([0-9]{1,3}\.){3}[0-9]{1,3}$`)
	reWGKey        = regexp.MustCompile(`^[a-zA-Z0-9/+]{43}=$`)
	reEndpoint     = regexp.MustCompile(`^([0-9]{1,3}\.){3}[0-9]{1,3}:[0-9]{1,5}$`)
	reCIDR         = regexp.MustCompile(`^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}$`)
	reDXConnID     = regexp.MustCompile(`^dxcon-[a-z0-9]{8}$`)
	reAccount      = regexp.MustCompile(`^[0-9]{12}$`)
	reRequestID    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// validKey is a well-formed WireGuard public key.
var validKey = strings.Repeat("A", 42) + "E="

// result is one response, decoded.
type result struct {
	status int
	header http.Header
	body   []byte
	obj    map[string]any // nil unless the body is a JSON object
}

// summary is "200" for success, else "STATUS TYPE" where TYPE is the error
// type a client would read (header first, then body __type / code).
func (r result) summary() string {
	if r.status == http.StatusOK {
		return "200"
	}
	return fmt.Sprintf("%d %s", r.status, r.errType())
}

func (r result) errType() string {
	if t := r.header.Get("X-Amzn-ErrorType"); t != "" {
		return t
	}
	for _, k := range []string{"__type", "code"} {
		if s, ok := r.obj[k].(string); ok {
			return s
		}
	}
	return ""
}

func (r result) message() string {
	for _, k := range []string{"Message", "message"} {
		if s, ok := r.obj[k].(string); ok {
			return s
		}
	}
	return ""
}

func newEmulator(t testing.TB, faults ...string) *emulator.Emulator {
	t.Helper()
	e, err := emulator.New(emulator.Config{Faults: faults})
	if err != nil {
		t.Fatalf("New(%v): %v", faults, err)
	}
	return e
}

// serve runs one request through h in-process.
func serve(t testing.TB, h http.Handler, method, target string, hdr map[string]string, body []byte) result {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := result{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	_ = json.Unmarshal(res.body, &res.obj)
	return res
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// startBody is a valid StartConnection input; edit it to make it invalid.
func startBody() map[string]any {
	return map[string]any{
		"DeviceSerialNumber":          "SN0123456789",
		"AssetId":                     "asset_0123",
		"ClientPublicKey":             validKey,
		"NetworkInterfaceDeviceIndex": 0,
	}
}

// createBody is a valid CreateConnection input.
func createBody() map[string]any {
	return map[string]any{
		"location":       "EqDC2",
		"bandwidth":      "1Gbps",
		"connectionName": "plumb-test",
		"tags":           []any{map[string]any{"key": "team", "value": "net"}},
	}
}

func tagsN(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"key": fmt.Sprintf("k%d", i), "value": "v"}
	}
	return out
}

func startRaw(t testing.TB, h http.Handler, body []byte) result {
	t.Helper()
	return serve(t, h, http.MethodPost, "/connections", map[string]string{"Content-Type": "application/json"}, body)
}

func start(t testing.TB, h http.Handler, in map[string]any) result {
	t.Helper()
	return startRaw(t, h, mustJSON(t, in))
}

func createRaw(t testing.TB, h http.Handler, body []byte) result {
	t.Helper()
	return serve(t, h, http.MethodPost, "/", map[string]string{
		"Content-Type": "application/x-amz-json-1.1",
		"X-Amz-Target": "OvertureService.CreateConnection",
	}, body)
}

func create(t testing.TB, h http.Handler, in map[string]any) result {
	t.Helper()
	return createRaw(t, h, mustJSON(t, in))
}

// escapeLabel percent-encodes every byte outside A-Za-z0-9-._~, as AWS SDKs
// encode a path label.
func escapeLabel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func get(t testing.TB, h http.Handler, id string) result {
	t.Helper()
	return serve(t, h, http.MethodGet, "/connections/"+escapeLabel(id), nil, nil)
}

// startID starts a connection and returns its id, retrying until the id
// satisfies keep (nil keeps any id).
func startID(t testing.TB, h http.Handler, keep func(string) bool) (string, result) {
	t.Helper()
	for range 500 {
		r := start(t, h, startBody())
		if r.status != http.StatusOK {
			t.Fatalf("StartConnection: %s %s", r.summary(), r.body)
		}
		id, _ := r.obj["ConnectionId"].(string)
		if keep == nil || keep(id) {
			return id, r
		}
	}
	t.Fatal("no suitable ConnectionId in 500 tries")
	return "", result{}
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

// readResult reads and closes a real HTTP response.
func readResult(res *http.Response) result {
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	r := result{status: res.StatusCode, header: res.Header, body: buf.Bytes()}
	_ = json.Unmarshal(r.body, &r.obj)
	return r
}
