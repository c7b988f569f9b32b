package report_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

func TestWriteFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports", "nested")
	paths, err := report.WriteFiles(dir, sampleRun(), []string{"markdown", "junit", "JSON", "junit"})
	require.NoError(t, err)
	assert.Equal(t, []string{
		filepath.Join(dir, "plumb-report.md"),
		filepath.Join(dir, "plumb-junit.xml"),
		filepath.Join(dir, "plumb-report.json"),
	}, paths, "in the order asked, each once")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.NotEmpty(t, data)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 3, "no temporary files left behind")
}

func TestWriteFilesAllFormatsByDefault(t *testing.T) {
	dir := t.TempDir()
	paths, err := report.WriteFiles(dir, fuzzRun(), nil)
	require.NoError(t, err)
	require.Len(t, paths, len(report.Formats))
	for i, f := range report.Formats {
		name, err := report.FileName(f)
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(dir, name), paths[i])
		assert.FileExists(t, paths[i])
	}
	html, err := os.ReadFile(filepath.Join(dir, "plumb-report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), `id="count-findings">2<`)
}

func TestWriteFilesUnknownFormatWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	_, err := report.WriteFiles(dir, sampleRun(), []string{"json", "pdf"})
	require.ErrorContains(t, err, `unknown format "pdf"`)
	assert.ErrorContains(t, err, "junit, json, html, markdown", "the error lists what is known")
	assert.NoDirExists(t, dir)

	_, err = report.FileName("cucumber")
	assert.Error(t, err)
}

func TestWriteFilesBadDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	_, err := report.WriteFiles(filepath.Join(file, "sub"), sampleRun(), []string{"json"})
	assert.Error(t, err)
}
