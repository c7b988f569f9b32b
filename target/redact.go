package target

import (
	"net/http"
	"regexp"
)

// Redacted replaces every secret value.
const Redacted = "REDACTED"

// secretHeaders have their whole value replaced.
var secretHeaders = map[string]bool{
	"Authorization":        true,
	"Proxy-Authorization":  true,
	"X-Amz-Security-Token": true,
	"X-Amz-Signature":      true,
	"X-Amz-Credential":     true,
	"Cookie":               true,
	"Set-Cookie":           true,
}

// secretFragment matches signature and credential parameters inside URLs and
// header values (presigned URLs, echoed requests, error messages).
var secretFragment = regexp.MustCompile(`(?i)((?:X-Amz-)?(?:Signature|Credential|Security-Token)=)[^&,;\s"']*`)

// Redact returns a copy of h in which the values of Authorization,
// X-Amz-Security-Token, X-Amz-Signature, X-Amz-Credential, Cookie (and
// Proxy-Authorization, Set-Cookie) are "REDACTED", and signature or credential
// fragments in any other value are scrubbed. A nil h gives nil.
func Redact(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		secret := secretHeaders[http.CanonicalHeaderKey(k)]
		cp := make([]string, len(vs))
		for i, v := range vs {
			if secret {
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
	return secretFragment.ReplaceAllString(s, "${1}"+Redacted)
}
