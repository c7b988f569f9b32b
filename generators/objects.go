package generators

// focus steers document generation towards one node: every member on the way to it is
// present, every list on the way has an item, and the node's value comes from apply (present
// false leaves the member out). Everything else is generated valid.
type focus struct {
	target *node
	chain  map[*node]bool // the target and its ancestors
	apply  func(c chooser) (v any, present bool, ok bool)
	failed bool // apply or a forced list could not be satisfied
}

func newFocus(root, target *node, apply func(c chooser) (any, bool, bool)) *focus {
	f := &focus{target: target, chain: map[*node]bool{}, apply: apply}
	var mark func(n *node) bool
	mark = func(n *node) bool {
		hit := n == target
		for _, p := range n.props {
			if mark(p) {
				hit = true
			}
		}
		if n.items != nil && mark(n.items) {
			hit = true
		}
		if hit {
			f.chain[n] = true
		}
		return hit
	}
	mark(root)
	return f
}

func (f *focus) on(n *node) bool { return f != nil && f.chain[n] }

// genDoc generates a whole document; f may be nil for a plain valid one. ok is false when the
// schema admits no such document (contradictory bounds, an unsatisfiable pattern).
func genDoc(c chooser, root *node, f *focus) (any, bool) {
	if f != nil && f.target == root {
		v, _, ok := f.apply(c)
		return v, ok
	}
	g := &gen{c: c, f: f, ok: true}
	v := g.value(root)
	return v, g.ok && (f == nil || !f.failed)
}

// gen carries one document's generation.
type gen struct {
	c  chooser
	f  *focus
	ok bool
}

func (g *gen) value(n *node) any {
	switch n.kind {
	case "object":
		return g.object(n)
	case "array":
		return g.array(n)
	case "capped": // an object or list past the plan's bounds (plan.go): empty, valid only where it may be
		if kindOf(n.s) == "object" {
			g.ok = g.ok && len(n.s.Required) == 0
			return map[string]any{}
		}
		g.ok = g.ok && n.s.MinItems == 0
		return []any{}
	case "string", "any":
		s, ok := n.str.gen(g.c)
		g.ok = g.ok && ok
		return s
	case "integer", "number":
		v, ok := boundsOf(n.s, n.kind == "integer").gen(g.c)
		g.ok = g.ok && ok
		return v
	case "boolean":
		if len(n.s.Enum) > 0 {
			if b, ok := n.s.Enum[g.c.intn(0, len(n.s.Enum)-1)].(bool); ok {
				return b
			}
		}
		return g.c.intn(0, 1) == 1
	}
	return nil
}

// member generates the value at n, honouring the focus; present is false to leave it out.
func (g *gen) member(n *node) (v any, present bool) {
	if g.f.on(n) {
		if n == g.f.target {
			v, present, ok := g.f.apply(g.c)
			if !ok {
				g.f.failed = true
			}
			return v, present
		}
		return g.value(n), true
	}
	return g.value(n), true
}

// object generates required members always and optional members when the chooser says so.
func (g *gen) object(n *node) map[string]any {
	m := map[string]any{}
	for _, p := range n.props {
		if !p.required && !g.f.on(p) && !g.c.present() {
			// AWS JSON protocols read null as absent: sometimes say "absent" that way, a legal
			// input that servers must accept (and that some crash on).
			if g.c.null() {
				m[p.name] = nil
			}
			continue
		}
		if v, present := g.member(p); present {
			m[p.name] = v
		}
	}
	return m
}
