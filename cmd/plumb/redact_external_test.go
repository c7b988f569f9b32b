package main_test

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/emulator"
)

// Distinctive credentials, shaped like real temporary ones: the session token is long (quotes
// and dumps cut long text) and holds '/', '+' and '=' (which URLs and HTML escape).
const (
	echoAccessKeyID = "ASIAPLUMBECHOE2E0001"
	echoSecretKey   = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYECHOE2EKEY"
)

var echoSessionToken = "IQoJb3JpZ2luX2VjEPLUMBECHO//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+" +
	strings.Repeat("Zm9vYmFyYmF6cXV4+/", 30) + "E2E=="

// echoTarget is the embedded emulator (with a fault, so that fuzz and run find something and
// write exchanges, curl lines and replay files) behind a front that copies the request's
// session token, Authorization value, bare signature and access key id into a response header
// of another name and into the JSON body. It records every signature it received.
type echoTarget struct {
	emu  http.Handler
	mu   sync.Mutex
	sigs map[string]bool
}

var authSignature = regexp.MustCompile(`Signature=([0-9a-f]{64})`)

func (e *echoTarget) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	sig := ""
	if m := authSignature.FindStringSubmatch(auth); m != nil {
		sig = m[1]
		e.mu.Lock()
		e.sigs[sig] = true
		e.mu.Unlock()
	}
	// The signature also bare, where no Signature= pattern can find it.
	echo := r.Header.Get("X-Amz-Security-Token") + " " + auth + " " + echoAccessKeyID + " sig " + sig
	rec := httptest.NewRecorder()
	e.emu.ServeHTTP(rec, r)
	for k, vs := range rec.Header() {
		w.Header()[k] = vs
	}
	w.Header().Set("X-Echo", echo)
	body := rec.Body.Bytes()
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '{' {
		member := fmt.Sprintf(`"Echo":%q`, echo)
		if rest := bytes.TrimSpace(t[1:]); len(rest) > 0 && rest[0] != '}' {
			member += ","
		}
		body = append([]byte("{"+member), t[1:]...)
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

func (e *echoTarget) signatures() map[string]bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make(map[string]bool, len(e.sigs))
	for s := range e.sigs {
		out[s] = true
	}
	return out
}

// TestEchoedSecretsNeverLeak: against a target echoing the credentials back, plumb run, plumb
// fuzz and plumb replay (the built binary, signing with AWS_* credentials from the
// environment) show no session token, access key id, secret key or signature they computed on
// stdout, on stderr, or in any file of the report directories (JSON, HTML, JUnit, Markdown,
// cucumber, replay files).
func TestEchoedSecretsNeverLeak(t *testing.T) {
	bin := plumbBinary(t)
	emu, err := emulator.New(emulator.Config{Faults: []string{"validation-status-500"}})
	require.NoError(t, err)
	echo := &echoTarget{emu: emu, sigs: map[string]bool{}}
	srv := httptest.NewServer(echo) // 127.0.0.1
	defer srv.Close()

	home := t.TempDir()
	env := append(os.Environ(),
		"AWS_ACCESS_KEY_ID="+echoAccessKeyID, "AWS_SECRET_ACCESS_KEY="+echoSecretKey, "AWS_SESSION_TOKEN="+echoSessionToken,
		"AWS_PROFILE=", "AWS_CONFIG_FILE="+filepath.Join(home, "none"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, "none"),
		"AWS_EC2_METADATA_DISABLED=true", "HOME="+home, "NO_COLOR=1")
	plumbEnv := func(args ...string) (code int, output string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("plumb %v: %v", args, err)
		}
		return cmd.ProcessState.ExitCode(), stdout.String() + "\n" + stderr.String()
	}

	outputs := map[string]string{}
	runDir, fuzzDir := t.TempDir(), t.TempDir()
	code, out := plumbEnv("run", "--target", srv.URL, "--aws-credentials", "--operation", "StartConnection", "--report-dir", runDir)
	require.Equal(t, 1, code, "run must find the fault:\n%s", out)
	outputs["run output"] = out
	code, out = plumbEnv("fuzz", "--target", srv.URL, "--aws-credentials", "--operation", "StartConnection", "--seed", "7",
		"--budget", "200", "--shrink-time", "0", "--report-dir", fuzzDir)
	require.Equal(t, 1, code, "fuzz must find the fault:\n%s", out)
	outputs["fuzz output"] = out
	replays, err := filepath.Glob(filepath.Join(fuzzDir, "replays", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, replays)
	code, out = plumbEnv("replay", replays[0], "--target", srv.URL, "--aws-credentials")
	require.Equal(t, 1, code, "the finding still reproduces:\n%s", out)
	require.Contains(t, out, "curl ")
	outputs["replay output"] = out
	for _, dir := range []string{runDir, fuzzDir} {
		require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			outputs[path] = string(b)
			return err
		}))
	}
	for _, f := range []string{"plumb-report.json", "plumb-report.html", "plumb-junit.xml", "plumb-report.md", "plumb-cucumber.json"} {
		require.Contains(t, outputs, filepath.Join(runDir, f))
	}

	sigs := echo.signatures()
	require.NotEmpty(t, sigs, "the target saw signed requests")
	leaks := map[string]string{
		"session token":               echoSessionToken,
		"session token head":          echoSessionToken[:20],
		"session token, HTML-escaped": strings.ReplaceAll(html.EscapeString(echoSessionToken), "+", "&#43;"),
		"access key id":               echoAccessKeyID,
		"secret key":                  echoSecretKey,
	}
	hex64 := regexp.MustCompile(`[0-9a-f]{64}`)
	redacted := 0
	for name, text := range outputs {
		for what, leak := range leaks {
			assert.NotContains(t, text, leak, "%s shows the %s", name, what)
		}
		for _, h := range hex64.FindAllString(text, -1) {
			assert.False(t, sigs[h], "%s shows signature %s", name, h)
		}
		redacted += strings.Count(text, "REDACTED")
	}
	// The exchanges were shown, echo and all: the secrets were there to leak.
	assert.Greater(t, redacted, 10)
	assert.Contains(t, outputs[filepath.Join(fuzzDir, "plumb-report.json")], `X-Echo: REDACTED`)
}
