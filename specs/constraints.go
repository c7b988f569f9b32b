package specs

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Constraint is one documented fact an implementation must honour, flattened from the spec.
// The list is the backbone of traceability: every request constraint needs a scenario that
// exercises it, and reports show pass/fail per constraint.
type Constraint struct {
	ID        string `json:"id"`              // stable: Operation.member.path.keyword, e.g. StartConnection.AssetId.maxLength
	Operation string `json:"operation"`       // operationId
	In        string `json:"in"`              // "request", "response" or "error"
	Path      string `json:"path"`            // JSON path, e.g. $.tags[*].key; "" for operation-level constraints
	Keyword   string `json:"keyword"`         // JSON Schema keyword or plumb rule (uniqueKeys, contentType, target, json, error)
	Value     string `json:"value"`           // the documented bound, pattern, type, enum...
	Error     string `json:"error,omitempty"` // request constraints: the documented error type a breach earns
	Status    int    `json:"status,omitempty"`
	Source    string `json:"source"` // x-source of the schema stating it
}

// Constraints lists every constraint of the operation in a stable order: request members,
// request-level rules (media type, target, JSON body), response members, documented errors.
// The slice is computed once at load and shared: treat it as read-only.
func (o *Operation) Constraints() []Constraint { return o.constraints }

func (o *Operation) buildConstraints() []Constraint {
	var out []Constraint
	o.lines = map[string]int{}
	client := o.ClientError()
	// add records c and the line of the spec stating it (0: the operation's line, see Set.Location).
	add := func(c Constraint, line int) {
		c.Operation = o.ID
		c.ID = constraintID(o.ID, c.In, c.Path, c.Keyword)
		out = append(out, c)
		if line > 0 {
			o.lines[c.ID] = line
		}
	}
	members := map[string]*openapi3.Schema{} // request member path -> schema, for the rules' lines
	walkSchema(o.Input, "$", nil, func(path string, s *openapi3.Schema, required bool, parent *openapi3.Schema) {
		members[path] = s
		for _, c := range schemaConstraints(path, s, required) {
			c.In, c.Error, c.Status = "request", client.Type, client.Status
			add(c, o.keywordLine(path, c.Keyword, s, parent))
		}
	})
	for _, r := range o.Rules {
		e, _ := o.Error(r.Error)
		c := Constraint{In: "request", Path: r.Path, Keyword: r.Kind, Error: e.Type, Status: e.Status, Source: r.Source}
		if r.Kind == "uniqueKeys" {
			c.Value = "unique by " + r.Key
		} else {
			c.Value = strconv.Itoa(r.Value)
		}
		var line int
		if m := members[r.Path]; m != nil {
			line = cmp.Or(fieldLine(m.Origin, "x-plumb-rules"), keyLine(m.Origin))
		}
		add(c, line)
	}
	if o.ContentType != "" {
		var media *openapi3.Origin
		if mt := o.Spec.RequestBody.Value.Content[o.ContentType]; mt != nil {
			media = mt.Origin
		}
		add(Constraint{In: "request", Keyword: "json", Value: "body is a JSON object", Error: client.Type, Status: client.Status,
			Source: extString(o.Spec.RequestBody.Value.Extensions, "x-source")}, cmp.Or(fieldLine(media, "schema"), keyLine(media)))
		add(Constraint{In: "request", Keyword: "contentType", Value: o.ContentType, Error: client.Type, Status: client.Status,
			Source: extString(o.Spec.RequestBody.Value.Extensions, "x-source")}, keyLine(media))
	}
	if o.Target != "" {
		add(Constraint{In: "request", Keyword: "target", Value: o.Target, Error: client.Type, Status: client.Status,
			Source: extString(o.Spec.Extensions, "x-source")}, fieldLine(o.Spec.Origin, "x-aws-target"))
	}
	walkSchema(o.Output, "$", nil, func(path string, s *openapi3.Schema, required bool, parent *openapi3.Schema) {
		for _, c := range schemaConstraints(path, s, required) {
			c.In = "response"
			add(c, o.keywordLine("", c.Keyword, s, parent))
		}
	})
	// Output members bound to headers: their path is $.<Header> like a body member's, so that
	// ids (<Op>.response.<Header>.<keyword>) and response_schema causes name them alike.
	for _, h := range o.OutputHeaders {
		for _, c := range schemaConstraints("$."+h.Name, h.Schema, h.Required) {
			c.In = "response"
			add(c, o.keywordLine("", c.Keyword, h.Schema, nil))
		}
	}
	var responses *openapi3.Origin
	if o.Spec.Responses != nil {
		responses = o.Spec.Responses.Origin
	}
	success := strconv.Itoa(o.Success())
	add(Constraint{In: "response", Keyword: "status", Value: success, Status: o.Success(), Source: "success response"}, fieldLine(responses, success))
	for _, e := range o.Errors {
		add(Constraint{In: "error", Path: "$." + e.Type, Keyword: "error", Value: e.Type, Error: e.Type, Status: e.Status, Source: e.Source},
			fieldLine(o.Spec.Origin, "x-aws-errors"))
	}
	return out
}

// constraintID builds the stable id used in Gherkin tags: no spaces, no brackets.
func constraintID(op, in, path, keyword string) string {
	parts := []string{op}
	if in == "response" {
		parts = append(parts, "response")
	}
	if in == "error" {
		return op + ".error." + strings.TrimPrefix(path, "$.")
	}
	member := strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
	if strings.HasSuffix(member, "[*]") { // a list of scalars: its items' constraints
		member = strings.TrimSuffix(member, "[*]") + ".item"
	}
	member = strings.ReplaceAll(member, "[*]", "")
	if member != "" {
		parts = append(parts, member)
	}
	return strings.Join(parts, ".") + "." + keyword
}

// walkSchema visits every member below s (not s itself), depth first in name order.
// visit gets the member's path, its schema, whether parent (the object holding it) requires it,
// and parent itself.
func walkSchema(s *openapi3.Schema, path string, seen map[*openapi3.Schema]bool, visit func(path string, s *openapi3.Schema, required bool, parent *openapi3.Schema)) {
	if s == nil {
		return
	}
	if seen == nil {
		seen = map[*openapi3.Schema]bool{}
	}
	if seen[s] && len(s.Properties) > 0 { // guard recursive schemas; leaf refs may repeat
		return
	}
	seen[s] = true
	defer delete(seen, s)
	for _, n := range slices.Sorted(maps.Keys(s.Properties)) {
		ref := s.Properties[n]
		if ref == nil || ref.Value == nil {
			continue
		}
		p := path + "." + n
		visit(p, ref.Value, slices.Contains(s.Required, n), s)
		walkSchema(ref.Value, p, seen, visit)
		if items := ref.Value.Items; items != nil && items.Value != nil {
			walkSchema(items.Value, p+"[*]", seen, visit)
			if len(items.Value.Properties) == 0 { // list of scalars: the items' own constraints
				visit(p+"[*]", items.Value, false, ref.Value)
			}
		}
	}
}

// schemaConstraints lists the keyword constraints a member's own schema states.
func schemaConstraints(path string, s *openapi3.Schema, required bool) []Constraint {
	src := extString(s.Extensions, "x-source")
	var out []Constraint
	c := func(kw, v string) { out = append(out, Constraint{Path: path, Keyword: kw, Value: v, Source: src}) }
	if required {
		c("required", "true")
	}
	if s.Type != nil && len(s.Type.Slice()) > 0 {
		c("type", strings.Join(s.Type.Slice(), "|"))
	}
	if s.MinLength > 0 {
		c("minLength", strconv.FormatUint(s.MinLength, 10))
	}
	if s.MaxLength != nil {
		c("maxLength", strconv.FormatUint(*s.MaxLength, 10))
	}
	if s.Pattern != "" {
		c("pattern", s.Pattern)
	}
	if s.Min != nil {
		c("minimum", strconv.FormatFloat(*s.Min, 'g', -1, 64))
	}
	if s.Max != nil {
		c("maximum", strconv.FormatFloat(*s.Max, 'g', -1, 64))
	}
	// Exclusive bounds: OpenAPI 3.0's boolean modifies minimum/maximum; 3.1's is a bound itself.
	if v := exclusiveBound(s.ExclusiveMin, s.Min); v != "" {
		c("exclusiveMinimum", v)
	}
	if v := exclusiveBound(s.ExclusiveMax, s.Max); v != "" {
		c("exclusiveMaximum", v)
	}
	if len(s.Enum) > 0 {
		vals := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			vals[i] = fmt.Sprint(e)
		}
		c("enum", strings.Join(vals, "|"))
	}
	if s.MinItems > 0 {
		c("minItems", strconv.FormatUint(s.MinItems, 10))
	}
	if s.MaxItems != nil {
		c("maxItems", strconv.FormatUint(*s.MaxItems, 10))
	}
	return out
}

// exclusiveBound renders an exclusive bound ("" when there is none): the 3.1 value, else the
// 3.0 boolean applied to the inclusive bound.
func exclusiveBound(b openapi3.ExclusiveBound, inclusive *float64) string {
	if b.Value != nil {
		return strconv.FormatFloat(*b.Value, 'g', -1, 64)
	}
	if b.IsTrue() && inclusive != nil {
		return strconv.FormatFloat(*inclusive, 'g', -1, 64)
	}
	return ""
}
