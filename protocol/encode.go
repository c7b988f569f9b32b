package protocol

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
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
// bound to path labels go into the path, percent-encoded as AWS SDKs do; query members into the
// query string, sorted by name (a list as its key repeated); header members into headers (a list
// comma-joined); the rest form the JSON body. Bound members travel as their text (Text): a value
// of the wrong JSON type arrives as its text. A null or absent query or header member is not
// sent. A member the operation does not know travels in the body (unknown members are legal
// input that servers ignore).
func Encode(op *specs.Operation, input map[string]any, o Overrides) (target.Request, error) {
	body := map[string]any{}
	for name, v := range input {
		if !op.Bound(name) {
			body[name] = v
		}
	}
	var raw []byte
	if op.ContentType != "" {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return target.Request{}, fmt.Errorf("%s: encode body: %w", op.ID, err)
		}
	}
	return EncodeRaw(op, raw, input, o), nil
}

// EncodeRaw builds the wire request for op with a body given verbatim (malformed JSON, wrong
// types) and the members bound outside the body (path labels, query and header members) taken
// from bound, as Encode sends them; its body members are ignored. A path label absent from
// bound is sent empty.
func EncodeRaw(op *specs.Operation, body []byte, bound map[string]any, o Overrides) target.Request {
	path := op.Path
	for _, name := range op.PathMembers() {
		label := Text(bound[name])
		escaped := EscapeLabel(label)
		if op.Greedy[name] {
			escaped = EscapeGreedyLabel(label)
		}
		path = strings.ReplaceAll(path, "{"+name+"}", escaped)
	}
	if q := query(op, bound); q != "" {
		path += "?" + q
	}
	h := http.Header{}
	for _, name := range op.MembersIn(specs.InHeader) {
		if v := headerText(bound[name]); v != "" {
			h.Set(name, v)
		}
	}
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

// query encodes op's query members in bound, sorted by name, each value percent-encoded as
// AWS SDKs encode them; a list is its key repeated, in order.
func query(op *specs.Operation, bound map[string]any) string {
	var parts []string
	for _, name := range op.MembersIn(specs.InQuery) {
		v, ok := bound[name]
		if !ok || v == nil {
			continue
		}
		values, isList := v.([]any)
		if !isList {
			values = []any{v}
		}
		for _, item := range values {
			parts = append(parts, EscapeLabel(name)+"="+EscapeLabel(Text(item)))
		}
	}
	return strings.Join(parts, "&")
}

// headerText is a header member's value: its text, a list's items joined by HeaderList ("" for
// null, which is not sent).
func headerText(v any) string {
	if list, ok := v.([]any); ok {
		items := make([]string, len(list))
		for i, item := range list {
			items[i] = Text(item)
		}
		return HeaderList(items)
	}
	return Text(v)
}

// HeaderList is a list member's header value as restJson1 writes it: the items comma-joined,
// an item holding a comma or a double quote written as a quoted string (RFC 9110's
// quoted-string: inner quotes and backslashes escaped), so the items can be told apart again
// (SplitHeaderList); so is one with spaces around it, which a reader would trim.
func HeaderList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		if strings.ContainsAny(it, `,"`) || it != strings.TrimSpace(it) {
			it = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(it) + `"`
		}
		out[i] = it
	}
	return strings.Join(out, ",")
}

// SplitHeaderList reads a list header's value back into its items: split at the commas outside
// quoted strings, each item trimmed of the spaces around it and unquoted.
func SplitHeaderList(text string) []string {
	var items []string
	var cur strings.Builder
	quoted, escaped, wasQuoted := false, false, false
	flush := func() {
		it := cur.String()
		if !wasQuoted {
			it = strings.TrimSpace(it)
		}
		items = append(items, it)
		cur.Reset()
		wasQuoted = false
	}
	for _, r := range text {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case quoted && r == '\\':
			escaped = true
		case r == '"':
			quoted = !quoted
			if quoted {
				cur.Reset() // spaces before the opening quote are not part of the item
				wasQuoted = true
			}
		case !quoted && r == ',':
			flush()
		case !quoted && wasQuoted:
			// spaces after the closing quote: not part of the item
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return items
}

// Text is the wire text of a member bound outside the body: a string as it is, a number in
// decimal without an exponent, a boolean as true or false, null as "", and anything else (a
// value of the wrong type) as its JSON.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case json.Number:
		return v.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
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

// EscapeGreedyLabel percent-encodes a greedy label ({Key+}) as EscapeLabel does each of its
// segments, keeping the "/" between them.
func EscapeGreedyLabel(s string) string {
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		segs[i] = EscapeLabel(seg)
	}
	return strings.Join(segs, "/")
}
