package target_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/plumbhq/plumb/target"
)

// block holds a handler until the client gives up or release is called.
// Callers defer release: deferred calls run before t.Cleanup, so the handler
// returns before httptest.Server.Close waits for it.
func block() (wait func(*http.Request), release func()) {
	done := make(chan struct{})
	return func(r *http.Request) {
		// With the body read, the server notices the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}, func() { close(done) }
}

func wantKind(t *testing.T, ex target.Exchange, kind target.FailureKind) {
	t.Helper()
	if ex.Err == nil {
		t.Fatalf("want %s failure, got response %+v", kind, ex.Response)
	}
	if ex.Err.Kind != kind {
		t.Fatalf("Kind = %s, want %s (err: %v)", ex.Err.Kind, kind, ex.Err)
	}
	if ex.Response != nil {
		t.Errorf("Response must be nil on failure")
	}
	var te *target.TransportError
	if !errors.As(error(ex.Err), &te) || ex.Err.Unwrap() == nil || !strings.HasPrefix(ex.Err.Error(), string(kind)) {
		t.Errorf("TransportError does not wrap its cause: %v", ex.Err)
	}
}

// doUnbounded calls Do with no deadline of its own, so only Options.Timeout
// can end a stalled exchange. The watchdog only turns a hang into a failure.
func doUnbounded(t *testing.T, c *target.Client, r target.Request) target.Exchange {
	t.Helper()
	done := make(chan target.Exchange, 1)
	go func() { done <- c.Do(context.Background(), r) }()
	select {
	case ex := <-done:
		return ex
	case <-time.After(20 * time.Second):
		t.Fatal("Do did not return: Options.Timeout was not honoured")
		return target.Exchange{}
	}
}

func TestTimeoutBeforeHeaders(t *testing.T) {
	wait, release := block()
	defer release()
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { wait(r) }))
	c := newClient(t, s.URL, target.Options{Timeout: shortTimeout})
	wantKind(t, doUnbounded(t, c, createConnection()), target.KindTimeout)
}

func TestTimeoutMidBody(t *testing.T) {
	wait, release := block()
	defer release()
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		_, _ = w.Write([]byte(`{"Connection`))
		w.(http.Flusher).Flush()
		wait(r)
	}))
	c := newClient(t, s.URL, target.Options{Timeout: shortTimeout})
	wantKind(t, doUnbounded(t, c, getConnection("x")), target.KindTimeout)
}

func TestTimeoutMidChunkedBody(t *testing.T) {
	wait, release := block()
	defer release()
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"Connection`))
		w.(http.Flusher).Flush()
		wait(r)
	}))
	c := newClient(t, s.URL, target.Options{Timeout: shortTimeout})
	wantKind(t, doUnbounded(t, c, getConnection("x")), target.KindTimeout)
}

func TestParentContextDeadlineIsTimeout(t *testing.T) {
	wait, release := block()
	defer release()
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { wait(r) }))
	c := newClient(t, s.URL, target.Options{Timeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), shortTimeout)
	defer cancel()
	wantKind(t, c.Do(ctx, getConnection("x")), target.KindTimeout)
}

func TestParentContextCancelIsOther(t *testing.T) {
	c := newClient(t, "http://127.0.0.1:1", target.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ex := c.Do(ctx, getConnection("x"))
	wantKind(t, ex, target.KindOther)
	if !errors.Is(ex.Err, context.Canceled) {
		t.Errorf("err %v does not wrap context.Canceled", ex.Err)
	}
}

func TestRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	c := newClient(t, "http://"+addr, target.Options{Timeout: 5 * time.Second})
	wantKind(t, do(t, c, getConnection("x")), target.KindRefused)
}

// rawServer accepts connections on 127.0.0.1 and hands each, with its
// request already read, to serve.
func rawServer(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
					return
				}
				serve(conn)
			}()
		}
	}()
	return "http://" + l.Addr().String()
}

func TestResetWhenServerClosesBeforeAnswering(t *testing.T) {
	url := rawServer(t, func(conn net.Conn) {})
	c := newClient(t, url, target.Options{Timeout: 5 * time.Second})
	wantKind(t, do(t, c, createConnection()), target.KindReset)
}

func TestResetWhenServerSendsRST(t *testing.T) {
	url := rawServer(t, func(conn net.Conn) {
		_ = conn.(*net.TCPConn).SetLinger(0) // close with RST
	})
	c := newClient(t, url, target.Options{Timeout: 5 * time.Second})
	wantKind(t, do(t, c, createConnection()), target.KindReset)
}

func TestResetMidBody(t *testing.T) {
	url := rawServer(t, func(conn net.Conn) {
		_, _ = conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Conn"))
	})
	c := newClient(t, url, target.Options{Timeout: 5 * time.Second})
	ex := do(t, c, getConnection("x"))
	wantKind(t, ex, target.KindReset)
	if !strings.Contains(ex.Err.Error(), "200") {
		t.Errorf("error should name the status that was received: %v", ex.Err)
	}
}

func TestGarbage(t *testing.T) {
	for name, reply := range map[string]string{
		"not http":         "this is not http at all\r\n\r\n",
		"bad status code":  "HTTP/1.1 abc OK\r\n\r\n",
		"bad version":      "HTTP/9 200 OK\r\n\r\n",
		"bad header line":  "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
		"bad length":       "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
		"bad chunk":        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
		"binary preamble ": "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			url := rawServer(t, func(conn net.Conn) { _, _ = conn.Write([]byte(reply)) })
			c := newClient(t, url, target.Options{Timeout: 5 * time.Second})
			wantKind(t, do(t, c, getConnection("x")), target.KindGarbage)
		})
	}
}

func TestBodyOverCapIsTruncated(t *testing.T) {
	const limit = 1024
	huge := bytes.Repeat([]byte("0123456789abcdef"), 3<<16) // 3 MiB
	for _, known := range []bool{true, false} {
		t.Run("content-length="+strconv.FormatBool(known), func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/connections/huge", func(w http.ResponseWriter, r *http.Request) {
				if known {
					w.Header().Set("Content-Length", strconv.Itoa(len(huge)))
				}
				_, _ = w.Write(huge)
			})
			mux.Handle("/", &capture{})
			c := newClient(t, newServer(t, mux).URL, target.Options{MaxBodyBytes: limit})
			ex := do(t, c, getConnection("huge"))
			if ex.Err != nil {
				t.Fatalf("over-cap body must not be an error: %v", ex.Err)
			}
			if !ex.Response.Truncated || len(ex.Response.Body) != limit || !bytes.Equal(ex.Response.Body, huge[:limit]) {
				t.Errorf("Truncated=%v len=%d, want true and %d bytes of the body", ex.Response.Truncated, len(ex.Response.Body), limit)
			}
			// The client is still usable afterwards.
			if ex := do(t, c, getConnection("small")); ex.Err != nil || ex.Response.Truncated {
				t.Errorf("next request: %+v %v", ex.Response, ex.Err)
			}
		})
	}
}

func TestBodyAtCapIsNotTruncated(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 64)
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) }))
	ex := do(t, newClient(t, s.URL, target.Options{MaxBodyBytes: 64}), getConnection("x"))
	if ex.Err != nil || ex.Response.Truncated || !bytes.Equal(ex.Response.Body, body) {
		t.Errorf("got %+v %v", ex.Response, ex.Err)
	}
}

func TestInvalidRequests(t *testing.T) {
	c := newClient(t, "", target.Options{Targets: map[string]string{"outposts": "http://127.0.0.1:1"}})
	for name, r := range map[string]target.Request{
		"no target":       createConnection(),
		"no service":      {Operation: "X", Method: "GET", RawPath: "/"},
		"relative path":   {Service: "outposts", Method: "GET", RawPath: "connections"},
		"space in path":   {Service: "outposts", Method: "GET", RawPath: "/connections/a b"},
		"newline in path": {Service: "outposts", Method: "GET", RawPath: "/c\r\nX-Evil: 1"},
		"bad method":      {Service: "outposts", Method: "GE T", RawPath: "/"},
		"newline in header": {Service: "outposts", Method: "GET", RawPath: "/",
			Header: http.Header{"X-A": {"v\r\nX-Evil: 1"}}},
		"bad header name": {Service: "outposts", Method: "GET", RawPath: "/",
			Header: http.Header{"X A": {"v"}}},
	} {
		t.Run(name, func(t *testing.T) {
			ex := c.Do(context.Background(), r)
			wantKind(t, ex, target.KindInvalidRequest)
		})
	}
}

func TestCredentialFailureIsInvalidRequest(t *testing.T) {
	c := newClient(t, "http://127.0.0.1:1", target.Options{
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{}, errors.New("no profile")
		}),
	})
	ex := c.Do(context.Background(), getConnection("x"))
	wantKind(t, ex, target.KindInvalidRequest)
}

func TestProbe(t *testing.T) {
	up := newServer(t, &capture{})
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	down := "http://" + l.Addr().String()
	_ = l.Close()

	c := newClient(t, up.URL, target.Options{Timeout: 5 * time.Second})
	if err := c.Probe(context.Background()); err != nil {
		t.Errorf("Probe of a live target: %v", err)
	}
	c = newClient(t, "", target.Options{Timeout: 5 * time.Second, Targets: map[string]string{"outposts": up.URL, "directconnect": down}})
	err := c.Probe(context.Background())
	if err == nil || !strings.Contains(err.Error(), "directconnect") || strings.Contains(err.Error(), "outposts") {
		t.Errorf("Probe error %v should name only the dead directconnect target", err)
	}
}
