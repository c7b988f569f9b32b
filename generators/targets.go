package generators

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/plumbhq/plumb/specs"
)

// target is one edge of one constraint: a way to set the value at one node so that the
// document is valid or breaks exactly one keyword there. Invalid draws among the invalid
// targets; Boundary lists every target with fixed choices.
type target struct {
	n        *node
	keyword  string
	valid    bool
	variants []string // notes, one per variant (e.g. the wrong JSON types tried)
	// make returns the value for variant v; present false means "leave the member out".
	make func(c chooser, v int) (value any, present bool, ok bool)
}

// targets lists the edges of every node below root (the root itself is never a target: a
// document that is not an object is a protocol matter, not a member constraint).
func targets(root *node) []*target {
	var out []*target
	var walk func(n *node)
	walk = func(n *node) {
		if n != root {
			out = append(out, nodeTargets(n)...)
		}
		for _, p := range n.props {
			walk(p)
		}
		if n.items != nil {
			walk(n.items)
		}
	}
	walk(root)
	return out
}

func nodeTargets(n *node) []*target {
	var out []*target
	add := func(kw string, valid bool, notes []string, mk func(c chooser, v int) (any, bool, bool)) {
		out = append(out, &target{n: n, keyword: kw, valid: valid, variants: notes, make: mk})
	}
	label := n.label()

	// required: absent, or null (AWS reads null as absent). Optional members may be absent.
	if n.name != "" {
		if n.required {
			add("required", false, []string{label + " missing", label + " null (AWS treats null as absent)"},
				func(_ chooser, v int) (any, bool, bool) { return nil, v == 1, true })
		} else {
			add("required", true, []string{label + " absent (optional)"},
				func(chooser, int) (any, bool, bool) { return nil, false, true })
		}
	}
	if wrong := wrongTypes(n); len(wrong) > 0 {
		notes := make([]string, len(wrong))
		for i, w := range wrong {
			notes[i] = fmt.Sprintf("%s of the wrong JSON type: %s (want %s)", label, jsonText(w), n.kind)
		}
		add("type", false, notes, func(_ chooser, v int) (any, bool, bool) { return wrong[v], true, true })
	}
	switch n.kind {
	case "string", "any":
		out = append(out, stringTargets(n, label)...)
	case "integer", "number":
		out = append(out, numberTargets(n, label)...)
	case "array":
		out = append(out, arrayTargets(n, label)...)
	}
	return out
}

// wrongTypes are values of other JSON types: for an integer a numeric string, a fraction and a
// bool; for a string a number, a bool and an object; for a list an object; for an object a string.
func wrongTypes(n *node) []any {
	switch n.kind {
	case "string":
		return []any{float64(7), true, map[string]any{}}
	case "integer":
		b := boundsOf(n.s, true)
		in := math.Min(math.Max(0, b.lo), b.hi)
		frac := in + 0.5
		if frac > b.hi {
			frac = in - 0.5
		}
		return []any{fmt.Sprint(in), frac, true}
	case "number":
		return []any{"1.5", true}
	case "boolean":
		return []any{"true", float64(1)}
	case "array":
		return []any{map[string]any{}, "x"}
	case "object":
		return []any{"x", []any{}}
	}
	return nil
}

func stringTargets(n *node, label string) []*target {
	p := n.str
	var out []*target
	one := func(kw string, valid bool, note string, mk func(c chooser) (string, bool)) {
		out = append(out, &target{n: n, keyword: kw, valid: valid, variants: []string{note},
			make: func(c chooser, _ int) (any, bool, bool) { s, ok := mk(c); return s, true, ok }})
	}
	exact := func(l int) func(c chooser) (string, bool) {
		return func(c chooser) (string, bool) { return p.genLen(c, l) }
	}
	if p.lo > 0 {
		one("minLength", true, fmt.Sprintf("%s length %d (minLength %d)", label, p.lo, p.lo), exact(p.lo))
		one("minLength", false, fmt.Sprintf("%s length %d (minLength %d - 1)", label, p.lo-1, p.lo), p.tooShort)
	} else if len(p.enum) == 0 {
		one("minLength", true, label+" empty string", exact(0))
	}
	if p.hi >= 0 {
		one("maxLength", true, fmt.Sprintf("%s length %d (maxLength %d)", label, p.hi, p.hi), exact(p.hi))
		one("maxLength", false, fmt.Sprintf("%s length %d (maxLength %d + 1)", label, p.hi+1, p.hi), p.tooLong)
	}
	if p.pat != nil && len(p.lens) > 0 {
		short, long := p.lens[0], p.lens[len(p.lens)-1]
		one("pattern", true, fmt.Sprintf("%s shortest match of %s (%d)", label, n.s.Pattern, short), exact(short))
		if long != short {
			one("pattern", true, fmt.Sprintf("%s longest match of %s (%d)", label, n.s.Pattern, long), exact(long))
		}
		// One variant per kind of pattern break (strings.go, outsiderFamilies).
		var notes []string
		for _, b := range patternBreaks() {
			notes = append(notes, fmt.Sprintf("%s one character off %s: %s", label, n.s.Pattern, b))
		}
		out = append(out, &target{n: n, keyword: "pattern", variants: notes,
			make: func(c chooser, v int) (any, bool, bool) {
				base, ok := p.genLen(c, p.lens[c.size(0, len(p.lens)-1)])
				if !ok {
					return "", true, false
				}
				s, ok := p.breakPattern(c, base, v)
				return s, true, ok
			}})
	}
	if len(p.enum) > 0 {
		for _, e := range p.enum {
			one("enum", true, fmt.Sprintf("%s %q (enum)", label, e), func(chooser) (string, bool) { return e, true })
		}
		one("enum", false, label+" not in enum", p.notInEnum)
	}
	return out
}

func numberTargets(n *node, label string) []*target {
	integer := n.kind == "integer"
	b := boundsOf(n.s, integer)
	var out []*target
	one := func(kw string, valid bool, note string, mk func(c chooser) float64) {
		out = append(out, &target{n: n, keyword: kw, valid: valid, variants: []string{note},
			make: func(c chooser, _ int) (any, bool, bool) { return mk(c), true, true }})
	}
	fixed := func(v float64) func(chooser) float64 { return func(chooser) float64 { return v } }
	s := n.s
	if s.Min != nil {
		if b.lo <= b.hi {
			one("minimum", true, fmt.Sprintf("%s %g (lowest valid)", label, b.lo), fixed(b.lo))
		}
		one("minimum", false, fmt.Sprintf("%s below minimum %g", label, *s.Min),
			func(c chooser) float64 { return b.belowMin(c, *s.Min) })
		if b.exclLo {
			one("exclusiveMinimum", false, fmt.Sprintf("%s %g (exclusive minimum)", label, *s.Min), fixed(*s.Min))
		}
	}
	if v := b.exclLoV; v != nil {
		one("exclusiveMinimum", false, fmt.Sprintf("%s %g (exclusive minimum)", label, *v), fixed(*v))
	}
	if s.Max != nil {
		if b.lo <= b.hi {
			one("maximum", true, fmt.Sprintf("%s %g (highest valid)", label, b.hi), fixed(b.hi))
		}
		one("maximum", false, fmt.Sprintf("%s above maximum %g", label, *s.Max),
			func(c chooser) float64 { return b.aboveMax(c, *s.Max) })
		if b.exclHi {
			one("exclusiveMaximum", false, fmt.Sprintf("%s %g (exclusive maximum)", label, *s.Max), fixed(*s.Max))
		}
	}
	if v := b.exclHiV; v != nil {
		one("exclusiveMaximum", false, fmt.Sprintf("%s %g (exclusive maximum)", label, *v), fixed(*v))
	}
	if len(b.enum) > 0 {
		for _, e := range b.enum {
			one("enum", true, fmt.Sprintf("%s %g (enum)", label, e), fixed(e))
		}
		one("enum", false, label+" not in enum", func(chooser) float64 { return b.notInEnum() })
	}
	return out
}

// maxListCase bounds the lists a bound case builds (a maxItems of 10000 gets no case).
const maxListCase = 1000

func arrayTargets(n *node, label string) []*target {
	lo, hi := n.itemBounds()
	var out []*target
	list := func(kw string, valid bool, note string, mk func(g *gen) []any) {
		out = append(out, &target{n: n, keyword: kw, valid: valid, variants: []string{note},
			make: func(c chooser, _ int) (any, bool, bool) {
				g := &gen{c: c, ok: true}
				v := mk(g)
				return v, true, g.ok
			}})
	}
	count := func(k int) func(g *gen) []any { return func(g *gen) []any { return g.list(n, k) } }
	if lo > 0 {
		list("minItems", true, fmt.Sprintf("%s with %d items (minItems %d)", label, lo, lo), count(lo))
		list("minItems", false, fmt.Sprintf("%s with %d items (minItems %d - 1)", label, lo-1, lo),
			func(g *gen) []any { return g.list(n, lo-1-g.c.size(0, lo-1)) })
	} else if hi >= 0 {
		list("minItems", true, label+" empty list", count(0))
	}
	if lo <= 1 && hi >= 1 {
		list("items", true, label+" with one item", count(1))
	}
	if m := n.s.MaxItems; m != nil && *m < maxListCase {
		k := int(*m)
		if k >= lo && k <= hi {
			list("maxItems", true, fmt.Sprintf("%s with %d items (maxItems %d)", label, k, k), count(k))
		}
		list("maxItems", false, fmt.Sprintf("%s with %d items (maxItems %d + 1)", label, k+1, k), count(k+1))
	}
	if r := n.ruleMax; r > 0 && r < maxListCase {
		if r >= lo && r <= hi {
			list("maxItems", true, fmt.Sprintf("%s with %d items (maxItems rule %d)", label, r, r), count(r))
		}
		list("maxItems", false, fmt.Sprintf("%s with %d items (maxItems rule %d + 1)", label, r+1, r), count(r+1))
	}
	if n.uniqueKey != "" && hi >= 2 {
		k := max(lo, 2)
		list("uniqueKeys", true, fmt.Sprintf("%s with %d items, distinct %s", label, k, n.uniqueKey),
			func(g *gen) []any { return g.withKeys(n, k) })
		list("uniqueKeys", false, fmt.Sprintf("%s with a repeated %s", label, n.uniqueKey), func(g *gen) []any {
			k := k + g.c.size(0, min(hiOrInf(hi), max(k, n.capItems))-k)
			items := g.withKeys(n, k)
			i := g.c.intn(0, k-2)
			j := g.c.intn(i+1, k-1)
			mi, _ := items[i].(map[string]any)
			mj, _ := items[j].(map[string]any)
			if mi == nil || mj == nil {
				g.ok = false
				return items
			}
			mj[n.uniqueKey] = mi[n.uniqueKey]
			return items
		})
	}
	return out
}

// label names a node for notes: its member name, or its path for list items.
func (n *node) label() string {
	if n.name != "" {
		return n.name
	}
	return strings.TrimPrefix(n.path, "$.")
}

// also lists keywords other than kw that value breaks at the node itself.
func also(n *node, kw string, value any) []string {
	switch n.kind {
	case "object", "array":
		return nil
	}
	var out []string
	for _, v := range specs.Validate(n.s, value) {
		if v.Keyword != kw && v.Path == "$" && !containsString(out, v.Keyword) {
			out = append(out, v.Keyword)
		}
	}
	sort.Strings(out)
	return out
}
