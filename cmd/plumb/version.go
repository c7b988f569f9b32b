package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); when set it wins over the
// module version the Go toolchain records. buildTime may be set the same way
// (-X main.buildTime=2026-01-02T15:04:05Z); otherwise the VCS commit time is shown.
var (
	version   = "dev"
	buildTime = ""
)

// buildInfo is what `plumb version` prints, gathered from the link-time variables and
// runtime/debug.ReadBuildInfo (module version, vcs.revision, vcs.modified, vcs.time).
type buildInfo struct {
	Version   string // v1.2.3, (devel), or the -X main.version value
	Revision  string // VCS revision, shortened to 12 characters; "" when unknown
	Modified  bool   // the working tree had uncommitted changes
	Time      string // build time (-X main.buildTime) or VCS commit time; "" when unknown
	GoVersion string
}

// readBuildInfo is a variable so tests can feed it fixed build information.
var readBuildInfo = debug.ReadBuildInfo

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Time: buildTime, GoVersion: runtime.Version()}
	info, ok := readBuildInfo()
	if !ok {
		return b
	}
	if info.GoVersion != "" {
		b.GoVersion = info.GoVersion
	}
	if b.Version == "dev" || b.Version == "" {
		if v := info.Main.Version; v != "" {
			b.Version = v
		}
	}
	commitTime := ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		case "vcs.time":
			commitTime = s.Value
		}
	}
	if len(b.Revision) > 12 {
		b.Revision = b.Revision[:12]
	}
	if b.Time == "" && commitTime != "" {
		b.Time = commitTime
	}
	return b
}

// String is the one line `plumb version` prints, e.g.
// "plumb (devel) rev 84d54cd9a1b2 (modified) 2026-11-30T08:00:00Z go1.26.8".
func (b buildInfo) String() string {
	parts := []string{"plumb", b.Version}
	if b.Revision != "" {
		parts = append(parts, "rev", b.Revision)
		if b.Modified {
			parts = append(parts, "(modified)")
		}
	}
	if b.Time != "" {
		parts = append(parts, b.Time)
	}
	if b.GoVersion != "" {
		parts = append(parts, b.GoVersion)
	}
	return strings.Join(parts, " ")
}

// userAgentVersion is the version in the User-Agent: a token without spaces or parentheses.
func (b buildInfo) userAgentVersion() string {
	v := strings.Trim(b.Version, "()")
	if v == "" {
		v = "dev"
	}
	if b.Revision != "" && (v == "devel" || v == "dev") {
		v += "+" + b.Revision
	}
	return v
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "", stderr)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "version", "unexpected argument %q", fs.Arg(0))
	}
	fmt.Fprintln(stdout, currentBuild())
	return exitOK
}
