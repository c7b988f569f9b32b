package target_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/plumbhq/plumb/target"
)

func TestDoSendsRawPathVerbatim(t *testing.T) {
	srv := &capture{}
	s := newServer(t, srv)
	c := newClient(t, s.URL, target.Options{})

	ex := do(t, c, getConnection("ab%2Bc%2Fd%3D"))
	if ex.Err != nil {
		t.Fatalf("Do: %v", ex.Err)
	}
	got := srv.last(t)
	if got.RequestURI != "/connections/ab%2Bc%2Fd%3D" {
		t.Errorf("request URI = %q, want the raw path byte for byte", got.RequestURI)
	}
	if got.Method != http.MethodGet || len(got.Body) != 0 {
		t.Errorf("method %q body %q, want GET with no body", got.Method, got.Body)
	}
	if want := s.URL + "/connections/ab%2Bc%2Fd%3D"; ex.URL != want {
		t.Errorf("Exchange.URL = %q, want %q", ex.URL, want)
	}
	if ex.Response.Status != 200 || string(ex.Response.Body) != `{"ok":true}` || ex.Response.Truncated {
		t.Errorf("response = %+v", ex.Response)
	}
	if ex.Request.Operation != "GetConnection" {
		t.Errorf("Exchange.Request.Operation = %q", ex.Request.Operation)
	}
}

func TestDoRawPathEdgeCases(t *testing.T) {
	srv := &capture{}
	s := newServer(t, srv)
	c := newClient(t, s.URL, target.Options{})
	for _, raw := range []string{
		"/connections/%2F%2F",
		"/connections/a/../b",
		"//connections/x",
		"/connections/%41",
		"/connections/x?b=2&a=1",
	} {
		r := getConnection("")
		r.RawPath = raw
		ex := do(t, c, r)
		if ex.Err != nil {
			t.Errorf("%q: %v", raw, ex.Err)
			continue
		}
		got := srv.last(t).RequestURI
		wantPath, wantQuery, _ := strings.Cut(raw, "?")
		gotPath, gotQuery, _ := strings.Cut(got, "?")
		if gotPath != wantPath {
			t.Errorf("%q arrived as %q", raw, got)
		}
		// The signer may reorder the query canonically; the pairs must survive.
		wq, _ := url.ParseQuery(wantQuery)
		gq, _ := url.ParseQuery(gotQuery)
		if wq.Encode() != gq.Encode() {
			t.Errorf("%q: query arrived as %q", raw, gotQuery)
		}
	}
}

func TestDoSendsHeadersAndBody(t *testing.T) {
	srv := &capture{}
	s := newServer(t, srv)
	c := newClient(t, s.URL, target.Options{UserAgent: "plumb-test/1"})
	r := createConnection()
	r.Header.Set("Host", "evil.example") // ignored: the target URL's host is kept
	r.Header.Set("X-Custom", "v")
	ex := do(t, c, r)
	if ex.Err != nil {
		t.Fatal(ex.Err)
	}
	got := srv.last(t)
	if got.Method != http.MethodPost || got.RequestURI != "/" {
		t.Errorf("got %s %s", got.Method, got.RequestURI)
	}
	if !bytes.Equal(got.Body, r.Body) {
		t.Errorf("body = %q, want %q", got.Body, r.Body)
	}
	for k, want := range map[string]string{
		"Content-Type":   "application/x-amz-json-1.1",
		"X-Amz-Target":   "OvertureService.CreateConnection",
		"X-Custom":       "v",
		"User-Agent":     "plumb-test/1",
		"Content-Length": strconv.Itoa(len(r.Body)),
	} {
		if g := got.Header.Get(k); g != want {
			t.Errorf("header %s = %q, want %q", k, g, want)
		}
	}
	if got.Header.Get("Accept-Encoding") != "" {
		t.Errorf("Accept-Encoding %q added; compression must be off", got.Header.Get("Accept-Encoding"))
	}
	u, _ := url.Parse(s.URL)
	if got.Host != u.Host {
		t.Errorf("Host = %q, want %q", got.Host, u.Host)
	}
	if r.Header.Get("Authorization") != "" || r.Header.Get("X-Amz-Date") != "" {
		t.Error("Do modified the caller's header map")
	}
	// The exchange records the headers as sent, redacted.
	if ex.Request.Header.Get("X-Amz-Date") == "" || ex.Request.Header.Get("Authorization") != target.Redacted {
		t.Errorf("Exchange.Request.Header = %v", ex.Request.Header)
	}
}

func TestDoDefaultUserAgent(t *testing.T) {
	srv := &capture{}
	c := newClient(t, newServer(t, srv).URL, target.Options{})
	do(t, c, getConnection("x"))
	if ua := srv.last(t).Header.Get("User-Agent"); ua != "plumb/"+target.Version {
		t.Errorf("User-Agent = %q", ua)
	}
}

// parseAuth splits "AWS4-HMAC-SHA256 Credential=AK/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex".
func parseAuth(t *testing.T, h string) (scope []string, signedHeaders, sig string) {
	t.Helper()
	rest, ok := strings.CutPrefix(h, "AWS4-HMAC-SHA256 ")
	if !ok {
		t.Fatalf("Authorization %q is not SigV4", h)
	}
	for _, part := range strings.Split(rest, ", ") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "Credential":
			scope = strings.Split(v, "/")
		case "SignedHeaders":
			signedHeaders = v
		case "Signature":
			sig = v
		}
	}
	if len(scope) != 5 || scope[4] != "aws4_request" || len(sig) != 64 {
		t.Fatalf("malformed Authorization %q", h)
	}
	return scope, signedHeaders, sig
}

// resign signs the request the server saw with the SDK signer and returns the
// Authorization it computes.
func resign(t *testing.T, got seen, creds aws.Credentials, service, region string) string {
	t.Helper()
	when, err := time.Parse("20060102T150405Z", got.Header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatalf("X-Amz-Date: %v", err)
	}
	path, query, _ := strings.Cut(got.RequestURI, "?")
	req, _ := http.NewRequest(got.Method, "http://"+got.Host+"/", bytes.NewReader(got.Body))
	req.URL = &url.URL{Scheme: "http", Host: got.Host, Opaque: path, RawQuery: query}
	req.Host = got.Host
	req.Header = got.Header.Clone()
	req.Header.Del("Authorization")
	req.ContentLength = int64(len(got.Body))
	sum := sha256hex(got.Body)
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, sum, service, region, when); err != nil {
		t.Fatal(err)
	}
	return req.Header.Get("Authorization")
}

func TestDoSignsWithSigV4(t *testing.T) {
	srv := &capture{}
	s := newServer(t, srv)
	c := newClient(t, "", target.Options{
		Targets: map[string]string{"outposts": s.URL, "directconnect": s.URL},
		Region:  "eu-west-3",
	})
	fake := aws.Credentials{AccessKeyID: target.FakeAccessKeyID, SecretAccessKey: target.FakeSecretAccessKey}
	for _, r := range []target.Request{createConnection(), getConnection("ab%2Bc%2Fd%3D")} {
		ex := do(t, c, r)
		if ex.Err != nil {
			t.Fatal(ex.Err)
		}
		got := srv.last(t)
		auth := got.Header.Get("Authorization")
		scope, signed, _ := parseAuth(t, auth)
		if scope[0] != target.FakeAccessKeyID || scope[2] != "eu-west-3" || scope[3] != r.Service {
			t.Errorf("%s: credential scope %v, want key %s region eu-west-3 service %s", r.Operation, scope, target.FakeAccessKeyID, r.Service)
		}
		if !strings.Contains(signed, "host") || !strings.Contains(signed, "x-amz-date") {
			t.Errorf("SignedHeaders %q lacks host or x-amz-date", signed)
		}
		if r.Header.Get("X-Amz-Target") != "" && !strings.Contains(signed, "x-amz-target") {
			t.Errorf("SignedHeaders %q lacks x-amz-target", signed)
		}
		if want := resign(t, got, fake, r.Service, "eu-west-3"); auth != want {
			t.Errorf("%s: signature does not verify:\n got %s\nwant %s", r.Operation, auth, want)
		}
		if strings.Contains(got.RequestURI, "Signature") || strings.Contains(got.RequestURI, "Credential") {
			t.Errorf("signature leaked into the URL: %s", got.RequestURI)
		}
	}
}

func TestDoPicksTargetPerService(t *testing.T) {
	a, b := &capture{}, &capture{}
	sa, sb := newServer(t, a), newServer(t, b)
	c := newClient(t, "", target.Options{Targets: map[string]string{"outposts": sa.URL, "": sb.URL + "/prefix/"}})
	if c.BaseURL("outposts") != sa.URL || c.BaseURL("directconnect") != sb.URL+"/prefix/" {
		t.Errorf("BaseURL: %q %q", c.BaseURL("outposts"), c.BaseURL("directconnect"))
	}
	do(t, c, getConnection("x"))
	do(t, c, createConnection())
	if got := a.last(t); got.RequestURI != "/connections/x" {
		t.Errorf("outposts target got %q", got.RequestURI)
	}
	if got := b.last(t); got.RequestURI != "/prefix/" || got.Method != http.MethodPost {
		t.Errorf("default target got %s %q, want POST /prefix/", got.Method, got.RequestURI)
	}
}

func TestDoDoesNotFollowRedirects(t *testing.T) {
	var followed atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/connections/x", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	mux.HandleFunc("/elsewhere", func(http.ResponseWriter, *http.Request) { followed.Store(true) })
	c := newClient(t, newServer(t, mux).URL, target.Options{})
	ex := do(t, c, getConnection("x"))
	if ex.Err != nil || ex.Response.Status != http.StatusFound || ex.Response.Header.Get("Location") != "/elsewhere" {
		t.Errorf("want the 302 itself, got %+v %v", ex.Response, ex.Err)
	}
	if followed.Load() {
		t.Error("client followed the redirect")
	}
}

func TestDoReturnsCompressedBodyAsSent(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"ok":true}`))
	_ = zw.Close()
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(gz.Bytes())
	}))
	ex := do(t, newClient(t, s.URL, target.Options{}), getConnection("x"))
	if ex.Err != nil || !bytes.Equal(ex.Response.Body, gz.Bytes()) {
		t.Errorf("body must be the raw gzip bytes; got %q, err %v", ex.Response.Body, ex.Err)
	}
}

func TestDoReusesConnections(t *testing.T) {
	var conns atomic.Int32
	s := httptest.NewUnstartedServer(&capture{})
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	c := newClient(t, s.URL, target.Options{Concurrency: 4})
	for range 20 {
		if ex := do(t, c, createConnection()); ex.Err != nil {
			t.Fatal(ex.Err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("20 sequential requests opened %d connections, want 1 (keep-alive)", n)
	}
}

func TestDoConcurrent(t *testing.T) {
	srv := &capture{}
	c := newClient(t, newServer(t, srv).URL, target.Options{Concurrency: 8})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Go(func() {
			r := getConnection("id" + string(rune('a'+i%26)))
			if ex := c.Do(context.Background(), r); ex.Err != nil {
				errs <- ex.Err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(srv.reqs) != 64 {
		t.Errorf("server saw %d requests, want 64", len(srv.reqs))
	}
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
