package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func withBuildInfo(t *testing.T, ver string, info *debug.BuildInfo) {
	t.Helper()
	oldRead, oldVersion := readBuildInfo, version
	t.Cleanup(func() { readBuildInfo, version = oldRead, oldVersion })
	version = ver
	readBuildInfo = func() (*debug.BuildInfo, bool) { return info, info != nil }
}

func TestVersionPrintsModuleVersionAndRevision(t *testing.T) {
	withBuildInfo(t, "dev", &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/plumbhq/plumb", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "84d54cd0123456789abcdef0123456789abcdef0"},
			{Key: "vcs.modified", Value: "true"},
			{Key: "vcs.time", Value: "2026-11-30T08:00:00Z"},
		},
	})
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		code, out, _ := plumb(t, args...)
		require.Equal(t, exitOK, code, args)
		assert.Equal(t, "plumb (devel) rev 84d54cd01234 (modified) 2026-11-30T08:00:00Z go1.26.8\n", out, args)
	}
	assert.Equal(t, "devel+84d54cd01234", currentBuild().userAgentVersion())
}

func TestVersionLinkTimeValueWins(t *testing.T) {
	withBuildInfo(t, "v1.2.3", &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Version: "v0.0.0-20261130080414-656ee61a8b3e"},
		Settings:  []debug.BuildSetting{{Key: "vcs.revision", Value: "656ee61a8b3e"}, {Key: "vcs.modified", Value: "false"}},
	})
	code, out, _ := plumb(t, "--version")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "plumb v1.2.3 rev 656ee61a8b3e go1.26.8\n", out)
	assert.Equal(t, "v1.2.3", currentBuild().userAgentVersion())
}

func TestVersionWithoutBuildInfo(t *testing.T) {
	withBuildInfo(t, "dev", nil)
	code, out, _ := plumb(t, "version")
	require.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "plumb dev go"), out)
	code, _, stderr := plumb(t, "version", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "unexpected argument")
}
