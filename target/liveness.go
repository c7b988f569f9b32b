package target

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// DefaultSilentLimit is how many exchanges in a row may go unanswered (or hit a TLS/plain-HTTP
// mismatch) before a target that never answered is declared not answering.
const DefaultSilentLimit = 5

// ErrNotAnswering is wrapped by the error Client.NotAnswering returns for a target that never
// answered.
var ErrNotAnswering = errors.New("target not answering")

// ErrThrottling is wrapped by the error Client.NotAnswering returns for a target whose every
// answer, retries spent, said "slow down": nothing it said judges the input, so the run stops
// inconclusive instead of spending every request's back-off (270 scenarios x 3 s).
var ErrThrottling = errors.New("target throttles every request")

// liveness watches every exchange's outcome and decides, once, that the target is not
// answering: SilentLimit exchanges in a row got no response within the timeout, or met the
// other side of a TLS/plain-HTTP mismatch, and no exchange before them was answered. A target
// that accepts connections and never answers would otherwise cost every request its full
// timeout (265 scenarios x 2 s); a target that answered even once is judged the usual way
// (its silences are findings), so one hanging operation among working ones never stops a run.
type liveness struct {
	limit     int // <= 0: never declare
	timeout   time.Duration
	throttled func(*Response) bool // Retry.Throttled: a "slow down" answer, not a judgement

	mu       sync.Mutex
	answered bool
	streak   int
	slowed   int   // throttling answers in a row, retries spent
	cause    error // set once
	dead     chan struct{}
	cancel   context.CancelFunc // cancels requests in flight once the cause is set
	inflight context.Context
}

func newLiveness(limit int, timeout time.Duration, throttled func(*Response) bool) *liveness {
	ctx, cancel := context.WithCancel(context.Background())
	return &liveness{limit: limit, timeout: timeout, throttled: throttled, dead: make(chan struct{}), inflight: ctx, cancel: cancel}
}

// err returns the cause once the target was declared not answering, nil before.
func (l *liveness) err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cause
}

// observe feeds one finished exchange, sent to url.
func (l *liveness) observe(ex Exchange, url string) {
	if l.limit <= 0 || ex.Err != nil && ex.Err.Kind == KindInvalidRequest {
		return
	}
	why := silence(ex, url, l.timeout)
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.cause != nil:
	case why == nil && ex.Response != nil && l.throttled != nil && l.throttled(ex.Response) && !l.answered:
		// Still "slow down" after the retries: no answer yet, and no silence either.
		l.streak = 0
		if l.slowed++; l.slowed >= l.limit {
			l.cause = fmt.Errorf("%w: %d requests in a row were answered %d (retried %d times each) (%s): lower the request rate (--rate) or retry later",
				ErrThrottling, l.slowed, ex.Response.Status, ex.Retries, RedactString(baseOf(url)))
			close(l.dead)
			l.cancel()
		}
	case why == nil && ex.Response != nil:
		l.answered, l.streak, l.slowed = true, 0, 0
	case why == nil:
		// A reset or garbage is neither an answer nor silence: a TLS server hit with plain
		// HTTP often resets instead of finishing its 400, depending on timing. The streak
		// goes on.
	case !l.answered:
		l.streak++
		if l.streak < l.limit {
			return
		}
		var mismatch *mismatchError
		if errors.As(why, &mismatch) {
			l.cause = fmt.Errorf("%w: %s", ErrNotAnswering, mismatch.msg)
		} else {
			l.cause = fmt.Errorf("%w: %d requests in a row got %v (%s)", ErrNotAnswering, l.streak, why, RedactString(baseOf(url)))
		}
		close(l.dead)
		l.cancel()
	}
}

type mismatchError struct{ msg string }

func (e *mismatchError) Error() string { return e.msg }

// silence says why ex counts as no answer at all ("no response within 2s", a TLS mismatch);
// nil when it is an answer or a different failure (a reset, garbage: findings of their own).
func silence(ex Exchange, url string, timeout time.Duration) error {
	base := RedactString(baseOf(url))
	if r := ex.Response; r != nil {
		// Go's TLS servers answer a plain-HTTP request with this 400 and close; nginx says the
		// second. Neither is the API answering.
		if r.Status == 400 && (containsFold(r.Body, "HTTP request to an HTTPS server") ||
			containsFold(r.Body, "plain HTTP request was sent to HTTPS port")) {
			return &mismatchError{fmt.Sprintf("target speaks TLS but the URL is %s (use https://)", base)}
		}
		return nil
	}
	if ex.Err == nil {
		return nil
	}
	msg := ex.Err.Error()
	switch {
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"),
		strings.Contains(msg, "first record does not look like a TLS handshake"):
		return &mismatchError{fmt.Sprintf("target speaks plain HTTP but the URL is %s (use http://)", base)}
	case strings.Contains(msg, `malformed HTTP response "\x15\x03`), strings.Contains(msg, `malformed HTTP response "\x16\x03`):
		// A TLS record (alert or handshake) where an HTTP status line should be.
		return &mismatchError{fmt.Sprintf("target speaks TLS but the URL is %s (use https://)", base)}
	case ex.Err.Kind == KindTimeout:
		return fmt.Errorf("no response within %s", timeout)
	}
	return nil
}

func containsFold(b []byte, s string) bool {
	return strings.Contains(strings.ToLower(string(b[:min(len(b), 512)])), strings.ToLower(s))
}

// baseOf cuts a request URL to scheme://host.
func baseOf(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	host, _, _ := strings.Cut(rest, "/")
	return scheme + "://" + host
}

// NotAnswering returns nil while the target may still answer, and an error wrapping
// ErrNotAnswering, naming the cause in one line, once it was declared not answering (see
// Options.SilentLimit), or ErrThrottling once as many requests in a row, and none before, were
// still throttled after their retries. From then on Do sends nothing and fails at once, and requests in flight
// are cancelled; drivers stop their run and the CLI exits 3.
func (c *Client) NotAnswering() error { return c.live.err() }

// Silent is closed when the target is declared not answering, for drivers that select on it.
func (c *Client) Silent() <-chan struct{} { return c.live.dead }

// Do signs r and sends it, waiting at most Options.Timeout for the whole exchange including
// the body. It never panics and never returns a nil Response with a nil Err. Once the target
// was declared not answering (NotAnswering), it sends nothing and fails at once.
func (c *Client) Do(ctx context.Context, r Request) Exchange {
	if err := c.live.err(); err != nil {
		r.Header = Redact(r.Header)
		return Exchange{Request: r, Err: &TransportError{Kind: KindOther, Err: err}}
	}
	caller := ctx
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	unhook := context.AfterFunc(c.live.inflight, stop)
	defer unhook()
	ex := c.send(ctx, r)
	if c.live.inflight.Err() != nil || caller.Err() != nil {
		// Cut short by the caller (an interrupt, the end of a campaign) or because the
		// target was declared not answering: no evidence of silence.
		return ex
	}
	c.live.observe(ex, ex.URL)
	return ex
}
