package target

import (
	"net/http"
	"time"
)

// Request is one already-encoded request. The protocol package builds it; this
// package only signs and sends it.
type Request struct {
	Operation string      // operationId, for reports ("PutThing")
	Service   string      // "outposts" | "directconnect": picks the base URL and the SigV4 signing name
	Method    string      // HTTP method; "" means GET
	RawPath   string      // escaped path exactly as sent, e.g. "/connections/ab%2Bc%2Fd%3D"; may end in "?query"
	Header    http.Header // e.g. Content-Type, X-Amz-Target; may be nil. Host, Content-Length and Transfer-Encoding are ignored.
	Body      []byte
}

// Response is what the target answered.
type Response struct {
	Status    int
	Header    http.Header
	Body      []byte // at most Options.MaxBodyBytes
	Truncated bool   // the body was longer than the cap; the rest was discarded
	// Size is the length of the body as read when Body is an excerpt of it
	// (Exchange.Excerpt); 0 when Body is the whole body read.
	Size int
	// HeadersCut counts the bytes of header names and values Exchange.Excerpt
	// dropped (0: Header is every header the target sent).
	HeadersCut int
}

// Exchange records one request and its outcome. Exactly one of Response and
// Err is non-nil.
type Exchange struct {
	// Request is the request as sent: Header holds every header the client
	// set (User-Agent, X-Amz-Date, Authorization, ...) with secrets already
	// replaced by "REDACTED", so an Exchange can be stored or printed as is.
	Request  Request
	URL      string    // full URL sent to
	Base     string    // the target's base URL (scheme://host[/prefix]) URL starts with
	Region   string    // the SigV4 signing region; the signing name is Request.Service
	Response *Response // nil when Err != nil
	Err      *TransportError
	// Duration runs from just before the first attempt to the end of the last body read,
	// retry and --rate waits included.
	Duration time.Duration
	// Retries counts the attempts made before this one because the target throttled them
	// (Options.Retry): 0 when the first answer is the one recorded.
	Retries int

	// sent keeps the Authorization value the request was signed with, so that Redact can
	// remove it and its signature from whatever the target echoes. Nil for an exchange
	// that was never signed or was built outside Client.Do.
	sent *sentSecrets
}
