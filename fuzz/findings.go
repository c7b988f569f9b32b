package fuzz

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/target"
)

// findingKey is a root cause, what findings are deduplicated by: the operation, the check and
// the response-side cause (check.Result.Causes), whatever input provoked it. A response problem
// is one finding however many input rules the cases happened to break, and two response
// problems stay two findings even when one response shows both.
type findingKey struct {
	Operation, Check, Cause string
	Warning                 bool // the check broke a habit the documents do not state
}

func (k findingKey) compare(o findingKey) int {
	return cmp.Or(cmp.Compare(k.Operation, o.Operation), cmp.Compare(k.Check, o.Check), cmp.Compare(k.Cause, o.Cause))
}

// keysOf names every root cause a failed (or warned) result shows; none for other results.
func keysOf(op string, r check.Result) []findingKey {
	if r.Status != check.Fail && r.Status != check.Warn {
		return nil
	}
	causes := r.Causes
	if len(causes) == 0 {
		line, _, _ := strings.Cut(r.Message, "\n")
		causes = []string{line}
	}
	out := make([]findingKey, len(causes))
	for i, c := range causes {
		out[i] = findingKey{Operation: op, Check: string(r.Check), Cause: c, Warning: r.Status == check.Warn}
	}
	return out
}

// evidence is one failing exchange: the case that produced it, and for a read-back the read.
type evidence struct {
	c      Case
	ex     target.Exchange // the exchange judged: the case's own, or the read-back's
	result check.Result
	flow   *flow // set when ex is a read-back of c (stateful)
}

// rank orders evidence by how little else the input breaks: a valid input showing a cause
// carries no unrelated breakage, so it is the example to keep; then the lowest case index, so
// the kept evidence does not depend on how workers interleave.
func (ev evidence) rank() (int, int) {
	r := 2
	switch {
	case ev.flow != nil || ev.c.Expect.Kind == check.KindValid:
		r = 0
	case ev.c.Kind == KindBoundary:
		r = 1
	}
	return r, ev.c.Index
}

func (ev evidence) before(o evidence) bool {
	r1, i1 := ev.rank()
	r2, i2 := o.rank()
	return r1 < r2 || r1 == r2 && i1 < i2
}

// maxRules bounds the request rules remembered per finding.
const maxRules = 20

// finding is one root cause with its best evidence and how often it showed.
type finding struct {
	key   findingKey
	count int
	ev    evidence
	rules map[string]bool // request rules the inputs showing it broke ("$.name pattern")
	// after shrinking
	shrunk      bool
	shrinkSteps int
	replay      string
}

// collector gathers findings. Memory is bounded by the number of distinct root causes.
type collector struct {
	mu     sync.Mutex
	m      map[findingKey]*finding
	errors atomic.Int64    // root causes of severity error
	failOp map[string]bool // operations with a root cause of severity error
}

func newCollector() *collector {
	return &collector{m: map[findingKey]*finding{}, failOp: map[string]bool{}}
}

// add records every failed or warned result of one exchange.
func (col *collector) add(op string, c Case, ex target.Exchange, rs []check.Result, f *flow) {
	excerpted := false
	for _, r := range rs {
		for _, k := range keysOf(op, r) {
			if !excerpted {
				// A finding keeps its evidence to the end: an excerpt of the body is what the
				// report shows, the whole body (up to the 1 MiB cap) would only cost memory.
				ex, excerpted = ex.Excerpt(), true
			}
			ev := evidence{c: c, ex: ex, result: r, flow: f}
			col.mu.Lock()
			fd := col.m[k]
			if fd == nil {
				fd = &finding{key: k, ev: ev, rules: map[string]bool{}}
				col.m[k] = fd
				if !k.Warning {
					col.errors.Add(1)
					col.failOp[op] = true
				}
			} else if ev.before(fd.ev) {
				fd.ev = ev
			}
			fd.count++
			if rule := strings.TrimSpace(jsonpath.Generic(c.Expect.Path) + " " + c.Expect.Keyword); rule != "" &&
				check.AboutInput(r.Check) && (len(fd.rules) < maxRules || fd.rules[rule]) {
				fd.rules[rule] = true
			}
			col.mu.Unlock()
		}
	}
}

// failing reports how many root causes of severity error were found.
func (col *collector) failing() int { return int(col.errors.Load()) }

// failingOps lists the operations with a root cause of severity error.
func (col *collector) failingOps() []string {
	col.mu.Lock()
	defer col.mu.Unlock()
	return slices.Collect(maps.Keys(col.failOp))
}

// sorted returns the findings in key order.
func (col *collector) sorted() []*finding {
	col.mu.Lock()
	defer col.mu.Unlock()
	out := make([]*finding, 0, len(col.m))
	for _, f := range col.m {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *finding) int { return a.key.compare(b.key) })
	return out
}
