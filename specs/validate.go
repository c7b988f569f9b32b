package specs

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/plumbhq/plumb/jsonpath"
)

// Violation is one way a value breaks a schema: the JSON path of the offending value and the
// JSON Schema keyword it breaks.
type Violation struct {
	Path    string // "$.AssetId", "$.tags[3].key", "$" for the document itself
	Keyword string // "maxLength", "pattern", "required", "type", "enum", ...
	Reason  string // kin-openapi's explanation
}

func (v Violation) String() string { return v.Path + " " + v.Keyword + ": " + v.Reason }

// Validate checks value (decoded JSON: map[string]any, []any, string, float64, bool, nil)
// against schema with kin-openapi and plumb's pattern compiler, and returns every violation,
// sorted. A nil result means the value conforms.
//
// AWS JSON protocols read a member whose value is JSON null as absent, so Validate drops null
// members before validating: null for an optional member passes, null for a required member is
// reported as that member's "required" violation.
func Validate(schema *openapi3.Schema, value any, opts ...openapi3.SchemaValidationOption) []Violation {
	err := schema.VisitJSON(withoutNullMembers(value), append(SchemaOptions(), opts...)...)
	if err == nil {
		return nil
	}
	var out []Violation
	flatten(err, &out)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Keyword < out[j].Keyword
	})
	return out
}

func flatten(err error, out *[]Violation) {
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		for _, e := range multi {
			flatten(e, out)
		}
		return
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		// A failed oneOf/anyOf/items wraps deeper errors; report the deepest ones.
		if se.Origin != nil {
			var inner *openapi3.SchemaError
			var innerMulti openapi3.MultiError
			if errors.As(se.Origin, &innerMulti) || errors.As(se.Origin, &inner) {
				flatten(se.Origin, out)
				return
			}
		}
		kw := se.SchemaField
		path := jsonpath.FromPointer(se.JSONPointer())
		if kw == "required" {
			// kin-openapi reports a missing member at the parent; name the member itself.
			if name := missingProperty(se.Reason); name != "" && !strings.HasSuffix(path, "."+name) {
				path = jsonpath.Join(path, name)
			}
		}
		*out = append(*out, Violation{Path: path, Keyword: kw, Reason: se.Reason})
		return
	}
	*out = append(*out, Violation{Path: "$", Keyword: "unknown", Reason: err.Error()})
}

// missingProperty extracts the member name from kin-openapi's `property "X" is missing`.
func missingProperty(reason string) string {
	var name string
	if _, err := fmt.Sscanf(reason, "property %q is missing", &name); err == nil {
		return name
	}
	return ""
}

// withoutNullMembers returns value with every object member whose value is null removed, at any
// depth. It copies only the maps and slices it changes.
// WithoutNullMembers returns v with every object member that is JSON null removed, at any
// depth: AWS JSON protocols read a null member as absent.
func WithoutNullMembers(v any) any { return withoutNullMembers(v) }

func withoutNullMembers(v any) any {
	out, _ := dropNulls(v)
	return out
}

func dropNulls(v any) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		changed := false
		out := make(map[string]any, len(x))
		for k, e := range x {
			if e == nil {
				changed = true
				continue
			}
			ne, c := dropNulls(e)
			changed = changed || c
			out[k] = ne
		}
		if !changed {
			return x, false
		}
		return out, true
	case []any:
		changed := false
		out := make([]any, len(x))
		for i, e := range x {
			ne, c := dropNulls(e)
			changed = changed || c
			out[i] = ne
		}
		if !changed {
			return x, false
		}
		return out, true
	}
	return v, false
}
