package check

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// markBase carries a byte that is not valid UTF-8 through encoding/json, which would turn it
// into U+FFFD: byte b becomes rune markBase+b (Supplementary Private Use Area-B), valid UTF-8
// that decodes and re-encodes unchanged, and is shown as \xNN again (unmark). Only values quoted
// in messages go this way; the schema is judged on the body as decoders read it. A target
// that sends U+10FF80..U+10FFFF in the same body as invalid bytes would see those shown as
// \xNN too: private-use characters no AWS API documents.
const markBase = 0x10FF00

// markInvalid returns body with every byte that is not valid UTF-8 replaced by its marker.
func markInvalid(body []byte) []byte {
	out := make([]byte, 0, len(body)+16)
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n <= 1 {
			out = utf8.AppendRune(out, markBase+rune(body[i]))
		} else {
			out = append(out, body[i:i+n]...)
		}
		i += n
	}
	return out
}

// unmark shows every marker in s as the \xNN it stands for.
func unmark(s string) string {
	if !strings.ContainsFunc(s, isMark) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isMark(r) {
			fmt.Fprintf(&b, `\x%02x`, r-markBase)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isMark: markers stand for bytes 0x80-0xFF only, the bytes that can be invalid UTF-8.
func isMark(r rune) bool { return r >= markBase+0x80 && r <= markBase+0xFF }
