package target

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Defaults of Retry, applied by New to its zero fields. They follow the AWS SDKs' standard
// retryer (3 retries, exponential back-off with full jitter) with a shorter base and cap: a
// conformance run wants an answer, not to outwait a quota.
const (
	DefaultMaxAttempts   = 4
	DefaultRetryBase     = 100 * time.Millisecond
	DefaultMaxRetryDelay = 5 * time.Second
)

// Retry tunes how Do retries throttling answers. A throttling answer comes before the target
// has judged the input, so it is no evidence: Do retries it a bounded number of times and
// returns the last exchange, which the checks see (a throttling answer that persists is
// inconclusive there). Nothing else is retried: a timeout, a reset or a 5xx is the target's
// answer and is judged.
type Retry struct {
	// MaxAttempts bounds the attempts, the first included; 1 disables retries. Default 4.
	MaxAttempts int
	// Base is the first back-off step; each retry doubles it, up to MaxDelay, and waits a random
	// fraction of it (full jitter). Default 100 ms.
	Base time.Duration
	// MaxDelay caps one wait, a Retry-After header's included. Default 5 s.
	MaxDelay time.Duration
	// Throttled tells a throttling answer. nil: status 429 only. The CLI sets
	// protocol.Throttled, which also reads the error type (ThrottlingException and the like,
	// however the protocol names it); this package cannot, since protocol imports it.
	Throttled func(*Response) bool
	// Sleep waits d or until ctx ends, returning ctx's error then. nil: a timer. Tests inject
	// one so that they do not wait.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (r Retry) withDefaults() Retry {
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = DefaultMaxAttempts
	}
	if r.Base <= 0 {
		r.Base = DefaultRetryBase
	}
	if r.MaxDelay <= 0 {
		r.MaxDelay = DefaultMaxRetryDelay
	}
	if r.Throttled == nil {
		r.Throttled = func(resp *Response) bool { return resp.Status == http.StatusTooManyRequests }
	}
	if r.Sleep == nil {
		r.Sleep = sleep
	}
	return r
}

// send (called by Do, liveness.go, which watches its outcome) signs r and sends it, waiting at
// most Options.Timeout for each attempt including its body,
// and for the rate limiter (Options.Rate) before each. A throttling answer (Retry.Throttled) is
// retried after its Retry-After, or else an exponential back-off with jitter, each wait capped
// at Retry.MaxDelay, at most Retry.MaxAttempts attempts in all, never past ctx: when ctx ends
// or its deadline is nearer than the next wait, the last answer is returned. Exchange.Retries
// counts the retries made. send never panics and never returns a nil Response with a nil Err.
func (c *Client) send(ctx context.Context, r Request) Exchange {
	start := time.Now()
	retry := c.opts.Retry
	var last Exchange
	for n := 0; ; n++ {
		if err := c.opts.Limiter.Wait(ctx); err != nil {
			if n > 0 {
				return last // a retry not sent: the throttling answer stands
			}
			ex := Exchange{Request: r}
			ex.Request.Header = nil
			ex.Err = &TransportError{Kind: KindOther, Err: fmt.Errorf("not sent: waiting for the --rate limit: %w", err)}
			ex.Duration = time.Since(start)
			return ex
		}
		ex := c.attempt(ctx, r)
		ex.Retries = n
		ex.Duration = time.Since(start)
		if ex.Response == nil || n+1 >= retry.MaxAttempts || !retry.Throttled(ex.Response) {
			return ex
		}
		d := retry.delay(n, ex.Response.Header)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
			return ex // no time left to wait: the throttling answer stands
		}
		if retry.Sleep(ctx, d) != nil {
			return ex
		}
		last = ex
	}
}

// delay is the wait before retry n+1 (n counts from 0): the answer's Retry-After when it gives
// one, else full jitter over Base·2ⁿ, capped at MaxDelay either way.
func (r Retry) delay(n int, h http.Header) time.Duration {
	if d, ok := RetryAfter(h.Get("Retry-After"), time.Now()); ok {
		return min(d, r.MaxDelay)
	}
	step := r.MaxDelay
	if n < 30 {
		step = min(r.Base<<n, r.MaxDelay)
	}
	return time.Duration(rand.Int64N(int64(step) + 1))
}

// RetryAfter reads a Retry-After value (RFC 9110 section 10.2.3): delay-seconds or an HTTP
// date, relative to now. A date in the past is 0; ok is false when v is neither.
func RetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil {
		if secs > uint64(24*time.Hour/time.Second) {
			secs = uint64(24 * time.Hour / time.Second) // any cap will do; Do caps it further
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
