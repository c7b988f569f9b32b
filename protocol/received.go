package protocol

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/plumbhq/plumb/specs"
)

// Received is the input as a server decoding the request Encode builds reads it back: members
// bound to the path, the query or headers arrive as text and are parsed per their schema's type
// (specs.ParseText; text that is not of the type stays text, a type break), a null or empty
// query or header member is absent, and a header list is its comma-separated items. Drivers use
// it to know whether a case survives the trip: a wrong JSON type for a string label arrives as
// valid text. ok is false when the request cannot carry the input at all: a header value that is
// not printable ASCII or has surrounding spaces (which servers trim), or a list sent for a
// scalar query member.
func Received(op *specs.Operation, input map[string]any) (map[string]any, bool) {
	out := make(map[string]any, len(input))
	for name, v := range input {
		in := op.InputIn[name]
		if !op.Bound(name) {
			out[name] = v
			continue
		}
		ref := op.Input.Properties[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		list := s.Type != nil && s.Type.Is("array") && s.Items != nil && s.Items.Value != nil
		var texts []string
		switch in {
		case specs.InPath:
			if v == nil {
				continue // null: no label
			}
			texts = []string{Text(v)}
		case specs.InHeader:
			t := headerText(v)
			if !headerSafe(t) {
				return nil, false
			}
			if t == "" {
				continue // not sent
			}
			if list {
				texts = SplitHeaderList(t)
			} else {
				texts = []string{t}
			}
		case specs.InQuery:
			if v == nil {
				continue
			}
			if items, isList := v.([]any); isList {
				if !list && len(items) != 1 {
					return nil, false
				}
				for _, item := range items {
					texts = append(texts, Text(item))
				}
			} else {
				texts = []string{Text(v)}
			}
			if len(texts) == 0 {
				continue // an empty list is no key at all
			}
		}
		if !list {
			out[name] = parsed(s, texts[0])
			continue
		}
		items := make([]any, len(texts))
		for i, t := range texts {
			items[i] = parsed(s.Items.Value, t)
		}
		out[name] = items
	}
	return out, true
}

func parsed(s *openapi3.Schema, text string) any {
	if v, err := specs.ParseText(s, text); err == nil {
		return v
	}
	return text
}

// headerSafe reports whether text travels in a header unchanged: printable ASCII, no leading or
// trailing space.
func headerSafe(text string) bool {
	if strings.TrimSpace(text) != text {
		return false
	}
	for i := 0; i < len(text); i++ {
		if text[i] < 0x20 || text[i] > 0x7e {
			return false
		}
	}
	return true
}
