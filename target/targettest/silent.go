// Package targettest holds targets for tests and measurements of plumb against hostile
// implementations, in the manner of net/http/httptest: small servers on 127.0.0.1.
package targettest

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Silent accepts connections on 127.0.0.1, reads whatever is sent and never answers: the target
// a run must recognise as not answering. Every timed-out request closes its connection, so
// Conns counts the requests it was sent.
type Silent struct {
	URL string // http://127.0.0.1:port

	ln    net.Listener
	conns atomic.Int64
	mu    sync.Mutex
	open  []net.Conn
}

// NewSilent starts a Silent target; Close stops it.
func NewSilent() (*Silent, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Silent{URL: "http://" + ln.Addr().String(), ln: ln}
	go s.serve()
	return s, nil
}

func (s *Silent) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.conns.Add(1)
		s.mu.Lock()
		s.open = append(s.open, c)
		s.mu.Unlock()
		go func() { _, _ = io.Copy(io.Discard, c) }()
	}
}

// Conns is how many connections the target accepted.
func (s *Silent) Conns() int64 { return s.conns.Load() }

// Close stops accepting and closes every connection it holds.
func (s *Silent) Close() error {
	err := s.ln.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.open {
		_ = c.Close()
	}
	s.open = nil
	return err
}

// StartSilent starts a Silent target for a test, stopped when the test ends; a failure to
// listen fails the test.
func StartSilent(tb testing.TB) *Silent {
	tb.Helper()
	s, err := NewSilent()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}
