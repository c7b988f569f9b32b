package specs

import (
	"cmp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Location says where the spec states the constraint with the given id (see Constraint.ID, e.g.
// StartConnection.AssetId.maxLength), or the operation with the given operationId: the spec file
// as reports cite it (Service.Path, e.g. specs/outposts.yaml) and the 1-based line of the
// constraint's keyword (the `maxLength: 100` line; for required, the member's entry in its
// object's required list; for an error, the operation's x-aws-errors) or of the operation's
// operationId. A constraint whose own line is unknown gives its operation's line. ok is false for
// an id the set does not know.
//
// The lines come from kin-openapi's origin tracking (Loader.IncludeOrigin), so a constraint stated
// once in components/schemas and used by several operations points at that one line.
func (s *Set) Location(id string) (file string, line int, ok bool) {
	op := s.byID[id]
	if op == nil {
		name, _, found := strings.Cut(id, ".")
		if op = s.byID[name]; !found || op == nil || !op.hasConstraint(id) {
			return "", 0, false
		}
	}
	line = cmp.Or(op.lines[id], op.line())
	if line == 0 {
		return "", 0, false
	}
	return cmp.Or(op.Service.Path, op.Service.File), line, true
}

func (o *Operation) hasConstraint(id string) bool {
	for _, c := range o.constraints {
		if c.ID == id {
			return true
		}
	}
	return false
}

// line is the line of the operation's operationId (or of the operation itself).
func (o *Operation) line() int {
	if o.Spec == nil {
		return 0
	}
	return cmp.Or(fieldLine(o.Spec.Origin, "operationId"), keyLine(o.Spec.Origin))
}

// keywordLine is the line stating keyword about the member s of parent (path: the member's
// request path, "" on the response side); 0 when unknown.
func (o *Operation) keywordLine(path, keyword string, s, parent *openapi3.Schema) int {
	if keyword != "required" {
		return cmp.Or(fieldLine(s.Origin, keyword), keyLine(s.Origin))
	}
	name := path[strings.LastIndexAny(path, ".]")+1:]
	if o.Bound(name) && path == "$."+name { // a path label, query or header member: its parameter says required
		for _, p := range o.Spec.Parameters {
			if p.Value != nil && strings.TrimSuffix(p.Value.Name, "+") == name && p.Value.In == o.InputIn[name] {
				return cmp.Or(fieldLine(p.Value.Origin, "required"), keyLine(p.Value.Origin))
			}
		}
		return keyLine(s.Origin) // a path-item parameter: the label's schema
	}
	if parent != nil && parent.Origin != nil {
		for _, l := range parent.Origin.Sequences["required"] {
			if l.Name == name {
				return l.Line
			}
		}
	}
	var po *openapi3.Origin
	if parent != nil {
		po = parent.Origin
	}
	return cmp.Or(fieldLine(po, "required"), keyLine(s.Origin))
}

// fieldLine is the line of the field key of the collection o records, or 0.
func fieldLine(o *openapi3.Origin, key string) int {
	if o == nil {
		return 0
	}
	if l, ok := o.Fields.Lookup(key); ok {
		return l.Line
	}
	if seq := o.Sequences[key]; len(seq) > 0 {
		return seq[0].Line
	}
	return 0
}

// keyLine is the line of the key naming the collection o records, or 0.
func keyLine(o *openapi3.Origin) int {
	if o == nil || o.Key == nil {
		return 0
	}
	return o.Key.Line
}
