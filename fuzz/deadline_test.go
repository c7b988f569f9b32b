package fuzz

import (
	"pgregory.net/rapid"
	"testing"
	"time"
)

// The seam between the campaign and shrinking: a Duration campaign hands shrinking a deadline
// no later than its own end, whatever the per-finding cap; a Budget campaign (no end) gives
// each finding its cap, as before.
func TestShrinkNeverOutlivesTheCampaign(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	end := now.Add(3 * time.Second)
	for _, tc := range []struct {
		stopAt time.Time
		limit  time.Duration
		want   time.Time
	}{
		{end, 10 * time.Second, end},                                // the campaign ends first
		{end, time.Second, now.Add(time.Second)},                    // the cap comes first
		{time.Time{}, 10 * time.Second, now.Add(10 * time.Second)},  // Budget: the cap alone
		{now.Add(-time.Second), time.Second, now.Add(-time.Second)}, // already over: nothing left
	} {
		if got := shrinkUntil(now, tc.stopAt, tc.limit); !got.Equal(tc.want) {
			t.Errorf("shrinkUntil(now, %v, %s) = %v; want %v", tc.stopAt, tc.limit, got, tc.want)
		}
	}
	for _, tc := range []struct{ d, shrink, want time.Duration }{
		{10 * time.Second, 10 * time.Second, 2 * time.Second},
		{time.Hour, 10 * time.Second, 10 * time.Second},
		{10 * time.Second, -1, 0}, // shrinking disabled: the cases get the whole duration
		{0, 10 * time.Second, 0},  // a Budget campaign keeps nothing back
	} {
		if got := shrinkReserve(tc.d, tc.shrink); got != tc.want {
			t.Errorf("shrinkReserve(%s, %s) = %s; want %s", tc.d, tc.shrink, got, tc.want)
		}
	}
}

// A shrink whose window has closed before it starts runs nothing and reports so: the finding
// keeps its evidence, unshrunk.
func TestShrinkPastTheDeadlineRunsNothing(t *testing.T) {
	ran := false
	failed, started := runRapid(func(*rapid.T) { ran = true }, func() time.Duration { return 0 })
	if failed || started || ran {
		t.Errorf("runRapid with a closed window: failed %v, ran %v, property called %v; want nothing", failed, started, ran)
	}
}
