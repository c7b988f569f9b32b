package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oneLine asserts s is exactly one line mentioning every want.
func oneLine(t *testing.T, s string, want ...string) {
	t.Helper()
	assert.Equal(t, 1, strings.Count(s, "\n"), "one line: %q", s)
	assert.True(t, strings.HasSuffix(s, "\n"), "%q", s)
	for _, w := range want {
		assert.Contains(t, s, w)
	}
}

func TestUnknownFlagIsOneLineWithASuggestion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--tag", "@x"}, "plumb run: unknown flag --tag (did you mean --tags?); plumb help run lists the flags"},
		{[]string{"fuzz", "--budgt", "3"}, "plumb fuzz: unknown flag --budgt (did you mean --budget?); plumb help fuzz lists the flags"},
		{[]string{"fuzz", "--shrink", "1s"}, "plumb fuzz: unknown flag --shrink (did you mean --shrink-time?)"},
		{[]string{"selftest", "--xyzzy"}, "plumb selftest: unknown flag --xyzzy; plumb help selftest lists the flags"},
		{[]string{"run", "--concurrency", "many"}, `plumb run: invalid value "many" for flag --concurrency`},
		{[]string{"run", "--timeout"}, "plumb run: flag needs an argument: --timeout"},
		{[]string{"serve", "--adr", "x"}, "(did you mean --addr?)"},
	} {
		code, out, stderr := plumb(t, c.args...)
		assert.Equal(t, exitUsage, code, c.args)
		assert.Empty(t, out, c.args)
		oneLine(t, stderr, c.want)
		assert.NotContains(t, stderr, "usage:", c.args)
	}
}

func TestSuggestFlagAndLevenshtein(t *testing.T) {
	assert.Equal(t, 0, levenshtein("tags", "tags"))
	assert.Equal(t, 1, levenshtein("tag", "tags"))
	assert.Equal(t, 2, levenshtein("regoin", "region"))
	assert.Equal(t, 3, levenshtein("", "abc"))
	assert.Equal(t, 3, levenshtein("kitten", "sitting"))
}

func TestHelpCommandPrintsTheCommandsFlags(t *testing.T) {
	for _, cmd := range []string{"run", "fuzz", "replay", "selftest", "serve", "spec", "version"} {
		code, out, stderr := plumb(t, "help", cmd)
		require.Equal(t, exitOK, code, cmd)
		assert.Empty(t, stderr, cmd)
		assert.Contains(t, out, "usage: plumb "+cmd, cmd)
		code, hout, herr := plumb(t, cmd, "-h")
		assert.Equal(t, exitOK, code, cmd)
		assert.Equal(t, out, hout+herr, "plumb help %s is plumb %s -h", cmd, cmd)
	}
	_, out, _ := plumb(t, "help", "fuzz")
	for _, f := range []string{"-budget", "-duration", "-shrink-time", "-no-color", "-quiet", "-report-dir"} {
		assert.Contains(t, out, f)
	}
	code, _, stderr := plumb(t, "help", "frobnicate")
	assert.Equal(t, exitUsage, code)
	oneLine(t, stderr, "unknown command")
}

func TestOutOfRangeFlagsAreRejected(t *testing.T) {
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"fuzz", "--duration", "0"}, "--duration"},
		{[]string{"fuzz", "--duration", "-1s"}, "--duration"},
		{[]string{"fuzz", "--budget", "0"}, "--budget"},
		{[]string{"fuzz", "--budget", "-3"}, "--budget"},
		{[]string{"fuzz", "--workers", "0"}, "--workers"},
		{[]string{"fuzz", "--shrink-time", "-1s"}, "--shrink-time"},
		{[]string{"fuzz", "--budget", "5", "--duration", "1s"}, "--budget and --duration"},
		{[]string{"fuzz", "--region", ""}, "--region"},
		{[]string{"run", "--region", " "}, "--region"},
		{[]string{"run", "--timeout", "0s"}, "--timeout"},
		{[]string{"run", "--concurrency", "0"}, "--concurrency"},
		{[]string{"run", "--rate", "-1"}, "--rate"},
		{[]string{"fuzz", "--rate", "-0.5"}, "--rate"},
		{[]string{"fuzz", "--rate", "NaN"}, "--rate"},
	} {
		args := append(c.args, "--report-dir", t.TempDir())
		code, out, stderr := plumb(t, args...)
		assert.Equal(t, exitUsage, code, c.args)
		assert.Empty(t, out, c.args)
		oneLine(t, stderr, c.flag)
	}
}

// counter is a target that counts the requests it gets.
func counter(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestUnwritableReportDirFailsBeforeAnyRequest(t *testing.T) {
	srv, hits := counter(t)
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	bad := filepath.Join(file, "reports") // under a regular file: cannot be created
	for _, args := range [][]string{
		{"run", "--target", srv.URL},
		{"fuzz", "--target", srv.URL, "--budget", "5"},
		{"selftest", "--fault", "validation-status-500", "--budget", "5"},
	} {
		code, _, stderr := plumb(t, append(args, "--report-dir", bad)...)
		assert.Equal(t, exitUsage, code, args)
		oneLine(t, stderr, "--report-dir")
	}
	assert.Zero(t, hits.Load(), "no request may be sent before the report dir is known writable")

	// The check leaves nothing behind.
	dir := t.TempDir()
	rf := reportFlags{dir: filepath.Join(dir, "new")}
	require.NoError(t, rf.checkWritable("replays"))
	left, err := filepath.Glob(filepath.Join(dir, "new", "*", ".plumb-*"))
	require.NoError(t, err)
	assert.Empty(t, left)
}

func TestNoColor(t *testing.T) {
	// /dev/null is a character device, so it passes for a terminal.
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer devNull.Close()
	t.Setenv("NO_COLOR", "")
	assert.True(t, (&reportFlags{}).color(devNull))
	assert.False(t, (&reportFlags{noColor: true}).color(devNull), "--no-color")
	assert.False(t, (&reportFlags{}).color(&strings.Builder{}), "not a terminal")
	t.Setenv("NO_COLOR", "1")
	assert.False(t, (&reportFlags{}).color(devNull), "NO_COLOR")
}

func TestFuzzRemovesStaleReplaysAndQuiet(t *testing.T) {
	dir := t.TempDir()
	replays := filepath.Join(dir, "replays")
	require.NoError(t, os.MkdirAll(replays, 0o755))
	stale := filepath.Join(replays, "StartConnection-old-finding.json")
	other := filepath.Join(replays, "notes.txt")
	require.NoError(t, os.WriteFile(stale, []byte("{}"), 0o644))
	require.NoError(t, os.WriteFile(other, []byte("keep"), 0o644))

	code, out, stderr := plumb(t, "fuzz", "--seed", "3", "--budget", "60", "--shrink-time", "0",
		"--report-dir", dir, "--format", "json", "--quiet")
	require.Equal(t, exitOK, code, stderr)
	assert.NoFileExists(t, stale, "a replay file from an earlier run is removed")
	assert.FileExists(t, other, "only *.json replay files are removed")
	oneLine(t, out, "verdict:", "PASSED")
	assert.True(t, strings.HasPrefix(out, "verdict:"), out)
	assert.FileExists(t, filepath.Join(dir, "plumb-report.json"), "--quiet still writes the reports")

	// A finding's replay file written by this run stays.
	code, out, _ = plumb(t, "fuzz", "--fault", "validation-status-500", "--seed", "7", "--budget", "200",
		"--operation", "StartConnection", "--shrink-time", "0", "--report-dir", dir, "--format", "json", "--quiet")
	require.Equal(t, exitNonConform, code)
	oneLine(t, out, "verdict:", "FAILED")
	written, err := filepath.Glob(filepath.Join(replays, "*.json"))
	require.NoError(t, err)
	assert.NotEmpty(t, written)
}

func TestRunQuietPrintsOnlyTheVerdict(t *testing.T) {
	code, out, stderr := plumb(t, "run", "--operation", "GetConnection", "--quiet", "--no-color",
		"--report-dir", t.TempDir(), "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	oneLine(t, out, "verdict:", "PASSED")
}
