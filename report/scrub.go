package report

import (
	"regexp"
	"strings"

	"github.com/plumbhq/plumb/secret"
)

// redacted is the marker left where a secret was: the same as the target
// package writes, so a scrubbed dump reads the same either way.
const redacted = secret.Redacted

// scrubRule replaces, in text containing keyword, the secret after the name
// each match keeps in group 1.
//
// keyword is a lower-case literal every match contains: a regexp starting
// with a case-insensitive name gets no prefix acceleration in Go, so the
// keyword test skips the scan of the (usual) text holding no such name.
type scrubRule struct {
	keyword string
	re      *regexp.Regexp
}

// scrubRules are applied in order. Values stop at characters that end a
// header value, query parameter or shell quote, so the surrounding evidence
// stays readable; scrubbing too much is preferred over too little.
var scrubRules = buildScrubRules()

func buildScrubRules() []scrubRule {
	var rules []scrubRule
	// The secret headers (one list, package secret), as header lines or curl -H
	// arguments (the whole value to end of line or quote) and in JSON-ish dumps
	// ("Authorization": "value").
	for _, h := range secret.Headers() {
		name := regexp.QuoteMeta(strings.ToLower(h))
		rules = append(rules,
			scrubRule{strings.ToLower(h), regexp.MustCompile(`(?i)(` + name + `\s*:[ \t]*)[^\r\n'"$ \t][^\r\n'"]*`)},
			scrubRule{strings.ToLower(h), regexp.MustCompile(`(?i)("` + name + `"\s*:\s*\[?\s*")[^"]*`)})
	}
	// A value starting with $ is a shell variable (a curl line's "$AWS_SESSION_TOKEN"), not a
	// secret: the header and token rules leave it.
	// The query or assignment form of the session token, SigV4 signature and
	// credential scope, and AWS secret key assignments in any config-like text.
	return append(rules,
		scrubRule{"x-amz-security-token", regexp.MustCompile(`(?i)(x-amz-security-token\s*[:=]\s*)[^\s'"&,;$][^\s'"&,;]*`)},
		scrubRule{"signature", regexp.MustCompile(`(?i)((?:x-amz-)?signature\s*=\s*)[^\s'"&,;]+`)},
		scrubRule{"credential", regexp.MustCompile(`(?i)((?:x-amz-)?credential\s*=\s*)[^\s'"&,;]+`)},
		scrubRule{"access", regexp.MustCompile(`(?i)(secret_?access_?key\s*[:=]\s*"?)[^\s'"&,;]+`)},
	)
}

// Scrub removes credentials from s: by value, every access key id, secret
// key and session token the process signs with (secret.Held), wherever it
// stands; by name, the values of the secret headers (secret.Headers:
// Authorization, X-Amz-Security-Token, Cookie, ...) and X-Amz-Signature= /
// Signature= / Credential= fragments (in URLs, header values or curl
// lines). The target package redacts before anything reaches a report; Scrub
// is the second fence every writer applies to every string it writes. Scrub
// is idempotent.
func Scrub(s string) string {
	s = secret.Held().Redact(s)
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
