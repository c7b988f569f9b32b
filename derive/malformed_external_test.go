package derive_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/derive"
)

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	return b
}

// A malformed or truncated source is one clear error naming the file and where in it the JSON
// broke (line:column), never a panic and never a spec of what was left: cut anywhere, a value of
// the wrong type, a gzip stream cut short, an operation naming a shape the model lacks.
func TestMalformedSourcesAreOneClearError(t *testing.T) {
	dir := t.TempDir()
	models := map[string][]byte{
		"botocore.json": gunzip(t, "../specs/sources/botocore/data/directconnect/2012-10-25/service-2.json.gz"),
		"smithy.json":   gunzip(t, smithyModels["outposts"]),
	}
	located := regexp.MustCompile(`^[^\n]*\.json:\d+:\d+: [^\n]+$`)
	read := func(name string, b []byte) error {
		t.Helper()
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, b, 0o644))
		ms, err := derive.Read(path)
		if err != nil {
			assert.Empty(t, ms, "%s: nothing is derived from a broken file", name)
		}
		return err
	}
	for name, whole := range models {
		for i := 1; i < 40; i++ {
			cut := len(whole) * i / 40
			err := read(name, whole[:cut])
			require.Error(t, err, "%s cut at byte %d", name, cut)
			assert.Regexp(t, located, err.Error(), "%s cut at byte %d", name, cut)
			assert.Contains(t, err.Error(), "truncated?")
		}
		// A string where the model has an object, and an object key cut in two.
		shapes := regexp.MustCompile(`"shapes":\s*\{`)
		require.True(t, shapes.Match(whole))
		err := read(name, shapes.ReplaceAll(whole, []byte(`"shapes":"x","y":{`)))
		require.Error(t, err, name)
		assert.Regexp(t, located, err.Error())
		err = read(name, bytes.Replace(whole, []byte(`"`), []byte(`,`), 1))
		require.Error(t, err, name)
		assert.Regexp(t, located, err.Error())
	}

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(models["botocore.json"])
	require.NoError(t, zw.Close())
	err := read("cut.json.gz", gz.Bytes()[:gz.Len()/2])
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cut.json.gz: gzip: unexpected EOF")

	err = read("empty.json", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "empty.json: the file is empty")
	_, err = derive.Read("../specs/outposts.yaml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "an OpenAPI spec is what plumb derive writes")

	// An operation naming an input shape the model does not hold: refused, not an empty input.
	err = read("dangling.json", bytes.Replace(models["botocore.json"], []byte(`"input":{"shape":"CreateConnectionRequest"}`), []byte(`"input":{"shape":"NoSuchShape"}`), 1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "operation CreateConnection: its input NoSuchShape is not in the model")
	assert.NotContains(t, strings.TrimSpace(err.Error()), "\n", "one error")
}
