package selftest_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/selftest"
)

// expectedFile is the checked-in verdict per fault and engine: what plumb run and plumb fuzz
// (seed 1, at most 1500 cases: the selftest defaults) must each make of every fault.
const expectedFile = "testdata/expected.json"

// expectation is one row of expectedFile.
type expectation struct {
	Fault string `json:"fault"`
	Run   bool   `json:"run"`  // plumb run catches it
	Fuzz  bool   `json:"fuzz"` // plumb fuzz catches it
}

// loadExpected reads expectedFile and checks it names every fault of the emulator's catalogue
// once, and nothing else.
func loadExpected(t *testing.T) map[string]expectation {
	t.Helper()
	b, err := os.ReadFile(expectedFile)
	require.NoError(t, err)
	var rows []expectation
	require.NoError(t, json.Unmarshal(b, &rows), expectedFile)
	table := map[string]expectation{}
	for _, r := range rows {
		_, dup := table[r.Fault]
		require.False(t, dup, "%s lists fault %q twice", expectedFile, r.Fault)
		require.True(t, r.Run || r.Fuzz, "%s says no engine catches %q: that is a gap in plumb to close, not a row to record", expectedFile, r.Fault)
		table[r.Fault] = r
	}
	catalogue := map[string]bool{}
	for _, f := range emulator.Faults() {
		catalogue[f.Name] = true
		if _, ok := table[f.Name]; !ok {
			t.Errorf("fault %q (%s) is in the emulator's catalogue but not in selftest/%s: add it, "+
				`{"fault": %q, "run": true|false, "fuzz": true|false}, saying which engines catch it `+
				"(go run ./cmd/plumb selftest --fault %s)", f.Name, f.Description, expectedFile, f.Name, f.Name)
		}
	}
	for name := range table {
		if !catalogue[name] {
			t.Errorf("selftest/%s lists %q, which is not in the emulator's catalogue (plumb serve --list-faults): remove it", expectedFile, name)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return table
}

// The table in expectedFile is complete, whether or not the long test below runs.
func TestExpectedTableCoversTheCatalogue(t *testing.T) {
	loadExpected(t)
}

// The harness's own proof: both engines against the correct emulator and every fault in the
// catalogue. Each engine must do, fault by fault, what the checked-in table says (a fault one
// engine stops catching fails here even while the other still catches it), and neither may
// raise an alarm on the correct emulator.
func TestSelftestScoresEveryFaultAsTheTableSays(t *testing.T) {
	if testing.Short() {
		t.Skip("runs both engines against every fault")
	}
	table := loadExpected(t)
	run, err := selftest.Run(context.Background(), selftest.Config{})
	require.NoError(t, err)
	s := run.Score
	require.NotNil(t, s)
	require.Equal(t, len(emulator.Faults()), s.Total)
	assert.GreaterOrEqual(t, s.Total, 30)
	for _, row := range s.Rows {
		want := table[row.Fault]
		assert.Equal(t, want.Run, row.CaughtByRun, "fault %s (%s): plumb run caught it: %v; %s says %v (%s)",
			row.Fault, row.Description, row.CaughtByRun, expectedFile, want.Run, row.Detail)
		assert.Equal(t, want.Fuzz, row.CaughtByFuzz, "fault %s (%s): plumb fuzz caught it: %v; %s says %v (%s)",
			row.Fault, row.Description, row.CaughtByFuzz, expectedFile, want.Fuzz, row.Detail)
		assert.True(t, row.CaughtByRun || row.CaughtByFuzz, "fault %s (%s) caught by no engine", row.Fault, row.Description)
	}
	assert.Zero(t, s.FalseAlarmsRun, "plumb run raised alarms on the correct emulator")
	assert.Zero(t, s.FalseAlarmsFuzz, "plumb fuzz raised alarms on the correct emulator")
	assert.Equal(t, s.Total, s.CaughtAny)
	assert.True(t, selftest.Passed(run))
	assert.Equal(t, report.Passed, run.Summary().Status)
}

func TestSelftestRejectsUnknownFaults(t *testing.T) {
	_, err := selftest.Run(context.Background(), selftest.Config{Faults: []string{"no-such-fault"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-fault")
}

// A selftest restricted to one fault scores only that fault, still against the correct emulator.
func TestSelftestOfOneFault(t *testing.T) {
	run, err := selftest.Run(context.Background(), selftest.Config{Faults: []string{"assetid-maxlength-missing"}})
	require.NoError(t, err)
	require.Len(t, run.Score.Rows, 1)
	row := run.Score.Rows[0]
	assert.Equal(t, "assetid-maxlength-missing", row.Fault)
	assert.True(t, row.CaughtByRun)
	assert.True(t, row.CaughtByFuzz)
	assert.Contains(t, row.Detail, "AssetId")
}
