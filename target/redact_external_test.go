package target_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
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

// TestCurlReproducesRequest runs the Curl line through sh, with the credentials in the
// environment of the command only, against a server that verifies the SigV4 signature curl
// computed with the AWS SDK's signer: the request arrives signed for the exchange's region and
// signing name, with the path, method, headers and body the client sent, byte for byte.
func TestCurlReproducesRequest(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed: the curl line cannot be run here")
	}
	const key, secret, token = "AKIDCURLTEST", "curl/secret+KEY=", "curl-session-token"
	srv := &capture{}
	c := newClient(t, newServer(t, srv).URL, target.Options{Region: "eu-west-3"})
	tokenClient := newClient(t, newServer(t, srv).URL, target.Options{Region: "eu-west-3",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDREAL", "realsecret", "realtoken")})
	for name, tc := range map[string]struct {
		c *target.Client
		r target.Request
	}{
		"raw path": {c, getConnection("ab%2Bc%2Fd%3D")},
		"json":     {c, createConnection()},
		"token":    {tokenClient, createConnection()},
		"quote and at": {c, target.Request{Service: "directconnect", Method: "POST", RawPath: "/",
			Body: []byte(`@etc/passwd it's "quoted" $HOME`)}},
		"binary": {c, target.Request{Service: "directconnect", Method: "PUT", RawPath: "/x",
			Header: http.Header{"Content-Type": {"application/octet-stream"}},
			Body:   []byte("a\x00b%s\\n'\xff\n")}},
	} {
		t.Run(name, func(t *testing.T) {
			ex := do(t, tc.c, tc.r)
			if ex.Err != nil {
				t.Fatal(ex.Err)
			}
			sent := srv.last(t)
			line := ex.Curl()
			cmd := exec.CommandContext(context.Background(), "sh", "-c", line)
			cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+key, "AWS_SECRET_ACCESS_KEY="+secret, "AWS_SESSION_TOKEN="+token)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s\n%s: %v", line, out, err)
			}
			got := srv.last(t)
			if got.Method != sent.Method || got.RequestURI != sent.RequestURI || !bytes.Equal(got.Body, sent.Body) {
				t.Errorf("curl sent %s %s %q, client sent %s %s %q\n%s", got.Method, got.RequestURI, got.Body,
					sent.Method, sent.RequestURI, sent.Body, line)
			}
			for _, k := range []string{"Content-Type", "X-Amz-Target", "User-Agent"} {
				if got.Header.Get(k) != sent.Header.Get(k) {
					t.Errorf("header %s: curl %q, client %q", k, got.Header.Get(k), sent.Header.Get(k))
				}
			}
			auth := got.Header.Get("Authorization")
			scope, signed, _ := parseAuth(t, auth)
			if scope[0] != key || scope[2] != "eu-west-3" || scope[3] != tc.r.Service {
				t.Errorf("credential scope %v, want %s/.../eu-west-3/%s", scope, key, tc.r.Service)
			}
			creds := aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}
			if want := resignAs(t, got, signed, creds, tc.r.Service, "eu-west-3"); auth != want {
				t.Errorf("curl's signature does not verify:\n got %s\nwant %s\n%s", auth, want, line)
			}
			wantToken := ""
			if name == "token" {
				wantToken = token
				if !strings.Contains(signed, "x-amz-security-token") {
					t.Errorf("SignedHeaders %q lacks x-amz-security-token", signed)
				}
			}
			if got.Header.Get("X-Amz-Security-Token") != wantToken {
				t.Errorf("X-Amz-Security-Token = %q, want %q", got.Header.Get("X-Amz-Security-Token"), wantToken)
			}
		})
	}
}

// TestCurlHoldsNoSecret: the line names the credential variables and never holds a value of
// the credentials that signed the original request, nor its signature.
func TestCurlHoldsNoSecret(t *testing.T) {
	const secret, token = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET", "SESSIONTOKENxyz"
	var auth string
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
	}))
	c := newClient(t, s.URL, target.Options{Region: "ap-south-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDREALKEY", secret, token)})
	ex := do(t, c, createConnection())
	_, _, sig := parseAuth(t, auth)
	line := ex.Curl()
	for _, leak := range []string{secret, token, sig, "AKIDREALKEY", target.Redacted, "X-Amz-Date", ex.Request.Header.Get("X-Amz-Date")} {
		if leak != "" && strings.Contains(line, leak) {
			t.Errorf("curl line holds %q:\n%s", leak, line)
		}
	}
	for _, want := range []string{`--aws-sigv4 'aws:amz:ap-south-1:directconnect'`,
		`--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`, `-H "x-amz-security-token: $AWS_SESSION_TOKEN"`} {
		if !strings.Contains(line, want) {
			t.Errorf("curl line lacks %s:\n%s", want, line)
		}
	}
}

// TestCurlWithBaseVar: a target gone after the run is named by a shell variable, with a note.
func TestCurlWithBaseVar(t *testing.T) {
	ex := target.Exchange{Request: getConnection("a%2Fb"), URL: "http://127.0.0.1:39999/p/connections/a%2Fb",
		Base: "http://127.0.0.1:39999/p", Region: "us-east-1"}
	line := ex.CurlWith(target.CurlOptions{BaseVar: "PLUMB_TARGET", Note: "start it\nthen set it"})
	if !strings.HasPrefix(line, "# start it\n# then set it\ncurl ") {
		t.Errorf("note not printed as shell comments:\n%s", line)
	}
	if !strings.Contains(line, ` "$PLUMB_TARGET"'/connections/a%2Fb'`) || strings.Contains(line, "39999") {
		t.Errorf("base URL not replaced by $PLUMB_TARGET:\n%s", line)
	}
	word := regexp.MustCompile(`"\$PLUMB_TARGET"'[^']*'`).FindString(line)
	out, err := exec.Command("sh", "-c", `PLUMB_TARGET=http://h:1; printf '%s\n' `+word).Output()
	if err != nil || strings.TrimSpace(string(out)) != "http://h:1/connections/a%2Fb" {
		t.Errorf("the shell reads the URL as %q (%v)", out, err)
	}
}

// resignAs signs the request the server saw with the SDK signer over the headers SignedHeaders
// lists, as a SigV4 verifier does, and returns the Authorization it computes. The canonical
// path is the path as sent (DisableURIPathEscaping): curl 7.88 signs it so, where the AWS
// SDKs encode a non-S3 path a second time; the two agree on every path without a '%'.
func resignAs(t *testing.T, got seen, signedHeaders string, creds aws.Credentials, service, region string) string {
	t.Helper()
	when, err := time.Parse("20060102T150405Z", got.Header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatalf("X-Amz-Date: %v", err)
	}
	path, query, _ := strings.Cut(got.RequestURI, "?")
	req, _ := http.NewRequest(got.Method, "http://"+got.Host+"/", nil)
	req.URL = &url.URL{Scheme: "http", Host: got.Host, Opaque: path, RawQuery: query}
	req.Host = got.Host
	req.Header = http.Header{}
	for _, k := range strings.Split(signedHeaders, ";") {
		if k != "host" {
			req.Header[http.CanonicalHeaderKey(k)] = got.Header.Values(k)
		}
	}
	// No ContentLength: the SDK would sign Content-Length, which curl does not list; the body
	// counts through its hash.
	sum := sha256.Sum256(got.Body)
	err = v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), service, region, when,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err != nil {
		t.Fatal(err)
	}
	return req.Header.Get("Authorization")
}

var _ aws.CredentialsProvider = credentials.StaticCredentialsProvider{}
