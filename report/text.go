package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// printable makes s safe to put in XML 1.0, HTML, JSON and a terminal:
// bytes of invalid UTF-8 and control characters other than tab, newline and
// carriage return (illegal in XML 1.0, and ESC would let a response body
// drive the reader's terminal) are shown as \xNN so the evidence survives.
// U+FFFE and U+FFFF, also illegal in XML, are shown as \u{FFFE}/\u{FFFF}.
func printable(s string) string {
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case legal(r, size):
			b.WriteRune(r)
		case r < 0x80 || (r == utf8.RuneError && size <= 1):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default: // U+FFFE, U+FFFF
			fmt.Fprintf(&b, `\u{%X}`, r)
		}
		i += size
	}
	return b.String()
}

func isPrintable(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !legal(r, size) {
			return false
		}
		i += size
	}
	return true
}

// legal reports whether a decoded rune can be written as is.
func legal(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return false
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r == 0x7f, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// firstLine is the first non-empty line of s, trimmed, for one-line summaries
// such as JUnit's failure message attribute.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// orDash shows an empty label as a dash so tables keep their shape.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// seconds formats d the way JUnit consumers expect: decimal seconds.
func seconds(d interface{ Seconds() float64 }) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}

func itoa(i int) string    { return strconv.Itoa(i) }
func utoa(u uint64) string { return strconv.FormatUint(u, 10) }
