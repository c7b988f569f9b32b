package main_test

import (
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/derive"
)

func runPlumb(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(plumbBinary(t), args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return stdout.String(), stderr.String(), exit.ExitCode()
	}
	require.NoError(t, err)
	return stdout.String(), stderr.String(), 0
}

// plumb derive writes whole Direct Connect, which plumb spec list --spec reads; a restXml
// model (S3) is refused by name with exit 2.
func TestDeriveWholeServiceAndRefuseRestXML(t *testing.T) {
	if _, err := derive.ResolveSource("botocore:directconnect"); err != nil {
		t.Skipf("NOTICE: %v", err)
	}
	dir := t.TempDir()
	_, stderr, code := runPlumb(t, "derive", "--out", dir, "botocore:directconnect")
	require.Equal(t, 0, code, stderr)
	out, stderr, code := runPlumb(t, "spec", "list", "--spec", filepath.Join(dir, "directconnect.yaml"))
	require.Equal(t, 0, code, stderr)
	m := regexp.MustCompile(`(\d+) operations, (\d+) constraints`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	ops, _ := strconv.Atoi(m[1])
	assert.Greater(t, ops, 50)

	_, stderr, code = runPlumb(t, "derive", "botocore:s3")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "s3: refused: protocol restXml")

	out, _, code = runPlumb(t, "derive", "--compare", "botocore:outposts", "../../specs/outposts.yaml")
	assert.Equal(t, 1, code, "disagreements exit 1")
	assert.Contains(t, out, "StartConnection  flow")
}

// Flags may follow the source; several services on stdout are one YAML stream.
func TestDeriveFlagsAfterTheSourceAndAStream(t *testing.T) {
	out, stderr, code := runPlumb(t, "derive", "../../derive/testdata/widgets.smithy.json", "--operation", "GetWidget")
	assert.Equal(t, 2, code, "the file's awsQuery service is refused")
	assert.Contains(t, stderr, "legacy: refused: protocol awsQuery")
	assert.Contains(t, out, "operationId: GetWidget")
	assert.NotContains(t, out, "operationId: CreateWidget")
	assert.NotContains(t, stderr, "unknown flag")
	assert.NotContains(t, stderr, "gadgets", "a service without the operation is left out, not an error")

	out, _, _ = runPlumb(t, "derive", "../../derive/testdata/widgets.smithy.json")
	assert.Equal(t, 1, strings.Count(out, "\n---\n"), "two services, two documents")
}
