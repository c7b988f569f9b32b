package target_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/plumbhq/plumb/target"
)

// TestExcerptKeepsWhatReportsShow: an excerpt holds at most ExcerptLimit bytes of the body in
// a slice of its own, and dumps read the same from it as from the whole exchange.
func TestExcerptKeepsWhatReportsShow(t *testing.T) {
	big := bytes.Repeat([]byte("a"), 1<<20)
	ex := target.Exchange{URL: "http://127.0.0.1/", Request: getConnection("dxcon-1"),
		Response: &target.Response{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: big, Truncated: true}}
	cut := ex.Excerpt()
	if len(cut.Response.Body) != target.ExcerptLimit || cut.Response.Size != len(big) {
		t.Fatalf("excerpt keeps %d bytes of %d; want %d of %d", len(cut.Response.Body), cut.Response.Size, target.ExcerptLimit, len(big))
	}
	if cap(cut.Response.Body) > target.ExcerptLimit || &cut.Response.Body[0] == &big[0] {
		t.Error("the excerpt shares the whole body's memory")
	}
	if len(ex.Response.Body) != len(big) {
		t.Error("Excerpt changed the original exchange")
	}
	if got, want := cut.ResponseText(), ex.ResponseText(); got != want {
		t.Errorf("dump of the excerpt differs:\n%s\nwant\n%s", got, want)
	}
	small := target.Exchange{Response: &target.Response{Status: 200, Body: []byte("{}")}}
	if s := small.Excerpt(); s.Response != small.Response {
		t.Error("a small body was copied")
	}
	if none := (target.Exchange{Err: &target.TransportError{Kind: target.KindTimeout}}).Excerpt(); none.Response != nil {
		t.Error("an exchange without response got one")
	}
}
