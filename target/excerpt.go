package target

// ExcerptLimit is how many bytes of a response body Exchange.Excerpt keeps: more than the
// dumps show (DumpBodyLimit), so reports read the same from an excerpt as from the whole body.
const ExcerptLimit = 16 << 10

// Excerpt returns e with its response body cut to ExcerptLimit bytes, copied so the full body
// (up to Options.MaxBodyBytes) can be freed; Response.Size keeps how long the body read was, so
// the dumps still say how much was cut. Drivers keep excerpts, never whole bodies, of the
// exchanges they report once the checks have judged them: memory then stays bounded by the
// number of exchanges kept, whatever the target sends. The request is kept whole: plumb made
// it and a replay needs it.
func (e Exchange) Excerpt() Exchange {
	r := e.Response
	if r == nil || len(r.Body) <= ExcerptLimit {
		return e
	}
	cut := *r
	cut.Size = r.size()
	cut.Body = append([]byte(nil), r.Body[:ExcerptLimit]...)
	e.Response = &cut
	return e
}

// size is the length of the body as read, excerpt or not.
func (r *Response) size() int { return max(r.Size, len(r.Body)) }
