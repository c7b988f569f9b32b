package target

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/textproto"
	"net/url"
	"strings"
	"syscall"
)

// FailureKind classifies why an exchange produced no response.
type FailureKind string

// The failure kinds. Reports group transport failures by these strings, so
// they are part of the output format: do not rename them.
const (
	KindTimeout FailureKind = "timeout" // no complete response within Options.Timeout
	KindRefused FailureKind = "refused" // nothing listens at the target address
	KindReset   FailureKind = "reset"   // the connection was reset or closed before the response was complete
	KindGarbage FailureKind = "garbage" // the target answered bytes that are not a valid HTTP response
	// KindBodyTooLarge is never produced by Do: a body over the cap yields a
	// Response with Truncated set. Callers that treat truncation as a
	// failure use this kind to report it.
	KindBodyTooLarge FailureKind = "body-too-large"
	// KindInvalidRequest marks a request the client refused to send (no
	// target for the service, a raw path that cannot go on the wire, no
	// credentials). It is the harness's fault, not the target's.
	KindInvalidRequest FailureKind = "invalid-request"
	KindOther          FailureKind = "other" // anything else, including cancellation by the caller
)

// TransportError is a failed exchange: no usable response.
type TransportError struct {
	Kind FailureKind
	Err  error
}

func (e *TransportError) Error() string {
	if e.Err == nil {
		return string(e.Kind)
	}
	return string(e.Kind) + ": " + e.Err.Error()
}

func (e *TransportError) Unwrap() error { return e.Err }

func invalid(err error) *TransportError {
	return &TransportError{Kind: KindInvalidRequest, Err: err}
}

// classify maps an error from net/http to a FailureKind. ctx is the
// per-exchange context: once its deadline has passed, whatever error the
// transport reports (often just "canceled") was caused by the timeout.
func classify(ctx context.Context, err error) *TransportError {
	kind := kindOf(ctx, err)
	// net/http wraps the cause in a *url.Error that prints the opaque-form URL ("http:/path");
	// the exchange records the real URL, so keep only the cause.
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return &TransportError{Kind: kind, Err: err}
}

func kindOf(ctx context.Context, err error) FailureKind {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return KindTimeout
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return KindTimeout
	}
	if errors.Is(err, context.Canceled) {
		return KindOther
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return KindRefused
	}
	if isGarbage(err) {
		return KindGarbage
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) {
		return KindReset
	}
	msg := err.Error()
	for _, s := range resetMessages {
		if strings.Contains(msg, s) {
			return KindReset
		}
	}
	return KindOther
}

// net/http reports most malformed responses with unexported error types, so
// the message is all there is to go on. The list covers response.go,
// transfer.go, internal/chunked.go and net/textproto.
var garbageMessages = []string{
	"malformed HTTP",
	"malformed MIME header",
	"malformed chunked encoding",
	"invalid byte in chunk length",
	"chunk length",
	"bad Content-Length",
	"invalid Content-Length",
	"unsupported transfer encoding",
	"too many transfer encodings",
	"invalid Trailer",
	"response headers exceeded",
	"server gave HTTP response to HTTPS client",
}

var resetMessages = []string{
	"connection reset",
	"broken pipe",
	"server closed idle connection",
	"use of closed network connection",
}

func isGarbage(err error) bool {
	var pe textproto.ProtocolError
	if errors.As(err, &pe) {
		return true
	}
	var rh tls.RecordHeaderError
	if errors.As(err, &rh) {
		return true
	}
	msg := err.Error()
	for _, s := range garbageMessages {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
