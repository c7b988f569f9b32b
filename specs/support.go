package specs

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// What plumb checks, and the refusal of everything else. A spec that uses a construct no check
// and no generator understands would be silently under-tested (a oneOf whose branches nobody
// generates, a query member nobody sends), so the loader refuses it by name, with where it is,
// instead of skipping it.

// SchemaKeywords are the JSON Schema keywords that state a constraint plumb counts
// (Operation.Constraints), generates cases for (package generators) and checks (kin-openapi,
// through package check). exclusiveMinimum and exclusiveMaximum modify minimum and maximum
// (OpenAPI 3.0) or are bounds of their own (3.1).
var SchemaKeywords = []string{
	"type", "required", "minLength", "maxLength", "pattern", "minimum", "maximum",
	"exclusiveMinimum", "exclusiveMaximum", "enum", "minItems", "maxItems",
}

// numberFormats are the formats kin-openapi checks for numbers; any other format is refused
// because nothing checks or generates it.
var numberFormats = []string{"int32", "int64", "float", "double"}

func protocolNames() string {
	names := make([]string, len(Protocols))
	for i, p := range Protocols {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}

// unsupported collects the refusals of one spec document, each with its location.
type unsupported struct {
	file string
	errs []error
}

func (u *unsupported) refuse(where string, line int, format string, a ...any) {
	loc := u.file
	if line > 0 {
		loc += ":" + strconv.Itoa(line)
	}
	u.errs = append(u.errs, fmt.Errorf("spec %s (%s): %s", loc, where, fmt.Sprintf(format, a...)))
}

func (u *unsupported) err() error {
	if len(u.errs) == 0 {
		return nil
	}
	const shown = 10
	errs := u.errs
	if len(errs) > shown {
		errs = append(errs[:shown:shown], fmt.Errorf("… and %d more", len(u.errs)-shown))
	}
	return fmt.Errorf("plumb does not check what this spec uses (remove it, or say it with the keywords %s):\n%w",
		strings.Join(SchemaKeywords, ", "), errors.Join(errs...))
}

// checkSupported refuses the parameters, responses and schema keywords of svc that plumb
// does not check.
func checkSupported(svc *Service) error {
	u := &unsupported{file: svc.File}
	// Every refusal is collected (u), so the walk never stops early: its error is always nil.
	_ = eachOperation(svc, func(method, path string, item *openapi3.PathItem, op *openapi3.Operation) error {
		where := method + " " + path
		if op.OperationID != "" {
			where = op.OperationID
		}
		params := append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...)
		for _, p := range params {
			if p == nil || p.Value == nil {
				continue
			}
			pw := where + " parameter " + p.Value.Name
			if svc.Protocol.IsAWSJSON() && p.Value.In == openapi3.ParameterInHeader && strings.EqualFold(p.Value.Name, "X-Amz-Target") {
				continue // the protocol's own header: the target constraint checks it (x-aws-target)
			}
			checkParameter(u, svc, pw, p)
		}
		if rb := op.RequestBody; rb != nil && rb.Value != nil {
			if len(rb.Value.Content) > 1 {
				u.refuse(where+" requestBody", keyLine(rb.Origin), "%d media types: AWS protocols send one", len(rb.Value.Content))
			}
			for mt, media := range rb.Value.Content {
				if media != nil && media.Schema != nil {
					checkSchema(u, where+" request "+mt, media.Schema, map[*openapi3.Schema]bool{})
				}
			}
		}
		if op.Responses != nil {
			successes := 0
			for _, code := range slices.Sorted(maps.Keys(op.Responses.Map())) {
				ref := op.Responses.Value(code)
				if ref == nil || ref.Value == nil {
					continue
				}
				rw := where + " response " + code
				status, err := strconv.Atoi(code)
				if err != nil {
					u.refuse(rw, keyLine(ref.Origin), "response %q: plumb checks exact statuses only (AWS documents exact statuses)", code)
					continue
				}
				if status >= 200 && status < 300 {
					successes++
					if svc.Protocol.IsAWSJSON() && status != http.StatusOK {
						u.refuse(rw, keyLine(ref.Origin), "success status %d: %s answers 200", status, svc.Protocol)
					} else if !slices.Contains(successStatuses, status) {
						u.refuse(rw, keyLine(ref.Origin), "success status %d: plumb checks a success of 200, 201, 202 or 204", status)
					} else if successes > 1 {
						u.refuse(rw, keyLine(ref.Origin), "a second success status (%d): plumb checks an operation with one 2xx response", status)
					}
					checkOutputHeaders(u, rw, ref.Value)
				}
				for mt, media := range ref.Value.Content {
					if media != nil && media.Schema != nil {
						checkSchema(u, rw+" "+mt, media.Schema, map[*openapi3.Schema]bool{})
					}
				}
			}
		}
		return nil
	})
	return u.err()
}

// checkSchema refuses the keywords of ref's schema, and of every schema below it, that plumb
// does not check.
func checkSchema(u *unsupported, where string, ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	s := ref.Value
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	line := keyLine(s.Origin)
	if line == 0 {
		line = keyLine(ref.Origin)
	}
	no := func(keyword, why string) {
		u.refuse(where, cmp.Or(fieldLine(s.Origin, keyword), line), "%s is not checked by plumb%s", keyword, why)
	}
	composed := map[string]int{"oneOf": len(s.OneOf), "anyOf": len(s.AnyOf), "allOf": len(s.AllOf)}
	for _, k := range slices.Sorted(maps.Keys(composed)) {
		if composed[k] > 0 {
			no(k, ": no generator draws its branches (AWS models have no unions of shapes in JSON Schema form)")
		}
	}
	if s.Not != nil {
		no("not", "")
	}
	if s.Discriminator != nil {
		no("discriminator", "")
	}
	if ap := s.AdditionalProperties; ap.Schema != nil || (ap.Has != nil && !*ap.Has) {
		no("additionalProperties", " (maps and closed objects are not generated)")
	}
	if s.MultipleOf != nil {
		no("multipleOf", "")
	}
	if s.UniqueItems {
		no("uniqueItems", " (say uniqueness of a key with x-plumb-rules uniqueKeys)")
	}
	if s.MinProps > 0 || s.MaxProps != nil {
		no("minProperties/maxProperties", "")
	}
	if s.ReadOnly || s.WriteOnly {
		no("readOnly/writeOnly", "")
	}
	if s.Format != "" && !slices.Contains(numberFormats, s.Format) {
		no("format "+strconv.Quote(s.Format), " (number formats "+strings.Join(numberFormats, ", ")+" only)")
	}
	for _, n := range slices.Sorted(maps.Keys(s.Properties)) {
		if p := s.Properties[n]; p != nil {
			checkSchema(u, where+"."+n, p, seen)
		}
	}
	if s.Items != nil {
		checkSchema(u, where+"[*]", s.Items, seen)
	}
}

// checkParameter refuses a parameter plumb does not send: one in a cookie, a non-scalar one
// (query lists of scalars excepted, and header lists, sent comma-joined), a query list in any
// style but the OpenAPI default (form, exploded: the key repeated), and in awsJson a member
// outside the body (its operations are POST / with a JSON body only).
func checkParameter(u *unsupported, svc *Service, pw string, p *openapi3.ParameterRef) {
	v := p.Value
	line := keyLine(p.Origin)
	switch v.In {
	case openapi3.ParameterInPath, openapi3.ParameterInQuery, openapi3.ParameterInHeader:
	default:
		u.refuse(pw, line, "parameters in %s are not sent or checked by plumb (path labels, query and header members only)", v.In)
		return
	}
	if svc.Protocol.IsAWSJSON() {
		u.refuse(pw, line, "parameters in %s: %s sends every member in the JSON body", v.In, svc.Protocol)
		return
	}
	if v.Schema == nil || v.Schema.Value == nil {
		u.refuse(pw, line, "a parameter without a schema (content) is not sent by plumb")
		return
	}
	s := v.Schema.Value
	if scalarType(s) == "" {
		items := s.Items
		list := s.Type != nil && s.Type.Is(openapi3.TypeArray) && items != nil && scalarType(items.Value) != ""
		switch {
		case !list || v.In == openapi3.ParameterInPath:
			u.refuse(pw, cmp.Or(fieldLine(s.Origin, "type"), line), "a %s member of this type: plumb sends strings, integers, numbers and booleans (and lists of them in a query or header)", v.In)
			return
		case v.In == openapi3.ParameterInQuery && ((v.Style != "" && v.Style != openapi3.SerializationForm) || (v.Explode != nil && !*v.Explode)):
			u.refuse(pw, cmp.Or(fieldLine(v.Origin, "style"), fieldLine(v.Origin, "explode"), line),
				"a query list in style %s, not exploded or otherwise: plumb sends a list as the key repeated (style form, explode true)", cmp.Or(v.Style, openapi3.SerializationForm))
			return
		}
	}
	if v.In == openapi3.ParameterInHeader && slices.ContainsFunc(protocolHeaders, func(h string) bool { return strings.EqualFold(h, v.Name) }) {
		u.refuse(pw, line, "header %s is the protocol's (or the signature's), not a member plumb can set", v.Name)
		return
	}
	checkSchema(u, pw, v.Schema, map[*openapi3.Schema]bool{})
}

// protocolHeaders are the headers the protocol, HTTP or SigV4 signing set: no member may be bound
// to one.
var protocolHeaders = []string{"Content-Type", "Content-Length", "Host", "Authorization", "X-Amz-Date",
	"X-Amz-Security-Token", "X-Amz-Content-Sha256", "X-Amz-Target", "User-Agent"}

// checkOutputHeaders refuses a success response header bound to an output member that plumb
// cannot parse from its text: one described by content, or of a non-scalar type.
func checkOutputHeaders(u *unsupported, rw string, r *openapi3.Response) {
	for _, name := range slices.Sorted(maps.Keys(r.Headers)) {
		h := r.Headers[name]
		if h == nil || h.Value == nil || strings.EqualFold(name, requestIDHeader) {
			continue
		}
		hw := rw + " header " + name
		if h.Value.Schema == nil || h.Value.Schema.Value == nil {
			u.refuse(hw, keyLine(h.Origin), "a response header without a schema (content) is not checked by plumb")
			continue
		}
		if scalarType(h.Value.Schema.Value) == "" {
			u.refuse(hw, keyLine(h.Origin), "a response header of this type: plumb checks strings, integers, numbers and booleans")
			continue
		}
		checkSchema(u, hw, h.Value.Schema, map[*openapi3.Schema]bool{})
	}
}
