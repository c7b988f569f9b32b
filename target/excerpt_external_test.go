package target_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
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

// TestExcerptBoundsHeaders: a flood of long headers is cut to ExcerptLimit bytes, keeping the
// short ones the API sends, and the dump says how much was dropped.
func TestExcerptBoundsHeaders(t *testing.T) {
	h := http.Header{"Content-Type": {"application/json"}, "X-Amzn-Errortype": {"ValidationException"}}
	for i := range 1000 {
		h.Add("X-Flood", strings.Repeat(strconv.Itoa(i%10), 1000))
	}
	ex := target.Exchange{Response: &target.Response{Status: 400, Header: h, Body: []byte("{}")}}
	cut := ex.Excerpt()
	r := cut.Response
	n := 0
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v)
		}
	}
	if n > target.ExcerptLimit || r.HeadersCut == 0 {
		t.Errorf("excerpt keeps %d bytes of headers, dropped %d; want at most %d kept", n, r.HeadersCut, target.ExcerptLimit)
	}
	if r.Header.Get("X-Amzn-Errortype") != "ValidationException" || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("the API's own headers were dropped: %v", r.Header)
	}
	if len(ex.Response.Header["X-Flood"]) != 1000 {
		t.Error("Excerpt changed the original headers")
	}
	if !strings.Contains(cut.ResponseText(), "more bytes of headers not shown]") {
		t.Errorf("dump does not say headers were dropped:\n%.300s", cut.ResponseText())
	}
}
