package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/plumbhq/plumb/target/targettest"
)

// A server is one hostile target on 127.0.0.1: the URL plumb is pointed at (scheme included,
// which may be the wrong one on purpose), how many connections it accepted, and how to stop it.
type server struct {
	url   string
	conns func() int64
	stop  func()
}

// countingListener counts accepted connections: a silent target's count shows how many requests
// plumb spent before giving up.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

func listen() (countingListener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return countingListener{}, err
	}
	return countingListener{Listener: ln, n: new(atomic.Int64)}, nil
}

// httpServer serves h in plain HTTP (tls false) or TLS with httptest's self-signed certificate,
// and returns its URL with the given scheme: "http" for a TLS server or "https" for a plain one
// is the mismatch cases.
func httpServer(h http.Handler, tls bool, scheme string) (server, error) {
	ln, err := listen()
	if err != nil {
		return server{}, err
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the mismatch cases log every handshake
	_ = srv.Listener.Close()
	srv.Listener = ln
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	return server{url: scheme + "://" + ln.Addr().String(), conns: ln.n.Load, stop: srv.Close}, nil
}

func plain(h http.HandlerFunc) func() (server, error) {
	return func() (server, error) { return httpServer(h, false, "http") }
}

// zeros is a buffer of zero bytes to stream from.
var zeros = make([]byte, 64<<10)

// streamZeros writes n zero bytes (n < 0: forever) until the client goes away.
func streamZeros(w http.ResponseWriter, n int64) {
	f, _ := w.(http.Flusher)
	for n != 0 {
		chunk := int64(len(zeros))
		if n > 0 && n < chunk {
			chunk = n
		}
		if _, err := w.Write(zeros[:chunk]); err != nil {
			return
		}
		if n > 0 {
			n -= chunk
		} else if f != nil {
			f.Flush() // one chunk of the chunked encoding per write
		}
	}
}

// bigBody answers every request with a 200 of 1 GiB of zeros, streamed with its Content-Length.
func bigBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.FormatInt(1<<30, 10))
	streamZeros(w, 1<<30)
}

// endlessChunked answers every request with a 200 whose chunked body never ends.
func endlessChunked(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	streamZeros(w, -1)
}

// jsonString answers every request with a 200 JSON document holding one 50 MB string, streamed.
func jsonString(w http.ResponseWriter, r *http.Request) {
	const n = 50 << 20
	head, tail := `{"message":"`, `"}`
	w.Header().Set("Content-Type", contentType(r))
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+n+len(tail)))
	if _, err := io.WriteString(w, head); err != nil {
		return
	}
	a := bytes.Repeat([]byte("a"), 64<<10)
	for left := n; left > 0; left -= len(a) {
		if _, err := w.Write(a[:min(left, len(a))]); err != nil {
			return
		}
	}
	_, _ = io.WriteString(w, tail)
}

// contentType is the media type the target would answer r's protocol with.
func contentType(r *http.Request) string {
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/x-amz-json") {
		return ct
	}
	return "application/json"
}

// gzipBomb answers every request with 1 GiB of zeros gzipped (about 1 MB on the wire) and
// Content-Encoding: gzip: 1024 gzip members of 1 MiB of zeros each, which a gzip reader reads
// as one stream (RFC 1952, 2.2). The body is built once, before the server starts, never
// holding the 1 GiB (compressing 1 GiB in one member takes many seconds).
func gzipBomb(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType(r))
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}
}

// bomb is gzipBomb's body: n MiB of zeros.
func bomb(n int) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, 1<<20))
	_ = zw.Close()
	return bytes.Repeat(member.Bytes(), n)
}

// silent accepts connections, reads what is sent and never answers (targettest.Silent).
func silent() (server, error) {
	s, err := targettest.NewSilent()
	if err != nil {
		return server{}, err
	}
	return server{url: s.URL, conns: s.Conns, stop: func() { _ = s.Close() }}, nil
}

// ok answers every request with an empty JSON object: the mismatch cases never get that far.
func ok(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, "{}")
}

// hugeHeaders answers every request with a 200 {} under about 1 MB of headers: a thousand
// lines of 1,000 bytes, just under the client's 1 MiB header cap.
func hugeHeaders(w http.ResponseWriter, r *http.Request) {
	line := strings.Repeat("h", 1000)
	for i := range 1000 {
		w.Header().Add("X-Flood-"+strconv.Itoa(i%10), line)
	}
	ok(w, r)
}

// throttleAll answers every request 429 ThrottlingException with Retry-After: 1, as a service
// over its quota does.
func throttleAll(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Content-Type", contentType(r))
	w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"__type":"ThrottlingException","message":"Rate exceeded"}`))
}
