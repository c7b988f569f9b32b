package target_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/target"
)

// throttler answers the first `throttled` requests with status and header, then 200.
type throttler struct {
	throttled  int64
	status     int
	retryAfter string
	errorType  string // X-Amzn-ErrorType and __type of the throttling answer; "" for none
	hits       atomic.Int64
}

func (s *throttler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.hits.Add(1) <= s.throttled {
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		body := `{}`
		if s.errorType != "" {
			w.Header().Set("X-Amzn-ErrorType", s.errorType)
			body = `{"__type":"` + s.errorType + `","message":"Rate exceeded"}`
		}
		w.WriteHeader(s.status)
		_, _ = w.Write([]byte(body))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true}`))
}

// sleeps records the waits asked of Retry.Sleep without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

func TestThrottledTwiceThenServedIsTheServedAnswer(t *testing.T) {
	srv := &throttler{throttled: 2, status: http.StatusTooManyRequests, retryAfter: "0"}
	var sl sleeps
	c := newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: sl.sleep}})
	ex := do(t, c, getConnection("c1"))
	if ex.Response == nil || ex.Response.Status != http.StatusOK {
		t.Fatalf("want the 200 after two 429s, got %+v", ex)
	}
	if ex.Retries != 2 || srv.hits.Load() != 3 {
		t.Errorf("retries %d, requests %d; want 2 and 3", ex.Retries, srv.hits.Load())
	}
	if got := sl.all(); len(got) != 2 || got[0] != 0 || got[1] != 0 {
		t.Errorf("Retry-After: 0 asks for no wait, got waits %v", got)
	}
}

func TestPersistentThrottlingStopsAfterMaxAttempts(t *testing.T) {
	srv := &throttler{throttled: 1 << 30, status: http.StatusTooManyRequests}
	var sl sleeps
	c := newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: sl.sleep}})
	ex := do(t, c, getConnection("c1"))
	if ex.Response == nil || ex.Response.Status != http.StatusTooManyRequests {
		t.Fatalf("want the last 429, got %+v", ex)
	}
	if ex.Retries != target.DefaultMaxAttempts-1 || srv.hits.Load() != target.DefaultMaxAttempts {
		t.Errorf("retries %d, requests %d; want %d and %d", ex.Retries, srv.hits.Load(), target.DefaultMaxAttempts-1, target.DefaultMaxAttempts)
	}
	// No Retry-After: exponential back-off with full jitter, each wait at most Base·2ⁿ.
	for n, d := range sl.all() {
		if d < 0 || d > target.DefaultRetryBase<<n {
			t.Errorf("wait %d is %s, want within [0, %s]", n, d, target.DefaultRetryBase<<n)
		}
	}
}

func TestRetryAfterIsCapped(t *testing.T) {
	for _, ra := range []string{"3600", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)} {
		srv := &throttler{throttled: 1, status: http.StatusTooManyRequests, retryAfter: ra}
		var sl sleeps
		c := newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: sl.sleep, MaxDelay: 2 * time.Second}})
		ex := do(t, c, getConnection("c1"))
		if ex.Response == nil || ex.Response.Status != http.StatusOK || ex.Retries != 1 {
			t.Fatalf("Retry-After %q: want a 200 after one retry, got %+v", ra, ex)
		}
		if got := sl.all(); len(got) != 1 || got[0] != 2*time.Second {
			t.Errorf("Retry-After %q: want one wait of the 2s cap, got %v", ra, got)
		}
	}
}

func TestThrottlingExceptionIsRetriedWithTheProtocolClassifier(t *testing.T) {
	srv := &throttler{throttled: 1, status: http.StatusBadRequest, errorType: "ThrottlingException"}
	var sl sleeps
	c := newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: sl.sleep, Throttled: protocol.Throttled}})
	ex := do(t, c, createConnection())
	if ex.Response == nil || ex.Response.Status != http.StatusOK || ex.Retries != 1 {
		t.Fatalf("want a 200 after one retry of 400 ThrottlingException, got %+v", ex)
	}

	// Without it only a 429 is throttling: the 400 is the answer.
	srv = &throttler{throttled: 1, status: http.StatusBadRequest, errorType: "ThrottlingException"}
	c = newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: sl.sleep}})
	ex = do(t, c, createConnection())
	if ex.Response == nil || ex.Response.Status != http.StatusBadRequest || ex.Retries != 0 {
		t.Fatalf("default classifier: want the 400 unretried, got %+v", ex)
	}
}

func TestOtherErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusBadRequest, http.StatusInternalServerError} {
		srv := &throttler{throttled: 1, status: status, errorType: "ValidationException", retryAfter: "0"}
		c := newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Throttled: protocol.Throttled}})
		ex := do(t, c, getConnection("c1"))
		if ex.Response == nil || ex.Response.Status != status || ex.Retries != 0 || srv.hits.Load() != 1 {
			t.Errorf("%d ValidationException: want it answered once, unretried; got %+v after %d requests", status, ex.Response, srv.hits.Load())
		}
	}
}

func TestRetriesStopWithTheContext(t *testing.T) {
	// Interrupted while waiting: the 429 stands, nothing more is sent.
	srv := &throttler{throttled: 1 << 30, status: http.StatusTooManyRequests}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	c := newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: stop}})
	ex := c.Do(ctx, getConnection("c1"))
	if ex.Response == nil || ex.Response.Status != http.StatusTooManyRequests || ex.Retries != 0 || srv.hits.Load() != 1 {
		t.Errorf("want the first 429 and no retry, got %+v after %d requests", ex, srv.hits.Load())
	}

	// A deadline nearer than the wait: no wait at all.
	srv = &throttler{throttled: 1 << 30, status: http.StatusTooManyRequests, retryAfter: "5"}
	var sl sleeps
	c = newClient(t, newServer(t, srv).URL, target.Options{Retry: target.Retry{Sleep: sl.sleep}})
	ctx2, cancel2 := context.WithTimeout(context.Background(), time.Second)
	defer cancel2()
	ex = c.Do(ctx2, getConnection("c1"))
	if ex.Response == nil || ex.Response.Status != http.StatusTooManyRequests || len(sl.all()) != 0 || srv.hits.Load() != 1 {
		t.Errorf("want the 429 at once with no wait past the deadline, got %+v, waits %v", ex, sl.all())
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{" 7 ", 7 * time.Second, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
		{"1.5", 0, false},
	} {
		got, ok := target.RetryAfter(c.v, now)
		if got != c.want || ok != c.ok {
			t.Errorf("RetryAfter(%q) = %s, %v; want %s, %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

// countingLimiter counts the waits asked of it; err, when set, is returned instead.
type countingLimiter struct {
	waits atomic.Int64
	err   error
}

func (l *countingLimiter) Wait(context.Context) error {
	l.waits.Add(1)
	return l.err
}

func TestEveryAttemptWaitsForTheLimiter(t *testing.T) {
	srv := &throttler{throttled: 2, status: http.StatusTooManyRequests, retryAfter: "0"}
	lim := &countingLimiter{}
	var sl sleeps
	c := newClient(t, newServer(t, srv).URL, target.Options{Limiter: lim, Retry: target.Retry{Sleep: sl.sleep}})
	do(t, c, getConnection("c1")) // 2 throttled + 1 served
	do(t, c, getConnection("c2"))
	if lim.waits.Load() != 4 || srv.hits.Load() != 4 {
		t.Errorf("limiter waits %d, requests %d; want one wait per request sent (4)", lim.waits.Load(), srv.hits.Load())
	}
}

func TestALimiterThatGivesUpSendsNothing(t *testing.T) {
	srv := &throttler{}
	lim := &countingLimiter{err: context.Canceled}
	c := newClient(t, newServer(t, srv).URL, target.Options{Limiter: lim})
	ex := do(t, c, getConnection("c1"))
	if ex.Err == nil || ex.Err.Kind != target.KindOther || !errors.Is(ex.Err, context.Canceled) || srv.hits.Load() != 0 {
		t.Errorf("want a KindOther error wrapping the limiter's and no request, got %+v after %d requests", ex.Err, srv.hits.Load())
	}
}

func TestRateOption(t *testing.T) {
	if _, err := target.New(target.Options{Targets: map[string]string{"": "http://127.0.0.1:1"}, Rate: -1}); err == nil {
		t.Error("a negative Rate must be refused")
	}
	srv := &throttler{}
	c := newClient(t, newServer(t, srv).URL, target.Options{Rate: 1000})
	for range 3 {
		if ex := do(t, c, getConnection("c1")); ex.Response == nil || ex.Response.Status != http.StatusOK {
			t.Fatalf("rate-limited client: want 200, got %+v", ex)
		}
	}
}
