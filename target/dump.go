package target

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DumpBodyLimit caps the body shown by RequestText and ResponseText.
const DumpBodyLimit = 4 << 10

// DumpHeaderLimit caps the bytes of header names and values ResponseText shows; the
// shortest lines are kept first, so the API's own headers survive a flood.
const DumpHeaderLimit = 8 << 10

// RequestText renders the request as an HTTP/1.1 message: request line,
// Host, sorted headers, Content-Length, then the body capped at DumpBodyLimit
// with a note when cut. Secrets are redacted.
func (e Exchange) RequestText() string {
	var sb strings.Builder
	r := e.Request
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	target := r.RawPath
	host := ""
	if u, err := url.Parse(e.URL); err == nil && e.URL != "" {
		host = u.Host
		// The URL holds the base prefix and the query as sent.
		if i := strings.Index(e.URL, u.Host); i >= 0 {
			target = e.URL[i+len(u.Host):]
		}
	}
	if target == "" {
		target = "/"
	}
	fmt.Fprintf(&sb, "%s %s HTTP/1.1\n", method, RedactString(target))
	if host != "" {
		fmt.Fprintf(&sb, "Host: %s\n", host)
	}
	h := Redact(r.Header)
	writeHeaders(&sb, h)
	if len(r.Body) > 0 {
		fmt.Fprintf(&sb, "Content-Length: %d\n", len(r.Body))
	}
	sb.WriteString("\n")
	writeBody(&sb, r.Body, len(r.Body), false)
	return sb.String()
}

// ResponseText renders the response (status line, sorted headers, body capped
// at DumpBodyLimit), or the transport error when there is no response.
func (e Exchange) ResponseText() string {
	var sb strings.Builder
	switch {
	case e.Err != nil:
		fmt.Fprintf(&sb, "no response: transport error (%s)", e.Err.Kind)
		if e.Err.Err != nil {
			fmt.Fprintf(&sb, ": %s", RedactString(e.Err.Err.Error()))
		}
		sb.WriteString("\n")
	case e.Response == nil:
		sb.WriteString("no response: request not sent\n")
	default:
		resp := e.Response
		text := http.StatusText(resp.Status)
		if text == "" {
			text = "status " + strconv.Itoa(resp.Status)
		}
		fmt.Fprintf(&sb, "HTTP/1.1 %d %s\n", resp.Status, text)
		h, dropped := resp.Header, 0
		if headerBytes(h) > DumpHeaderLimit {
			// A target may send up to 1 MiB of headers; every finding's dump repeating them
			// made reports of gigabytes.
			h, dropped = excerptHeader(h, DumpHeaderLimit)
		}
		writeHeaders(&sb, Redact(h))
		if n := dropped + resp.HeadersCut; n > 0 {
			fmt.Fprintf(&sb, "[%d more bytes of headers not shown]\n", n)
		}
		sb.WriteString("\n")
		writeBody(&sb, resp.Body, resp.size(), resp.Truncated)
	}
	return sb.String()
}

func writeHeaders(sb *strings.Builder, h http.Header) {
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			fmt.Fprintf(sb, "%s: %s\n", k, v)
		}
	}
}

// writeBody writes body capped at DumpBodyLimit; size is the length of the
// body read (body may be an excerpt of it), truncated says the target sent
// more than that. A body that is not readable text is shown Go-quoted so
// that reports stay valid UTF-8 and control bytes cannot mangle a terminal.
func writeBody(sb *strings.Builder, body []byte, size int, truncated bool) {
	if len(body) == 0 && !truncated {
		return
	}
	shown := body
	if len(shown) > DumpBodyLimit {
		shown = shown[:DumpBodyLimit]
	}
	if isText(shown) {
		sb.WriteString(RedactString(string(shown)))
	} else {
		// Quoting takes up to 4 characters a byte (\x00): show a quarter as many bytes, so a
		// binary body costs a report no more than a text one (hundreds of findings of a
		// target sending zeros made reports of tens of MB).
		if len(shown) > DumpBodyLimit/4 {
			shown = shown[:DumpBodyLimit/4]
		}
		sb.WriteString("[binary body, Go-quoted] ")
		sb.WriteString(strconv.Quote(RedactString(string(shown))))
	}
	sb.WriteString("\n")
	if size > len(shown) {
		fmt.Fprintf(sb, "[body cut at %d of %d bytes]\n", len(shown), size)
	}
	if truncated {
		fmt.Fprintf(sb, "[the target sent more than the %d-byte response cap; the rest was discarded]\n", size)
	}
}

// isText: valid UTF-8 without control characters other than tab, CR, LF. A
// multi-byte rune cut by the dump cap still counts as text.
func isText(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if !utf8.FullRune(b[i:]) && len(b)-i < utf8.UTFMax {
				return true
			}
			return false
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return false
		}
		i += n
	}
	return true
}

// Curl renders the exchange's request as one shell line. Authorization and
// other secrets are REDACTED, so the line reproduces the request's shape but
// a target that verifies signatures will reject it.
func (e Exchange) Curl() string {
	r := e.Request
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	var sb strings.Builder
	body := r.Body
	binary := len(body) > 0 && !isText(body)
	if binary {
		// NUL and other bytes cannot appear in a shell word; printf makes them.
		sb.WriteString("printf ")
		sb.WriteString(shellQuote(printfEscape([]byte(RedactString(string(body))))))
		sb.WriteString(" | ")
	}
	// --path-as-is and --globoff keep curl from rewriting the raw path.
	sb.WriteString("curl -sS -i --path-as-is --globoff")
	if method == http.MethodHead {
		sb.WriteString(" --head")
	} else {
		sb.WriteString(" -X ")
		sb.WriteString(shellQuote(method))
	}
	u := e.URL
	if u == "" {
		u = r.RawPath
	}
	sb.WriteString(" ")
	sb.WriteString(shellQuote(RedactString(u)))
	h := Redact(r.Header)
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			sb.WriteString(" -H ")
			sb.WriteString(shellQuote(k + ": " + v))
		}
	}
	if len(body) > 0 {
		if h.Get("Content-Type") == "" {
			// Otherwise curl adds application/x-www-form-urlencoded.
			sb.WriteString(" -H 'Content-Type:'")
		}
		if binary {
			sb.WriteString(" --data-binary @-")
		} else {
			// --data-raw: a body starting with @ is not a file name.
			sb.WriteString(" --data-raw ")
			sb.WriteString(shellQuote(RedactString(string(body))))
		}
	}
	return sb.String()
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printfEscape makes a printf(1) format that prints b exactly.
func printfEscape(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c == '%':
			sb.WriteString("%%")
		case c == '\\':
			sb.WriteString(`\\`)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, `\%03o`, c)
		}
	}
	return sb.String()
}
