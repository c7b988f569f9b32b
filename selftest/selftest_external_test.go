package selftest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/selftest"
)

// The harness's own proof: both engines against the correct emulator and every fault in the
// catalogue. Every fault must be caught and the correct emulator must raise no alarm.
func TestSelftestScoresEveryFaultWithNoFalseAlarm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs both engines against every fault")
	}
	run, err := selftest.Run(context.Background(), selftest.Config{})
	require.NoError(t, err)
	s := run.Score
	require.NotNil(t, s)
	assert.Equal(t, len(emulator.Faults()), s.Total)
	assert.GreaterOrEqual(t, s.Total, 30)
	for _, row := range s.Rows {
		assert.True(t, row.CaughtByRun || row.CaughtByFuzz, "fault %s (%s) caught by no engine", row.Fault, row.Description)
	}
	assert.Zero(t, s.FalseAlarmsRun, "run raised alarms on the correct emulator")
	assert.Zero(t, s.FalseAlarmsFuzz, "fuzz raised alarms on the correct emulator")
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
