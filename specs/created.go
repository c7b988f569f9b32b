package specs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/plumbhq/plumb/jsonpath"
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
//	  read:                                                  # the flow: read the new resource back by its id
//	    operation: DescribeConnections                       # the read operationId
//	    input: $.connectionId                                # the read's input member that takes the id
//	    resource: $.connections[*]                           # where the read's 200 body holds it ($ by default)
//	    id: $.connectionId                                   # the resource's member naming it (optional)
//	    echo: [{request: $.tags, response: $.tags, source: ...}]  # create input the read returns as given
//	    notFound: DirectConnectClientException               # the read's documented answer for an id nobody created (optional)
//	    source: ...
//
// Members are JSON paths of object members in the 200 body ($.a or $.a.b). Response members stay
// optional: a member the response leaves out is not judged.
type Created struct {
	Source  string         `json:"source"`
	ID      *CreatedID     `json:"id,omitempty"`
	Initial []InitialValue `json:"initial,omitempty"`
	Read    *ReadBack      `json:"read,omitempty"`
}

// ReadBack is a create → read flow: the read operation, given the id the create returned,
// answers 200 with the created resource, whose echoed members hold what the create was given.
// Validated against both operations once every spec is loaded (Set.linkFlows).
type ReadBack struct {
	Operation string `json:"operation"`
	Input     string `json:"input"`
	Resource  string `json:"resource,omitempty"`
	ID        string `json:"id,omitempty"`
	Echo      []Echo `json:"echo,omitempty"`
	NotFound  string `json:"notFound,omitempty"`
	Source    string `json:"source"`
}

// Echo is a member of the create's input that the read returns as it was given.
type Echo struct {
	Request  string `json:"request"`  // member path in the create's input
	Response string `json:"response"` // member path in the resource the read returns
	Source   string `json:"source"`
}

// ResourceList reports whether the read's body holds the resource in a list (resource
// "$.name[*]"), and the list's member path ($.name).
func (r *ReadBack) ResourceList() (string, bool) {
	return strings.CutSuffix(r.Resource, "[*]")
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
		return nil, fmt.Errorf("x-plumb-created: %w (want source, id {member, source}, initial [{member, value, source}], read {operation, input, resource, id, echo, notFound, source})", err)
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
	steps, err := jsonpath.Parse(path)
	if err != nil || !strings.HasPrefix(path, "$.") {
		return nil, fmt.Errorf("member path %q: want $.name or $.name.name", path)
	}
	for _, st := range steps {
		if st.Index != -1 {
			return nil, fmt.Errorf("member path %q: want $.name or $.name.name (object members only)", path)
		}
	}
	return SchemaAt(s, path)
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

// linkFlows validates every x-plumb-created read against the operations it joins, once all of
// the set's operations are loaded: the read operation exists and takes the input member, the
// resource and its members are in the read's 200 body, echoed members are in the create's
// input, and the not-found answer is one the read documents.
func (s *Set) linkFlows() error {
	var errs []error
	for _, op := range s.operations {
		if op.Created == nil || op.Created.Read == nil {
			continue
		}
		r := op.Created.Read
		bad := func(format string, a ...any) {
			errs = append(errs, fmt.Errorf("%s: x-plumb-created read: %s", op.ID, fmt.Sprintf(format, a...)))
		}
		if strings.TrimSpace(r.Source) == "" {
			bad("needs a source")
		}
		if op.Created.ID == nil {
			bad("needs the create's id (x-plumb-created id): the read takes it")
		}
		read := s.byID[r.Operation]
		if read == nil {
			bad("operation %q is not in the specs", r.Operation)
			continue
		}
		if _, err := responseMember(read.Input, r.Input); err != nil {
			bad("input: %s has no input member %s", read.ID, r.Input)
		}
		if r.Resource == "" {
			r.Resource = "$"
		}
		resource := read.Output
		if r.Resource != "$" {
			list, ok := r.ResourceList()
			ls, err := responseMember(read.Output, list)
			switch {
			case !ok || err != nil:
				bad("resource %s: want $ or $.list[*] naming a list of objects in %s's 200 body", r.Resource, read.ID)
				continue
			case ls.Items == nil || ls.Items.Value == nil:
				bad("resource %s: %s is not a list", r.Resource, list)
				continue
			}
			resource = ls.Items.Value
		}
		if r.ID != "" {
			if _, err := responseMember(resource, r.ID); err != nil {
				bad("id: the resource has no member %s", r.ID)
			}
		}
		for _, e := range r.Echo {
			if _, err := responseMember(op.Input, e.Request); err != nil {
				bad("echo: %s has no input member %s", op.ID, e.Request)
			}
			if _, err := responseMember(resource, e.Response); err != nil {
				bad("echo: the resource %s reads back has no member %s", read.ID, e.Response)
			}
			if strings.TrimSpace(e.Source) == "" {
				bad("echo %s needs a source", e.Request)
			}
		}
		if r.NotFound != "" {
			if _, ok := read.Error(r.NotFound); !ok {
				bad("notFound %s is not an error %s documents", r.NotFound, read.ID)
			}
		}
		if read.Reads == nil {
			read.Reads = r
		}
	}
	return errors.Join(errs...)
}

// Flows returns the create → read flows the specs declare, by create operation.
func (s *Set) Flows() []*Operation {
	var out []*Operation
	for _, op := range s.operations {
		if op.Created != nil && op.Created.Read != nil && s.byID[op.Created.Read.Operation] != nil {
			out = append(out, op)
		}
	}
	return out
}

// FlowCreating returns the read-back of the flow op creates for, if any.
func (s *Set) FlowCreating(op string) *ReadBack {
	o := s.byID[op]
	if o == nil || o.Created == nil {
		return nil
	}
	return o.Created.Read
}

// SchemaAt resolves a member path ($.a, $.a.b, $.list[*].b) in schema s: the schema of that
// member (of a list's items after [*]).
func SchemaAt(s *openapi3.Schema, path string) (*openapi3.Schema, error) {
	steps, err := jsonpath.Parse(path)
	if err != nil {
		return nil, err
	}
	cur := s
	for _, st := range steps {
		ref := cur.Properties[st.Name]
		if ref == nil || ref.Value == nil {
			return nil, fmt.Errorf("%s: the schema has no member %s", path, st.Name)
		}
		cur = ref.Value
		if st.Index != -1 {
			if cur.Items == nil || cur.Items.Value == nil {
				return nil, fmt.Errorf("%s: %s is not a list", path, st.Name)
			}
			cur = cur.Items.Value
		}
	}
	return cur, nil
}
