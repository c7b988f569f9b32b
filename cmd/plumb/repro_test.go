package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
)

// shellWords splits a plumb command line as sh does (the lines quote with single quotes).
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "plumb ")
	require.True(t, ok, "not a plumb command line: %s", line)
	out, err := exec.Command("sh", "-c", `printf '%s\000' `+rest).Output()
	require.NoError(t, err, line)
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// Every failed scenario's findings carry a rerun line; run through realMain, it runs that one
// scenario and it fails the same way. The curl line names $PLUMB_TARGET, since the embedded
// emulator of the run is gone, and says how to start one with the run's fault.
func TestRerunLineRerunsOneFailedScenario(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to split the rerun line")
	}
	dir := t.TempDir()
	code, out, errOut := plumb(t, "run", "--fault", "validation-status-500", "--strict", "--report-dir", dir, "--format", "json")
	require.Equal(t, exitNonConform, code, errOut)
	doc := readReport(t, dir)
	var failed report.Scenario
	for _, s := range doc.Scenarios {
		if s.Status == report.Failed {
			failed = s
			break
		}
	}
	require.NotEmpty(t, failed.Failures)
	f := failed.Failures[0]
	want := "plumb run --fault 'validation-status-500' --strict --scenario '" + conformance.QualifiedName(failed.Feature, failed.Name) + "'"
	assert.Equal(t, want, f.Rerun)
	assert.Contains(t, out, "--- rerun ---\n    "+doc.RootCauses[0].Example.Rerun, "the terminal shows the example's rerun line")
	assert.Contains(t, f.Curl, `"$PLUMB_TARGET"'/`)
	assert.Contains(t, f.Curl, "# the embedded emulator of the run is gone: start one with `plumb serve --addr 127.0.0.1:8080 --fault 'validation-status-500'`")
	assert.NotContains(t, f.Curl, "127.0.0.1:"+strings.TrimPrefix(strings.Fields(doc.Target)[2], "http://127.0.0.1:"))

	again := t.TempDir()
	args := append(shellWords(t, f.Rerun), "--report-dir", again, "--format", "json")
	code, _, errOut = plumb(t, args...)
	require.Equal(t, exitNonConform, code, errOut)
	redoc := readReport(t, again)
	require.Len(t, redoc.Scenarios, 1, "the rerun line runs exactly one scenario")
	assert.Equal(t, report.Failed, redoc.Scenarios[0].Status)
	assert.Equal(t, failed.Name, redoc.Scenarios[0].Name)
	require.NotEmpty(t, redoc.Scenarios[0].Failures)
	assert.Equal(t, f.Cause, redoc.Scenarios[0].Failures[0].Cause, "the rerun shows the same failure")
}

// A rerun line of a run against a URL names that URL; --scenario takes the bare name too.
func TestScenarioSelection(t *testing.T) {
	srv, err := emulator.Start(emulator.Config{Faults: []string{"validation-status-500"}}, "127.0.0.1:0")
	require.NoError(t, err)
	defer srv.Close()
	dir := t.TempDir()
	code, _, errOut := plumb(t, "run", "--target", srv.URL, "--scenario", "AssetId longer than 100 characters is rejected (101)",
		"--report-dir", dir, "--format", "json")
	require.Equal(t, exitNonConform, code, errOut)
	doc := readReport(t, dir)
	require.Len(t, doc.Scenarios, 1)
	assert.Equal(t, "plumb run --target '"+srv.URL+"' --scenario 'StartConnection: AssetId longer than 100 characters is rejected (101)'",
		doc.Scenarios[0].Failures[0].Rerun)
	assert.Contains(t, doc.Scenarios[0].Failures[0].Curl, "'"+srv.URL+"/connections'", "a URL target is named as is")

	code, _, errOut = plumb(t, "run", "--scenario", "No such scenario", "--report-dir", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `no scenario named "No such scenario"`)
}

// The qualified names --scenario takes are unique, so a rerun line selects one scenario.
func TestQualifiedScenarioNamesAreUnique(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := plumb(t, "run", "--report-dir", dir, "--format", "json", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	seen := map[string]bool{}
	for _, s := range readReport(t, dir).Scenarios {
		q := conformance.QualifiedName(s.Feature, s.Name)
		assert.False(t, seen[q], "two scenarios named %q", q)
		seen[q] = true
	}
}

// --fail-fast: no scenario starts after the first failure; those are skipped (not
// interrupted) with the reason, and the verdict is failed.
func TestRunFailFast(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := plumb(t, "run", "--fault", "validation-status-500", "--fail-fast", "--concurrency", "1",
		"--report-dir", dir, "--format", "json")
	require.Equal(t, exitNonConform, code, errOut)
	doc := readReport(t, dir)
	assert.Equal(t, report.Failed, doc.Verdict)
	failed, skipped := 0, 0
	for _, s := range doc.Scenarios {
		switch s.Status {
		case report.Failed:
			failed++
		case report.Skipped:
			if s.SkipReason == conformance.FailFastReason {
				skipped++
			}
		case report.Interrupted:
			t.Errorf("scenario %s marked interrupted", s.Name)
		}
	}
	assert.Equal(t, 1, failed, "one scenario at a time: exactly one fails before the run stops")
	assert.Greater(t, skipped, 10)
}

// fuzz --fail-fast stops sending at the first finding.
func TestFuzzFailFast(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := plumb(t, "fuzz", "--fault", "validation-status-500", "--fail-fast", "--seed", "3", "--budget", "20000",
		"--shrink-time", "0", "--report-dir", dir, "--format", "json")
	require.Equal(t, exitNonConform, code, errOut)
	doc := readReport(t, dir)
	assert.Less(t, doc.Cases, 20000, "the campaign stopped before its budget")
	assert.NotEmpty(t, doc.RootCauses)
}

// --checks and --exclude-checks: unknown names are usage errors naming the checks; excluded
// checks are not evaluated, so their failures vanish.
func TestCheckSelection(t *testing.T) {
	code, _, errOut := plumb(t, "run", "--checks", "schema_conformance", "--report-dir", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown check "schema_conformance" (did you mean response_schema_conformance?)`)
	assert.Contains(t, errOut, "stateful_conformance")
	code, _, errOut = plumb(t, "fuzz", "--exclude-checks", "not_a_server_eror", "--report-dir", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "did you mean not_a_server_error?")

	// resp-content-type-wrong fails only content_type_conformance on a valid StartConnection.
	args := []string{"run", "--fault", "resp-content-type-wrong", "--tags", "@StartConnection.response.status", "--format", "json"}
	dir := t.TempDir()
	code, _, errOut = plumb(t, append(args, "--report-dir", dir)...)
	require.Equal(t, exitNonConform, code, errOut)
	assert.Equal(t, "content_type_conformance", readReport(t, dir).RootCauses[0].Check)
	for _, sel := range [][]string{{"--exclude-checks", "content_type_conformance"}, {"--checks", "status_code_conformance,response_schema_conformance"}} {
		dir = t.TempDir()
		code, _, errOut = plumb(t, append(append(args, sel...), "--report-dir", dir)...)
		assert.Equal(t, exitOK, code, "%v: %s", sel, errOut)
		for _, s := range readReport(t, dir).Scenarios {
			for _, c := range s.Checks {
				if c.Name == "content_type_conformance" {
					assert.Equal(t, report.Skipped, c.Status, "%v", sel)
				}
			}
		}
	}
}

// plumb replay without --target replays against the target the file records, and says so.
func TestReplayUsesTheRecordedTarget(t *testing.T) {
	// Found against the embedded emulator with a fault: the file records it, and a replay
	// starts the emulator with that fault again.
	dir := t.TempDir()
	code, _, errOut := plumb(t, "fuzz", "--fault", "validation-status-500", "--operation", "StartConnection",
		"--seed", "1", "--budget", "200", "--shrink-time", "0", "--report-dir", dir)
	require.Equal(t, exitNonConform, code, errOut)
	files, err := filepath.Glob(filepath.Join(dir, "replays", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	rp, err := fuzz.LoadReplay(files[0])
	require.NoError(t, err)
	assert.Equal(t, fuzz.ReplayEmbedded, rp.Target)
	assert.Equal(t, []string{"validation-status-500"}, rp.Faults)
	code, out, _ := plumb(t, "replay", files[0])
	assert.Equal(t, exitNonConform, code, out)
	assert.Contains(t, out, "replaying against the embedded emulator with faults validation-status-500 (recorded in "+files[0])
	code, out, _ = plumb(t, "replay", files[0], "--embedded")
	assert.Equal(t, exitOK, code, out)

	// Found against a URL: the file records the URL.
	srv, err := emulator.Start(emulator.Config{Faults: []string{"validation-status-500"}}, "127.0.0.1:0")
	require.NoError(t, err)
	defer srv.Close()
	dir = t.TempDir()
	code, _, errOut = plumb(t, "fuzz", "--target", srv.URL, "--operation", "StartConnection",
		"--seed", "1", "--budget", "200", "--shrink-time", "0", "--report-dir", dir)
	require.Equal(t, exitNonConform, code, errOut)
	files, err = filepath.Glob(filepath.Join(dir, "replays", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	raw, err := os.ReadFile(files[0])
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "AKID", "no credentials in a replay file")
	code, out, _ = plumb(t, "replay", files[0])
	assert.Equal(t, exitNonConform, code, out)
	assert.Contains(t, out, "replaying against "+srv.URL+" (recorded in "+files[0]+")")

	// An older file without a target: the embedded emulator, said explicitly.
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	delete(m, "target")
	old, err := json.Marshal(m)
	require.NoError(t, err)
	oldFile := filepath.Join(t.TempDir(), "old.json")
	require.NoError(t, os.WriteFile(oldFile, old, 0o644))
	code, out, _ = plumb(t, "replay", oldFile)
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, "replaying against the embedded emulator: "+oldFile+" records no target")

	code, _, errOut = plumb(t, "replay", oldFile, "--embedded", "--target", srv.URL)
	assert.Equal(t, exitUsage, code, errOut)
}
