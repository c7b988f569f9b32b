package merge_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/merge"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// fault is the seeded fault the runs must find: a 500 for invalid input (two root causes).
const fault = "validation-status-500"

type env struct {
	set    *specs.Set
	engine *check.Engine
	client *target.Client
	url    string
}

// start serves the emulator with the fault on loopback for the test's lifetime.
func start(t *testing.T, faults ...string) env {
	t.Helper()
	set, err := specs.Load()
	require.NoError(t, err)
	srv, err := emulator.Start(emulator.Config{Faults: faults}, "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	client, err := target.New(target.Options{Targets: map[string]string{"": srv.URL}, Timeout: 5 * time.Second, Concurrency: 4})
	require.NoError(t, err)
	t.Cleanup(client.CloseIdleConnections)
	return env{set: set, engine: check.New(set, check.Options{}), client: client, url: srv.URL}
}

// viaJSON writes r as the JSON report and reads it back, as plumb merge reads a part's report.
func viaJSON(t *testing.T, r *report.Run) *report.Run {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, r))
	doc, err := report.ReadJSON(&buf)
	require.NoError(t, err)
	return &doc.Run
}

// sameRun asserts merged says what whole says: counts, findings, root causes, verdict.
func sameRun(t *testing.T, whole, merged *report.Run) {
	t.Helper()
	whole, merged = viaJSON(t, whole), viaJSON(t, merged) // both normalized alike
	ws, ms := whole.Summary(), merged.Summary()
	assert.Equal(t, ws.Scenarios, ms.Scenarios, "scenario counts")
	assert.Equal(t, ws.Constraints, ms.Constraints, "constraint counts")
	assert.Equal(t, ws.Matrix, ms.Matrix, "operation × check matrix")
	assert.Equal(t, ws.Findings, ms.Findings, "findings")
	assert.Equal(t, ws.RootCauses, ms.RootCauses, "root causes")
	assert.Equal(t, whole.Cases, merged.Cases, "cases")
	assert.Equal(t, whole.Constraints, merged.Constraints)
	assert.Equal(t, findingSet(whole), findingSet(merged), "finding set")
	assert.Equal(t, causes(whole), causes(merged), "root causes")
	assert.NotEmpty(t, causes(whole), "the fault must show")
	assert.Equal(t, report.Failed, merged.Verdict)
	assert.Equal(t, whole.Verdict, merged.Verdict)
	assert.Equal(t, whole.VerdictReason, merged.VerdictReason)
	assert.Equal(t, whole.Operations, merged.Operations)
	assert.Nil(t, merged.Shard, "the merged report is the whole run, not a part")
}

// findingSet is the findings without what differs between two sends of one request (dates).
func findingSet(r *report.Run) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%d|%s|%s", f.Operation, f.Check, f.Cause, f.Severity, f.Count, f.Rule, f.Message))
	}
	slices.Sort(out)
	return out
}

// scenarioLines is each scenario with its checks and the findings it carries, in one line each.
func scenarioLines(r *report.Run) []string {
	var out []string
	for _, sc := range r.Scenarios {
		line := fmt.Sprintf("%s|%s|%s|%s|%v", sc.Feature, sc.Name, sc.Status, sc.SkipReason, sc.Checks)
		for _, f := range sc.Failures {
			line += fmt.Sprintf("|%s %s %d %v", f.Check, f.Cause, f.Count, *f.Origin)
		}
		out = append(out, line)
	}
	return out
}

// undated drops the lines of an HTTP dump that differ between two sends of one request.
func undated(dump string) string {
	var keep []string
	for _, l := range strings.Split(dump, "\n") {
		if !strings.HasPrefix(l, "X-Amz-Date:") && !strings.HasPrefix(l, "Host:") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func causes(r *report.Run) []string {
	var out []string
	for _, rc := range r.RootCauses {
		out = append(out, fmt.Sprintf("%s %s %s %d %v", rc.ID, rc.Operation, rc.Check, rc.Count, rc.Rules))
	}
	return out
}

// Three parts of plumb run, merged, are the unsharded run.
func TestShardedRunMergesToTheWholeRun(t *testing.T) {
	e := start(t, fault)
	cfg := conformance.Config{Specs: e.set, Client: e.client, Engine: e.engine, Concurrency: 4, Target: "emulator"}
	whole, err := conformance.Run(context.Background(), cfg)
	require.NoError(t, err)

	var parts []*report.Run
	total := 0
	for k := 1; k <= 3; k++ {
		c := cfg
		c.Shard, c.Shards = k, 3
		part, err := conformance.Run(context.Background(), c)
		require.NoError(t, err)
		require.NotNil(t, part.Shard)
		assert.Equal(t, k, part.Shard.Index)
		assert.Less(t, len(part.Scenarios), len(whole.Scenarios), "a part runs a part of the suite")
		total += len(part.Scenarios)
		parts = append(parts, viaJSON(t, part))
	}
	assert.Equal(t, len(whole.Scenarios), total, "the parts partition the suite")
	merged, err := merge.Runs(parts)
	require.NoError(t, err)
	sameRun(t, whole, merged)
}

// Three parts of a fuzz campaign (the same seed and budget), merged, are the unsharded
// campaign: the same cases, so the same counts, findings (examples included) and root causes.
func TestShardedFuzzMergesToTheWholeCampaign(t *testing.T) {
	e := start(t, fault)
	cfg := fuzz.Config{Specs: e.set, Client: e.client, Engine: e.engine, Seed: 7, Budget: 240, Workers: 2,
		ShrinkTime: -1, Target: "emulator"} // no shrinking: its time cap would make examples depend on load
	whole, err := fuzz.Run(context.Background(), cfg)
	require.NoError(t, err)

	var parts []*report.Run
	for _, k := range []int{3, 1, 2} { // any order
		c := cfg
		c.Shard, c.Shards = k, 3
		part, err := fuzz.Run(context.Background(), c)
		require.NoError(t, err)
		assert.Equal(t, 80, part.Cases, "case i is part K when i %% 3 == K-1")
		parts = append(parts, viaJSON(t, part))
	}
	merged, err := merge.Runs(parts)
	require.NoError(t, err)
	sameRun(t, whole, merged)
	w, m := viaJSON(t, whole), viaJSON(t, merged)
	assert.Equal(t, scenarioLines(w), scenarioLines(m), "the (operation, kind) slices add up")
	require.Len(t, m.RootCauses, len(w.RootCauses))
	for i := range w.RootCauses {
		assert.Equal(t, undated(w.RootCauses[i].Example.Request), undated(m.RootCauses[i].Example.Request), "the example kept is the driver's")
		assert.Equal(t, w.RootCauses[i].Example.Origin, m.RootCauses[i].Example.Origin)
	}
}

// The verdict is decided over every part's evidence: each operation's verdict and its count of
// requests are the whole campaign's, though no part exercised every operation.
func TestMergedVerdictUsesEveryPartsEvidence(t *testing.T) {
	e := start(t)
	cfg := fuzz.Config{Specs: e.set, Client: e.client, Engine: e.engine, Seed: 3, Budget: 30, Workers: 1,
		ShrinkTime: -1, Target: "emulator"}
	whole, err := fuzz.Run(context.Background(), cfg)
	require.NoError(t, err)
	require.Equal(t, report.Passed, whole.Verdict, whole.VerdictReason)
	var parts []*report.Run
	ops := len(e.set.Operations())
	partial := 0 // parts that judged fewer than every operation
	for k := 1; k <= 15; k++ {
		c := cfg
		c.Shard, c.Shards = k, 15
		part, err := fuzz.Run(context.Background(), c)
		require.NoError(t, err)
		require.Equal(t, 2, part.Cases)
		judged := 0
		for _, o := range part.Operations {
			if o.Verdict != report.Skipped {
				judged++
			}
		}
		if judged < ops {
			partial++
		}
		parts = append(parts, viaJSON(t, part))
	}
	require.Positive(t, partial, "some part must miss an operation for this test to mean anything")
	merged, err := merge.Runs(parts)
	require.NoError(t, err)
	assert.Equal(t, whole.Verdict, merged.Verdict, merged.VerdictReason)
	assert.Equal(t, whole.VerdictReason, merged.VerdictReason)
	assert.Equal(t, viaJSON(t, whole).Operations, viaJSON(t, merged).Operations)
	require.Len(t, merged.Operations, ops)
	for _, o := range merged.Operations {
		assert.Equal(t, report.Passed, o.Verdict, o.Operation)
	}
}

// Reports that are not the N parts of one run are refused, saying why.
func TestMergeRefusesWhatIsNotOneRun(t *testing.T) {
	part := func(engine string, seed uint64, k, n int) *report.Run {
		return &report.Run{Engine: engine, Seed: seed, Shard: &report.Shard{Index: k, Total: n, Operations: []string{"GetConnection"}}}
	}
	for _, c := range []struct {
		name  string
		parts []*report.Run
		want  string
	}{
		{"none", nil, "no report"},
		{"unsharded", []*report.Run{{Engine: "run"}}, "not part of a sharded run"},
		{"missing", []*report.Run{part("fuzz", 1, 1, 3), part("fuzz", 1, 3, 3)}, "missing shard 2/3"},
		{"twice", []*report.Run{part("fuzz", 1, 1, 2), part("fuzz", 1, 1, 2)}, "shard 1/2 is given twice"},
		{"seed", []*report.Run{part("fuzz", 1, 1, 2), part("fuzz", 2, 2, 2)}, "seed 2 vs 1"},
		{"command", []*report.Run{part("fuzz", 1, 1, 2), part("run", 1, 2, 2)}, `command "run" vs "fuzz"`},
		{"total", []*report.Run{part("fuzz", 1, 1, 2), part("fuzz", 1, 2, 3)}, "shard 2/3 vs 1/2"},
	} {
		_, err := merge.Runs(c.parts)
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}

// A part that stopped because its target never answered makes the whole run inconclusive with
// that cause, whatever the other parts proved: the merge is never passed on part of the evidence.
func TestMergeOfAPartWhoseTargetNeverAnsweredIsInconclusive(t *testing.T) {
	e := start(t)
	cfg := fuzz.Config{Specs: e.set, Client: e.client, Engine: e.engine, Seed: 3, Budget: 30, Workers: 1,
		ShrinkTime: -1, Target: "emulator"}
	var parts []*report.Run
	for k := 1; k <= 3; k++ {
		c := cfg
		c.Shard, c.Shards = k, 3
		part, err := fuzz.Run(context.Background(), c)
		require.NoError(t, err)
		require.Equal(t, report.Passed, part.Verdict, part.VerdictReason)
		parts = append(parts, viaJSON(t, part))
	}
	const cause = "target not answering: 5 requests in a row got no response within 2s (http://127.0.0.1:9)"
	parts[1].Shard.NotAnswering = cause
	merged, err := merge.Runs(parts)
	require.NoError(t, err)
	assert.Equal(t, report.Inconclusive, merged.Verdict)
	assert.Contains(t, merged.VerdictReason, cause)
}
