package secret_test

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/plumbhq/plumb/secret"
)

const (
	token = "IQoJb3JpZ2luX2VjEPLUMB/SESSION+TOKEN=="
	akid  = "ASIAPLUMBECHOTEST01"
)

func newSet(values ...string) *secret.Set {
	s := new(secret.Set)
	s.Add(values...)
	return s
}

func TestRedactByValueWherever(t *testing.T) {
	s := newSet(token, akid)
	for name, c := range map[string]struct{ in, want string }{
		"json string":          {`{"Echo":"` + token + `","n":1}`, `{"Echo":"REDACTED","n":1}`},
		"header of any name":   {"X-Echo: " + akid + " " + token + "\n", "X-Echo: REDACTED REDACTED\n"},
		"url query, escaped":   {"GET /x?t=" + url.QueryEscape(token) + "&k=1", "GET /x?t=REDACTED&k=1"},
		"url path, escaped":    {"/connections/" + url.PathEscape(token), "/connections/REDACTED"},
		"json escaping slash":  {`{"t":"` + strings.ReplaceAll(token, "/", `\/`) + `"}`, `{"t":"REDACTED"}`},
		"twice, and go-quoted": {fmt.Sprintf("%q %s", token, token), `"REDACTED" REDACTED`},
		"innocent text":        {"no secret here, 400 ValidationException", "no secret here, 400 ValidationException"},
		"empty":                {"", ""},
	} {
		t.Run(name, func(t *testing.T) {
			got := s.Redact(c.in)
			assert.Equal(t, c.want, got)
			assert.Equal(t, got, s.Redact(got), "idempotent")
		})
	}
}

// Where secrets overlap, the union of their occurrences goes: no tail of either is left.
func TestRedactOverlappingSecrets(t *testing.T) {
	s := newSet("AAAABBBBCCCC", "CCCCDDDDEEEE") // they share CCCC
	assert.Equal(t, "x REDACTED y", s.Redact("x AAAABBBBCCCCDDDDEEEE y"))
	// One secret inside another: the longer one goes whole.
	s = newSet("SESSIONTOKEN-1234567890", "TOKEN-1234")
	assert.Equal(t, "[REDACTED]", s.Redact("[SESSIONTOKEN-1234567890]"))
	assert.Equal(t, "[REDACTED]", s.Redact("[TOKEN-1234]"))
	// A secret overlapping itself.
	s = newSet("abababab")
	assert.Equal(t, "<REDACTED>", s.Redact("<ababababab>"))
}

// A value shorter than MinLen would match by chance all over a report: it is not redacted by
// value (it is still removed where it stands in a secret header or fragment).
func TestShortSecretsAreLeftAlone(t *testing.T) {
	short := strings.Repeat("k", secret.MinLen-1)
	s := newSet(short, "")
	assert.Equal(t, 0, s.Len())
	assert.Equal(t, "key "+short+" stays", s.Redact("key "+short+" stays"))
	assert.Equal(t, "key "+short+" stays", s.Redact("key "+short+" stays", short))
	long := strings.Repeat("k", secret.MinLen)
	assert.Equal(t, "key REDACTED goes", s.Redact("key "+long+" goes", long))
}

func TestExtraValuesAndNilSet(t *testing.T) {
	var s *secret.Set
	sig := strings.Repeat("0123abcd", 8)
	assert.Equal(t, "Sig REDACTED", s.Redact("Sig "+sig, sig))
	assert.Equal(t, "text", s.Redact("text"))
	assert.Equal(t, "x REDACTED", newSet(token).Redact("x "+sig, sig, ""))
}

func TestHeldIsOneSetForTheProcess(t *testing.T) {
	assert.Same(t, secret.Held(), secret.Held())
}

func TestAddAndRedactConcurrently(t *testing.T) {
	s := new(secret.Set)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		v := fmt.Sprintf("concurrent-secret-%02d", i)
		go func() { defer wg.Done(); s.Add(v) }()
		go func() { defer wg.Done(); _ = s.Redact("x " + v) }()
	}
	wg.Wait()
	for i := range 8 {
		assert.Equal(t, "x REDACTED", s.Redact(fmt.Sprintf("x concurrent-secret-%02d", i)))
	}
}

func TestSecretHeaders(t *testing.T) {
	for _, h := range []string{"Authorization", "authorization", "X-AMZ-SECURITY-TOKEN", "x-amz-signature", "X-Amz-Credential",
		"Cookie", "Set-Cookie", "Proxy-Authorization"} {
		assert.True(t, secret.IsHeader(h), h)
	}
	for _, h := range []string{"X-Echo", "Content-Type", "X-Amz-Date", "X-Amz-Target"} {
		assert.False(t, secret.IsHeader(h), h)
	}
	hs := secret.Headers()
	assert.Contains(t, hs, "X-Amz-Security-Token")
	assert.IsNonDecreasing(t, hs)
	for _, h := range hs {
		assert.True(t, secret.IsHeader(h), h)
	}
}
