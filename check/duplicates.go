package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/plumbhq/plumb/jsonpath"
)

// maxScanDepth bounds how deep scanJSON follows nested objects and arrays: a hostile body
// cannot make it recurse without end. Deeper values are not scanned (the schema check still
// judges them).
const maxScanDepth = 64

// jsonText is what a streaming read of a response body finds that decoding it into Go values
// hides: member names given twice in one object (encoding/json keeps the last, silently), and
// numbers beyond float64 (encoding/json fails on the whole body as if it were not JSON).
type jsonText struct {
	dups []jsonSpot // member names repeated in one object, in body order
	big  []jsonSpot // numbers out of float64 range, in body order
}

// jsonSpot is one place in a body: the JSON path of the object or number, and the member name
// or number literal found there.
type jsonSpot struct{ path, text string }

// scanJSON reads body once, byte by byte, without decoding it: it runs on every judged response
// of a campaign, so it allocates only for what it finds (a token-by-token encoding/json Decoder
// costs as much as the schema validation itself). ok is false when body is not one JSON value:
// whether and how that fails is the schema check's business.
func scanJSON(body []byte) (t jsonText, ok bool) {
	var (
		stack     = make([]scanFrame, 0, 16)
		names     = make([][]byte, 0, 32) // member names of the open objects, innermost last
		expectKey bool
	)
	for i := 0; i < len(body); {
		switch c := body[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':':
			i++
		case c == ',':
			i++
			if len(stack) == 0 {
				return jsonText{}, false
			}
			if top := &stack[len(stack)-1]; top.obj {
				expectKey = true
			} else {
				top.index++
			}
		case c == '{' || c == '[':
			if len(stack) >= maxScanDepth {
				return t, true // deeper values are not scanned; the schema check judges them
			}
			stack = append(stack, scanFrame{obj: c == '{', names: len(names)})
			expectKey = c == '{'
			i++
		case c == '}' || c == ']':
			if len(stack) == 0 || stack[len(stack)-1].obj != (c == '}') {
				return jsonText{}, false
			}
			names = names[:stack[len(stack)-1].names]
			stack = stack[:len(stack)-1]
			expectKey = false
			i++
		case c == '"':
			end := stringEnd(body, i)
			if end < 0 {
				return jsonText{}, false
			}
			if expectKey && len(stack) > 0 {
				top := &stack[len(stack)-1]
				name := memberName(body[i+1 : end-1])
				if top.seen(names[top.names:], name) {
					t.dups = append(t.dups, jsonSpot{scanPath(stack, len(stack)-1), string(name)})
				}
				names = append(names, name)
				top.name = name
				expectKey = false
			}
			i = end
		case c == 't' || c == 'f' || c == 'n':
			for i < len(body) && body[i] >= 'a' && body[i] <= 'z' {
				i++
			}
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(body) && strings.IndexByte("+-.eE0123456789", body[j]) >= 0 {
				j++
			}
			// Only an exponent or more than 308 digits can pass float64's ~1.8e308.
			if lit := body[i:j]; j-i > 308 || bytes.ContainsAny(lit, "eE") {
				if _, err := strconv.ParseFloat(string(lit), 64); errors.Is(err, strconv.ErrRange) {
					t.big = append(t.big, jsonSpot{scanPath(stack, len(stack)), string(lit)})
				}
			}
			i = j
		default:
			return jsonText{}, false
		}
	}
	if len(stack) != 0 || len(t.big) > 0 && !json.Valid(body) {
		return jsonText{}, false
	}
	return t, true
}

// scanFrame is an open object or array.
type scanFrame struct {
	obj   bool
	names int    // where this object's member names start in scanJSON's names
	name  []byte // the member being read (objects)
	index int    // the element being read (arrays)
	set   map[string]bool
}

// seen reports whether name is among the object's names so far (earlier), comparing in place
// while the object is small and through a set once it is not, so that a body of a hundred
// thousand members costs no quadratic time.
func (f *scanFrame) seen(earlier [][]byte, name []byte) bool {
	const small = 32
	if f.set == nil && len(earlier) < small {
		for _, n := range earlier {
			if bytes.Equal(n, name) {
				return true
			}
		}
		return false
	}
	if f.set == nil {
		f.set = make(map[string]bool, 2*small)
		for _, n := range earlier {
			f.set[string(n)] = true
		}
	}
	if f.set[string(name)] {
		return true
	}
	f.set[string(name)] = true
	return false
}

// stringEnd returns the index just past the JSON string opening at body[i], or -1.
func stringEnd(body []byte, i int) int {
	for j := i + 1; j < len(body); j++ {
		switch body[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// memberName is a member name as a decoder reads it: raw unless it holds escapes ("\u0061" and
// "a" are the same name).
func memberName(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	var s string
	if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &s) != nil {
		return raw
	}
	return []byte(s)
}

// scanPath renders the JSON path of the value the first n frames lead to.
func scanPath(stack []scanFrame, n int) string {
	p := "$"
	for _, f := range stack[:n] {
		if f.obj {
			p = memberPath(p, string(f.name))
		} else {
			p += "[" + strconv.Itoa(f.index) + "]"
		}
	}
	return p
}

// memberPath appends a member to a JSON path as the schema check writes them ($.a.b), quoting
// a name that would not read back as one member.
func memberPath(path, name string) string {
	if name == "" || strings.ContainsAny(name, ".[]\"' ") || !isPrintableASCII(name) {
		return path + "[" + strconv.Quote(name) + "]"
	}
	return path + "." + name
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// outOfRange fails the body for numbers no JSON decoder of the SDKs can hold: RFC 8259
// (section 6) leaves the range to implementations and warns that numbers beyond IEEE 754
// binary64 will not interoperate; the AWS SDK for Go v2 decodes into float64 and int64, and
// fails the whole response on 1e400. One cause per member (list indexes made generic).
func outOfRange(status int, big []jsonSpot) Result {
	parts := make([]string, 0, maxViolations+1)
	var causes []string
	seen := map[string]bool{}
	for i, s := range big {
		if i < maxViolations {
			parts = append(parts, fmt.Sprintf("%s number: %s out of range (beyond IEEE 754 binary64, what JSON decoders hold)", s.path, cut(s.text)))
		} else if i == maxViolations {
			parts = append(parts, fmt.Sprintf("and %d more", len(big)-maxViolations))
		}
		c := fmt.Sprintf("%d %s number out of range", status, jsonpath.Generic(s.path))
		if !seen[c] {
			seen[c] = true
			causes = append(causes, c)
		}
	}
	r := Result{Check: ResponseSchema, Status: Fail, Message: strings.Join(parts, "; "), Causes: causes}
	r.Path, r.Keyword = big[0].path, "number"
	return r
}

// duplicates reports member names given twice in one object. RFC 8259 (section 4) says the
// names within an object SHOULD be unique and that receivers then disagree; the AWS SDKs keep
// the last value, so a client may read another value than the one the target meant. A SHOULD
// is not a MUST: a warning, a failure under --strict. Only a body that otherwise conforms gets
// it; a failing one is reported for what breaks its schema.
func (f *facts) duplicates(r Result, dups []jsonSpot) Result {
	if r.Status != Pass || len(dups) == 0 {
		return r
	}
	var causes, parts []string
	seen := map[string]bool{}
	for _, d := range dups {
		c := fmt.Sprintf("%d duplicate member %s at %s", f.status, strconv.Quote(cut(d.text)), jsonpath.Generic(d.path))
		if seen[c] {
			continue
		}
		seen[c] = true
		causes = append(causes, c)
		if len(parts) < maxViolations {
			parts = append(parts, fmt.Sprintf("duplicate member %s at %s", quote(d.text), d.path))
		}
	}
	r = Result{Check: ResponseSchema, Status: Warn, Causes: causes, Path: dups[0].path, Keyword: "duplicate",
		Message: strings.Join(parts, "; ") + " (warning: RFC 8259 says the names within an object SHOULD be unique; AWS SDKs keep the last value; --strict fails it)"}
	if f.strict {
		r.Status = Fail
		r.Message = strings.Join(parts, "; ") + " (RFC 8259: the names within an object SHOULD be unique; AWS SDKs keep the last value)"
	}
	return r
}

// cut shortens target-supplied text for a cause or message.
func cut(s string) string {
	if len(s) > maxQuoted {
		return s[:maxQuoted] + "..."
	}
	return s
}
