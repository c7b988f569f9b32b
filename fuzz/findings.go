package fuzz

import (
	"sort"
	"sync"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// findingKey is what findings are deduplicated by.
type findingKey struct {
	Operation, Check, Keyword, Path string
}

func (k findingKey) less(o findingKey) bool {
	if k.Operation != o.Operation {
		return k.Operation < o.Operation
	}
	if k.Check != o.Check {
		return k.Check < o.Check
	}
	if k.Path != o.Path {
		return k.Path < o.Path
	}
	return k.Keyword < o.Keyword
}

// keyOf names a failed result. A check that names no member (a 5xx, a wrong status) is keyed by
// the rule the case was about, so one broken rule is one finding per check.
func keyOf(op string, exp check.Expect, r check.Result) findingKey {
	kw, path := r.Keyword, r.Path
	if kw == "" && path == "" {
		kw, path = exp.Keyword, exp.Path
	}
	return findingKey{Operation: op, Check: string(r.Check), Keyword: kw, Path: specs.GenericPath(path)}
}

// evidence is one failing exchange: the case that produced it, and for a read-back the read.
type evidence struct {
	c      Case
	ex     target.Exchange // the exchange judged: the case's own, or the read-back's
	result check.Result
	flow   *flow // set when ex is a read-back of c (stateful)
}

// finding is one deduplicated finding. Only the evidence with the lowest case index is kept, so
// the kept evidence (and the set of findings) does not depend on how workers interleave.
type finding struct {
	key   findingKey
	count int
	ev    evidence
	// after shrinking
	shrunk      bool
	shrinkSteps int
	replay      string
}

// collector gathers findings. Memory is bounded by the number of distinct keys.
type collector struct {
	mu sync.Mutex
	m  map[findingKey]*finding
}

func newCollector() *collector { return &collector{m: map[findingKey]*finding{}} }

// add records every failed result of one exchange.
func (col *collector) add(op string, c Case, ex target.Exchange, rs []check.Result, f *flow) {
	for _, r := range rs {
		if r.Status != check.Fail {
			continue
		}
		k := keyOf(op, c.Expect, r)
		col.mu.Lock()
		fd := col.m[k]
		if fd == nil {
			fd = &finding{key: k, ev: evidence{c: c, ex: ex, result: r, flow: f}}
			col.m[k] = fd
		} else if c.Index < fd.ev.c.Index {
			fd.ev = evidence{c: c, ex: ex, result: r, flow: f}
		}
		fd.count++
		col.mu.Unlock()
	}
}

func (col *collector) len() int {
	col.mu.Lock()
	defer col.mu.Unlock()
	return len(col.m)
}

// sorted returns the findings in key order.
func (col *collector) sorted() []*finding {
	col.mu.Lock()
	defer col.mu.Unlock()
	out := make([]*finding, 0, len(col.m))
	for _, f := range col.m {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key.less(out[j].key) })
	return out
}
