package emulator_test

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/plumbhq/plumb/emulator"
)

func TestRouting(t *testing.T) {
	e := newEmulator(t)
	body := mustJSON(t, createBody())
	jsonCT := map[string]string{"Content-Type": "application/json"}
	dxCT := func(target string) map[string]string {
		h := map[string]string{"Content-Type": "application/x-amz-json-1.1"}
		if target != "" {
			h["X-Amz-Target"] = target
		}
		return h
	}
	cases := []struct {
		name, method, target string
		hdr                  map[string]string
		want                 string
	}{
		{"unknown path", "GET", "/nope", nil, "404 UnknownOperationException"},
		{"deep path", "GET", "/connections/a/b/c", nil, "404 UnknownOperationException"},
		{"GET /connections", "GET", "/connections", nil, "405 UnknownOperationException"},
		{"DELETE /connections/id", "DELETE", "/connections/abc", nil, "405 UnknownOperationException"},
		{"PUT /connections", "PUT", "/connections", jsonCT, "405 UnknownOperationException"},
		{"GET /", "GET", "/", nil, "405 UnknownOperationException"},
		{"POST / no target", "POST", "/", dxCT(""), "400 UnknownOperationException"},
		{"POST / wrong target", "POST", "/", dxCT("OvertureService.DeleteConnection"), "400 UnknownOperationException"},
		{"POST / wrong case target", "POST", "/", dxCT("overtureservice.createconnection"), "400 UnknownOperationException"},
		{"POST / ok", "POST", "/", dxCT("OvertureService.CreateConnection"), "200"},
		{"query ignored", "POST", "/?x=1", dxCT("OvertureService.CreateConnection"), "200"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := serve(t, e, c.method, c.target, c.hdr, body)
			if got := r.summary(); got != c.want {
				t.Fatalf("%s %s: got %s %s, want %s", c.method, c.target, got, r.body, c.want)
			}
			if r.status != http.StatusOK && r.obj == nil {
				t.Errorf("error body %q is not a JSON object", r.body)
			}
			if r.status == http.StatusMethodNotAllowed && r.header.Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
		})
	}
}

func TestContentType(t *testing.T) {
	e := newEmulator(t)
	start := mustJSON(t, startBody())
	create := mustJSON(t, createBody())
	cases := []struct {
		name, target, ct string
		body             []byte
		want             string
	}{
		{"outposts ok with charset", "/connections", "application/json; charset=utf-8", start, "200"},
		{"outposts upper case", "/connections", "Application/JSON", start, "200"},
		{"outposts missing", "/connections", "", start, "400 ValidationException"},
		{"outposts text", "/connections", "text/plain", start, "400 ValidationException"},
		{"outposts amz json", "/connections", "application/x-amz-json-1.1", start, "400 ValidationException"},
		{"outposts garbage", "/connections", ";;;", start, "400 ValidationException"},
		{"dx ok", "/", "application/x-amz-json-1.1", create, "200"},
		{"dx missing", "/", "", create, "400 DirectConnectClientException"},
		{"dx plain json", "/", "application/json", create, "400 DirectConnectClientException"},
		{"dx 1.0", "/", "application/x-amz-json-1.0", create, "400 DirectConnectClientException"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hdr := map[string]string{"X-Amz-Target": "OvertureService.CreateConnection"}
			if c.ct != "" {
				hdr["Content-Type"] = c.ct
			}
			r := serve(t, e, http.MethodPost, c.target, hdr, c.body)
			if got := r.summary(); got != c.want {
				t.Fatalf("got %s %s, want %s", got, r.body, c.want)
			}
			if r.status != http.StatusOK && !strings.Contains(r.message(), "Content-Type") {
				t.Errorf("message %q does not name the Content-Type", r.message())
			}
		})
	}
}

func TestRequestIDOnEveryResponse(t *testing.T) {
	e := newEmulator(t)
	seen := map[string]bool{}
	rs := []result{
		start(t, e, startBody()),
		start(t, e, map[string]any{}),
		get(t, e, "AAAA"),
		create(t, e, createBody()),
		create(t, e, map[string]any{}),
		serve(t, e, "GET", "/nowhere", nil, nil),
		serve(t, e, "PATCH", "/connections", nil, nil),
	}
	for i, r := range rs {
		id := r.header.Get("X-Amzn-Requestid")
		if !reRequestID.MatchString(id) {
			t.Errorf("response %d (%s): x-amzn-RequestId %q is not a UUID", i, r.summary(), id)
		}
		if seen[id] {
			t.Errorf("response %d reuses request id %q", i, id)
		}
		seen[id] = true
	}
}

func TestBodyCap(t *testing.T) {
	e, err := emulator.New(emulator.Config{MaxBodyBytes: 512})
	if err != nil {
		t.Fatal(err)
	}
	in := startBody()
	in["Padding"] = strings.Repeat("p", 600)
	if got := start(t, e, in).summary(); got != "413 RequestEntityTooLargeException" {
		t.Errorf("StartConnection over the cap: %s", got)
	}
	c := createBody()
	c["padding"] = strings.Repeat("p", 600)
	if got := create(t, e, c).summary(); got != "413 RequestEntityTooLargeException" {
		t.Errorf("CreateConnection over the cap: %s", got)
	}
	// Unknown length (chunked): the cap applies while reading.
	req, _ := http.NewRequest(http.MethodPost, "/connections", struct{ *bytes.Reader }{bytes.NewReader(mustJSON(t, in))})
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	rec := newRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked body over the cap: status %d", rec.Code)
	}
	if got := start(t, e, startBody()).summary(); got != "200" {
		t.Errorf("body under the cap: %s", got)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	if _, err := emulator.New(emulator.Config{Faults: []string{"assetid-optional", "no-such-fault"}}); err == nil || !strings.Contains(err.Error(), "no-such-fault") {
		t.Errorf("unknown fault: err = %v", err)
	}
	if _, err := emulator.New(emulator.Config{MaxBodyBytes: -1}); err == nil {
		t.Error("negative MaxBodyBytes accepted")
	}
	if _, err := emulator.Start(emulator.Config{Faults: []string{"x"}}, "127.0.0.1:0"); err == nil {
		t.Error("Start accepted an unknown fault")
	}
}

func TestFaultCatalogue(t *testing.T) {
	classes := map[string]bool{}
	for _, c := range strings.Fields("bound pattern required range type status error-type server-error response content-type state tags routing extra-member") {
		classes[c] = true
	}
	ops := map[string]bool{"StartConnection": true, "GetConnection": true, "CreateConnection": true, "DescribeConnections": true}
	fs := emulator.Faults()
	if len(fs) != 55 {
		t.Errorf("catalogue has %d faults, want 55", len(fs))
	}
	names := map[string]bool{}
	for _, f := range fs {
		if names[f.Name] {
			t.Errorf("duplicate fault %q", f.Name)
		}
		names[f.Name] = true
		if !classes[f.Class] {
			t.Errorf("%s: class %q not in the list", f.Name, f.Class)
		}
		for _, op := range strings.Split(f.Operation, ",") {
			if !ops[op] {
				t.Errorf("%s: operation %q unknown", f.Name, op)
			}
		}
		if f.Description == "" {
			t.Errorf("%s: no description", f.Name)
		}
		if _, err := emulator.New(emulator.Config{Faults: []string{f.Name}}); err != nil {
			t.Errorf("New with %s: %v", f.Name, err)
		}
	}
	fs[0].Name = "mutated"
	if emulator.Faults()[0].Name == "mutated" {
		t.Error("Faults returns the catalogue itself, not a copy")
	}
}

// TestConcurrent runs StartConnection and GetConnection from many goroutines
// over a real listener; -race checks the store.
func TestConcurrent(t *testing.T) {
	srv, err := emulator.Start(emulator.Config{}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := &http.Client{}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				res, err := client.Post(srv.URL+"/connections", "application/json", bytes.NewReader(mustJSON(t, startBody())))
				if err != nil {
					errs <- err.Error()
					return
				}
				r := readResult(res)
				id, _ := r.obj["ConnectionId"].(string)
				if r.status != 200 || id == "" {
					errs <- "start: " + r.summary()
					return
				}
				res, err = client.Get(srv.URL + "/connections/" + escapeLabel(id))
				if err != nil {
					errs <- err.Error()
					return
				}
				if r := readResult(res); r.status != 200 || r.obj["ConnectionId"] != id {
					errs <- "get: " + r.summary()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestServerClose(t *testing.T) {
	srv, err := emulator.Start(emulator.Config{}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || !strings.HasSuffix(srv.URL, srv.Addr) {
		t.Errorf("URL %q Addr %q", srv.URL, srv.Addr)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := http.Get(srv.URL + "/"); err == nil {
		t.Error("server still answers after Close")
	}
	if _, err := emulator.Start(emulator.Config{}, "256.0.0.1:0"); err == nil {
		t.Error("Start on a bad address succeeded")
	}
}
