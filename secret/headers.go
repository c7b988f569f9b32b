package secret

import (
	"net/http"
	"slices"
)

// Redacted is what is left where a secret was.
const Redacted = "REDACTED"

// headers are the headers whose whole value is a credential, canonical names. This is the
// only list: target redacts exchanges with it, report scrubs header lines with it and fuzz
// keeps these headers out of replay files.
var headers = map[string]bool{
	"Authorization":        true,
	"Proxy-Authorization":  true,
	"X-Amz-Security-Token": true,
	"X-Amz-Signature":      true,
	"X-Amz-Credential":     true,
	"Cookie":               true,
	"Set-Cookie":           true,
}

// IsHeader reports whether the header named name (any case) carries a credential as its whole
// value.
func IsHeader(name string) bool { return headers[http.CanonicalHeaderKey(name)] }

// Headers returns the canonical names of the secret headers, sorted.
func Headers() []string {
	out := make([]string, 0, len(headers))
	for k := range headers {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
