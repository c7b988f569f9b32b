package fuzz

import (
	"strings"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

// Anchor mutations complement generators.Invalid for pattern rules. The generator breaks a
// pattern by changing one character anywhere; a value whose pattern pins its first or last
// character (a WireGuard key must end in '=') is then broken at that end only rarely, yet that
// end is where implementations most often cut corners (accepting a key without its padding).
// An anchor mutation takes a valid value and swaps its first or last character for another
// character of the same value, so the result stays in the pattern's alphabet and breaks only
// the pattern's structure. It is derived from the schema alone: any pattern member qualifies.

// anchorMutation returns a copy of the valid input with one pattern member broken at one end,
// and the generic path of that member; ok=false when no member can be broken that way.
func anchorMutation(op *specs.Operation, valid map[string]any, seed uint64) (in map[string]any, path string, ok bool) {
	var pats []string
	for _, c := range op.Constraints() {
		if c.In == "request" && c.Keyword == "pattern" {
			pats = append(pats, c.Path)
		}
	}
	if len(pats) == 0 {
		return nil, "", false
	}
	for i := range pats {
		path := pats[(seed+uint64(i))%uint64(len(pats))]
		p, ok := concrete(valid, path)
		if !ok {
			continue
		}
		v, _ := getAt(valid, p)
		s, _ := v.(string)
		rs := []rune(s)
		if len(rs) < 2 {
			continue
		}
		for end := 0; end < 2; end++ {
			pos := 0
			if (seed>>8+uint64(end))%2 == 1 {
				pos = len(rs) - 1
			}
			// The replacement: another rune of the same value, so it is in the alphabet.
			for j := 0; j < len(rs); j++ {
				r := rs[(int(seed>>16%uint64(len(rs)))+j)%len(rs)]
				if r == rs[pos] {
					continue
				}
				m := append([]rune(nil), rs...)
				m[pos] = r
				cand := setAt(valid, p, string(m))
				vs := append(specs.Validate(op.Input, cand), op.CheckRules(cand)...)
				if len(vs) == 1 && jsonpath.Generic(vs[0].Path) == path && vs[0].Keyword == "pattern" {
					return cand, path, true
				}
				break // one replacement per end: the next end, then the next member
			}
		}
	}
	return nil, "", false
}

// concrete turns a generic path ($.tags[*].key) into the path of its first instance in v.
func concrete(v any, generic string) ([]any, bool) {
	var p []any
	rest := strings.TrimPrefix(generic, "$")
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "[*]"):
			p = append(p, 0)
			rest = rest[3:]
		case strings.HasPrefix(rest, "."):
			rest = rest[1:]
			i := strings.IndexAny(rest, ".[")
			if i < 0 {
				i = len(rest)
			}
			p = append(p, rest[:i])
			rest = rest[i:]
		default:
			return nil, false
		}
	}
	if _, ok := getAt(v, p); !ok || len(p) == 0 {
		return nil, false
	}
	return p, true
}
