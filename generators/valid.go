package generators

import (
	"fmt"
	"strings"

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

// ValidWithUnknown is Valid with, in about one document in four, one more top-level member
// that none of taken names (compared without case): the names every schema of the operation
// uses. AWS JSON protocols ignore members they do not know (a client built from a newer model
// sends them), so the document stays valid input that a server must accept, not reject. The
// extra member's value is a string, a number or an object.
func ValidWithUnknown(s *openapi3.Schema, o Options, taken map[string]bool) *rapid.Generator[any] {
	root := buildPlan(s, o.withDefaults())
	lower := make(map[string]bool, len(taken))
	for n := range taken {
		lower[strings.ToLower(n)] = true
	}
	text, nested := rapid.StringMatching(`[a-zA-Z0-9 ]{0,16}`), rapid.StringMatching(`[a-z]{0,8}`)
	return rapid.Custom(func(t *rapid.T) any {
		doc, ok := genDoc(newRapidChooser(t), root, nil)
		if !ok {
			t.Skip("schema admits no value along this draw")
		}
		m, isObject := doc.(map[string]any)
		if !isObject || rapid.IntRange(0, 3).Draw(t, "unknownMember") != 0 {
			return doc
		}
		name := fmt.Sprintf("plumbUnknown%d", rapid.IntRange(0, 999).Draw(t, "unknownName"))
		for lower[strings.ToLower(name)] {
			name = "x" + name
		}
		var v any
		switch rapid.IntRange(0, 2).Draw(t, "unknownKind") {
		case 0:
			v = text.Draw(t, "unknownString")
		case 1:
			v = float64(rapid.IntRange(-1_000_000, 1_000_000).Draw(t, "unknownNumber"))
		default:
			v = map[string]any{"plumbNested": nested.Draw(t, "unknownNested")}
		}
		out := make(map[string]any, len(m)+1)
		for k, x := range m {
			out[k] = x
		}
		out[name] = v
		return out
	})
}
