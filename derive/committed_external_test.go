package derive_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/derive"
	"github.com/plumbhq/plumb/specs"
)

// specSources are the sources `make specs` derives the committed specs from (the Makefile's
// SPEC_SOURCES), seen from the repository's root.
var specSources = []string{
	"specs/sources/seeds",
	"specs/sources/botocore/data/directconnect/2012-10-25/service-2.json.gz",
}

// deriveCommitted derives, from sources, every operation the committed specs hold, and returns
// each service's spec by file name (outposts.yaml...).
func deriveCommitted(t *testing.T, sources ...string) map[string][]byte {
	t.Helper()
	set, err := specs.Load()
	require.NoError(t, err)
	var ops []string
	for _, op := range set.Operations() {
		ops = append(ops, op.ID)
	}
	models, notes, err := derive.ReadAll(sources...)
	require.NoError(t, err)
	assert.Equal(t, []string{"directconnect: CreateConnection is taken from shared/seeds; botocore 1.43.11 data/directconnect/2012-10-25/service-2.json.gz's is left out"}, notes,
		"the seed page gives CreateConnection, the model only what no seed describes")
	out := map[string][]byte{}
	for _, m := range models {
		sel := m.Holding(ops)
		if len(sel) == 0 {
			continue
		}
		doc, err := m.OpenAPI(derive.Options{Operations: sel, Warn: func(s string) { t.Logf("%s: %s", m.Name, s) }})
		require.NoError(t, err)
		out[m.Name+".yaml"] = doc
	}
	return out
}

// The committed specs are plumb derive's output, nothing edited by hand: derived from the
// sources kept in specs/sources and the overlay, they are specs/*.yaml byte for byte, and read
// as plumb reads specs they agree constraint by constraint (what a failure here lists).
func TestCommittedSpecsAreDerived(t *testing.T) {
	t.Chdir("..")
	got := deriveCommitted(t, specSources...)
	require.ElementsMatch(t, specs.Files, slices.Collect(maps.Keys(got)), "one derived spec per committed spec")
	for _, name := range specs.Files {
		committed := filepath.Join("specs", name)
		derived := filepath.Join(t.TempDir(), name)
		require.NoError(t, os.WriteFile(derived, got[name], 0o644))
		res, err := derive.CompareSources(derived, committed, nil)
		require.NoError(t, err)
		assert.Empty(t, res.Diffs, "%s against the derived spec, constraint by constraint (make specs regenerates it):\n%s", committed, res)
		want, err := os.ReadFile(committed)
		require.NoError(t, err)
		sameText(t, committed, string(want), string(got[name]))
	}
}

// The seed documents kept in specs/sources/seeds are ../shared/seeds unchanged, so deriving
// from the shared folder (plumb derive ../shared/seeds/*.txt ...) gives the committed specs too.
func TestKeptSeedsAreTheSharedSeeds(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "seeds")
	if st, err := os.Stat(shared); err != nil || !st.IsDir() {
		t.Skipf("NOTICE: %s is absent; the copies in specs/sources/seeds are not compared with it here", shared)
	}
	pages, err := filepath.Glob(filepath.Join(shared, "*.txt"))
	require.NoError(t, err)
	require.Len(t, pages, 4)
	for _, p := range append(pages, filepath.Join(shared, "README.md")) {
		want, err := os.ReadFile(p)
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join("..", "specs", "sources", "seeds", filepath.Base(p)))
		require.NoError(t, err, "every shared seed document is kept")
		assert.Equal(t, string(want), string(got), "%s is kept unchanged", filepath.Base(p))
	}
	abs, err := filepath.Abs(shared)
	require.NoError(t, err)
	t.Chdir("..")
	var absPages []string
	for _, p := range pages {
		absPages = append(absPages, filepath.Join(abs, filepath.Base(p)))
	}
	got := deriveCommitted(t, append(absPages, specSources[1])...)
	for _, name := range specs.Files {
		want, err := os.ReadFile(filepath.Join("specs", name))
		require.NoError(t, err)
		sameText(t, filepath.Join("specs", name)+" (derived from the pages of "+shared+")", string(want), string(got[name]))
	}
}

// sameText fails, naming the first line that differs, when the committed file is not what
// plumb derive writes.
func sameText(t *testing.T, file, committed, derived string) {
	t.Helper()
	if committed == derived {
		return
	}
	c, d := strings.Split(committed, "\n"), strings.Split(derived, "\n")
	i := 0
	for i < len(c) && i < len(d) && c[i] == d[i] {
		i++
	}
	line := func(l []string) string {
		if i < len(l) {
			return l[i]
		}
		return "(end of file)"
	}
	t.Errorf("%s is not what plumb derive writes (run make specs); line %d:\n  committed: %s\n  derived:   %s", file, i+1, line(c), line(d))
}
