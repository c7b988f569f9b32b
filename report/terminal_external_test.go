package report_test

import (
	"bytes"
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
	assert.True(t, strings.HasPrefix(out, "plumb run: FAILED"))
	assert.Contains(t, out, "scenarios:   3 passed, 1 failed, 1 skipped")
	assert.Regexp(t, `(?m)^StartConnection .*\n  response_schema_conformance  2 passed, 0 failed, 0 skipped\n  status_code_conformance      1 passed, 1 failed, 0 skipped$`, out)
	assert.Contains(t, out, "[1] StartConnection / AssetId longer than 100 is rejected (AssetId=101)")
	for _, want := range []string{"--- request ---", "POST /connections HTTP/1.1", "--- response ---", "HTTP/1.1 200 OK", "--- curl ---", "curl -X POST"} {
		assert.Contains(t, out, want)
	}
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
	assert.Contains(t, out, "Failures (2):")
	assert.Contains(t, out, "seed: 42")
	assert.Contains(t, out, "replay: testdata/replay-42.json")

	out = terminal(t, selftestRun(), false)
	assert.Contains(t, out, "plumb selftest: PASSED")
	assert.Contains(t, out, "caught 2 of 2 faults (run 2, fuzz 1, both 1); false alarms: run 0, fuzz 0")
	assert.Regexp(t, `(?m)^  wrong-status\s+run caught 1s\s+fuzz caught 3s\s+AssetId longer than 100$`, out)
}
