package fuzz

import "time"

// How --duration bounds the whole command. A Duration campaign ends at its stopAt, shrinking
// included: shrinking shares what is left of the duration (each finding at most ShrinkTime)
// and stops at stopAt with the smallest failing case found so far. So that there is something
// left, the cases stop shrinkReserve early once some finding can be shrunk. A Budget campaign
// has no end: each finding gets ShrinkTime, as before.

// shrinkReserve is how much of a Duration campaign is kept for shrinking once a finding can be
// shrunk: a fifth of the duration, at most the per-finding cap; 0 when shrinking is off.
func shrinkReserve(d, shrinkTime time.Duration) time.Duration {
	if shrinkTime <= 0 || d <= 0 {
		return 0
	}
	return min(d/5, shrinkTime)
}

// shrinkUntil is when shrinking one finding that starts at now must stop: limit later, but
// never past the campaign's end stopAt (zero: no end).
func shrinkUntil(now, stopAt time.Time, limit time.Duration) time.Time {
	until := now.Add(limit)
	if !stopAt.IsZero() && stopAt.Before(until) {
		return stopAt
	}
	return until
}
