package check

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

// maxViolations bounds how many schema violations one message lists.
const maxViolations = 5

// responseSchema validates the body against the documented response for the status with
// kin-openapi's ValidateResponse. The media type is the content_type check's business, so the
// body is validated as the documented media type whatever the response says. Extra members,
// extra headers, key order and omitted optional members all conform (the specs never close an
// object nor require a response member).
func (f *facts) responseSchema() Result {
	r, ok := f.m.responses[f.status]
	if !ok {
		return skip(ResponseSchema, fmt.Sprintf("status %d is undocumented: see %s", f.status, StatusCode))
	}
	var headers []specs.Violation // the success's members bound to headers (specs/binding.go)
	if f.status == f.op.Success() {
		headers = f.op.HeaderViolations(f.header)
	}
	if f.resp.Truncated {
		if len(headers) > 0 {
			return headerFailure(f.status, pass(ResponseSchema), headers)
		}
		return skip(ResponseSchema, "body truncated: see "+string(Reachable))
	}
	return headerFailure(f.status, f.bodySchema(r), headers)
}

// bodySchema judges the body against the documented response r.
func (f *facts) bodySchema(r response) Result {
	if r.schema == nil {
		return pass(ResponseSchema) // no body documented (204): nothing in it to judge
	}
	body := f.body
	if len(bytes.TrimSpace(body)) == 0 {
		// AWS SDK deserialisers read an empty body as an empty structure (they tolerate io.EOF),
		// so judge it as {}; error_type_conformance separately demands the message member.
		body = []byte("{}")
	}
	// What decoding into Go values hides (duplicates.go): a number beyond float64 fails the
	// decoding of the whole body, so it is reported for what it is, not as "not JSON"; a
	// member name given twice is a warning on a body that otherwise conforms.
	text, ok := scanJSON(body)
	if !ok && !json.Valid(body) {
		// kin-openapi's decoder stops after the first value and lets trailing bytes through.
		return schemaFailure(f.status, r.schema, body, errors.New("response body is not JSON"))
	}
	if len(text.big) > 0 {
		return outOfRange(f.status, text.big)
	}
	return f.duplicates(f.validate(r, body), text.dups)
}

// validate judges body against the documented response r.
func (f *facts) validate(r response, body []byte) Result {
	if f.m.request.Route.Spec == nil {
		// An operation modelled without its document (not one specs.Load builds): validate the
		// body schema directly.
		var value any
		if err := json.Unmarshal(body, &value); err != nil || len(specs.Validate(r.schema, value, openapi3.VisitAsResponse())) > 0 {
			return schemaFailure(f.status, r.schema, body, errors.New("response body does not match its schema"))
		}
		return pass(ResponseSchema)
	}
	h := f.header.Clone()
	h.Set("Content-Type", r.media)
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: f.m.request,
		Status:                 f.status,
		Header:                 h,
		Options:                filterOptions,
	}
	in.SetBodyBytes(body)
	err := openapi3filter.ValidateResponse(context.Background(), in)
	if err == nil {
		return pass(ResponseSchema)
	}
	return schemaFailure(f.status, r.schema, body, err)
}

// schemaFailure turns a ValidateResponse error into a message naming each offending member's
// JSON path, keyword and value. specs.Validate re-runs the same kin-openapi validation on the
// decoded body to obtain the flattened (path, keyword) pairs plumb uses everywhere; this costs
// nothing on the fast path, which only ever sees conforming bodies.
func schemaFailure(status int, schema *openapi3.Schema, body []byte, err error) Result {
	var value any
	if jerr := json.Unmarshal(body, &value); jerr != nil {
		r := fail(ResponseSchema, fmt.Sprintf("%d body is not JSON", status), fmt.Sprintf("$ json: body is not JSON: %v (body starts %s)", jerr, quote(string(body))))
		r.Path, r.Keyword = "$", "json"
		return r
	}
	vs := specs.Validate(schema, value, openapi3.VisitAsResponse())
	shown := value // what "got" quotes: invalid UTF-8 as sent, not U+FFFD (rawbytes.go)
	if !utf8.Valid(body) {
		_ = json.Unmarshal(markInvalid(body), &shown)
	}
	if len(vs) == 0 {
		// Not a body schema problem: a documented header's value, say. Report kin-openapi's words.
		var re *openapi3filter.ResponseError
		msg := err.Error()
		if errors.As(err, &re) && re.Reason != "" {
			msg = re.Reason
			if re.Err != nil {
				msg += ": " + re.Err.Error()
			}
		}
		return fail(ResponseSchema, fmt.Sprintf("%d response breaks its documented schema", status), firstLine(msg))
	}
	parts := make([]string, 0, maxViolations+1)
	for i, v := range vs {
		if i == maxViolations {
			parts = append(parts, fmt.Sprintf("and %d more", len(vs)-maxViolations))
			break
		}
		s := v.Path + " " + v.Keyword + ": " + firstLine(v.Reason)
		if got, ok := jsonpath.Get(shown, v.Path); ok && v.Keyword != "required" {
			s += " (got " + unmark(render(got)) + ")"
		}
		parts = append(parts, s)
	}
	r := fail(ResponseSchema, "", strings.Join(parts, "; "))
	r.Path, r.Keyword = vs[0].Path, vs[0].Keyword
	// One cause per broken (member, keyword), with list indexes made generic, so that two
	// deviations in one body stay two root causes and one deviation is one whatever the index.
	seen := map[string]bool{}
	r.Causes = r.Causes[:0]
	for _, v := range vs {
		c := schemaCause(status, jsonpath.Generic(v.Path), v.Keyword)
		if !seen[c] {
			seen[c] = true
			r.Causes = append(r.Causes, c)
		}
	}
	return r
}

// schemaCause is the cause of a response schema failure: the status, the member's generic path
// and the keyword it breaks ("200 $.tags[*].key maxLength").
func schemaCause(status int, path, keyword string) string {
	return fmt.Sprintf("%d %s %s", status, path, keyword)
}

// SchemaCause reads back a response_schema_conformance cause: the response status, the generic
// JSON path of the member at fault and the keyword it breaks, as in specs.Constraint. ok is false
// for a cause naming no member (a body that is not JSON, say).
func SchemaCause(cause string) (status int, path, keyword string, ok bool) {
	parts := strings.Fields(cause)
	if len(parts) != 3 || !strings.HasPrefix(parts[1], "$") {
		return 0, "", "", false
	}
	status, err := strconv.Atoi(parts[0])
	if err != nil {
		return 0, "", "", false
	}
	return status, parts[1], parts[2], true
}

// render shows a decoded JSON value as JSON, cut short.
func render(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > maxQuoted {
		s = s[:maxQuoted] + "..."
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// headerFailure adds the violations of the response's header members to the body's result: one
// cause per (header, keyword), as a body member's ("201 $.X-Thing-Version type"). A header's
// value is quoted from its text.
func headerFailure(status int, body Result, vs []specs.Violation) Result {
	if len(vs) == 0 {
		return body
	}
	parts := make([]string, 0, len(vs)+1)
	var causes []string
	seen := map[string]bool{}
	for _, v := range vs {
		parts = append(parts, "header "+v.Path+" "+v.Keyword+": "+firstLine(v.Reason))
		if c := schemaCause(status, v.Path, v.Keyword); !seen[c] {
			seen[c] = true
			causes = append(causes, c)
		}
	}
	r := fail(ResponseSchema, "", strings.Join(parts, "; "))
	r.Path, r.Keyword, r.Causes = vs[0].Path, vs[0].Keyword, causes
	if body.Status == Fail {
		r.Message += "; " + body.Message
		r.Causes = append(r.Causes, body.Causes...)
	}
	return r
}
