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

// A pattern break replaces one character of a valid match with an outsider: a character the
// pattern does not allow there. Implementations loosen a pattern in a few typical ways (a class
// one off at an edge, a separator or other punctuation let in, \w read as Unicode letters,
// white space let through, a look-alike not told apart), so outsiders come in families, one
// per way, and every family is its own variant of the pattern rule: Invalid draws among the
// families as it draws among rules (drawing one outsider uniformly from 26 made a '-' in a
// ^(\w+)$ member a 1-in-21 event among the few pattern breaks of a campaign), and Boundary
// sends one fixed member of each. A family's runes are in the order Boundary prefers (the
// fixed chooser takes the first that breaks the pattern); Invalid draws among all of a
// family's runes that do.
type outsiderFamily struct {
	name  string
	runes []rune // nil: the pattern's own edges (patternPlan.edges)
}

var outsiderFamilies = []outsiderFamily{
	{"a character just outside one of its classes", nil},
	// The separators identifiers carry, commonest first: the ones a pattern is loosened to let in.
	{"a separator", []rune{'-', '.', '_', ':', '/', '@', '+', '='}},
	// The rest of ASCII's punctuation, in code order.
	{"other ASCII punctuation", []rune("!\"#$%&'()*,;<>?[\\]^`{|}~")},
	// Letters and digits outside ASCII: what \p{L} and \p{N} take and \w does not.
	{"a letter or digit of another script", []rune{'é', 'ß', 'Ж', 'α', '中', '٣', '５'}},
	{"white space or a control character", []rune{' ', '\t', 0xA0, '\n', 0}},
	// Symbols and look-alikes of allowed characters: fullwidth hyphen-minus, Unicode hyphen,
	// a currency sign, an emoji (outside the Basic Multilingual Plane).
	{"a symbol or look-alike", []rune{0xFF0D, 0x2010, '€', 0x1F600}},
	// Plain letters and digits break shapes, such as a key that must end in '='.
	{"an ASCII letter or digit", []rune{'a', 'Z', '0'}},
}

// patternBreaks names the pattern rule's invalid variants: one per outsider family, then a
// character dropped or doubled (for patterns whose structure, not alphabet, is the rule).
func patternBreaks() []string {
	out := make([]string, 0, len(outsiderFamilies)+1)
	for _, f := range outsiderFamilies {
		out = append(out, f.name)
	}
	return append(out, "a character dropped or doubled")
}

// breakPattern changes base by one rune so the pattern no longer matches while the length
// bounds and enum still hold: variant v < len(outsiderFamilies) replaces a rune with one of
// that family (or, for an empty base, adds one), the last variant drops or doubles a rune.
// Where it starts looking is drawn; ok is false when the variant cannot break this base.
func (p *stringPlan) breakPattern(c chooser, base string, v int) (string, bool) {
	if p.pat == nil || v < 0 || v > len(outsiderFamilies) {
		return "", false
	}
	rs := []rune(base)
	ok := func(s string) bool {
		n := utf8.RuneCountInString(s)
		return !p.pat.re.MatchString(s) && n >= p.lo && (p.hi < 0 || n <= p.hi) &&
			(len(p.enum) == 0 || containsString(p.enum, s))
	}
	if v == len(outsiderFamilies) {
		if len(rs) == 0 {
			return "", false
		}
		start := c.intn(0, len(rs)-1)
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
		return "", false
	}
	pool := outsiderFamilies[v].runes
	if pool == nil {
		pool = p.pat.edges
	}
	// pick draws among the candidates that break the pattern; a fixed chooser takes the first.
	pick := func(cands []string) (string, bool) {
		if len(cands) == 0 {
			return "", false
		}
		return cands[c.size(0, len(cands)-1)], true
	}
	if len(rs) == 0 {
		var breaking []string
		for _, r := range pool {
			if s := string(r); ok(s) {
				breaking = append(breaking, s)
			}
		}
		return pick(breaking)
	}
	// At the first position (from a drawn start) where some rune of the family breaks the
	// pattern, draw among all the runes of the family that do.
	start := c.intn(0, len(rs)-1)
	for i := range rs {
		pos := (start + i) % len(rs)
		var breaking []string
		for _, r := range pool {
			if r == rs[pos] {
				continue
			}
			m := append([]rune(nil), rs...)
			m[pos] = r
			if s := string(m); ok(s) {
				breaking = append(breaking, s)
			}
		}
		if s, ok := pick(breaking); ok {
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
