package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
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
		done: make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// shutdownGrace is how long Close waits for in-flight requests.
const shutdownGrace = 3 * time.Second

// Close shuts the server down gracefully, waiting briefly for in-flight
// requests, then closes any that remain. It is safe to call more than once.
func (s *Server) Close() error {
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
