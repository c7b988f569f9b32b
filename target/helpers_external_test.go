package target_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/plumbhq/plumb/target"
)

// seen is what a capturing server received.
type seen struct {
	Method     string
	RequestURI string
	Host       string
	Header     http.Header
	Body       []byte
}

// capture serves 200 {"ok":true} and records every request.
type capture struct {
	mu   sync.Mutex
	reqs []seen
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	c.reqs = append(c.reqs, seen{r.Method, r.RequestURI, r.Host, r.Header.Clone(), body})
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true}`))
}

func (c *capture) last(t *testing.T) seen {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.reqs) == 0 {
		t.Fatal("server received no request")
	}
	return c.reqs[len(c.reqs)-1]
}

// newServer starts an httptest server on 127.0.0.1 (httptest's default).
func newServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func newClient(t testing.TB, baseURL string, o target.Options) *target.Client {
	t.Helper()
	if o.Targets == nil {
		o.Targets = map[string]string{"": baseURL}
	}
	c, err := target.New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func getConnection(id string) target.Request {
	return target.Request{
		Operation: "GetConnection",
		Service:   "outposts",
		Method:    http.MethodGet,
		RawPath:   "/connections/" + id,
	}
}

func createConnection() target.Request {
	return target.Request{
		Operation: "CreateConnection",
		Service:   "directconnect",
		Method:    http.MethodPost,
		RawPath:   "/",
		Header: http.Header{
			"Content-Type": {"application/x-amz-json-1.1"},
			"X-Amz-Target": {"OvertureService.CreateConnection"},
		},
		Body: []byte(`{"location":"EqDC2","bandwidth":"1Gbps","connectionName":"c1"}`),
	}
}

// shortTimeout is the Timeout of failure tests: long enough for a loopback
// round trip under -race, short enough to keep the suite quick.
const shortTimeout = 200 * time.Millisecond

func do(t testing.TB, c *target.Client, r target.Request) target.Exchange {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ex := c.Do(ctx, r)
	if (ex.Err == nil) == (ex.Response == nil) {
		t.Fatalf("exactly one of Response and Err must be set: %+v", ex)
	}
	return ex
}
