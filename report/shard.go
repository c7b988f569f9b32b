package report

import (
	"cmp"
	"maps"
	"slices"
)

// Shard says which part of a run a report is (plumb --shard K/N) and carries what plumb merge
// needs to add the parts up and decide the whole run's verdict again: the run's scope, the
// verdict's evidence per operation, and for fuzz the per-slice case counts. It is set only on
// sharded runs.
type Shard struct {
	Index int `json:"index"` // K, from 1
	Total int `json:"total"` // N

	// What makes two shards parts of one run, besides Run.Engine, Run.Seed and Run.Target.
	Mode   string `json:"mode,omitempty"`   // fuzz --mode
	Budget int    `json:"budget,omitempty"` // fuzz: cases of the whole (unsharded) campaign
	Tags   string `json:"tags,omitempty"`   // run --tags

	// The verdict's scope (package verdict, Scope).
	Operations []string          `json:"operations"`        // in scope, in report order
	Skipped    map[string]string `json:"skipped,omitempty"` // out of scope, with why
	Known      []RootCause       `json:"known,omitempty"`   // the baseline's root causes (id, operation, check, cause)
	KnownFrom  string            `json:"knownFrom,omitempty"`
	// NotAnswering is why the part stopped early, its target never answering or only ever
	// throttling (verdict.Scope.NotAnswering): a merge of it is never passed.
	NotAnswering string `json:"notAnswering,omitempty"`

	Evidence []OperationEvidence `json:"evidence"`         // what the shard's answers proved, per operation
	Slices   []CaseSlice         `json:"slices,omitempty"` // fuzz: case counts per (operation, kind)
	// Positions is, for plumb run, each scenario's position in the feature files (key
	// ScenarioKey), so that merged scenarios and findings keep the files' order.
	Positions map[string]int `json:"positions,omitempty"`
}

// ScenarioKey names a scenario in Shard.Positions.
func ScenarioKey(s Scenario) string { return s.Feature + " | " + s.Name }

// OperationEvidence is one operation's evidence for the verdict (package verdict, Evidence) in a
// form a report carries: counters, and the bounded tallies of answers. The evidence of a run's
// shards adds up to the run's.
type OperationEvidence struct {
	Operation     string         `json:"operation"`
	Exchanges     int            `json:"exchanges"`
	Exercised     int            `json:"exercised"`
	Refused       int            `json:"refused"`
	Refusals      map[string]int `json:"refusals,omitempty"`
	Valid         int            `json:"valid"`
	Signatures    map[string]int `json:"signatures,omitempty"` // answers to valid requests
	Overflow      bool           `json:"overflow,omitempty"`
	AllSignatures map[string]int `json:"allSignatures,omitempty"` // answers to every request
	AllOverflow   bool           `json:"allOverflow,omitempty"`
}

// CaseSlice counts the cases of one fuzz scenario (an operation and a case kind): how many ran,
// failed and were refused, and each check's outcomes over them.
type CaseSlice struct {
	Operation string            `json:"operation"`
	Kind      string            `json:"kind"`
	Cases     int               `json:"cases"`
	Failed    int               `json:"failed"`
	Refused   int               `json:"refused"`
	Checks    map[string]Counts `json:"checks"`
}

// CaseOrigin is where a fuzz finding's example came from: its case index, its kind, and its
// rank (0: a valid input or a read-back, 1: a boundary input, 2: any other), which the fuzz
// driver prefers lowest first, then by index. plumb merge keeps the same example.
type CaseOrigin struct {
	Index int    `json:"index"`
	Kind  string `json:"kind"`
	Rank  int    `json:"rank"`
}

// Before reports whether o is the preferred example over p: lower rank, then lower index.
func (o CaseOrigin) Before(p CaseOrigin) bool {
	return cmp.Or(cmp.Compare(o.Rank, p.Rank), cmp.Compare(o.Index, p.Index)) < 0
}

func normShard(s *Shard) *Shard {
	if s == nil {
		return nil
	}
	n := *s
	n.Mode, n.Tags, n.KnownFrom = clean(s.Mode), clean(s.Tags), clean(s.KnownFrom)
	n.Operations = make([]string, len(s.Operations))
	for i, op := range s.Operations {
		n.Operations[i] = clean(op)
	}
	n.Skipped = cleanMap(s.Skipped, func(v string) string { return clean(v) })
	n.Known = nil
	for _, rc := range s.Known {
		n.Known = append(n.Known, RootCause{ID: clean(rc.ID), Operation: clean(rc.Operation),
			Check: clean(rc.Check), Cause: clean(rc.Cause), Severity: clean(rc.Severity)})
	}
	n.Evidence = make([]OperationEvidence, len(s.Evidence))
	for i, e := range s.Evidence {
		e.Operation = clean(e.Operation)
		e.Refusals = cleanMap(e.Refusals, func(v int) int { return v })
		e.Signatures = cleanMap(e.Signatures, func(v int) int { return v })
		e.AllSignatures = cleanMap(e.AllSignatures, func(v int) int { return v })
		n.Evidence[i] = e
	}
	slices.SortStableFunc(n.Evidence, func(a, b OperationEvidence) int { return cmp.Compare(a.Operation, b.Operation) })
	n.Positions = cleanMap(s.Positions, func(v int) int { return v })
	n.Slices = make([]CaseSlice, len(s.Slices))
	for i, sl := range s.Slices {
		sl.Operation, sl.Kind = clean(sl.Operation), clean(sl.Kind)
		sl.Checks = cleanMap(sl.Checks, func(v Counts) Counts { return v })
		n.Slices[i] = sl
	}
	if len(n.Slices) == 0 {
		n.Slices = nil
	}
	return &n
}

// cleanMap copies m with its keys made printable and scrubbed, and its values mapped by f.
func cleanMap[V any](m map[string]V, f func(V) V) map[string]V {
	if m == nil {
		return nil
	}
	out := make(map[string]V, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out[clean(k)] = f(m[k])
	}
	return out
}
