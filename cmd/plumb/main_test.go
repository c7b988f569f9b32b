package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
)

func plumb(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = realMain(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrorsExitTwoWithOneLine(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"run", "--concurrency", "0"},
		{"run", "--format", "pdf"},
		{"run", "--target", "ftp://example.com"},
		{"run", "--target", "nosuchservice=http://127.0.0.1:1"},
		{"run", "--target", "http://127.0.0.1:1", "--fault", "validation-status-500"},
		{"run", "--fault", "no-such-fault"},
		{"run", "--timeout", "-1s"},
		{"run", "--target", "https://outposts.us-east-1.amazonaws.com"},
		{"run", "--bogus-flag"},
		{"fuzz", "--mode", "sideways"},
		{"fuzz", "--budget", "10", "--duration", "1s"},
		{"fuzz", "--operation", "DeleteEverything", "--budget", "1"},
		{"serve", "--fault", "no-such-fault", "--addr", "127.0.0.1:0"},
		{"serve", "--addr", "not an address"},
		{"spec"},
		{"spec", "dump", "NoSuchOperation"},
		{"replay"},
		{"replay", "/nonexistent/replay.json"},
		{"selftest", "--fault", "no-such-fault"},
	} {
		code, _, stderr := plumb(t, args...)
		assert.Equal(t, exitUsage, code, "%v: stderr %q", args, stderr)
		if len(args) > 0 {
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "%v must say what is wrong in one line: %q", args, stderr)
		}
	}
}

func TestSpecListShowsEveryConstraint(t *testing.T) {
	code, out, _ := plumb(t, "spec", "list")
	require.Equal(t, exitOK, code)
	for _, want := range []string{"StartConnection", "GetConnection", "CreateConnection", "^[a-zA-Z0-9+/=]{1,1024}$",
		"uniqueKeys", "TooManyTagsException", "OvertureService.CreateConnection", "maximum"} {
		assert.Contains(t, out, want)
	}
	code, out, _ = plumb(t, "spec", "list", "--json", "--operation", "CreateConnection")
	require.Equal(t, exitOK, code)
	var cs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &cs))
	assert.Greater(t, len(cs), 20)

	code, out, _ = plumb(t, "spec", "dump", "GetConnection")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, `"ConnectionId": "path"`)
}

func TestServeListFaults(t *testing.T) {
	code, out, _ := plumb(t, "serve", "--list-faults")
	require.Equal(t, exitOK, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Equal(t, len(emulator.Faults()), len(lines))
	assert.GreaterOrEqual(t, len(lines), 30)
}

func TestRunAgainstAClosedPortExitsThree(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	code, _, stderr := plumb(t, "run", "--target", "http://"+addr, "--timeout", "2s", "--report-dir", t.TempDir())
	assert.Equal(t, exitUnreachable, code)
	assert.Contains(t, stderr, "unreachable")
}

func TestRunAgainstTheEmbeddedEmulator(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := plumb(t, "run", "--report-dir", dir)
	require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", out, stderr)
	for _, f := range []string{"plumb-junit.xml", "plumb-report.json", "plumb-report.html", "plumb-report.md", "plumb-report.sarif", "plumb-cucumber.json"} {
		st, err := os.Stat(filepath.Join(dir, f))
		require.NoError(t, err, f)
		assert.Greater(t, st.Size(), int64(100), f)
	}
	doc := readReport(t, dir)
	assert.Equal(t, report.Passed, doc.Summary.Status)
	assert.Greater(t, doc.Summary.Scenarios.Passed, 100)
}

func TestRunAgainstAFaultExitsOneAndNamesTheConstraint(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := plumb(t, "run", "--fault", "assetid-maxlength-missing", "--report-dir", dir, "--format", "json")
	require.Equal(t, exitNonConform, code)
	assert.Contains(t, out, "AssetId")
	doc := readReport(t, dir)
	failed := false
	for _, c := range doc.Constraints {
		if c.ID == "StartConnection.AssetId.maxLength" {
			failed = c.Status == report.Failed
		}
	}
	assert.True(t, failed, "constraint StartConnection.AssetId.maxLength must be reported failed")
}

func TestFuzzAndReplay(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := plumb(t, "fuzz", "--fault", "validation-status-500", "--seed", "7", "--budget", "300",
		"--operation", "StartConnection", "--report-dir", dir, "--format", "json")
	require.Equal(t, exitNonConform, code, stderr)
	replays, err := filepath.Glob(filepath.Join(dir, "replays", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, replays)
	code, _, _ = plumb(t, "replay", replays[0], "--fault", "validation-status-500")
	assert.Equal(t, exitNonConform, code, "still fails against the faulty emulator")
	code, _, _ = plumb(t, "replay", replays[0])
	assert.Equal(t, exitNonConform, code, "still fails against the emulator with the faults the file records")
	code, _, _ = plumb(t, "replay", replays[0], "--embedded")
	assert.Equal(t, exitOK, code, "passes against the correct emulator")

	code, _, stderr = plumb(t, "fuzz", "--seed", "7", "--budget", "500", "--report-dir", t.TempDir(), "--format", "json")
	assert.Equal(t, exitOK, code, stderr)
}

func readReport(t *testing.T, dir string) *report.Document {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "plumb-report.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := report.ReadJSON(f)
	require.NoError(t, err)
	return doc
}

// A replay against a target that refuses it proves nothing: inconclusive (exit 4), never "fixed".
func TestReplayAgainstARefusingTargetIsInconclusive(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := plumb(t, "fuzz", "--fault", "validation-status-500", "--operation", "StartConnection",
		"--seed", "1", "--budget", "200", "--shrink-time", "0", "--report-dir", dir)
	require.Equal(t, exitNonConform, code, errOut)
	files, err := filepath.Glob(filepath.Join(dir, "replays", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)

	refuser := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-ErrorType", "UnrecognizedClientException")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"message":"The security token included in the request is invalid."}`))
	}))
	defer refuser.Close()
	code, out, errOut := plumb(t, "replay", files[0], "--target", refuser.URL)
	assert.Equal(t, exitInconclusive, code, out+errOut)
	assert.Contains(t, out, "inconclusive")
	assert.NotContains(t, out, "fixed")
}
