package target

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// invalidNote heads a dumped body whose invalid UTF-8 bytes are shown escaped.
const invalidNote = `[invalid UTF-8 shown as \xNN] `

// showBytes returns s with every byte that is not part of valid UTF-8 written \xNN, and with
// ctl every control character but tab too; valid text is kept as it is. An encoder would turn
// invalid bytes into U+FFFD (encoding/json does, for JSON reports and replay files) and hide
// what the target sent.
func showBytes(s string, ctl bool) string {
	if !needsEscape(s, ctl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1, ctl && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string, ctl bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || ctl && isControl(r) {
			return true
		}
		i += n
	}
	return false
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }

// onlyInvalidUTF8 reports whether b is text but for bytes that are not valid UTF-8: no control
// characters other than tab, CR and LF.
func onlyInvalidUTF8(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
				return false
			}
		}
		i += n
	}
	return true
}
