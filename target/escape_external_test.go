package target_test

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plumbhq/plumb/target"
)

// Dumps show bytes that are not UTF-8 as \xNN and keep the valid text around them as it is;
// header values too.
func TestDumpsShowInvalidUTF8Escaped(t *testing.T) {
	ex := target.Exchange{Response: &target.Response{Status: 400,
		Header: http.Header{"X-Amzn-Errortype": {"Bad\xffType"}, "X-Odd": {"a\x1bb"}},
		Body:   []byte("{\"message\":\"caf\xe9 \u00e9\"}")}}
	text := ex.ResponseText()
	for _, want := range []string{`{"message":"caf\xe9 ` + "\u00e9" + `"}`, `X-Amzn-Errortype: Bad\xffType`, `X-Odd: a\x1bb`, `[invalid UTF-8 shown as \xNN]`} {
		if !strings.Contains(text, want) {
			t.Errorf("ResponseText lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsRune(text, '\uFFFD') || !utf8.ValidString(text) || strings.Contains(text, "\x1b") {
		t.Errorf("ResponseText must be valid UTF-8 without U+FFFD or control bytes:\n%q", text)
	}
}
