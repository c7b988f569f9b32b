package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

func terminal(t *testing.T, r *report.Run, color bool) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteTerminal(&buf, r, color))
	return buf.String()
}

func TestTerminalSummaryAndFailures(t *testing.T) {
	out := terminal(t, sampleRun(), false)
	assert.True(t, strings.HasPrefix(out, "plumb run  target"))
	assert.Contains(t, out, "scenarios:   3 passed, 1 failed, 1 skipped")
	assert.Regexp(t, `(?m)^Root causes \(1, explaining 3 failures\):\n  \[1\] StartConnection status_code_conformance: .*×3`, out)
	assert.Contains(t, out, "[1] example: StartConnection status_code_conformance")
	for _, want := range []string{"--- request ---", "POST /connections HTTP/1.1", "--- response ---", "HTTP/1.1 200 OK", "--- curl ---", "curl -X POST"} {
		assert.Contains(t, out, want)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	assert.True(t, strings.HasPrefix(lines[len(lines)-1], "verdict: FAILED"), "the verdict is the last line: %q", lines[len(lines)-1])
}

// One root cause behind many failures is one line and one example, however many scenarios it
// failed: the terminal stays short and the verdict stays last.
func TestTerminalOneLinePerRootCause(t *testing.T) {
	r := sampleRun()
	base := r.Findings[0]
	r.Findings = nil
	for i := 0; i < 500; i++ {
		f := base
		f.Message = fmt.Sprintf("scenario %d failed the same way", i)
		f.Cause, f.Count = "200 with Content-Type text/html", 1
		r.Findings = append(r.Findings, f)
	}
	out := terminal(t, r, false)
	assert.Equal(t, 1, strings.Count(out, "--- request ---"), "one example")
	assert.Contains(t, out, "200 with Content-Type text/html  ×500")
	assert.Less(t, strings.Count(out, "\n"), 60)
}

func TestTerminalColorAndEscapeInjection(t *testing.T) {
	plain := terminal(t, sampleRun(), false)
	assert.NotContains(t, plain, "\x1b", "a body's ESC byte never reaches the terminal")
	assert.Contains(t, plain, `\x1b[31mesc`, "it is shown instead")

	colored := terminal(t, sampleRun(), true)
	assert.Contains(t, colored, "\x1b[1m\x1b[31mFAILED\x1b[0m")
	assert.NotContains(t, colored, "\x1b[31mesc", "only our own escapes")
}

func TestTerminalFuzzAndScore(t *testing.T) {
	out := terminal(t, fuzzRun(), false)
	assert.Contains(t, out, "seed 1234  cases 1000000")
	assert.Contains(t, out, "Root causes (2, explaining")
	assert.Contains(t, out, "seed: 42")
	assert.Contains(t, out, "replay: testdata/replay-42.json")

	out = terminal(t, selftestRun(), false)
	assert.Contains(t, out, "verdict: PASSED")
	assert.Contains(t, out, "caught 2 of 2 faults (run 2, fuzz 1, both 1); false alarms: run 0, fuzz 0")
	assert.Regexp(t, `(?m)^  wrong-status\s+run caught 1s\s+fuzz caught 3s\s+AssetId longer than 100$`, out)
}
