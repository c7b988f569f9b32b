package target_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/plumbhq/plumb/secret"
	"github.com/plumbhq/plumb/target"
)

// TestEchoedSecretsAreRedactedByValue: a target that echoes the session token, the access key
// id, the whole Authorization value and the bare signature under header names nobody would
// call secret, in its body (a token straddling the dump's cut included) and in a Location URL.
// No rendering of the exchange may show any of it; the client registers its credentials in
// secret.Held for everything else plumb prints.
func TestEchoedSecretsAreRedactedByValue(t *testing.T) {
	const (
		akid   = "ASIAREDACTBYVALUE01"
		secKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYVALUEKEY"
		token  = "IQoJb3JpZ2luX2VjEVALUE/TOKEN+redact/by/value=="
	)
	var mu sync.Mutex
	var sigs []string
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		_, sig, _ := strings.Cut(auth, "Signature=")
		mu.Lock()
		sigs = append(sigs, sig)
		mu.Unlock()
		tok := r.Header.Get("X-Amz-Security-Token")
		w.Header().Set("X-Echo", tok+" "+akid)
		w.Header().Set("X-Echo-Auth", auth)
		w.Header().Set("X-Sig", sig)
		w.Header().Set("Location", "http://h/?t="+url.QueryEscape(tok))
		w.WriteHeader(http.StatusBadRequest)
		// Put one copy of the token across the 4 KiB dump cut.
		head := fmt.Sprintf(`{"sig":"%s","message":"echo %s %s","pad":"`, sig, tok, auth)
		pad := strings.Repeat("p", target.DumpBodyLimit-len(head)-10)
		_, _ = fmt.Fprintf(w, `%s%s%s"}`, head, pad, tok)
	}))
	c := newClient(t, s.URL, target.Options{Credentials: credentials.NewStaticCredentialsProvider(akid, secKey, token)})
	ex := do(t, c, createConnection())
	if ex.Err != nil {
		t.Fatal(ex.Err)
	}
	mu.Lock()
	sig := sigs[0]
	mu.Unlock()
	if len(sig) != 64 {
		t.Fatalf("server saw signature %q", sig)
	}
	texts := map[string]string{
		"Curl": ex.Curl(), "RequestText": ex.RequestText(), "ResponseText": ex.ResponseText(),
		"Redact(body)": ex.Redact(string(ex.Response.Body)), "%+v": fmt.Sprintf("%+v", ex),
		"Held": secret.Held().Redact(token + " " + akid + " " + secKey),
	}
	for name, text := range texts {
		for _, leak := range []string{token, url.QueryEscape(token), akid, secKey, sig, token[:10]} {
			if strings.Contains(text, leak) {
				t.Errorf("%s leaks %q:\n%.600s", name, leak, text)
			}
		}
	}
	resp := texts["ResponseText"]
	for _, want := range []string{"X-Echo: REDACTED REDACTED\n", "X-Sig: REDACTED\n", `"sig":"REDACTED"`, `"message":"echo REDACTED REDACTED"`} {
		if !strings.Contains(resp, want) {
			t.Errorf("ResponseText lacks %q:\n%.300s", want, resp)
		}
	}
	// The exchange keeps what the checks judge: the response itself is not rewritten.
	if !strings.Contains(string(ex.Response.Body), token) || ex.Response.Header.Get("X-Sig") != sig {
		t.Error("Do must not rewrite the response; redaction is for rendering")
	}
}

// An exchange never signed (built by hand, or refused before signing) still has the held
// credentials and fragments removed.
func TestRedactWithoutASignature(t *testing.T) {
	ex := target.Exchange{Request: target.Request{Method: "GET", RawPath: "/"}}
	got := ex.Redact("Signature=abc, Credential=AKID/x, plain")
	if got != "Signature=REDACTED, Credential=REDACTED, plain" {
		t.Errorf("Redact = %q", got)
	}
}
