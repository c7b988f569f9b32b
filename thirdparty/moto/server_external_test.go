package moto_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/thirdparty/moto"
)

// Without moto_server on PATH or in $HOME/.pyenv/shims, Start says ErrNotFound (tests skip on it).
func TestStartWithoutMotoIsErrNotFound(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	_, err := moto.Find()
	assert.ErrorIs(t, err, moto.ErrNotFound)
	u, stop, err := moto.Start(context.Background(), moto.Options{})
	assert.ErrorIs(t, err, moto.ErrNotFound)
	assert.Empty(t, u)
	assert.Nil(t, stop)
}

// A moto_server that never answers (here: a program that exits at once) is an error, not a hang.
func TestStartOfABrokenServerFails(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "moto_server")
	require.NoError(t, os.WriteFile(bin, []byte("#!/bin/sh\nexit 3\n"), 0o755))
	start := time.Now()
	_, _, err := moto.Start(context.Background(), moto.Options{Bin: bin, ReadyTimeout: 5 * time.Second})
	if errors.Is(err, moto.ErrNotFound) {
		t.Skip("NOTICE: moto_server is not run on this platform")
	}
	require.Error(t, err)
	assert.NotErrorIs(t, err, moto.ErrNotFound)
	assert.Less(t, time.Since(start), 5*time.Second, "an exited server must be noticed before the ready timeout")
}

// Start serves on loopback and answers; stop ends the whole process group, and is idempotent.
func TestStartServesAndStopLeavesNoProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts moto_server")
	}
	var log bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base, stop, err := moto.Start(ctx, moto.Options{Log: &log})
	if errors.Is(err, moto.ErrNotFound) {
		t.Skip("NOTICE: moto_server not found; install moto (pip install 'moto[server]') to run this test")
	}
	require.NoError(t, err)
	defer stop()

	u, err := url.Parse(base)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", u.Hostname())
	resp, err := http.Get(base + "/")
	require.NoError(t, err)
	resp.Body.Close()

	stop()
	stop()
	_, err = http.Get(base + "/")
	assert.Error(t, err, "moto still answers after stop")
	assert.Empty(t, motoProcessesOnPort(t, u.Port()), "moto_server processes left after stop")
}

// motoProcessesOnPort lists the pids whose command line runs moto_server on port (Linux /proc).
func motoProcessesOnPort(t *testing.T, port string) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Log("NOTICE: no /proc; leftover processes not checked")
		return nil
	}
	var pids []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
		joined := strings.Join(args, " ")
		if strings.Contains(joined, "moto_server") && strings.Contains(joined, "-p "+port) {
			pids = append(pids, e.Name()+": "+joined)
		}
	}
	return pids
}
