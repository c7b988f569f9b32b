package target

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/plumbhq/plumb/secret"
)

// Redacted replaces every secret value.
const Redacted = secret.Redacted

// secretFragment matches signature and credential parameters inside URLs and
// header values (presigned URLs, echoed requests, error messages).
var secretFragment = regexp.MustCompile(`(?i)((?:X-Amz-)?(?:Signature|Credential|Security-Token)=)[^&,;\s"']*`)

// Redact returns a copy of h in which the values of the secret headers
// (secret.IsHeader: Authorization, X-Amz-Security-Token, X-Amz-Signature,
// X-Amz-Credential, Cookie, Proxy-Authorization, Set-Cookie) are "REDACTED",
// and signature or credential fragments in any other value are scrubbed. It
// works by name only; Exchange.Redact also removes the credentials by value.
// A nil h gives nil.
func Redact(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		whole := secret.IsHeader(k)
		cp := make([]string, len(vs))
		for i, v := range vs {
			if whole {
				cp[i] = Redacted
			} else {
				cp[i] = RedactString(v)
			}
		}
		out[k] = cp
	}
	return out
}

// RedactString replaces the value of every X-Amz-Signature=, Signature=,
// X-Amz-Credential=, Credential= and X-Amz-Security-Token= fragment in s.
func RedactString(s string) string {
	if !strings.Contains(s, "=") {
		// Every fragment has one; most messages have none, and the scan with a
		// case-insensitive prefix would cost every checked exchange.
		return s
	}
	return secretFragment.ReplaceAllString(s, "${1}"+Redacted)
}

// Redact returns s with every credential removed: the access key ids, secret keys and session
// tokens this process signs with (secret.Held), the Authorization value and signature this
// exchange was sent with, and any Signature=/Credential=/X-Amz-Security-Token= fragment. It
// works on any text about the exchange (a dump, a curl line, a check's message quoting the
// response), whatever header name, body or URL the target echoed a secret in. Values shorter
// than secret.MinLen are left alone (see there).
func (e Exchange) Redact(s string) string {
	var own []string
	if e.sent != nil && e.sent.auth != "" {
		own = []string{e.sent.auth, signatureOf(e.sent.auth)}
	}
	return RedactString(secret.Held().Redact(s, own...))
}

// sentSecrets is what an exchange was signed with. It sits behind a pointer so that printing
// an Exchange with %v shows an address, not the signature.
type sentSecrets struct {
	auth string // the Authorization header as sent
}

// signatureOf returns the Signature= value of a SigV4 Authorization header, "" without one.
func signatureOf(auth string) string {
	_, sig, ok := strings.Cut(auth, "Signature=")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(sig, ", "); i >= 0 {
		sig = sig[:i]
	}
	return sig
}
