package check_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/secret"
)

// A target that echoes a credential plumb signs with into a body the checks quote: no message
// or cause may carry it, not even the head of a long session token that quoting cuts.
func TestMessagesAreRedactedByValue(t *testing.T) {
	token := "IQoJb3JpZ2luX2VjECHECK/" + strings.Repeat("T0k3n", 60) // longer than any quote
	secret.Held().Add(token)
	e := engine(t, false)
	for name, ex := range map[string]struct {
		status int
		body   string
		header []string
	}{
		"not JSON":             {200, token + " went wrong", []string{"Content-Type", "application/x-amz-json-1.1"}},
		"error message member": {400, `{"message":"bad token ` + token + `"}`, []string{"Content-Type", "application/x-amz-json-1.1", "X-Amzn-ErrorType", "ValidationException"}},
		"content type":         {400, `{}`, []string{"Content-Type", token}},
	} {
		t.Run(name, func(t *testing.T) {
			rs := e.Check(op(t, "CreateConnection"), check.Valid(), exchange(ex.status, ex.body, ex.header...))
			quoted := false
			for _, r := range rs {
				for _, text := range append([]string{r.Message}, r.Causes...) {
					if strings.Contains(text, token[:12]) {
						t.Errorf("%s %s leaks the token: %s", r.Check, r.Status, text)
					}
					quoted = quoted || strings.Contains(text, secret.Redacted)
				}
			}
			if !quoted {
				t.Errorf("no message quoted the target's text: %+v", rs)
			}
		})
	}
}
