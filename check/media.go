package check

import (
	"fmt"
	"mime"
	"strings"
)

// contentType: a success carries the operation's documented output media type; an error carries
// the protocol's (restJson1: application/json; awsJson1_1: application/x-amz-json-1.1 or
// application/json, AWS sends both). Parameters such as charset are ignored; case does not
// matter. Every response documents a JSON body (errors a message member), so a missing
// Content-Type fails.
func (f *facts) contentType() Result {
	want := []string{strings.ToLower(f.op.OutputContentType)}
	if f.status >= 400 {
		want = f.m.errorMedia
	} else if f.status != f.op.Success() {
		return skip(ContentType, fmt.Sprintf("status %d: see %s", f.status, StatusCode))
	} else if f.op.OutputContentType == "" {
		return skip(ContentType, fmt.Sprintf("status %d documents no body", f.status))
	}
	wantText := strings.Join(want, " or ")
	ct := f.header.Get("Content-Type")
	if ct == "" {
		return fail(ContentType, f.statusClass()+" with no Content-Type", fmt.Sprintf("no Content-Type header on %s; expected %s", f.describe(), wantText))
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return fail(ContentType, f.statusClass()+" with an unparsable Content-Type", fmt.Sprintf("Content-Type %s does not parse (%v); expected %s", quote(ct), err, wantText))
	}
	for _, w := range want {
		if strings.EqualFold(mt, w) {
			return pass(ContentType)
		}
	}
	return fail(ContentType, fmt.Sprintf("%s with Content-Type %s (expected %s)", f.statusClass(), strings.ToLower(mt), wantText),
		fmt.Sprintf("Content-Type %s on %s; expected %s", quote(ct), f.describe(), wantText))
}
