package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/baseline"
)

// A team whose emulator has a known deviation records it with --update-baseline; runs with
// --baseline then pass on it, and fail on anything new.
func TestBaselineEndToEnd(t *testing.T) {
	for _, c := range []struct {
		name          string
		update, check []string // engine flags of the recording run and of the checking runs
	}{
		{"run",
			[]string{"run", "--operation", "CreateConnection", "--operation", "StartConnection"},
			[]string{"run", "--operation", "CreateConnection", "--operation", "StartConnection"}},
		// Another seed sends other inputs: the root causes' identity survives.
		{"fuzz",
			[]string{"fuzz", "--operation", "CreateConnection", "--operation", "StartConnection", "--budget", "1000", "--seed", "1"},
			[]string{"fuzz", "--operation", "CreateConnection", "--operation", "StartConnection", "--budget", "1000", "--seed", "2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "plumb-baseline.json")
			args := func(base []string, extra ...string) []string {
				return append(append(append([]string{}, base...), "--report-dir", filepath.Join(dir, "reports"), "--format", "json"), extra...)
			}

			code, out, errs := plumb(t, args(c.update, "--fault", "dx-duplicate-tags-accepted", "--update-baseline", file)...)
			require.Equal(t, exitNonConform, code, "without a baseline the fault fails the run: %s\n%s", out, errs)
			recorded, err := baseline.Load(file)
			require.NoError(t, err)
			require.NotEmpty(t, recorded.RootCauses)
			for _, e := range recorded.RootCauses {
				assert.Equal(t, "CreateConnection", e.Operation)
			}

			code, out, errs = plumb(t, args(c.check, "--fault", "dx-duplicate-tags-accepted", "--baseline", file)...)
			assert.Equal(t, exitOK, code, "known root causes fail nothing: %s\n%s", out, errs)
			assert.Contains(t, out, "verdict: PASSED")
			assert.Regexp(t, `\d+ known root causes? \(baseline .*plumb-baseline.json\), 0 new`, out)
			assert.Contains(t, out, " known CreateConnection ")
			doc := readBaselineReport(t, filepath.Join(dir, "reports", "plumb-report.json"))
			assert.Equal(t, "passed", doc.Verdict)
			require.NotNil(t, doc.Baseline)
			assert.Zero(t, doc.Baseline.New)
			assert.Positive(t, doc.Baseline.Known)

			code, out, errs = plumb(t, args(c.check, "--fault", "dx-duplicate-tags-accepted", "--fault", "null-500", "--baseline", file)...)
			assert.Equal(t, exitNonConform, code, "a new root cause fails the run: %s\n%s", out, errs)
			assert.Contains(t, out, " new StartConnection ")
			assert.Contains(t, out, "verdict: FAILED")

			// The deviation is gone: the run passes and the baseline entries are fixed.
			code, out, errs = plumb(t, args(c.check, "--baseline", file)...)
			assert.Equal(t, exitOK, code, "%s\n%s", out, errs)
			assert.Contains(t, out, "fixed since the baseline: ")
			assert.Contains(t, out, "  fixed CreateConnection ")
		})
	}
}

func readBaselineReport(t *testing.T, path string) struct {
	Verdict  string `json:"verdict"`
	Baseline *struct {
		Known, New int
	} `json:"baseline"`
} {
	t.Helper()
	var doc struct {
		Verdict  string `json:"verdict"`
		Baseline *struct {
			Known, New int
		} `json:"baseline"`
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &doc))
	return doc
}

// A baseline that cannot be read stops the command before any request, with a one-line error.
func TestBaselineBadFileIsAUsageError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"version":9,"rootCauses":[]}`), 0o644))
	malformed := filepath.Join(dir, "malformed.json")
	require.NoError(t, os.WriteFile(malformed, []byte(`{"version":1,`), 0o644))
	for _, args := range [][]string{
		{"run", "--baseline", bad},
		{"fuzz", "--baseline", malformed},
		{"run", "--baseline", filepath.Join(dir, "missing.json")},
		{"fuzz", "--update-baseline", filepath.Join(dir, "no", "such", "dir.json")},
	} {
		// An unreachable target proves nothing was sent: it would exit 3.
		args = append(args, "--target", "http://127.0.0.1:1", "--report-dir", filepath.Join(dir, "reports"))
		code, out, errs := plumb(t, args...)
		assert.Equal(t, exitUsage, code, "%v: %s %s", args, out, errs)
		assert.Contains(t, errs, "baseline")
		assert.Equal(t, 1, countLines(errs), "%v: one line: %q", args, errs)
		_, err := os.Stat(filepath.Join(dir, "reports"))
		assert.True(t, os.IsNotExist(err), "%v: no report written", args)
	}
}

func countLines(s string) int {
	n := 0
	for _, c := range s {
		if c == '\n' {
			n++
		}
	}
	return n
}
