package secret

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// MinLen is the shortest value redacted by value. A shorter string is too likely to occur by
// chance in ordinary output ("secret", a region, a status code), and replacing every
// occurrence of it would mangle reports while protecting little: real credentials are far
// longer (an access key id has 16 or more characters, a secret key 40, a session token
// hundreds, a SigV4 signature 64). Such values are still removed where they stand in a secret
// header or a Signature=/Credential= fragment.
const MinLen = 8

// Set is a set of secret values. Redact removes each of them wherever it appears. The zero
// value is an empty set ready to use; a Set is safe for concurrent use and must not be copied
// after first use. Values only ever get added: a credential that rotated out is still a
// credential that was printed nowhere.
type Set struct {
	mu   sync.Mutex
	have map[string]bool
	// vals holds every value and its encoded variants, longest first; replaced whole on Add
	// so that Redact reads it without a lock.
	vals atomic.Pointer[[]string]
}

var held Set

// Held is the set of the credentials this process holds: package target adds every access key
// id, secret key and session token it signs with, and everything plumb prints or writes is
// redacted against it.
func Held() *Set { return &held }

// Add puts values in the set. Values shorter than MinLen are ignored (see MinLen).
func (s *Set) Add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := false
	for _, v := range values {
		if len(v) < MinLen {
			continue
		}
		// A value echoed in a URL or by a JSON encoder that escapes '/' looks different.
		for _, form := range []string{v, url.QueryEscape(v), url.PathEscape(v), strings.ReplaceAll(v, "/", `\/`)} {
			if !s.have[form] {
				if s.have == nil {
					s.have = map[string]bool{}
				}
				s.have[form] = true
				changed = true
			}
		}
	}
	if !changed {
		return
	}
	vals := make([]string, 0, len(s.have))
	for v := range s.have {
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b)) })
	s.vals.Store(&vals)
}

// Len is the number of values (with their encoded forms) in the set.
func (s *Set) Len() int {
	if p := s.vals.Load(); p != nil {
		return len(*p)
	}
	return 0
}

// Redact returns text with every value of the set, and every one of extra that is at least
// MinLen long, replaced by Redacted. Where values overlap (one's tail is another's head, or
// one contains another) the union of their occurrences is replaced, so no part of either is
// left. A nil Set redacts extra only.
func (s *Set) Redact(text string, extra ...string) string {
	var vals []string
	if s != nil {
		if p := s.vals.Load(); p != nil {
			vals = *p
		}
	}
	if text == "" || len(vals) == 0 && len(extra) == 0 {
		return text
	}
	var spans []span
	spans = find(spans, text, vals)
	spans = find(spans, text, extra)
	if len(spans) == 0 {
		return text
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	var b strings.Builder
	b.Grow(len(text))
	at := 0
	for i := 0; i < len(spans); {
		from, to := spans[i].from, spans[i].to
		for i++; i < len(spans) && spans[i].from <= to; i++ {
			to = max(to, spans[i].to)
		}
		b.WriteString(text[at:from])
		b.WriteString(Redacted)
		at = to
	}
	b.WriteString(text[at:])
	return b.String()
}

type span struct{ from, to int }

// find appends the spans of every occurrence of every value, overlapping ones included.
func find(spans []span, text string, vals []string) []span {
	for _, v := range vals {
		if len(v) < MinLen {
			continue
		}
		for i := 0; i+len(v) <= len(text); {
			j := strings.Index(text[i:], v)
			if j < 0 {
				break
			}
			spans = append(spans, span{i + j, i + j + len(v)})
			i += j + 1
		}
	}
	return spans
}
