package generators

import "github.com/getkin/kin-openapi/openapi3"

// Boundary lists the deterministic edge cases of every constraint, each a whole document built
// on the same minimal valid base (required members only, shortest lists) and labelled valid or
// invalid: length n-1 / n / n+1 around each length bound, the shortest and longest pattern
// matches and a pattern near-miss, range edges and one past them, every enum value and one
// outside, empty and one-item lists, minItems-1, maxItems+1, the limit and limit+1 of a
// maxItems rule, distinct and repeated keys for uniqueKeys, each wrong JSON type, and each
// member missing or null (required) or absent (optional). The list is the same on every call.
func Boundary(s *openapi3.Schema, o Options) []Case {
	root := buildPlan(s, o.withDefaults())
	var out []Case
	for _, t := range targets(root) {
		for v := range t.variants {
			if cs, ok := buildCase(newFixedChooser(), root, t, v); ok {
				out = append(out, cs)
			}
		}
	}
	return out
}
