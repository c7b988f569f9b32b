package verdict

import (
	"maps"
	"slices"

	"github.com/plumbhq/plumb/report"
)

// Shard records what a part of a sharded run (plumb --shard K/N) must carry for plumb merge to
// decide the whole run's verdict again: the scope and the evidence. The driver adds its own
// identity (mode, budget, tags) and, for fuzz, its case counts.
func Shard(index, total int, ev *Evidence, scope Scope) *report.Shard {
	s := &report.Shard{Index: index, Total: total, Operations: slices.Clone(scope.Operations),
		Skipped: maps.Clone(scope.Skipped), KnownFrom: scope.KnownFrom, NotAnswering: scope.NotAnswering,
		Evidence: ev.Export()}
	if s.Operations == nil {
		s.Operations = []string{}
	}
	for _, rc := range scope.Known {
		s.Known = append(s.Known, report.RootCause{ID: rc.ID, Operation: rc.Operation, Check: rc.Check,
			Cause: rc.Cause, Severity: rc.Severity})
	}
	return s
}

// ScopeOf is the scope a shard was decided with (the inverse of what Shard records).
func ScopeOf(s *report.Shard) Scope {
	sc := Scope{Operations: slices.Clone(s.Operations), Skipped: maps.Clone(s.Skipped), KnownFrom: s.KnownFrom,
		NotAnswering: s.NotAnswering}
	if sc.Skipped == nil {
		sc.Skipped = map[string]string{}
	}
	if s.Known != nil || s.KnownFrom != "" {
		sc.Known = append([]report.RootCause{}, s.Known...)
	}
	return sc
}

// Export returns the evidence per operation, sorted by operation, for a report to carry.
func (e *Evidence) Export() []report.OperationEvidence {
	out := []report.OperationEvidence{}
	if e == nil {
		return out
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, op := range slices.Sorted(maps.Keys(e.ops)) {
		o := e.ops[op]
		out = append(out, report.OperationEvidence{Operation: op, Exchanges: o.exchanges, Exercised: o.exercised,
			Refused: o.refused, Refusals: maps.Clone(o.refusals), Valid: o.valid,
			Signatures: maps.Clone(o.signatures), Overflow: o.overflow,
			AllSignatures: maps.Clone(o.allSignatures), AllOverflow: o.allOverflow})
	}
	return out
}

// Absorb adds exported evidence (another shard's) to e: counters add up, and the tallies of
// answers are joined under the same bound as Add's, so that the shards of a run absorbed into
// one Evidence decide as the unsharded run's would.
func (e *Evidence) Absorb(records []report.OperationEvidence) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range records {
		o := e.ops[r.Operation]
		if o == nil {
			o = &opEvidence{refusals: map[string]int{}, signatures: map[string]int{}, allSignatures: map[string]int{}}
			e.ops[r.Operation] = o
		}
		o.exchanges += r.Exchanges
		o.exercised += r.Exercised
		o.refused += r.Refused
		o.valid += r.Valid
		joinBounded(o.refusals, r.Refusals)
		o.overflow = joinBounded(o.signatures, r.Signatures) || o.overflow || r.Overflow
		o.allOverflow = joinBounded(o.allSignatures, r.AllSignatures) || o.allOverflow || r.AllOverflow
	}
}

// joinBounded adds src's counts to dst, keeping at most maxSignatures keys (in name order, so
// the result does not depend on map order); it reports whether a key had to be left out.
func joinBounded(dst, src map[string]int) bool {
	over := false
	for _, k := range slices.Sorted(maps.Keys(src)) {
		if _, seen := dst[k]; seen || len(dst) < maxSignatures {
			dst[k] += src[k]
		} else {
			over = true
		}
	}
	return over
}
