package main_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// plumbBinary builds the plumb binary once per test process.
func plumbBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "plumb-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "plumb")
		build := exec.Command("go", "build", "-o", builtBin, ".")
		build.Stderr = os.Stderr
		buildErr = build.Run()
	})
	require.NoError(t, buildErr)
	return builtBin
}

// Ctrl-C (SIGINT) or SIGTERM during run and fuzz: plumb stops sending, still writes every
// report, marks it interrupted, and exits 130.
func TestSignalInterruptsWithExit130AndReports(t *testing.T) {
	bin := plumbBinary(t)
	for _, c := range []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"fuzz SIGINT", syscall.SIGINT, []string{"fuzz", "--duration", "60s", "--seed", "1"}},
		{"run SIGTERM", syscall.SIGTERM, []string{"run"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var hits atomic.Int64
			release := make(chan struct{})
			slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				select { // answer nothing until the client gives up or the test ends
				case <-r.Context().Done():
				case <-release:
				}
			}))
			t.Cleanup(slow.Close)
			t.Cleanup(func() { close(release) }) // runs first: Close waits for the handlers
			dir := t.TempDir()
			args := append(append([]string{}, c.args...), "--target", slow.URL, "--timeout", "20s", "--report-dir", dir)
			cmd := exec.Command(bin, args...)
			require.NoError(t, cmd.Start())
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			for i := 0; hits.Load() == 0 && i < 300; i++ {
				time.Sleep(50 * time.Millisecond)
			}
			require.NotZero(t, hits.Load(), "plumb sent nothing")
			require.NoError(t, cmd.Process.Signal(c.sig))
			err := cmd.Wait()
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "exit: %v", err)
			assert.Equal(t, 130, exit.ExitCode())

			raw, err := os.ReadFile(filepath.Join(dir, "plumb-report.json"))
			require.NoError(t, err, "the JSON report was written")
			var doc struct {
				Verdict string `json:"verdict"`
			}
			require.NoError(t, json.Unmarshal(raw, &doc))
			assert.Equal(t, "interrupted", doc.Verdict)
			for _, f := range []string{"plumb-junit.xml", "plumb-report.html", "plumb-report.md"} {
				_, err := os.Stat(filepath.Join(dir, f))
				assert.NoError(t, err, "%s written", f)
			}
		})
	}
}
