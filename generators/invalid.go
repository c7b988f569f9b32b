package generators

import (
	"encoding/json"

	"github.com/getkin/kin-openapi/openapi3"
	"pgregory.net/rapid"
)

// Invalid generates documents that break exactly one keyword at one path and leave everything
// else valid. The (path, keyword) pairs are every one the schema and rules allow:
//
//   - minLength / maxLength: too short / too long, pattern-conforming where the pattern has
//     strings of that length (else Case.Also names the pattern as broken too);
//   - pattern: a valid match with one character replaced (Unicode look-alikes such as é for \w,
//     punctuation, a letter where '=' must end), else deleted or doubled, within the length bounds;
//   - minimum / maximum / exclusiveMinimum / exclusiveMaximum: just outside, or further out;
//   - type: another JSON type (for an integer "1", 0.5 or true; for a string 7, true or {};
//     for a list {}; for an object "x");
//   - required: the member missing, or null (AWS treats null as absent); optional members are
//     never made null, since that is legal;
//   - enum: a value outside it; minItems / maxItems: one item too few / too many;
//   - rules: a repeated key (uniqueKeys), one item over the limit (maxItems).
//
// The pair is drawn first, then the document around it, so every pair is reached quickly and
// failures shrink to the smallest document for their pair.
func Invalid(s *openapi3.Schema, o Options) *rapid.Generator[Case] {
	root := buildPlan(s, o.withDefaults())
	type pick struct {
		t        *target
		v        int
		fallback Case
	}
	var picks []pick
	for _, t := range targets(root) {
		if t.valid || o.Focus != nil && (t.n.path != o.Focus.Path || t.keyword != o.Focus.Keyword) {
			continue
		}
		for v := range t.variants {
			if cs, ok := buildCase(newFixedChooser(), root, t, v); ok {
				picks = append(picks, pick{t, v, cs})
			}
		}
	}
	return rapid.Custom(func(rt *rapid.T) Case {
		if len(picks) == 0 {
			rt.Skip("schema has no constraint to break")
		}
		c := newRapidChooser(rt)
		p := picks[c.intn(0, len(picks)-1)]
		if cs, ok := buildCase(c, root, p.t, p.v); ok {
			return cs
		}
		return p.fallback // the drawn document could not carry the breach; the fixed one can
	})
}

// buildCase builds the document for one variant of one target, with the chooser's choices.
func buildCase(c chooser, root *node, t *target, variant int) (Case, bool) {
	var val any
	var present bool
	f := newFocus(root, t.n, func(c chooser) (any, bool, bool) {
		v, p, ok := t.make(c, variant)
		val, present = v, p
		return v, p, ok
	})
	doc, ok := genDoc(c, root, f)
	if !ok {
		return Case{}, false
	}
	cs := Case{Value: doc, Valid: t.valid, Path: t.n.path, Keyword: t.keyword, Note: t.variants[variant]}
	if present {
		// Judge the value against its own schema: a valid edge must pass it (lists: with their
		// items); an invalid scalar must break the keyword, and Also names what else it breaks.
		others, broken := leafCheck(t.n, t.keyword, val)
		leaf := t.n.kind != "object" && t.n.kind != "array"
		switch {
		case t.valid && (broken || len(others) > 0):
			return Case{}, false // e.g. a pattern without strings that long
		case !t.valid && leaf && !broken: // kin-openapi reports a wrong-typed enum member as enum only
			return Case{}, false
		case !t.valid:
			cs.Also = others
		}
	}
	return cs, true
}

// leafCheck validates a scalar against its own schema: the other keywords it breaks, and
// whether it breaks kw.
func leafCheck(n *node, kw string, value any) (others []string, broken bool) {
	for _, k := range also(n, "", value) {
		if k == kw {
			broken = true
		} else {
			others = append(others, k)
		}
	}
	return others, broken
}

// jsonText renders a value for notes.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}
