package main_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// actionRun is one local run of the action's steps (scripts/action.sh run, summary, verdict)
// with the variables GitHub sets, against the embedded emulator.
type actionRun struct {
	workspace, summary, output string
	code                       int // the verdict step's exit code
	verdictLog                 string
}

// runAction runs the action's three shell steps with the inputs (INPUT_* names) and env.
func runAction(t *testing.T, inputs map[string]string, env ...string) actionRun {
	t.Helper()
	bin := plumbBinary(t)
	script, err := filepath.Abs("../../scripts/action.sh")
	require.NoError(t, err)
	ws := t.TempDir()
	r := actionRun{workspace: ws, summary: filepath.Join(ws, "summary.md"), output: filepath.Join(ws, "output.txt")}
	base := append(os.Environ(),
		"PLUMB_BIN="+bin, "GITHUB_STEP_SUMMARY="+r.summary, "GITHUB_OUTPUT="+r.output,
		"GITHUB_WORKSPACE="+ws, "RUNNER_TEMP="+t.TempDir(), "GITHUB_ACTIONS=true", "NO_COLOR=1")
	for k, v := range inputs {
		base = append(base, "INPUT_"+k+"="+v)
	}
	base = append(base, env...)
	step := func(name string) (string, int) {
		cmd := exec.Command("bash", script, name)
		cmd.Dir, cmd.Env = ws, base
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return string(out), exit.ExitCode()
		}
		require.NoError(t, err, "%s: %s", name, out)
		return string(out), 0
	}
	log, code := step("run")
	require.Equal(t, 0, code, "the run step records plumb's exit code and never fails itself: %s", log)
	log, code = step("summary")
	require.Equal(t, 0, code, log)
	r.verdictLog, r.code = step("verdict")
	return r
}

func (r actionRun) outputs(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(r.output)
	require.NoError(t, err)
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}

func (r actionRun) summaryText(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(r.summary)
	require.NoError(t, err)
	return string(data)
}

// A conforming target: exit 0, the Markdown verdict in the step summary, outputs set; with
// command both, each command's reports in its own folder.
func TestActionPassesOnAConformingTarget(t *testing.T) {
	r := runAction(t, map[string]string{"COMMAND": "both", "SEED": "3", "BUDGET": "40", "REPORT_DIR": "reports",
		"ARGS": "--operation GetConnection"})
	assert.Equal(t, 0, r.code, r.verdictLog)
	s := r.summaryText(t)
	assert.Contains(t, s, "plumb run: passed")
	assert.Contains(t, s, "plumb fuzz: passed")
	out := r.outputs(t)
	assert.Equal(t, "0", out["exit-code"])
	assert.Equal(t, "0", out["run-exit-code"])
	assert.Equal(t, "0", out["fuzz-exit-code"])
	assert.Equal(t, "plumb-reports", out["artifact-name"])
	for _, d := range []string{"run", "fuzz"} {
		_, err := os.Stat(filepath.Join(r.workspace, "reports", d, "plumb-report.json"))
		assert.NoError(t, err, d)
	}
}

// A seeded fault fails the job with plumb's exit code (1); the parts of a sharded campaign
// share the workflow run's seed and name their artifacts apart; command merge adds them up and
// fails on the whole run's verdict.
func TestActionFailsOnTheVerdictAndMergesShards(t *testing.T) {
	var parts []string
	for _, k := range []string{"1", "2"} {
		r := runAction(t, map[string]string{"COMMAND": "fuzz", "BUDGET": "60", "SHARD": k + "/2", "REPORT_DIR": "part",
			"ARGS": "--fault validation-status-500 --shrink-time 0"}, "GITHUB_RUN_ID=4242")
		assert.Equal(t, 1, r.code, r.verdictLog)
		assert.Contains(t, r.verdictLog, "::error::plumb: FAILED")
		assert.Contains(t, r.summaryText(t), "plumb fuzz: failed")
		assert.Equal(t, "plumb-reports-"+k+"-of-2", r.outputs(t)["artifact-name"])
		data, err := os.ReadFile(filepath.Join(r.workspace, "part", "plumb-report.json"))
		require.NoError(t, err)
		var doc struct{ Seed uint64 }
		require.NoError(t, json.Unmarshal(data, &doc))
		assert.Equal(t, uint64(4242), doc.Seed, "the seed is the workflow run's")
		parts = append(parts, filepath.Join(r.workspace, "part"))
	}
	// As after actions/download-artifact: the parts side by side, named by a glob.
	shards := t.TempDir()
	for i, p := range parts {
		require.NoError(t, os.Rename(p, filepath.Join(shards, "plumb-reports-"+string(rune('1'+i))+"-of-2")))
	}
	r := runAction(t, map[string]string{"COMMAND": "merge", "MERGE": shards + "/plumb-reports-*", "REPORT_DIR": "merged"})
	assert.Equal(t, 1, r.code, r.verdictLog)
	assert.Contains(t, r.summaryText(t), "plumb fuzz: failed")
	assert.Equal(t, "plumb-reports-merged", r.outputs(t)["artifact-name"])
}

// A Markdown report over the limit is cut at a line under it, with a note saying so.
func TestActionSummaryIsCutUnderTheLimit(t *testing.T) {
	r := runAction(t, map[string]string{"COMMAND": "run", "ARGS": "--fault validation-status-500"}, "PLUMB_SUMMARY_LIMIT=1500")
	assert.Equal(t, 1, r.code)
	s := r.summaryText(t)
	assert.LessOrEqual(t, len(s), 1500)
	assert.Contains(t, s, "plumb run: failed")
	assert.Contains(t, s, "Summary truncated")

	r = runAction(t, map[string]string{"COMMAND": "run", "ARGS": "--fault validation-status-500"})
	assert.NotContains(t, r.summaryText(t), "Summary truncated", "the default limit (under 1 MiB) holds a whole report")
}

// An unknown command or a bad flag fails the job with exit 2.
func TestActionUsageErrorFails(t *testing.T) {
	r := runAction(t, map[string]string{"COMMAND": "lint"})
	assert.Equal(t, 2, r.code)
	r = runAction(t, map[string]string{"COMMAND": "run", "SHARD": "4/3"})
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.summaryText(t), "no Markdown report")
}

// action.yml passes every input the script reads, builds plumb from the action's own checkout,
// uploads the reports and ends on the verdict step.
func TestActionYAMLWiresTheScript(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	require.NoError(t, err)
	var action struct {
		Inputs map[string]struct{ Default *string }
		Runs   struct {
			Using string
			Steps []struct {
				Uses, Run, Shell string
				Env              map[string]string
				With             map[string]string
			}
		}
	}
	require.NoError(t, yaml.Unmarshal(data, &action))
	assert.Equal(t, "composite", action.Runs.Using)
	script, err := os.ReadFile("../../scripts/action.sh")
	require.NoError(t, err)
	passed := map[string]bool{}
	var uses, runs []string
	for _, s := range action.Runs.Steps {
		uses = append(uses, s.Uses)
		runs = append(runs, s.Run)
		for k, v := range s.Env {
			if name, ok := strings.CutPrefix(k, "INPUT_"); ok {
				input := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
				assert.Equal(t, "${{ inputs."+input+" }}", v, k)
				passed[input] = true
			}
		}
		if s.Run != "" {
			assert.Equal(t, "bash", s.Shell, s.Run)
		}
	}
	for name, in := range action.Inputs {
		assert.NotNil(t, in.Default, "input %s has a default", name)
		if name == "go-version" {
			continue // read by actions/setup-go
		}
		assert.True(t, passed[name], "input %s reaches the script", name)
		assert.Contains(t, string(script), "INPUT_"+strings.ToUpper(strings.ReplaceAll(name, "-", "_")), name)
	}
	assert.True(t, slices.ContainsFunc(uses, func(u string) bool { return strings.HasPrefix(u, "actions/setup-go@") }))
	assert.True(t, slices.ContainsFunc(uses, func(u string) bool { return strings.HasPrefix(u, "actions/upload-artifact@") }))
	assert.Contains(t, runs, `go build -o "$RUNNER_TEMP/plumb" ./cmd/plumb`)
	assert.Equal(t, `bash "$GITHUB_ACTION_PATH/scripts/action.sh" verdict`, runs[len(runs)-1], "the job fails last, after the upload")
}

// The spec input reaches plumb as --spec: a spec of an operation the embedded emulator does not
// implement, with no target, is refused (exit 2) naming it; with the embedded specs given as
// files, the run passes.
func TestActionPassesTheSpecInput(t *testing.T) {
	widgets, err := filepath.Abs("../../specs/testdata/widgets-awsjson10.yaml")
	require.NoError(t, err)
	r := runAction(t, map[string]string{"COMMAND": "run", "SPEC": widgets})
	assert.Equal(t, 2, r.code, r.verdictLog)

	outposts, err := filepath.Abs("../../specs/outposts.yaml")
	require.NoError(t, err)
	r = runAction(t, map[string]string{"COMMAND": "run", "SPEC": outposts})
	assert.Equal(t, 0, r.code, r.verdictLog)
	assert.NotContains(t, r.summaryText(t), "CreateConnection", "only the given spec's operations were tested")
}
