package fuzz

// Shrinking. rapid shrinks inside rapid.Check only, and rapid.Check cannot run outside `go
// test`: it calls testing.Short (which panics in a binary that has not parsed the testing
// flags), takes its seed and shrink time from process-wide flags, and writes fail files into
// the working directory. So plumb shrinks structurally over the decoded JSON input instead:
// drop members, cut strings and lists (binary search on length, from either end), move
// integers toward zero; keep a step only while the input still breaks exactly the same rule
// (checked locally with specs.Validate and Operation.CheckRules, so the expectation still
// holds) and the target still fails the same check. Only inputs that are safe to send again
// are shrunk (see shrinkable).

import (
	"context"
	"math"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// shrinkable reports whether a finding's case may be re-sent while shrinking: inputs breaking a
// rule create nothing, and reads change nothing. A valid create (and any read-back of one)
// keeps its original evidence.
func shrinkable(op *specs.Operation, ev evidence) bool {
	if ev.flow != nil || ev.c.raw || ev.c.Input == nil {
		return false
	}
	switch ev.c.Expect.Kind {
	case check.KindInvalid:
		return true
	case check.KindValid, check.KindOutcome:
		return op.Method == http.MethodGet
	}
	return false
}

type shrinker struct {
	ctx      context.Context
	op       *specs.Operation
	client   *target.Client
	engine   *check.Engine
	key      findingKey
	deadline time.Time

	best  evidence
	steps int
}

// shrink minimises ev's input within limit and returns the smallest failing evidence found
// and the number of accepted steps.
func shrink(ctx context.Context, op *specs.Operation, c *target.Client, e *check.Engine, key findingKey, ev evidence, limit time.Duration) (evidence, int) {
	s := &shrinker{ctx: ctx, op: op, client: c, engine: e, key: key, deadline: time.Now().Add(limit), best: ev}
	for pass := 0; pass < 32 && !s.over(); pass++ {
		before := s.steps
		for _, p := range paths(s.best.c.Input) {
			s.shrinkAt(p)
		}
		if s.steps == before {
			break
		}
	}
	return s.best, s.steps
}

func (s *shrinker) over() bool { return s.ctx.Err() != nil || time.Now().After(s.deadline) }

// try sends a candidate input and keeps it when it still fails the same way.
func (s *shrinker) try(in map[string]any) bool {
	if s.over() || !breaksOnly(s.op, s.best.c.Expect, s.best.c.also, in) {
		return false
	}
	req, err := protocol.Encode(s.op, in, protocol.Overrides{})
	if err != nil {
		return false
	}
	ex := s.client.Do(s.ctx, req)
	if s.ctx.Err() != nil {
		return false
	}
	for _, r := range s.engine.Check(s.op, s.best.c.Expect, ex) {
		if r.Status == check.Fail && keyOf(s.op.ID, s.best.c.Expect, r) == s.key {
			c := s.best.c
			c.Input, c.Request = in, req
			s.best = evidence{c: c, ex: ex, result: r}
			s.steps++
			return true
		}
	}
	return false
}

// breaksOnly reports whether input still earns exp: for an invalid expectation, it breaks the
// named rule (and at most the keywords also lists, at the same path) and nothing else;
// otherwise it breaks nothing.
func breaksOnly(op *specs.Operation, exp check.Expect, also []string, in map[string]any) bool {
	vs := append(specs.Validate(op.Input, in), op.CheckRules(in)...)
	if exp.Kind != check.KindInvalid {
		return len(vs) == 0
	}
	if len(vs) == 0 {
		return false
	}
	named := false
	for _, v := range vs {
		if specs.GenericPath(v.Path) != exp.Path || v.Keyword != exp.Keyword && !slices.Contains(also, v.Keyword) {
			return false
		}
		named = named || v.Keyword == exp.Keyword
	}
	return named
}

// shrinkAt tries the reductions that apply to the value at p in the current best input.
func (s *shrinker) shrinkAt(p []any) {
	v, ok := getAt(s.best.c.Input, p)
	if !ok {
		return
	}
	if _, isKey := p[len(p)-1].(string); isKey {
		if s.try(deleteAt(s.best.c.Input, p)) {
			return
		}
	}
	switch x := v.(type) {
	case string:
		r := []rune(x)
		s.shortest(len(r), func(k int) bool { return s.try(setAt(s.best.c.Input, p, string(r[:k]))) })
		cur, _ := getAt(s.best.c.Input, p)
		if str, ok := cur.(string); ok {
			r = []rune(str)
			s.shortest(len(r), func(k int) bool { return s.try(setAt(s.best.c.Input, p, string(r[len(r)-k:]))) })
		}
	case []any:
		s.shortest(len(x), func(k int) bool { return s.try(setAt(s.best.c.Input, p, append([]any(nil), x[:k]...))) })
		cur, _ := getAt(s.best.c.Input, p)
		if list, ok := cur.([]any); ok && len(list) <= 16 {
			for i := len(list) - 1; i >= 0; i-- {
				now, _ := getAt(s.best.c.Input, p)
				l, ok := now.([]any)
				if !ok || i >= len(l) {
					continue
				}
				s.try(setAt(s.best.c.Input, p, append(append([]any(nil), l[:i]...), l[i+1:]...)))
			}
		}
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return
		}
		sign := 1.0
		if x < 0 {
			sign = -1
		}
		s.shortest(int(math.Abs(x)), func(k int) bool { return s.try(setAt(s.best.c.Input, p, sign*float64(k))) })
	}
}

// shortest finds by binary search the smallest k in [0, n) for which try succeeds, assuming
// n already fails. try keeps every success, so the best input ends at the smallest k found.
func (s *shrinker) shortest(n int, try func(k int) bool) {
	lo, hi := 0, n
	for lo < hi && !s.over() {
		mid := lo + (hi-lo)/2
		if try(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
}

// paths lists the path of every value below the root, depth first, members in name order.
func paths(v any) [][]any {
	var out [][]any
	var walk func(v any, p []any)
	walk = func(v any, p []any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				q := append(append([]any(nil), p...), k)
				out = append(out, q)
				walk(x[k], q)
			}
		case []any:
			for i, e := range x {
				q := append(append([]any(nil), p...), i)
				out = append(out, q)
				walk(e, q)
			}
		}
	}
	walk(v, nil)
	return out
}

func getAt(v any, p []any) (any, bool) {
	for _, seg := range p {
		switch s := seg.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[s]; !ok {
				return nil, false
			}
		case int:
			l, ok := v.([]any)
			if !ok || s >= len(l) {
				return nil, false
			}
			v = l[s]
		}
	}
	return v, true
}

// setAt returns a copy of root with the value at p replaced (or, with del, the member removed).
// Only the containers along p are copied; the rest is shared, which is safe because the
// shrinker never mutates a value in place.
func setAt(root map[string]any, p []any, val any) map[string]any {
	out, _ := update(root, p, val, false).(map[string]any)
	return out
}

func deleteAt(root map[string]any, p []any) map[string]any {
	out, _ := update(root, p, nil, true).(map[string]any)
	return out
}

func update(v any, p []any, val any, del bool) any {
	if len(p) == 0 {
		return val
	}
	switch s := p[0].(type) {
	case string:
		m, _ := v.(map[string]any)
		c := make(map[string]any, len(m))
		for k, x := range m {
			c[k] = x
		}
		if len(p) == 1 && del {
			delete(c, s)
		} else {
			c[s] = update(m[s], p[1:], val, del)
		}
		return c
	case int:
		l, _ := v.([]any)
		c := append([]any(nil), l...)
		if s < len(c) {
			c[s] = update(c[s], p[1:], val, del)
		}
		return c
	}
	return v
}
