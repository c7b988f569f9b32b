package check

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/secret"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// maxQuoted bounds how much of a target's own text (messages, values) a Result quotes, so a
// hostile or runaway target cannot bloat reports.
const maxQuoted = 160

// quote renders target-supplied text for a message: Go-quoted, cut to maxQuoted bytes. The
// credentials plumb holds are redacted first: cut, a session token (hundreds of bytes) would
// leave a head that the redaction of the whole message no longer recognises.
func quote(s string) string {
	s = secret.Held().Redact(s)
	if len(s) > maxQuoted {
		s = s[:maxQuoted] + "..."
	}
	return strconv.Quote(s)
}

// outcome renders what came back: "400 ValidationException (\"msg\")", "200", "404 with no error type".
func (f *facts) describe() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(f.status))
	if f.status >= 400 {
		if f.name.Found() {
			b.WriteString(" " + f.name.Name)
		} else {
			b.WriteString(" with no error type")
		}
		if f.hasMessage && f.message != "" {
			b.WriteString(": " + quote(f.message))
		}
	}
	return b.String()
}

// rule renders the broken rule of an Invalid expectation with its documented value when the
// operation's constraints know it: "$.name maxLength 100".
func (f *facts) rule() string {
	path, kw := f.exp.Path, f.exp.Keyword
	s := strings.TrimSpace(path + " " + kw)
	if s == "" {
		s = "a documented rule"
	}
	if c, ok := f.op.Find("request", path, kw); ok && c.Value != "" && kw != "required" {
		s += " " + c.Value
	}
	return s
}

// signature renders what came back without quoting the target's message, so that it names a
// cause independently of the input: "200", "400 ValidationException", "500 with no error type
// (text/html)".
func (f *facts) signature() string {
	if f.status < 400 {
		return strconv.Itoa(f.status)
	}
	if f.name.Found() {
		return strconv.Itoa(f.status) + " " + f.name.Name
	}
	s := strconv.Itoa(f.status) + " with no error type"
	if mt := f.mediaType(); mt != "" {
		s += " (" + mt + ")"
	}
	return s
}

// statusClass names the kind of response a media-type cause is about: "200" or "error".
func (f *facts) statusClass() string {
	if f.status >= 400 {
		return "error"
	}
	return strconv.Itoa(f.status)
}

// mediaType is the response's media type, lowercased, without parameters.
func (f *facts) mediaType() string {
	ct := f.header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return strings.ToLower(mt)
	}
	return strings.ToLower(strings.TrimSpace(ct))
}

// cause returns a result's first cause, or its message when it has none.
func cause(r Result) string {
	if len(r.Causes) > 0 {
		return r.Causes[0]
	}
	return r.Message
}

// NoResponse starts the answer of an exchange that got no HTTP response.
const NoResponse = "no HTTP response"

// Answer names what the target answered op, without the input-dependent parts, in the words
// causes use: "200", "400 ValidationException", "500 with no error type (text/html)", "no HTTP
// response (refused)". serves reports whether the answer shows the target serves op: a 2xx, or
// an error type op documents.
func Answer(op *specs.Operation, ex target.Exchange) (answer string, serves bool) {
	if ex.Err != nil || ex.Response == nil {
		kind := "none"
		if ex.Err != nil {
			kind = string(ex.Err.Kind)
		}
		return NoResponse + " (" + kind + ")", false
	}
	f := &facts{op: op, status: ex.Response.Status, header: ex.Response.Header, body: ex.Response.Body}
	if f.header == nil {
		f.header = http.Header{}
	}
	if f.status >= 400 {
		f.name = protocol.ErrorType(op.Protocol(), f.header, f.body)
	}
	_, documented := op.Error(f.name.Name)
	return f.signature(), f.status >= 200 && f.status < 300 || f.name.Found() && documented
}
