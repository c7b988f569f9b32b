package target

import (
	"cmp"
	"net/http"
	"slices"
)

// ExcerptLimit is how many bytes of a response body, and of its header names and values,
// Exchange.Excerpt keeps: more than the dumps show of a body (DumpBodyLimit), so reports read
// the same from an excerpt as from the whole body.
const ExcerptLimit = 16 << 10

// Excerpt returns e with its response body cut to ExcerptLimit bytes, copied so the full body
// (up to Options.MaxBodyBytes) can be freed; Response.Size keeps how long the body read was, so
// the dumps still say how much was cut. Headers past ExcerptLimit bytes (a target may send up
// to 1 MiB of them) are dropped the same way, counted in Response.HeadersCut. Drivers keep
// excerpts, never whole responses, of the exchanges they report once the checks have judged
// them: memory then stays bounded by the number of exchanges kept, whatever the target sends.
// The request is kept whole: plumb made it and a replay needs it.
func (e Exchange) Excerpt() Exchange {
	r := e.Response
	if r == nil || len(r.Body) <= ExcerptLimit && headerBytes(r.Header) <= ExcerptLimit {
		return e
	}
	cut := *r
	if len(r.Body) > ExcerptLimit {
		cut.Size = r.size()
		cut.Body = append([]byte(nil), r.Body[:ExcerptLimit]...)
	}
	if headerBytes(r.Header) > ExcerptLimit {
		var dropped int
		cut.Header, dropped = excerptHeader(r.Header, ExcerptLimit)
		cut.HeadersCut += dropped
	}
	e.Response = &cut
	return e
}

// HeaderSize is how many bytes the response's header names and values hold.
func (r *Response) HeaderSize() int { return headerBytes(r.Header) }

// size is the length of the body as read, excerpt or not.
func (r *Response) size() int { return max(r.Size, len(r.Body)) }

func headerBytes(h http.Header) int {
	n := 0
	for k, vs := range h {
		for _, v := range vs {
			n += len(k) + len(v)
		}
	}
	return n
}

// excerptHeader keeps h's header lines while they fit in limit bytes, copied, shortest
// first (then in name order): a flood of long headers does not push out the API's own short
// ones (Content-Type, X-Amzn-ErrorType) that reports and the constraint table read. It returns
// how many bytes of names and values it dropped.
func excerptHeader(h http.Header, limit int) (http.Header, int) {
	type line struct{ k, v string }
	var lines []line
	for k, vs := range h {
		for _, v := range vs {
			lines = append(lines, line{k, v})
		}
	}
	slices.SortStableFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(len(a.k)+len(a.v), len(b.k)+len(b.v)), cmp.Compare(a.k, b.k))
	})
	out := http.Header{}
	kept, dropped := 0, 0
	for _, l := range lines {
		if n := len(l.k) + len(l.v); kept+n <= limit {
			kept += n
			out[l.k] = append(out[l.k], l.v)
		} else {
			dropped += n
		}
	}
	return out, dropped
}
