package fuzz_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/plumbhq/plumb/fuzz"
)

func TestReplayFileName(t *testing.T) {
	for _, c := range []struct{ op, check, kw, path, want string }{
		{"StartConnection", "negative_data_rejection", "maxLength", "$.AssetId", "StartConnection-negative_data_rejection-maxLength-AssetId.json"},
		{"CreateConnection", "negative_data_rejection", "pattern", "$.tags[*].key", "CreateConnection-negative_data_rejection-pattern-tags.key.json"},
		{"GetConnection", "stateful_conformance", "", "", "GetConnection-stateful_conformance.json"},
		{"Op/../x", "c h", "k", "$.a b", "Op_.._x-c_h-k-a_b.json"},
	} {
		if got := fuzz.ReplayFileName(c.op, c.check, c.kw, c.path); got != c.want {
			t.Errorf("ReplayFileName(%q, %q, %q, %q) = %q, want %q", c.op, c.check, c.kw, c.path, got, c.want)
		}
	}
}

func TestLoadReplayRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"garbage.json": "not json",
		"version.json": `{"version": 99, "operation": "X", "check": "c", "request": {"service": "outposts"}}`,
		"empty.json":   `{"version": 1}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := fuzz.LoadReplay(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := fuzz.LoadReplay(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}
