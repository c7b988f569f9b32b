package check_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
)

// Bytes a target sends that are not UTF-8 are quoted as \xNN in messages, never as U+FFFD:
// the message of an error, and a member value a schema failure quotes.
func TestInvalidUTF8IsShownAsSent(t *testing.T) {
	exp := check.Invalid("$.location", "required", "DirectConnectClientException", 400)
	ex := exchange(400, "{\"__type\":\"TooManyTagsException\",\"message\":\"caf\xe9 \xff\"}", "Content-Type", ctAmzJSON)
	rs := engine(t, false).Check(op(t, "CreateConnection"), exp, ex)
	r := want(t, rs, check.NegativeDataRejection, check.Fail, `caf\xe9 \xff`)
	if strings.ContainsRune(r.Message, '\uFFFD') {
		t.Errorf("U+FFFD in %q", r.Message)
	}

	body := "{\"ConnectionId\":\"ab\xffc\",\"UnderlayIpAddress\":\"10.0.0.1\"}"
	rs = engine(t, false).Check(op(t, "StartConnection"), check.Valid(), exchange(200, body, "Content-Type", ctJSON))
	r = want(t, rs, check.ResponseSchema, check.Fail, `$.ConnectionId pattern`, `(got "ab\xffc")`)
	if strings.ContainsRune(r.Message, '\uFFFD') {
		t.Errorf("U+FFFD in %q", r.Message)
	}
}
