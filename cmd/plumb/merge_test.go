package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --shard K/N outside 1 ≤ K ≤ N, or not K/N, is one line and exit 2, like every other flag.
func TestShardFlagValues(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"0/3", "the shard number K must be in 1..3, got 0"},
		{"4/3", "the shard number K must be in 1..3, got 4"},
		{"1/0", "the shard count N must be at least 1, got 0"},
		{"2", "want K/N, e.g. 2/3"},
		{"a/b", "want K/N with whole numbers"},
	} {
		for _, cmd := range []string{"run", "fuzz"} {
			code, out, stderr := plumb(t, cmd, "--shard", c.value)
			assert.Equal(t, exitUsage, code, c.value)
			assert.Empty(t, out)
			oneLine(t, stderr, "plumb "+cmd+": invalid value \""+c.value+"\" for flag --shard: "+c.want)
		}
	}
	code, _, stderr := plumb(t, "fuzz", "--shard", "1/2", "--budget", "4", "--report-dir", t.TempDir())
	assert.Equal(t, exitUsage, code)
	oneLine(t, stderr, "plumb fuzz: --shard needs --seed")
}

// plumb merge: the parts of one sharded run give the whole run's reports and exit code; what
// is not the parts of one run is one line and exit 2.
func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	part := func(k string) string {
		d := filepath.Join(dir, "part"+k)
		code, _, stderr := plumb(t, "fuzz", "--fault", "validation-status-500", "--seed", "5", "--budget", "60",
			"--shrink-time", "0", "--shard", k+"/2", "--report-dir", d, "--format", "json", "--quiet")
		require.Equal(t, exitNonConform, code, stderr)
		return d
	}
	p1, p2 := part("1"), part("2")
	out := filepath.Join(dir, "merged")
	// Flags may follow the directories.
	code, stdout, stderr := plumb(t, "merge", p1, p2, "--report-dir", out, "--format", "json,markdown", "--quiet")
	assert.Equal(t, exitNonConform, code, stderr)
	assert.Contains(t, stdout, "verdict: FAILED")
	for _, f := range []string{"plumb-report.json", "plumb-report.md"} {
		_, err := os.Stat(filepath.Join(out, f))
		assert.NoError(t, err, f)
	}
	replays, _ := filepath.Glob(filepath.Join(out, "replays", "*.json"))
	assert.NotEmpty(t, replays, "the parts' replay files are copied")

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"merge"}, "want the report directories"},
		{[]string{"merge", p1}, "missing shard 2/2"},
		{[]string{"merge", p1, p1}, "shard 1/2 is given twice"},
		{[]string{"merge", filepath.Join(dir, "nothing")}, "no such file or directory"},
		{[]string{"merge", out, p1}, "not part of a sharded run"},
		{[]string{"merge", "--format", "pdf", p1, p2}, "unknown format"},
	} {
		code, _, stderr := plumb(t, c.args...)
		assert.Equal(t, exitUsage, code, c.args)
		oneLine(t, stderr, "plumb merge: ", c.want)
	}
}
