package fuzz

import (
	"encoding/json"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// protocolBreak is one way to break the wire protocol of an operation while keeping its input
// valid: the request is malformed, not the data. The keyword names the request-level
// constraint it breaks (specs: json, contentType, target) or, for an empty path label, the
// label member's own constraint.
type protocolBreak struct {
	note    string
	path    string // "" for request-level constraints
	keyword string
	build   func(op *specs.Operation, input map[string]any) (target.Request, error)
}

func ptr(s string) *string { return &s }

// protocolBreaks lists the breaks that apply to op, derived from its protocol binding.
func protocolBreaks(op *specs.Operation) []protocolBreak {
	var out []protocolBreak
	if op.ContentType != "" {
		raw := func(note string, mangle func([]byte) []byte) protocolBreak {
			return protocolBreak{note: note, keyword: "json", build: func(op *specs.Operation, in map[string]any) (target.Request, error) {
				body, err := json.Marshal(in)
				if err != nil {
					return target.Request{}, err
				}
				return protocol.EncodeRaw(op, mangle(body), in, protocol.Overrides{}), nil
			}}
		}
		out = append(out,
			raw("body cut short", func(b []byte) []byte { return b[:len(b)/2] }),
			raw("body is not JSON", func([]byte) []byte { return []byte("plumb: this is not JSON") }),
			raw("body is a JSON array, not an object", func(b []byte) []byte { return append(append([]byte("["), b...), ']') }),
			raw("body has trailing garbage", func(b []byte) []byte { return append(b, "}}"...) }),
		)
		header := func(note string, o protocol.Overrides) protocolBreak {
			return protocolBreak{note: note, keyword: "contentType", build: func(op *specs.Operation, in map[string]any) (target.Request, error) {
				return protocol.Encode(op, in, o)
			}}
		}
		out = append(out,
			header("Content-Type text/plain", protocol.Overrides{ContentType: ptr("text/plain")}),
			header("Content-Type missing", protocol.Overrides{ContentType: ptr("")}),
		)
	}
	if op.Target != "" {
		// A target naming no real operation: never another real operation, which could act.
		wrong := op.Service.TargetPrefix + ".PlumbNoSuchOperation"
		if op.Service.TargetPrefix == "" {
			wrong = "PlumbNoSuchOperation"
		}
		for _, t := range []struct{ note, value string }{{"X-Amz-Target " + wrong, wrong}, {"X-Amz-Target missing", ""}} {
			o := protocol.Overrides{Target: ptr(t.value)}
			out = append(out, protocolBreak{note: t.note, keyword: "target", build: func(op *specs.Operation, in map[string]any) (target.Request, error) {
				return protocol.Encode(op, in, o)
			}})
		}
	}
	for _, m := range op.PathMembers() {
		kw := "required"
		if ref := op.Input.Properties[m]; ref != nil && ref.Value != nil && ref.Value.MinLength > 0 {
			kw = "minLength"
		}
		member := m
		out = append(out, protocolBreak{note: member + " path label empty", path: "$." + member, keyword: kw,
			build: func(op *specs.Operation, in map[string]any) (target.Request, error) {
				c := make(map[string]any, len(in))
				for k, v := range in {
					c[k] = v
				}
				c[member] = ""
				return protocol.Encode(op, c, protocol.Overrides{})
			}})
	}
	return out
}
