package generators

import (
	"github.com/getkin/kin-openapi/openapi3"
	"pgregory.net/rapid"
)

// Valid generates documents that satisfy every keyword of s — type, required, properties
// (optional members present, absent, or null, which AWS reads as absent), min/maxLength, pattern together with its
// length bounds, minimum/maximum (inclusive or exclusive), enum, items, min/maxItems — and the
// rules in o. Values are decoded-JSON shaped: map[string]any, []any, string, float64 (whole for
// integers, as encoding/json decodes them), bool.
//
// Draws that cannot be completed (a schema no value satisfies) are skipped the rapid way, so a
// contradictory schema makes the property fail with rapid's "no valid example" error.
func Valid(s *openapi3.Schema, o Options) *rapid.Generator[any] {
	root := buildPlan(s, o.withDefaults())
	return rapid.Custom(func(t *rapid.T) any {
		doc, ok := genDoc(newRapidChooser(t), root, nil)
		if !ok {
			t.Skip("schema admits no value along this draw")
		}
		return doc
	})
}
