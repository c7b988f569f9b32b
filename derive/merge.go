package derive

import (
	"fmt"
	"strings"
)

// Merge joins the models several sources give of one service into one model per service, in
// the order the services first appear. Each operation comes from the first source that gives
// it: a later source's copy is left out and said in a note (so `plumb derive SEEDS MODEL` takes
// what the documents say and fills in the rest from the model). Shapes join by name; a later
// source's shape whose name the earlier ones already use is renamed (Name2, Name3...) unless it
// is the same error or the same kind of scalar, which stays one shape. Every Where of a merged
// model names its own source (Model.Qualified), so each x-source still says which source it
// came from: the given models are rewritten so in place, and are the merged one's parts.
// Sources of one service that disagree on its protocol are an error.
func Merge(models []*Model) ([]*Model, []string, error) {
	var order []string
	groups := map[string][]*Model{}
	for _, m := range models {
		if groups[m.Name] == nil {
			order = append(order, m.Name)
		}
		groups[m.Name] = append(groups[m.Name], m)
	}
	var out []*Model
	var notes []string
	for _, name := range order {
		g := groups[name]
		if len(g) == 1 {
			out = append(out, g[0])
			continue
		}
		merged, n, err := mergeService(g)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, merged)
		notes = append(notes, n...)
	}
	return out, notes, nil
}

func mergeService(g []*Model) (*Model, []string, error) {
	first := g[0]
	var sources []string
	for _, m := range g {
		if m.Protocol != first.Protocol || m.TargetPrefix != first.TargetPrefix {
			return nil, nil, fmt.Errorf("%s: %s says protocol %s (target prefix %q), %s says %s (%q): one service, two protocols",
				first.Name, first.Source, first.Protocol, first.TargetPrefix, m.Source, m.Protocol, m.TargetPrefix)
		}
		sources = append(sources, m.Source)
	}
	out := &Model{
		Name: first.Name, SigningName: first.SigningName, Title: first.Title, APIVersion: first.APIVersion,
		Protocol: first.Protocol, TargetPrefix: first.TargetPrefix,
		Source: strings.Join(sources, " and "), Where: first.src(first.Where), Qualified: true,
		Shapes: map[string]*Shape{}, Opaque: map[string]map[string]string{},
	}
	var notes []string
	for _, m := range g {
		m.qualify()
		var ops []*Operation
		for _, op := range m.Operations {
			if had := out.Operation(op.Name); had != nil {
				notes = append(notes, fmt.Sprintf("%s: %s is taken from %s; %s's is left out", out.Name, op.Name, sourceOf(g, had), m.Source))
				continue
			}
			ops = append(ops, op)
		}
		rename := map[string]string{}
		for name, s := range m.Shapes {
			if have := out.Shapes[name]; have != nil && !sameShape(have, s) {
				n := 2
				for out.Shapes[fmt.Sprint(name, n)] != nil || m.Shapes[fmt.Sprint(name, n)] != nil {
					n++
				}
				rename[name] = fmt.Sprint(name, n)
			}
		}
		m.renameShapes(rename, ops)
		for name, s := range m.Shapes {
			if out.Shapes[name] == nil {
				out.Shapes[name] = s
			}
		}
		for _, op := range ops {
			out.Operations = append(out.Operations, op)
			if o := m.Opaque[op.Name]; o != nil {
				out.Opaque[op.Name] = o
			}
		}
	}
	return out, notes, nil
}

// src names where with m's source, unless it already does.
func (m *Model) src(where string) string {
	if m.Qualified {
		return where
	}
	return m.Source + ": " + where
}

// qualify makes every Where of m name m's source, as the writer would.
func (m *Model) qualify() {
	if m.Qualified {
		return
	}
	for _, op := range m.Operations {
		op.Where = m.src(op.Where)
	}
	for _, s := range m.Shapes {
		s.Where = m.src(s.Where)
		if s.Error != nil {
			s.Error.Where = m.src(s.Error.Where)
		}
		mbs := s.Members
		if s.Member != nil {
			mbs = append(mbs[:len(mbs):len(mbs)], s.Member)
		}
		for _, mb := range mbs {
			mb.Where = m.src(mb.Where)
			for i := range mb.Rules {
				mb.Rules[i].Source = m.src(mb.Rules[i].Source)
			}
		}
	}
	m.Qualified = true
}

// renameShapes renames m's shapes (old → new) and every reference to them.
func (m *Model) renameShapes(rename map[string]string, ops []*Operation) {
	if len(rename) == 0 {
		return
	}
	to := func(name string) string {
		if n, ok := rename[name]; ok {
			return n
		}
		return name
	}
	shapes := map[string]*Shape{}
	for name, s := range m.Shapes {
		s.Name = to(name)
		shapes[s.Name] = s
		for _, mb := range s.Members {
			mb.Target = to(mb.Target)
		}
		if s.Member != nil {
			s.Member.Target = to(s.Member.Target)
		}
	}
	m.Shapes = shapes
	for _, op := range ops {
		op.Input, op.Output = to(op.Input), to(op.Output)
		for i, e := range op.Errors {
			op.Errors[i] = to(e)
		}
	}
}

// sameShape: two sources' shapes of one name that may stay one: the same error (code and
// status), or scalars of one type and the same constraints.
func sameShape(a, b *Shape) bool {
	if a.Error != nil || b.Error != nil {
		return a.Error != nil && b.Error != nil && a.Error.Code == b.Error.Code && a.Error.Status == b.Error.Status
	}
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case "structure", "union", "list", "map":
		return false
	}
	return equalConstraints(a.Constraints, b.Constraints)
}

func equalConstraints(a, b Constraints) bool {
	eq := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return eq(a.Min, b.Min) && eq(a.Max, b.Max) && a.Pattern == b.Pattern && strings.Join(a.Enum, "\x00") == strings.Join(b.Enum, "\x00")
}

func sourceOf(g []*Model, op *Operation) string {
	for _, m := range g {
		for _, o := range m.Operations {
			if o == op {
				return m.Source
			}
		}
	}
	return "an earlier source"
}
