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
// with a note when cut. Secrets are redacted by name and by value (Redact).
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
	writeBody(&sb, e.Redact, r.Body, len(r.Body), false)
	return e.Redact(sb.String())
}

// ResponseText renders the response (status line, sorted headers, body capped
// at DumpBodyLimit), or the transport error when there is no response. Secrets
// are redacted by name and by value (Redact), in any header and in the body.
func (e Exchange) ResponseText() string {
	var sb strings.Builder
	switch {
	case e.Err != nil:
		fmt.Fprintf(&sb, "no response: transport error (%s)", e.Err.Kind)
		if e.Err.Err != nil {
			fmt.Fprintf(&sb, ": %s", e.Redact(e.Err.Err.Error()))
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
		writeBody(&sb, e.Redact, resp.Body, resp.size(), resp.Truncated)
	}
	return e.Redact(sb.String())
}

func writeHeaders(sb *strings.Builder, h http.Header) {
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			fmt.Fprintf(sb, "%s: %s\n", showBytes(k, true), showBytes(v, true))
		}
	}
}

// redactMargin is how far past the cut a body is redacted: longer than any secret plumb holds
// (a session token is about 1 KiB), so a secret straddling the cut never leaves its head.
const redactMargin = 4096

// writeBody writes body capped at DumpBodyLimit; size is the length of the
// body read (body may be an excerpt of it), truncated says the target sent
// more than that. A body that is not readable text is shown Go-quoted (bytes
// that are not UTF-8 alone, escaped as \xNN) so that reports stay valid UTF-8
// and control bytes cannot mangle a terminal. The body is redacted before it
// is cut: a secret straddling the cut would otherwise leave its head in the dump.
func writeBody(sb *strings.Builder, redact func(string) string, body []byte, size int, truncated bool) {
	if len(body) == 0 && !truncated {
		return
	}
	// Redact a little more than is shown (a secret straddling the cut still goes whole), never
	// the whole of a 1 MiB body: copies of every big body, rendered once per report, were what
	// put a hostile target's run over 100 MiB.
	head := body
	if len(head) > DumpBodyLimit+redactMargin {
		head = head[:DumpBodyLimit+redactMargin]
	}
	text := redact(string(head))
	if len(text) > DumpBodyLimit {
		text = text[:DumpBodyLimit]
	}
	shown := []byte(text)
	switch {
	case isText(shown):
		sb.WriteString(text)
	case onlyInvalidUTF8(shown):
		// Text but for bytes that are not UTF-8: the text as it is, those bytes escaped.
		sb.WriteString(invalidNote)
		sb.WriteString(showBytes(text, false))
	default:
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

// CurlOptions say how a curl line names its target.
type CurlOptions struct {
	// BaseVar, when set, names a shell variable that replaces the base URL (scheme, host and
	// prefix) in the line: for a target that is gone after the run, such as plumb's embedded
	// emulator on an ephemeral port. The line then reads "$BaseVar"'/path'.
	BaseVar string
	// Note, when set, is printed as a shell comment line before the curl line, e.g. how to start
	// a target and set BaseVar.
	Note string
}

// Curl renders the exchange's request as a shell line that re-sends it, signed anew by curl's
// own --aws-sigv4 (curl 7.75 or later) with the exchange's region and signing name. The
// credentials are the shell's: $AWS_ACCESS_KEY_ID, $AWS_SECRET_ACCESS_KEY and, when the
// original request carried a session token, $AWS_SESSION_TOKEN; the line holds the variable
// names, never their values. Authorization, X-Amz-Date, X-Amz-Content-Sha256 and
// X-Amz-Security-Token are left to curl.
func (e Exchange) Curl() string { return e.CurlWith(CurlOptions{}) }

// curlComputes are the headers curl's --aws-sigv4 writes itself.
var curlComputes = map[string]bool{"Authorization": true, "X-Amz-Date": true, "X-Amz-Content-Sha256": true, "X-Amz-Security-Token": true}

// CurlWith is Curl with the target named as o says.
func (e Exchange) CurlWith(o CurlOptions) string {
	r := e.Request
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	var sb strings.Builder
	if o.Note != "" {
		for _, line := range strings.Split(o.Note, "\n") {
			sb.WriteString("# ")
			sb.WriteString(line)
			sb.WriteString("\n")
		}
	}
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
	region := e.Region
	if region == "" {
		region = DefaultRegion
	}
	// "aws:amz" gives the AWS4-HMAC-SHA256 algorithm and X-Amz-* header names.
	sb.WriteString(" --aws-sigv4 ")
	sb.WriteString(shellQuote("aws:amz:" + region + ":" + r.Service))
	// Double quotes: the shell expands the variables, the line never holds their values.
	sb.WriteString(` --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`)
	if len(r.Header.Values("X-Amz-Security-Token")) > 0 {
		sb.WriteString(` -H "x-amz-security-token: $AWS_SESSION_TOKEN"`)
	}
	if method == http.MethodHead {
		sb.WriteString(" --head")
	} else {
		sb.WriteString(" -X ")
		sb.WriteString(shellQuote(method))
	}
	sb.WriteString(" ")
	sb.WriteString(e.curlURL(o.BaseVar))
	h := Redact(r.Header)
	for _, k := range slices.Sorted(maps.Keys(h)) {
		ck := http.CanonicalHeaderKey(k)
		if curlComputes[ck] {
			continue
		}
		for _, v := range h[k] {
			if ck == "User-Agent" {
				// -A, not -H: curl signs every -H header, and AWS signers leave User-Agent
				// unsigned (proxies rewrite it).
				sb.WriteString(" -A ")
				sb.WriteString(shellQuote(v))
				continue
			}
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
	return e.Redact(sb.String())
}

// curlURL is the quoted URL, its base replaced by "$baseVar" when baseVar is set.
func (e Exchange) curlURL(baseVar string) string {
	u := e.URL
	if u == "" {
		u = e.Request.RawPath
	}
	if baseVar == "" {
		return shellQuote(RedactString(u))
	}
	rest := u
	if e.Base != "" && strings.HasPrefix(u, e.Base) {
		rest = u[len(e.Base):]
	} else if p, err := url.Parse(u); err == nil && p.Host != "" {
		rest = u[strings.Index(u, p.Host)+len(p.Host):]
	}
	out := `"$` + baseVar + `"`
	if rest != "" {
		out += shellQuote(RedactString(rest))
	}
	return out
}

// ShellQuote quotes s as one POSIX shell word: in single quotes, each inner single quote closing
// the quotes, escaped, and reopening them.
func ShellQuote(s string) string { return shellQuote(s) }

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
