package target_test

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/plumbhq/plumb/target"
)

func TestRedact(t *testing.T) {
	in := http.Header{
		"Authorization":        {"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/outposts/aws4_request, SignedHeaders=host, Signature=abc123"},
		"X-Amz-Security-Token": {"tok"},
		"x-amz-signature":      {"sig"}, // non-canonical key still matched
		"X-Amz-Credential":     {"cred"},
		"Cookie":               {"a=b", "c=d"},
		"Location":             {"https://x/?X-Amz-Signature=deadbeef&X-Amz-Credential=AKID%2Fscope&keep=1"},
		"X-Echo":               {"Credential=AKID/scope, Signature=feed"},
		"Content-Type":         {"application/json"},
	}
	out := target.Redact(in)
	for _, k := range []string{"Authorization", "X-Amz-Security-Token", "x-amz-signature", "X-Amz-Credential"} {
		if v := out[k]; len(v) != 1 || v[0] != target.Redacted {
			t.Errorf("%s = %v, want REDACTED", k, v)
		}
	}
	if v := out["Cookie"]; len(v) != 2 || v[0] != target.Redacted || v[1] != target.Redacted {
		t.Errorf("Cookie = %v", v)
	}
	if got, want := out.Get("Location"), "https://x/?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED&keep=1"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	if got, want := out.Get("X-Echo"), "Credential=REDACTED, Signature=REDACTED"; got != want {
		t.Errorf("X-Echo = %q, want %q", got, want)
	}
	if out.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type changed: %q", out.Get("Content-Type"))
	}
	if in.Get("Authorization") == target.Redacted || in.Get("X-Amz-Security-Token") != "tok" {
		t.Error("Redact modified its input")
	}
	if target.Redact(nil) != nil {
		t.Error("Redact(nil) != nil")
	}
}

// TestExchangeDumpsNeverLeakSecrets signs with a known secret and session
// token, captures the real signature on the server, and has the server echo
// it back; none of it may appear in any rendering of the exchange.
func TestExchangeDumpsNeverLeakSecrets(t *testing.T) {
	const secret, token = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET", "SESSIONTOKENxyz"
	var auth string
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		w.Header().Set("Authorization", auth)
		w.Header().Set("X-Amz-Security-Token", r.Header.Get("X-Amz-Security-Token"))
		w.WriteHeader(http.StatusForbidden)
		_, _ = fmt.Fprintf(w, `{"Message":"bad request %s"}`, auth)
	}))
	c := newClient(t, s.URL, target.Options{
		Credentials: credentials.NewStaticCredentialsProvider("AKIDREAL", secret, token),
	})
	ex := do(t, c, createConnection())
	if ex.Err != nil {
		t.Fatal(ex.Err)
	}
	_, _, sig := parseAuth(t, auth)
	for name, text := range map[string]string{
		"Curl":         ex.Curl(),
		"RequestText":  ex.RequestText(),
		"ResponseText": ex.ResponseText(),
		"%+v":          fmt.Sprintf("%+v", ex.Request),
	} {
		for _, leak := range []string{sig, secret, token, "AKIDREAL"} {
			if strings.Contains(text, leak) {
				t.Errorf("%s leaks %q:\n%s", name, leak, text)
			}
		}
	}
	if !strings.Contains(ex.ResponseText(), "HTTP/1.1 403 Forbidden") {
		t.Errorf("ResponseText:\n%s", ex.ResponseText())
	}
}

func TestTransportErrorTextIsRedacted(t *testing.T) {
	ex := target.Exchange{Err: &target.TransportError{Kind: target.KindOther,
		Err: fmt.Errorf(`Get "http://h/?X-Amz-Signature=s3cr3t": boom`)}}
	text := ex.ResponseText()
	if strings.Contains(text, "s3cr3t") || !strings.Contains(text, "other") || !strings.Contains(text, "boom") {
		t.Errorf("ResponseText = %q", text)
	}
}

func TestRequestAndResponseText(t *testing.T) {
	big := strings.Repeat("a", target.DumpBodyLimit+10)
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Zeta", "z")
		w.Header().Set("Alpha", "a")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(big))
	}))
	c := newClient(t, s.URL, target.Options{MaxBodyBytes: target.DumpBodyLimit + 5})
	r := getConnection("ab%2Bc")
	ex := do(t, c, r)
	req := ex.RequestText()
	host := strings.TrimPrefix(s.URL, "http://")
	if !strings.HasPrefix(req, "GET /connections/ab%2Bc HTTP/1.1\nHost: "+host+"\n") ||
		!strings.Contains(req, "\nAuthorization: REDACTED\n") || !strings.HasSuffix(req, "\n\n") {
		t.Errorf("RequestText:\n%s", req)
	}
	resp := ex.ResponseText()
	if !strings.HasPrefix(resp, "HTTP/1.1 404 Not Found\n") {
		t.Errorf("ResponseText status line:\n%.200s", resp)
	}
	if a, z := strings.Index(resp, "Alpha: a"), strings.Index(resp, "Zeta: z"); a < 0 || z < a {
		t.Errorf("headers not sorted:\n%.300s", resp)
	}
	if !strings.Contains(resp, fmt.Sprintf("[body cut at %d of %d bytes]", target.DumpBodyLimit, target.DumpBodyLimit+5)) ||
		!strings.Contains(resp, "response cap") || strings.Contains(resp, strings.Repeat("a", target.DumpBodyLimit+1)) {
		t.Errorf("ResponseText must cap the body and note the truncation:\n...%s", resp[len(resp)-200:])
	}

	bin := target.Exchange{Request: target.Request{Method: "POST", RawPath: "/", Body: []byte("a\x00\x1b[2J")}}
	if text := bin.RequestText(); !strings.Contains(text, `"a\x00\x1b[2J"`) || strings.Contains(text, "\x1b") {
		t.Errorf("binary body must be shown quoted:\n%q", text)
	}
	if got := (target.Exchange{}).ResponseText(); !strings.Contains(got, "no response") {
		t.Errorf("zero Exchange ResponseText = %q", got)
	}
}

// TestCurlReproducesRequest runs the Curl line through sh against a capturing
// server: path, method, headers and body must arrive as the client sent them.
func TestCurlReproducesRequest(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed")
	}
	srv := &capture{}
	c := newClient(t, newServer(t, srv).URL, target.Options{})
	for name, r := range map[string]target.Request{
		"raw path": getConnection("ab%2Bc%2Fd%3D"),
		"json":     createConnection(),
		"quote and at": {Service: "directconnect", Method: "POST", RawPath: "/",
			Body: []byte(`@etc/passwd it's "quoted" $HOME`)},
		"binary": {Service: "directconnect", Method: "PUT", RawPath: "/x",
			Header: http.Header{"Content-Type": {"application/octet-stream"}},
			Body:   []byte("a\x00b%s\\n'\xff\n")},
	} {
		t.Run(name, func(t *testing.T) {
			ex := do(t, c, r)
			if ex.Err != nil {
				t.Fatal(ex.Err)
			}
			sent := srv.last(t)
			out, err := exec.CommandContext(context.Background(), "sh", "-c", ex.Curl()).CombinedOutput()
			if err != nil {
				t.Fatalf("%s\n%s: %v", ex.Curl(), out, err)
			}
			got := srv.last(t)
			if got.Method != sent.Method || got.RequestURI != sent.RequestURI || string(got.Body) != string(sent.Body) {
				t.Errorf("curl sent %s %s %q, client sent %s %s %q\n%s", got.Method, got.RequestURI, got.Body,
					sent.Method, sent.RequestURI, sent.Body, ex.Curl())
			}
			for _, k := range []string{"Content-Type", "X-Amz-Target", "X-Amz-Date", "User-Agent"} {
				if got.Header.Get(k) != sent.Header.Get(k) {
					t.Errorf("header %s: curl %q, client %q", k, got.Header.Get(k), sent.Header.Get(k))
				}
			}
			if got.Header.Get("Authorization") != target.Redacted {
				t.Errorf("curl Authorization = %q, want REDACTED", got.Header.Get("Authorization"))
			}
		})
	}
}

var _ aws.CredentialsProvider = credentials.StaticCredentialsProvider{}
