//go:build unix

package moto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// ErrNotFound means moto_server is not installed: neither on PATH nor in $HOME/.pyenv/shims.
// Tests skip on it (errors.Is); they never fail because moto is absent.
var ErrNotFound = errors.New("moto_server not found on PATH or in $HOME/.pyenv/shims")

// DefaultReadyTimeout bounds the wait for a started moto_server to answer HTTP.
const DefaultReadyTimeout = 60 * time.Second

// stopGrace is how long a stopped moto_server gets after SIGTERM before SIGKILL.
const stopGrace = 5 * time.Second

// Options tune Start. The zero value is ready to use.
type Options struct {
	// Bin is the moto_server executable; empty means Find's answer.
	Bin string
	// ReadyTimeout bounds the wait for the first HTTP answer; 0 means DefaultReadyTimeout.
	ReadyTimeout time.Duration
	// Log receives moto_server's stdout and stderr (its request log and tracebacks); nil
	// sends them to the null device.
	Log io.Writer
}

// Find returns the path of moto_server: on PATH, else $HOME/.pyenv/shims/moto_server. The
// error wraps ErrNotFound when neither exists.
func Find() (string, error) {
	if p, err := exec.LookPath("moto_server"); err == nil {
		return p, nil
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".pyenv", "shims", "moto_server")
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Start runs moto_server on 127.0.0.1 at a free port and waits until it answers HTTP. It
// returns the base URL ("http://127.0.0.1:PORT") and a stop function that ends moto_server's
// whole process group and waits for it; stop is safe to call more than once. ctx bounds the
// start only: cancelling it later does not stop the server.
func Start(ctx context.Context, opt Options) (string, func(), error) {
	bin := opt.Bin
	if bin == "" {
		var err error
		if bin, err = Find(); err != nil {
			return "", nil, err
		}
	}
	wait := opt.ReadyTimeout
	if wait <= 0 {
		wait = DefaultReadyTimeout
	}
	log := opt.Log
	// A port picked free can be taken before moto binds it; moto then exits at once and the
	// next attempt picks another.
	var lastErr error
	for range 3 {
		url, stop, err := startOnce(ctx, bin, wait, log)
		if err == nil {
			return url, stop, nil
		}
		lastErr = err
		if !errors.Is(err, errExited) || ctx.Err() != nil {
			break
		}
	}
	return "", nil, lastErr
}

var errExited = errors.New("moto_server exited before it answered")

func startOnce(ctx context.Context, bin string, wait time.Duration, log io.Writer) (string, func(), error) {
	port, err := freePort()
	if err != nil {
		return "", nil, fmt.Errorf("moto: picking a free port: %w", err)
	}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	if log != nil {
		cmd.Stdout, cmd.Stderr = log, log
		// A descendant holding the output pipe open must not keep Wait (and stop) blocked.
		cmd.WaitDelay = stopGrace
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(cmd.SysProcAttr)
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("moto: starting %s: %w", bin, err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()

	pgid := cmd.Process.Pid // Setpgid: the group's id is the leader's pid
	var once sync.Once
	stop := func() { once.Do(func() { killGroup(pgid, exited) }) }

	url := "http://127.0.0.1:" + strconv.Itoa(port)
	if err := awaitHTTP(ctx, url, wait, exited); err != nil {
		stop()
		if errors.Is(err, errExited) {
			return "", nil, fmt.Errorf("moto: %w (%v)", err, waitErr)
		}
		return "", nil, fmt.Errorf("moto: %s at %s: %w", bin, url, err)
	}
	return url, stop, nil
}

// killGroup ends the process group pgid: SIGTERM, a grace period for the leader to exit, then
// SIGKILL for whatever is left of the group (the leader after the grace, or a child that
// outlived it). It returns once the leader has been reaped.
func killGroup(pgid int, exited <-chan struct{}) {
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(stopGrace):
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	<-exited
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// awaitHTTP polls url until any HTTP response comes back, the process exits, wait passes or
// ctx ends.
func awaitHTTP(ctx context.Context, url string, wait time.Duration, exited <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/", nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
			return nil
		}
		select {
		case <-exited:
			return errExited
		case <-ctx.Done():
			return fmt.Errorf("no HTTP answer within %s: %w", wait, ctx.Err())
		case <-tick.C:
		}
	}
}
