package target

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// splitRawPath checks that raw can go on the request line verbatim and splits
// off a query. It rejects what would make the request line malformed rather
// than send something other than what the caller asked for.
func splitRawPath(raw string) (path, query string, err error) {
	if raw == "" {
		raw = "/"
	}
	if raw[0] != '/' {
		return "", "", fmt.Errorf("raw path %q does not start with /", raw)
	}
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c <= ' ' || c >= 0x7f || c == '#' {
			return "", "", fmt.Errorf("raw path %q holds byte %#02x at %d that cannot be sent unescaped", raw, c, i)
		}
	}
	path, query, _ = strings.Cut(raw, "?")
	return path, query, nil
}

// wireURL builds the URL so that net/http sends path byte for byte and the
// SigV4 signer canonicalises that same path. Opaque does both, except for a
// path starting with "//", which both read as "//host/..."; that case goes
// through Path/RawPath, which is exact whenever the path's escapes are valid.
func wireURL(b base, path, query string) *url.URL {
	u := &url.URL{Scheme: b.scheme, Host: b.host, RawQuery: query}
	if !strings.HasPrefix(path, "//") {
		u.Opaque = path
		return u
	}
	if p, err := url.PathUnescape(path); err == nil {
		u.Path, u.RawPath = p, path
	} else {
		u.Path = path
	}
	return u
}

// validHeader rejects header names and values net/http would refuse to send,
// so that the refusal is reported as the harness's fault before sending
// rather than as a transport error blamed on the target.
func validHeader(h http.Header) error {
	for k, vs := range h {
		if k == "" {
			return fmt.Errorf("empty header name")
		}
		for i := 0; i < len(k); i++ {
			if !isTokenChar(k[i]) {
				return fmt.Errorf("header name %q holds byte %#02x", k, k[i])
			}
		}
		for _, v := range vs {
			if strings.ContainsAny(v, "\r\n\x00") {
				return fmt.Errorf("header %s value %q holds CR, LF or NUL", k, v)
			}
		}
	}
	return nil
}

// isTokenChar reports whether c may appear in an RFC 9110 token.
func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
