package generators

import (
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxPlannedLength is the largest maxLength planned exactly; larger bounds are treated as
// unbounded (and MaxStringLen applies), since no case gains from megabyte strings.
const maxPlannedLength = 1 << 14

// stringPlan is a string schema's length bounds, pattern and enum.
type stringPlan struct {
	lo, hi int // minLength; maxLength or -1 when unbounded
	genHi  int // the longest valid length generated: hi, or max(lo, MaxStringLen)
	pat    *patternPlan
	patErr error
	enum   []string
	lens   []int // valid lengths in [lo, genHi] (those the pattern can match)
}

func newStringPlan(s *openapi3.Schema, o Options) *stringPlan {
	p := &stringPlan{lo: int(min(s.MinLength, maxPlannedLength)), hi: -1}
	if s.MaxLength != nil && *s.MaxLength <= maxPlannedLength {
		p.hi = int(*s.MaxLength)
	}
	p.genHi = p.hi
	if p.hi < 0 {
		p.genHi = max(p.lo, o.MaxStringLen)
	}
	for _, e := range s.Enum {
		if v, ok := e.(string); ok {
			p.enum = append(p.enum, v)
		}
	}
	if s.Pattern != "" {
		p.pat, p.patErr = planPattern(s.Pattern, p.genHi+1)
	}
	switch {
	case p.patErr != nil:
	case p.pat != nil:
		p.lens = p.pat.lengths(p.lo, p.genHi)
	default:
		for n := p.lo; n <= p.genHi; n++ {
			p.lens = append(p.lens, n)
		}
	}
	return p
}

// valid reports whether v satisfies the length bounds, pattern and enum.
func (p *stringPlan) valid(v string) bool {
	n := utf8.RuneCountInString(v)
	if n < p.lo || (p.hi >= 0 && n > p.hi) {
		return false
	}
	if p.pat != nil && !p.pat.re.MatchString(v) {
		return false
	}
	return len(p.enum) == 0 || containsString(p.enum, v)
}

// gen draws a valid string: an enum value, or a pattern match of a drawn valid length.
func (p *stringPlan) gen(c chooser) (string, bool) {
	if len(p.enum) > 0 {
		return p.enum[c.intn(0, len(p.enum)-1)], true
	}
	if len(p.lens) == 0 {
		return "", false
	}
	return p.genLen(c, p.lens[c.size(0, len(p.lens)-1)])
}

// genLen draws a string of exactly n runes matching the pattern (if any); the enum is ignored.
func (p *stringPlan) genLen(c chooser, n int) (string, bool) {
	if p.pat != nil {
		return p.pat.generate(c, n)
	}
	if p.patErr != nil || n < 0 {
		return "", false
	}
	out := make([]rune, n)
	for i := range out {
		out[i] = c.runeIn(printableRunes)
	}
	return string(out), true
}

// printableRunes is what unpatterned strings draw from: printable ASCII first (where rapid
// shrinks to), then Latin, Greek, Cyrillic, CJK and emoji.
var printableRunes = []rune{' ', '~', 0xA0, 0x24F, 0x391, 0x3C9, 0x410, 0x44F, 0x4E00, 0x9FFF, 0x1F600, 0x1F64F}

// mutationPool holds the replacements tried when breaking a pattern: Unicode look-alikes of
// word characters (é, ß, Ж, an Arabic-Indic digit, NBSP, fullwidth hyphen, emoji), ASCII
// punctuation and controls, and plain letters and digits (which break shapes such as a key
// that must end in '=').
var mutationPool = []rune{'é', 'ß', 'Ж', '٣', 0xA0, 0xFF0D, 0x1F600, '!', '#', '-', '.', ' ', '=', '+', '/', '_', '@', ':', '~', '*', '%', '\t', 0, 'a', 'Z', '0'}

// breakPattern changes base by one rune (replace, else delete or duplicate) so the pattern no
// longer matches while length bounds and enum still hold. Where it starts looking is drawn.
func (p *stringPlan) breakPattern(c chooser, base string) (string, bool) {
	if p.pat == nil {
		return "", false
	}
	rs := []rune(base)
	ok := func(s string) bool {
		n := utf8.RuneCountInString(s)
		return !p.pat.re.MatchString(s) && n >= p.lo && (p.hi < 0 || n <= p.hi) &&
			(len(p.enum) == 0 || containsString(p.enum, s))
	}
	if len(rs) > 0 {
		// At the first position (from a drawn start) where some replacement breaks the pattern,
		// draw uniformly among all the replacements that do, so every kind of outsider (a
		// look-alike letter, punctuation, a control) turns up as often as the others.
		start := c.intn(0, len(rs)-1)
		for i := range rs {
			pos := (start + i) % len(rs)
			var breaking []string
			for _, r := range mutationPool {
				if r == rs[pos] {
					continue
				}
				m := append([]rune(nil), rs...)
				m[pos] = r
				if s := string(m); ok(s) {
					breaking = append(breaking, s)
				}
			}
			if len(breaking) > 0 {
				return breaking[c.intn(0, len(breaking)-1)], true
			}
		}
		for i := range rs {
			pos := (start + i) % len(rs)
			del := string(append(append([]rune(nil), rs[:pos]...), rs[pos+1:]...))
			if ok(del) {
				return del, true
			}
			dup := string(append(append([]rune(nil), rs[:pos+1]...), rs[pos:]...))
			if ok(dup) {
				return dup, true
			}
		}
	}
	for _, r := range mutationPool {
		if s := base + string(r); ok(s) {
			return s, true
		}
	}
	return "", false
}

// vary returns a valid string other than v not yet taken: the next enum value, or v with one
// rune replaced. It keeps list items unique by a key member.
func (p *stringPlan) vary(v string, taken func(string) bool) (string, bool) {
	if len(p.enum) > 0 {
		for _, e := range p.enum {
			if !taken(e) {
				return e, true
			}
		}
		return "", false
	}
	rs := []rune(v)
	for pos := len(rs) - 1; pos >= 0; pos-- {
		for _, r := range varyRunes {
			m := append([]rune(nil), rs...)
			m[pos] = r
			if s := string(m); !taken(s) && p.valid(s) {
				return s, true
			}
		}
	}
	return "", false
}

const varyAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/=+@ éЖ٣"

var varyRunes = []rune(varyAlphabet)

// notInEnum returns a string outside the enum that keeps the other string keywords.
func (p *stringPlan) notInEnum(c chooser) (string, bool) {
	for try := 0; try < 8 && len(p.lens) > 0; try++ {
		if s, ok := p.genLen(c, p.lens[c.size(0, len(p.lens)-1)]); ok && !containsString(p.enum, s) {
			return s, true
		}
	}
	for _, e := range p.enum {
		if s := e + "_"; !containsString(p.enum, s) {
			return s, true
		}
	}
	return "", false
}

// tooShort returns a string shorter than minLength: a pattern match when the pattern allows
// that length, else a valid string cut short.
func (p *stringPlan) tooShort(c chooser) (string, bool) {
	if p.lo == 0 {
		return "", false
	}
	n := p.lo - 1 - c.size(0, p.lo-1)
	if s, ok := p.genLen(c, n); ok {
		return s, true
	}
	base, ok := p.shortestValid(c)
	if !ok {
		return "", false
	}
	return string([]rune(base)[:n]), true
}

// tooLong returns a string one rune over maxLength (more when unpatterned), a pattern match
// when the pattern allows that length, else a valid string extended by its own last rune.
func (p *stringPlan) tooLong(c chooser) (string, bool) {
	if p.hi < 0 {
		return "", false
	}
	n := p.hi + 1
	if p.pat == nil {
		n += c.size(0, 16)
	}
	if s, ok := p.genLen(c, n); ok {
		return s, true
	}
	if len(p.lens) == 0 {
		return "", false
	}
	base, ok := p.genLen(c, p.lens[len(p.lens)-1])
	if !ok {
		return "", false
	}
	rs := []rune(base)
	last := 'a'
	if len(rs) > 0 {
		last = rs[len(rs)-1]
	}
	for len(rs) < n {
		rs = append(rs, last)
	}
	return string(rs), true
}

func (p *stringPlan) shortestValid(c chooser) (string, bool) {
	if len(p.lens) == 0 {
		return "", false
	}
	return p.genLen(c, p.lens[0])
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
