package protocol

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Overrides bend an encoded request away from the protocol, to test how a target handles it.
// A nil field keeps the protocol's value; a pointer to "" removes the header.
type Overrides struct {
	ContentType *string // request Content-Type
	Target      *string // awsJson1_1 X-Amz-Target
}

// Encode builds the wire request for op from its input members (decoded JSON values). Members
// bound to path labels go into the path, percent-encoded as AWS SDKs do; the rest form the JSON
// body. A member the operation does not know travels in the body (unknown members are legal
// input that servers ignore).
func Encode(op *specs.Operation, input map[string]any, o Overrides) (target.Request, error) {
	body := map[string]any{}
	labels := map[string]string{}
	for name, v := range input {
		if op.InputIn[name] == "path" {
			s, ok := v.(string)
			if !ok && v != nil {
				s = fmt.Sprint(v) // a path label can only carry text; a wrong type arrives as its text
			}
			labels[name] = s
			continue
		}
		body[name] = v
	}
	var raw []byte
	if op.ContentType != "" {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return target.Request{}, fmt.Errorf("%s: encode body: %w", op.ID, err)
		}
	}
	return EncodeRaw(op, raw, labels, o), nil
}

// EncodeRaw builds the wire request for op with a body given verbatim (malformed JSON, wrong
// types) and path labels given unescaped; a label absent from labels is sent empty.
func EncodeRaw(op *specs.Operation, body []byte, labels map[string]string, o Overrides) target.Request {
	path := op.Path
	for _, name := range op.PathMembers() {
		path = strings.ReplaceAll(path, "{"+name+"}", EscapeLabel(labels[name]))
	}
	h := http.Header{}
	if op.ContentType != "" {
		h.Set("Content-Type", op.ContentType)
	}
	if op.Target != "" {
		h.Set("X-Amz-Target", op.Target)
	}
	if o.ContentType != nil {
		setOrDelete(h, "Content-Type", *o.ContentType)
	}
	if o.Target != nil {
		setOrDelete(h, "X-Amz-Target", *o.Target)
	}
	if op.ContentType == "" && len(body) == 0 {
		body = nil
	}
	return target.Request{
		Operation: op.ID,
		Service:   op.Service.Name,
		Method:    op.Method,
		RawPath:   path,
		Header:    h,
		Body:      body,
	}
}

func setOrDelete(h http.Header, k, v string) {
	if v == "" {
		h.Del(k)
		return
	}
	h.Set(k, v)
}

// EscapeLabel percent-encodes every byte outside A-Za-z0-9-._~, as AWS SDKs encode path labels
// (so "ab+c/d=" becomes "ab%2Bc%2Fd%3D").
func EscapeLabel(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
