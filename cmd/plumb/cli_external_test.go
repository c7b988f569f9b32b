package main_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The built binary: --version and version print one line naming plumb and the Go version; an
// unknown flag is one line on stderr and exit 2.
func TestBinaryVersionAndUnknownFlag(t *testing.T) {
	bin := plumbBinary(t)
	for _, arg := range []string{"--version", "version"} {
		out, err := exec.Command(bin, arg).Output()
		require.NoError(t, err, arg)
		line := string(out)
		assert.True(t, strings.HasPrefix(line, "plumb "), line)
		assert.Contains(t, line, " go1.")
		assert.Equal(t, 1, strings.Count(line, "\n"), line)
	}
	cmd := exec.Command(bin, "run", "--tag", "x")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "exit: %v", err)
	assert.Equal(t, 2, exit.ExitCode())
	assert.Equal(t, "plumb run: unknown flag --tag (did you mean --tags?); plumb help run lists the flags\n", stderr.String())
}
