package generators

import "math"

// validCount draws a valid item count: minItems up to the list's bounds, capped by MaxItems
// when nothing bounds it (a list that must hold more than MaxItems still gets its minimum).
func (g *gen) validCount(n *node, cap int) int {
	lo, hi := n.itemBounds()
	hi = min(hi, max(lo, cap))
	if g.f.on(n.items) {
		lo = max(lo, 1)
	}
	if lo > hi {
		g.ok = false
		return lo
	}
	return g.c.size(lo, hi)
}

func (g *gen) array(n *node) []any {
	return g.list(n, g.validCount(n, maxItemsOption(n)))
}

// maxItemsOption reads Options.MaxItems, stored on the plan's lists at build time.
func maxItemsOption(n *node) int { return n.capItems }

// list generates count items; when the focus runs through the items, one drawn item carries
// it. Items stay unique by the uniqueKeys member: clashing keys are varied.
func (g *gen) list(n *node, count int) []any {
	out := make([]any, count)
	at := -1
	if g.f.on(n.items) && count > 0 {
		at = g.c.intn(0, count-1)
		v, _ := g.member(n.items)
		out[at] = v
	}
	// The focus is on item at alone: the other items are plain valid ones.
	f := g.f
	g.f = nil
	for i := range out {
		if i != at {
			out[i] = g.value(n.items)
		}
	}
	g.f = f
	if n.uniqueKey != "" {
		g.ok = g.ok && uniquify(n, out, at)
	}
	return out
}

// uniquify varies item keys that repeat, keeping item keep (the focused one) as it is.
func uniquify(n *node, items []any, keep int) bool {
	key := n.items.prop(n.uniqueKey)
	taken := map[string]bool{}
	order := make([]int, 0, len(items))
	if keep >= 0 {
		order = append(order, keep)
	}
	for i := range items {
		if i != keep {
			order = append(order, i)
		}
	}
	for _, i := range order {
		m, ok := items[i].(map[string]any)
		if !ok {
			continue
		}
		k, ok := m[n.uniqueKey].(string)
		if !ok {
			continue
		}
		if taken[k] {
			if i == keep || key == nil || key.str == nil {
				return false
			}
			v, ok := key.str.vary(k, func(s string) bool { return taken[s] })
			if !ok {
				return false
			}
			m[n.uniqueKey], k = v, v
		}
		taken[k] = true
	}
	return true
}

// withKeys generates count items that all carry the uniqueKeys member, unique.
func (g *gen) withKeys(n *node, count int) []any {
	out := g.list(n, count)
	key := n.items.prop(n.uniqueKey)
	if key == nil || key.str == nil {
		g.ok = false
		return out
	}
	for _, it := range out {
		if m, ok := it.(map[string]any); ok {
			if _, has := m[n.uniqueKey]; !has {
				s, ok := key.str.gen(g.c)
				g.ok = g.ok && ok
				m[n.uniqueKey] = s
			}
		}
	}
	g.ok = g.ok && uniquify(n, out, -1)
	return out
}

// hiOrInf converts a bound to int for arithmetic, keeping "unbounded" as MaxInt.
func hiOrInf(hi int) int {
	if hi == math.MaxInt {
		return math.MaxInt - 1
	}
	return hi
}
