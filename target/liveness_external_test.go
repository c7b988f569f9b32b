package target_test

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plumbhq/plumb/target"
	"github.com/plumbhq/plumb/target/targettest"
)

// silentListener starts a target that accepts connections on 127.0.0.1 and never answers.
func silentListener(t *testing.T) (string, *targettest.Silent) {
	s := targettest.StartSilent(t)
	return s.URL, s
}

// TestSilentTargetIsDeclaredNotAnsweringAndNoLongerSent: after SilentLimit requests in a row
// without a response, the client names the cause once, closes Silent, and sends nothing more.
func TestSilentTargetIsDeclaredNotAnsweringAndNoLongerSent(t *testing.T) {
	url, conns := silentListener(t)
	c := newClient(t, url, target.Options{Timeout: shortTimeout})
	for range 20 {
		ex := do(t, c, getConnection("dxcon-1"))
		if ex.Response != nil {
			t.Fatal("a silent target answered")
		}
	}
	err := c.NotAnswering()
	if !errors.Is(err, target.ErrNotAnswering) {
		t.Fatalf("NotAnswering() = %v; want ErrNotAnswering", err)
	}
	want := "target not answering: 5 requests in a row got no response within 200ms (" + url + ")"
	if err.Error() != want {
		t.Errorf("NotAnswering() = %q\nwant            %q", err, want)
	}
	select {
	case <-c.Silent():
	default:
		t.Error("Silent() not closed")
	}
	if n := conns.Conns(); n != target.DefaultSilentLimit {
		t.Errorf("the target saw %d connections; want %d (nothing sent once declared)", n, target.DefaultSilentLimit)
	}
}

// TestTargetThatAnsweredOnceIsNeverDeclaredSilent: silences after an answer are the target's
// findings (a hanging operation), not a reason to stop the run.
func TestTargetThatAnsweredOnceIsNeverDeclaredSilent(t *testing.T) {
	var answered atomic.Bool
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if answered.CompareAndSwap(false, true) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, "{}")
			return
		}
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	c := newClient(t, s.URL, target.Options{Timeout: shortTimeout})
	timeouts := 0
	for range 2 * target.DefaultSilentLimit {
		if ex := do(t, c, getConnection("dxcon-1")); ex.Err != nil && ex.Err.Kind == target.KindTimeout {
			timeouts++
		}
	}
	if timeouts != 2*target.DefaultSilentLimit-1 {
		t.Errorf("%d timeouts; want every request after the first to be sent and time out", timeouts)
	}
	if err := c.NotAnswering(); err != nil {
		t.Errorf("NotAnswering() = %v; want nil for a target that answered", err)
	}
}

// TestNegativeSilentLimitNeverDeclares: the watch can be switched off.
func TestNegativeSilentLimitNeverDeclares(t *testing.T) {
	url, conns := silentListener(t)
	c := newClient(t, url, target.Options{Timeout: shortTimeout, SilentLimit: -1})
	for range target.DefaultSilentLimit + 2 {
		do(t, c, getConnection("dxcon-1"))
	}
	if err := c.NotAnswering(); err != nil || conns.Conns() != int64(target.DefaultSilentLimit+2) {
		t.Errorf("NotAnswering() = %v after %d connections; want nil and every request sent", err, conns.Conns())
	}
}

// TestProtocolMismatchIsNamed: a TLS server addressed with http://, or a plain one with
// https://, never answers the API: the cause names the scheme to use.
func TestProtocolMismatchIsNamed(t *testing.T) {
	for name, tc := range map[string]struct {
		tls          bool
		scheme, want string
	}{
		"TLS server, http URL":    {true, "http", "target speaks TLS but the URL is http://"},
		"plain server, https URL": {false, "https", "target speaks plain HTTP but the URL is https://"},
	} {
		t.Run(name, func(t *testing.T) {
			s := httptest.NewUnstartedServer(&capture{})
			s.Config.ErrorLog = log.New(io.Discard, "", 0)
			if tc.tls {
				s.StartTLS()
			} else {
				s.Start()
			}
			t.Cleanup(s.Close)
			url := tc.scheme + "://" + s.Listener.Addr().String()
			c := newClient(t, url, target.Options{Timeout: shortTimeout})
			for range 3 * target.DefaultSilentLimit {
				do(t, c, createConnection())
				do(t, c, getConnection("dxcon-1"))
			}
			err := c.NotAnswering()
			if err == nil || !strings.Contains(err.Error(), tc.want+s.Listener.Addr().String()) {
				t.Fatalf("NotAnswering() = %v; want %q", err, tc.want)
			}
		})
	}
}

// TestRequestsCutByTheCallerAreNoSilence: an interrupt or the end of a campaign cancelling
// requests in flight says nothing about the target.
func TestRequestsCutByTheCallerAreNoSilence(t *testing.T) {
	url, _ := silentListener(t)
	c := newClient(t, url, target.Options{Timeout: 30 * time.Second})
	for range 2 * target.DefaultSilentLimit {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		ex := c.Do(ctx, getConnection("dxcon-1"))
		cancel()
		if ex.Response != nil {
			t.Fatal("a silent target answered")
		}
	}
	if err := c.NotAnswering(); err != nil {
		t.Errorf("NotAnswering() = %v; want nil: the caller cut every request", err)
	}
}

// TestTargetThatOnlyThrottlesIsDeclared: a target whose every answer, retries spent, is still
// "slow down" stops the run like a silent one (ErrThrottling, not ErrNotAnswering: it answered,
// and the CLI says inconclusive); one real answer before it keeps the run going.
func TestTargetThatOnlyThrottlesIsDeclared(t *testing.T) {
	var sent atomic.Int64
	var judge atomic.Bool
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		if judge.Load() {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, "{}")
			return
		}
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	var sl sleeps
	c := newClient(t, s.URL, target.Options{Retry: target.Retry{Sleep: sl.sleep}})
	for range 2 * target.DefaultSilentLimit {
		do(t, c, getConnection("dxcon-1"))
	}
	err := c.NotAnswering()
	if !errors.Is(err, target.ErrThrottling) || errors.Is(err, target.ErrNotAnswering) {
		t.Fatalf("NotAnswering() = %v; want ErrThrottling", err)
	}
	if !strings.Contains(err.Error(), "5 requests in a row were answered 429 (retried 3 times each)") {
		t.Errorf("cause %q does not say what came back", err)
	}
	if got := sent.Load(); got != int64(target.DefaultSilentLimit*target.DefaultMaxAttempts) {
		t.Errorf("the target saw %d requests; want %d (the limit, each with its retries), then none", got, target.DefaultSilentLimit*target.DefaultMaxAttempts)
	}

	judge.Store(true) // a target that judged once is never stopped for throttling
	c = newClient(t, s.URL, target.Options{Retry: target.Retry{Sleep: sl.sleep}})
	do(t, c, getConnection("dxcon-1"))
	judge.Store(false)
	for range 2 * target.DefaultSilentLimit {
		do(t, c, getConnection("dxcon-1"))
	}
	if err := c.NotAnswering(); err != nil {
		t.Errorf("NotAnswering() = %v after a real answer; want nil", err)
	}
}
