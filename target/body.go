package target

import (
	"io"
	"net/http"
)

// drainLimit is how much of an over-cap body is read and discarded so the
// connection can be reused; past it the connection is closed instead.
const drainLimit = 64 << 10

// readBody reads at most limit bytes of the body and closes it.
func readBody(resp *http.Response, limit int64) (body []byte, truncated bool, err error) {
	defer resp.Body.Close()
	if cl := resp.ContentLength; cl >= 0 && cl <= limit {
		// Known small length: one exact allocation.
		body = make([]byte, cl)
		if _, err := io.ReadFull(resp.Body, body); err != nil {
			return nil, false, err
		}
		return body, false, nil
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(body)) <= limit {
		return body, false, nil
	}
	// Errors while discarding do not matter: the capped body is complete.
	_, _ = io.CopyN(io.Discard, resp.Body, drainLimit)
	return body[:limit:limit], true, nil
}
