package protocol

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/plumbhq/plumb/specs"
)

// ErrorName is an error type as read off a response.
type ErrorName struct {
	Name  string // sanitised: what an AWS SDK matches on, e.g. "ValidationException"
	Raw   string // as sent, e.g. "com.amazonaws.directconnect#TooManyTagsException:http://..."
	Where string // "header" (X-Amzn-ErrorType), "body.__type", "body.code"; "" when absent
}

// Found reports whether the response named a type at all.
func (e ErrorName) Found() bool { return e.Name != "" }

// ErrorType reads an error response's type the way AWS clients do for the protocol:
// restJson1 takes the X-Amzn-ErrorType header first and falls back to body `code` then
// `__type`; awsJson1_0 and awsJson1_1 take body `__type` first, then the header, then body `code`.
func ErrorType(p specs.Protocol, h http.Header, body []byte) ErrorName {
	header := ErrorName{Raw: h.Get("X-Amzn-ErrorType"), Where: "header"}
	var fields struct {
		Type json.RawMessage `json:"__type"`
		Code json.RawMessage `json:"code"`
	}
	_ = json.Unmarshal(body, &fields) // a body that is not JSON names no type
	typ := ErrorName{Raw: jsonString(fields.Type), Where: "body.__type"}
	code := ErrorName{Raw: jsonString(fields.Code), Where: "body.code"}
	order := []ErrorName{header, code, typ}
	if p.IsAWSJSON() {
		order = []ErrorName{typ, header, code}
	}
	for _, n := range order {
		if n.Name = Sanitize(n.Raw); n.Name != "" {
			return n
		}
	}
	return ErrorName{}
}

// Sanitize reduces a raw error type to the name clients match: cut at the first ':', then keep
// what follows the first '#'.
func Sanitize(raw string) string {
	s := raw
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// Message returns an error body's message member, matched case-insensitively as AWS SDK
// deserialisers do ("Message" and "message" both count), and whether it is a JSON string.
func Message(body []byte, member string) (string, bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return "", false
	}
	for k, v := range m {
		if strings.EqualFold(k, member) {
			return unquote(v) // invalid UTF-8 kept as sent, not turned into U+FFFD
		}
	}
	return "", false
}

func jsonString(raw json.RawMessage) string {
	s, _ := unquote(raw)
	return s
}
