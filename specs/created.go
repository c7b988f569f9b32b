package specs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Created is what an operation that creates a resource documents about the resource its 200
// response describes, declared once in the spec on the operation (x-plumb-created) and judged by
// the check engine for every 200 answer to valid input:
//
//	x-plumb-created:
//	  source: why the operation creates a resource (a new one per successful call)
//	  id: {member: $.connectionId, source: ...}             # the member naming the new resource
//	  initial:                                               # members with a documented initial value
//	    - {member: $.connectionState, value: requested, source: ...}
//
// Members are JSON paths of object members in the 200 body ($.a or $.a.b). Response members stay
// optional: a member the response leaves out is not judged.
type Created struct {
	Source  string         `json:"source"`
	ID      *CreatedID     `json:"id,omitempty"`
	Initial []InitialValue `json:"initial,omitempty"`
}

// CreatedID names the response member that identifies the created resource: every successful
// call creates a new resource, so no two successful calls return the same value there.
type CreatedID struct {
	Member string `json:"member"`
	Source string `json:"source"`
}

// InitialValue is a response member whose value the documents fix for a new resource.
type InitialValue struct {
	Member string `json:"member"`
	Value  any    `json:"value"`
	Source string `json:"source"`
	// Schema is the member's response schema, resolved at load (the value conforms to it).
	Schema *openapi3.Schema `json:"-"`
}

// MemberName is the last name of a member path: $.a.b -> b.
func MemberName(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// parseCreated reads and validates x-plumb-created against the operation's 200 body schema.
// Unknown keys, a missing source, a member the body schema does not have, an id member that is
// not a string, and an initial value its member's schema rejects are load errors.
func parseCreated(ext map[string]any, output *openapi3.Schema) (*Created, error) {
	raw, ok := ext["x-plumb-created"]
	if !ok {
		return nil, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Created
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("x-plumb-created: %w (want source, id {member, source}, initial [{member, value, source}])", err)
	}
	var errs []error
	if strings.TrimSpace(c.Source) == "" {
		errs = append(errs, errors.New("x-plumb-created needs a source"))
	}
	if c.ID == nil && len(c.Initial) == 0 {
		errs = append(errs, errors.New("x-plumb-created declares neither an id nor an initial value"))
	}
	if c.ID != nil {
		s, err := responseMember(output, c.ID.Member)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("x-plumb-created id: %w", err))
		case s.Type == nil || !s.Type.Is(openapi3.TypeString):
			errs = append(errs, fmt.Errorf("x-plumb-created id: %s is not a string member", c.ID.Member))
		}
		if strings.TrimSpace(c.ID.Source) == "" {
			errs = append(errs, fmt.Errorf("x-plumb-created id %s needs a source", c.ID.Member))
		}
	}
	seen := map[string]bool{}
	for i := range c.Initial {
		iv := &c.Initial[i]
		if seen[iv.Member] {
			errs = append(errs, fmt.Errorf("x-plumb-created initial: %s listed twice", iv.Member))
		}
		seen[iv.Member] = true
		if strings.TrimSpace(iv.Source) == "" {
			errs = append(errs, fmt.Errorf("x-plumb-created initial %s needs a source", iv.Member))
		}
		if iv.Value == nil {
			errs = append(errs, fmt.Errorf("x-plumb-created initial %s needs a value", iv.Member))
			continue
		}
		s, err := responseMember(output, iv.Member)
		if err != nil {
			errs = append(errs, fmt.Errorf("x-plumb-created initial: %w", err))
			continue
		}
		if vs := Validate(s, iv.Value); len(vs) > 0 {
			errs = append(errs, fmt.Errorf("x-plumb-created initial %s: value %v breaks the member's own schema: %s", iv.Member, iv.Value, vs[0]))
			continue
		}
		iv.Schema = s
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &c, nil
}

// responseMember resolves a member path ($.a or $.a.b, object members only) in schema s.
func responseMember(s *openapi3.Schema, path string) (*openapi3.Schema, error) {
	names, err := memberPath(path)
	if err != nil {
		return nil, err
	}
	cur := s
	for _, n := range names {
		ref := cur.Properties[n]
		if ref == nil || ref.Value == nil {
			return nil, fmt.Errorf("%s: the 200 body schema has no member %s", path, n)
		}
		cur = ref.Value
	}
	return cur, nil
}

func memberPath(path string) ([]string, error) {
	rest, ok := strings.CutPrefix(path, "$.")
	if !ok || rest == "" {
		return nil, fmt.Errorf("member path %q: want $.name or $.name.name", path)
	}
	names := strings.Split(rest, ".")
	for _, n := range names {
		if n == "" || strings.ContainsAny(n, "[]*") {
			return nil, fmt.Errorf("member path %q: want $.name or $.name.name (object members only)", path)
		}
	}
	return names, nil
}

// ValueAt returns the value at a member path ($.a or $.a.b) of a decoded JSON document, and
// whether it is there (a JSON null counts as absent, as AWS JSON protocols read it).
func ValueAt(doc any, path string) (any, bool) {
	names, err := memberPath(path)
	if err != nil {
		return nil, false
	}
	cur := doc
	for _, n := range names {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[n]; !ok || cur == nil {
			return nil, false
		}
	}
	return cur, true
}

// MemberNames returns every member name any input or output schema of the operation uses, at
// any depth: a name outside it is one the operation does not know.
func (o *Operation) MemberNames() map[string]bool {
	out := map[string]bool{}
	for _, s := range []*openapi3.Schema{o.Input, o.Output} {
		walkSchema(s, "$", nil, func(path string, _ *openapi3.Schema, _ bool, _ *openapi3.Schema) {
			if i := strings.LastIndexAny(path, ".]"); i >= 0 && path[i] == '.' {
				out[path[i+1:]] = true
			}
		})
	}
	return out
}
