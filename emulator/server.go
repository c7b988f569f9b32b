package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is an Emulator listening on a TCP address, serving in the background.
type Server struct {
	// URL is the base URL, e.g. http://127.0.0.1:41234.
	URL string
	// Addr is the listening address, e.g. 127.0.0.1:41234.
	Addr string

	srv  *http.Server
	done chan error

	mu    sync.Mutex
	fresh map[net.Conn]struct{} // connections that have not yet carried a request
}

// Start builds an Emulator from cfg, listens on addr ("127.0.0.1:0" picks a
// free port) and serves until Close.
func Start(cfg Config, addr string) (*Server, error) {
	e, err := New(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen on %s: %w", addr, err)
	}
	s := &Server{
		URL:  "http://" + ln.Addr().String(),
		Addr: ln.Addr().String(),
		// Timeouts so a stalled or malicious client cannot pin a goroutine.
		srv: &http.Server{
			Handler:           e,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       60 * time.Second,
		},
		done:  make(chan error, 1),
		fresh: map[net.Conn]struct{}{},
	}
	s.srv.ConnState = s.track
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// track remembers which connections have not carried a request yet (see Close).
func (s *Server) track(c net.Conn, state http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if state == http.StateNew {
		s.fresh[c] = struct{}{}
	} else {
		delete(s.fresh, c)
	}
}

// shutdownGrace is how long Close waits for in-flight requests.
const shutdownGrace = 3 * time.Second

// Close shuts the server down gracefully, waiting briefly for in-flight
// requests, then closes any that remain. It is safe to call more than once.
func (s *Server) Close() error {
	// net/http's Shutdown waits for connections that never carried a request as if they were
	// busy (clients' connection pools open spare ones), which would hold every Close for the
	// whole grace period. Nothing is in flight on them: close them first.
	s.mu.Lock()
	for c := range s.fresh {
		_ = c.Close()
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	if serveErr := <-s.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	s.done <- http.ErrServerClosed // let a second Close return at once
	return err
}
