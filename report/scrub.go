package report

import (
	"regexp"
	"strings"
)

// redacted is the marker left where a secret was. It matches what the
// target package writes, so a scrubbed dump reads the same either way.
const redacted = "REDACTED"

// scrubRules are applied in order. Each keeps the name (group 1) and
// replaces the secret after it. Values stop at characters that end a header
// value, query parameter or shell quote, so the surrounding evidence stays
// readable; scrubbing too much is preferred over too little.
//
// keyword is a lower-case literal every match contains: a regexp starting
// with a case-insensitive name gets no prefix acceleration in Go, so the
// keyword test skips the scan of the (usual) text holding no such name.
var scrubRules = []struct {
	keyword string
	re      *regexp.Regexp
}{
	// Header lines or curl -H arguments: the whole value to end of line/quote.
	{"authorization", regexp.MustCompile(`(?i)((?:proxy-)?authorization\s*:\s*)[^\r\n'"]+`)},
	{"cookie", regexp.MustCompile(`(?i)((?:set-)?cookie\s*:\s*)[^\r\n'"]+`)},
	// JSON-ish dumps: "Authorization": "value".
	{"authorization", regexp.MustCompile(`(?i)("(?:proxy-)?authorization"\s*:\s*\[?\s*")[^"]*`)},
	{"x-amz-security-token", regexp.MustCompile(`(?i)("x-amz-security-token"\s*:\s*\[?\s*")[^"]*`)},
	// Header or query form of the session token, SigV4 signature and credential
	// scope, and AWS secret key assignments in any config-like text.
	// A value starting with $ is a shell variable (a curl line's "$AWS_SESSION_TOKEN"), not a
	// token.
	{"x-amz-security-token", regexp.MustCompile(`(?i)(x-amz-security-token\s*[:=]\s*)[^\s'"&,;$][^\s'"&,;]*`)},
	{"signature", regexp.MustCompile(`(?i)((?:x-amz-)?signature\s*=\s*)[^\s'"&,;]+`)},
	{"credential", regexp.MustCompile(`(?i)((?:x-amz-)?credential\s*=\s*)[^\s'"&,;]+`)},
	{"access", regexp.MustCompile(`(?i)(secret_?access_?key\s*[:=]\s*"?)[^\s'"&,;]+`)},
}

// Scrub removes credentials from s: Authorization and Cookie header values,
// X-Amz-Security-Token, and X-Amz-Signature= / Signature= / Credential=
// fragments (in URLs, header values or curl lines). The target package
// redacts before anything reaches a report; Scrub is the second fence every
// writer applies to every string it writes. Scrub is idempotent.
func Scrub(s string) string {
	lower := strings.ToLower(s)
	for _, rule := range scrubRules {
		// lower goes stale after a replacement, but replacements only
		// remove secrets, so it can only over-approximate: still safe.
		if strings.Contains(lower, rule.keyword) {
			s = rule.re.ReplaceAllString(s, "${1}"+redacted)
		}
	}
	return s
}
