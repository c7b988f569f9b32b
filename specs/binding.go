package specs

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// HTTP bindings of restJson1 beyond the body: members bound to path labels (greedy ones
// included), to query-string keys and to headers, on the request; members bound to headers on
// the success response. The OpenAPI parameter's name is both the member's name and its wire
// name; support.go refuses the bindings and schemas nothing here encodes or checks.

// Where an input member travels (Operation.InputIn).
const (
	InBody   = "body"
	InPath   = "path"
	InQuery  = "query"
	InHeader = "header"
)

// HeaderMember is an output member bound to a response header of the success response.
type HeaderMember struct {
	Name     string           // the header's name as the spec writes it, e.g. X-Thing-Version
	Schema   *openapi3.Schema // a scalar schema; the header's text is parsed per its type (ParseText)
	Required bool             // OpenAPI required: true on the header
}

// requestIDHeader is the protocol's own response header, not an output member.
const requestIDHeader = "x-amzn-RequestId"

// binding says where parameter p's member travels, under which member name, and whether it is
// a greedy path label; ok is false for a parameter that is no member (the awsJson target header,
// or what support.go refuses).
func binding(svc *Service, p *openapi3.ParameterRef) (in, name string, greedy, ok bool) {
	if p == nil || p.Value == nil {
		return "", "", false, false
	}
	v := p.Value
	switch v.In {
	case openapi3.ParameterInPath:
		// A greedy label {Key+}: kin-openapi wants the parameter named as the template writes it
		// ("Key+"); the member is Key. x-aws-greedy: true says the same of a plain {Key}.
		name = strings.TrimSuffix(v.Name, "+")
		greedy = name != v.Name || extBool(v.Extensions, "x-aws-greedy")
		return InPath, name, greedy, true
	case openapi3.ParameterInQuery:
		return InQuery, v.Name, false, true
	case openapi3.ParameterInHeader:
		if svc.Protocol.IsAWSJSON() && strings.EqualFold(v.Name, "X-Amz-Target") {
			return "", "", false, false
		}
		return InHeader, v.Name, false, true
	}
	return "", "", false, false
}

func extBool(ext map[string]any, key string) bool {
	b, _ := ext[key].(bool)
	return b
}

// successStatuses are the 2xx statuses an operation may document as its success.
var successStatuses = []int{http.StatusOK, http.StatusCreated, http.StatusAccepted, http.StatusNoContent}

// successStatus is the one 2xx status responses document.
func successStatus(responses *openapi3.Responses) (int, bool) {
	if responses == nil {
		return 0, false
	}
	for _, s := range successStatuses {
		if r := responses.Status(s); r != nil && r.Value != nil {
			return s, true
		}
	}
	return 0, false
}

// outputHeaders lists the success response's headers bound to output members, sorted by name.
func outputHeaders(r *openapi3.Response) []HeaderMember {
	var out []HeaderMember
	for name, h := range r.Headers {
		if h == nil || h.Value == nil || h.Value.Schema == nil || h.Value.Schema.Value == nil ||
			strings.EqualFold(name, requestIDHeader) || strings.EqualFold(name, "Content-Type") {
			continue
		}
		out = append(out, HeaderMember{Name: name, Schema: h.Value.Schema.Value, Required: h.Value.Required})
	}
	slices.SortFunc(out, func(a, b HeaderMember) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// scalarTypes are the schema types a query, header or path member may have: what travels as text.
var scalarTypes = []string{openapi3.TypeString, openapi3.TypeInteger, openapi3.TypeNumber, openapi3.TypeBoolean}

// scalarType is s's one type when it is a scalar one, else "".
func scalarType(s *openapi3.Schema) string {
	if s == nil || s.Type == nil || len(s.Type.Slice()) != 1 {
		return ""
	}
	if t := s.Type.Slice()[0]; slices.Contains(scalarTypes, t) {
		return t
	}
	return ""
}

// ParseText reads a member's wire text (a header's value, a query value) as the JSON value its
// scalar schema types it: a number for integer and number, true or false for boolean, the text
// itself for a string. An error says the text is not of the type, which is a type break.
func ParseText(s *openapi3.Schema, text string) (any, error) {
	switch scalarType(s) {
	case openapi3.TypeInteger, openapi3.TypeNumber:
		f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
		if err != nil || strings.ContainsAny(text, "xXpP_") || strings.EqualFold(strings.TrimSpace(text), "nan") || strings.Contains(strings.ToLower(text), "inf") {
			return nil, fmt.Errorf("%q is not a number", text)
		}
		return f, nil
	case openapi3.TypeBoolean:
		switch text {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not a boolean (true or false)", text)
	}
	return text, nil
}

// Bound reports whether the input member travels outside the body (path, query or header).
func (o *Operation) Bound(member string) bool {
	switch o.InputIn[member] {
	case InPath, InQuery, InHeader:
		return true
	}
	return false
}

// MembersIn returns the input members bound to in (InPath, InQuery, InHeader), sorted.
func (o *Operation) MembersIn(in string) []string {
	var out []string
	for m, where := range o.InputIn {
		if where == in {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// outputHeaderSchema is an object schema holding the header members as properties, so that
// their values validate (and name their violations) as a body's members do: $.<Header>.
func outputHeaderSchema(hs []HeaderMember) *openapi3.Schema {
	if len(hs) == 0 {
		return nil
	}
	s := openapi3.NewObjectSchema()
	for _, h := range hs {
		s.WithPropertyRef(h.Name, &openapi3.SchemaRef{Value: h.Schema})
		if h.Required {
			s.Required = append(s.Required, h.Name)
		}
	}
	return s
}

// HeaderViolations judges the success response's header members in h: each present one's text
// parsed per its schema type (text that is not of the type stays text: a type violation), then validated
// against its schema; a required one missing is a required violation. Paths are $.<Header>, as
// the header's constraints write them. Several values of one header are read comma-joined.
func (o *Operation) HeaderViolations(h http.Header) []Violation {
	if o.outputHeaders == nil {
		return nil
	}
	value := map[string]any{}
	for _, m := range o.OutputHeaders {
		vs := h.Values(m.Name)
		if len(vs) == 0 {
			continue
		}
		text := strings.Join(vs, ",")
		v, err := ParseText(m.Schema, text)
		if err != nil {
			v = text // not of its type: the schema's type keyword says so
		}
		value[m.Name] = v
	}
	return Validate(o.outputHeaders, value, openapi3.VisitAsResponse())
}
