package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
)

// A scenario starts from the operation's base input (steps.BaseInput) and changes it with
// member steps. A generator case is a whole document built on the generators' own minimal
// base, so it is expressed as the smallest difference from the base input that keeps what
// the case is about: the same rule broken (or none), nothing else broken.

// change is one member step: set the member at a concrete path ("tags[0].key") to a value,
// or remove it.
type change struct {
	path   string
	value  any
	remove bool
}

// seg is one segment of a generic path: a member name, and whether it is a list ("tags[*]").
type seg struct {
	name string
	list bool
}

func genericSegs(path string) []seg {
	p := strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
	if p == "" {
		return nil
	}
	var out []seg
	for _, part := range strings.Split(p, ".") {
		s := seg{name: part}
		if strings.HasSuffix(part, "[*]") {
			s.name, s.list = strings.TrimSuffix(part, "[*]"), true
		}
		out = append(out, s)
	}
	return out
}

// transplant walks the generic path in the base and in the case document side by side and
// returns the changes that carry the case's member over to the base: into the first item of a
// list when the case's list holds one item, else the whole member.
func transplant(base, doc map[string]any, segs []seg, prefix string) []change {
	if len(segs) == 0 {
		return nil
	}
	s := segs[0]
	concrete := s.name
	if prefix != "" {
		concrete = prefix + "." + s.name
	}
	bv, bok := base[s.name]
	cv, cok := doc[s.name]
	whole := func() []change {
		switch {
		case !cok && !bok:
			return nil
		case !cok:
			return []change{{path: concrete, remove: true}}
		case bok && reflect.DeepEqual(bv, cv):
			return nil
		}
		return []change{{path: concrete, value: cv}}
	}
	rest := segs[1:]
	if s.list {
		bl, ok1 := bv.([]any)
		cl, ok2 := cv.([]any)
		if !ok1 || !ok2 || len(cl) != 1 || len(bl) == 0 {
			return whole()
		}
		item := concrete + "[0]"
		if len(rest) == 0 {
			if reflect.DeepEqual(bl[0], cl[0]) {
				return nil
			}
			return []change{{path: item, value: cl[0]}}
		}
		bm, ok1 := bl[0].(map[string]any)
		cm, ok2 := cl[0].(map[string]any)
		if !ok1 || !ok2 {
			return []change{{path: item, value: cl[0]}}
		}
		return transplant(bm, cm, rest, item)
	}
	if len(rest) == 0 {
		return whole()
	}
	bm, ok1 := bv.(map[string]any)
	cm, ok2 := cv.(map[string]any)
	if !ok1 || !ok2 {
		return whole()
	}
	return transplant(bm, cm, rest, concrete)
}

// topLevelDiff returns the changes that turn base into doc member by member (only the members
// in names, or all when names is nil): always exact, if less focused than transplant.
func topLevelDiff(base, doc map[string]any, names []string) []change {
	if names == nil {
		for k := range base {
			names = append(names, k)
		}
		for k := range doc {
			if _, ok := base[k]; !ok {
				names = append(names, k)
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	var out []change
	for _, n := range names {
		bv, bok := base[n]
		cv, cok := doc[n]
		switch {
		case !cok && bok:
			out = append(out, change{path: n, remove: true})
		case cok && (!bok || !reflect.DeepEqual(bv, cv)):
			out = append(out, change{path: n, value: cv})
		}
	}
	return out
}

// apply returns a copy of base with the changes made, with the semantics of the member steps:
// setting creates missing intermediate objects, list indexes must name existing items.
func apply(base map[string]any, changes []change) (map[string]any, error) {
	doc := deepCopy(base).(map[string]any)
	for _, c := range changes {
		if err := applyOne(doc, c); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

type concreteSeg struct {
	name  string
	index int // -1: no index
}

func concreteSegs(path string) ([]concreteSeg, error) {
	var out []concreteSeg
	for _, part := range strings.Split(path, ".") {
		s := concreteSeg{name: part, index: -1}
		if i := strings.IndexByte(part, '['); i >= 0 {
			n, err := strconv.Atoi(strings.TrimSuffix(part[i+1:], "]"))
			if err != nil {
				return nil, fmt.Errorf("bad member path %q", path)
			}
			s.name, s.index = part[:i], n
		}
		out = append(out, s)
	}
	return out, nil
}

func applyOne(doc map[string]any, c change) error {
	segs, err := concreteSegs(c.path)
	if err != nil {
		return err
	}
	cur := doc
	for _, s := range segs[:len(segs)-1] {
		next, ok := cur[s.name]
		if !ok && s.index < 0 && !c.remove {
			m := map[string]any{}
			cur[s.name] = m
			cur = m
			continue
		}
		if !ok {
			return nil
		}
		if s.index >= 0 {
			l, ok := next.([]any)
			if !ok || s.index >= len(l) {
				return fmt.Errorf("member path %q: no item %d", c.path, s.index)
			}
			next = l[s.index]
		}
		m, ok := next.(map[string]any)
		if !ok {
			return fmt.Errorf("member path %q: %s is not an object", c.path, s.name)
		}
		cur = m
	}
	last := segs[len(segs)-1]
	if last.index < 0 {
		if c.remove {
			delete(cur, last.name)
		} else {
			cur[last.name] = deepCopy(c.value)
		}
		return nil
	}
	l, ok := cur[last.name].([]any)
	if !ok || last.index >= len(l) || c.remove {
		return fmt.Errorf("member path %q: cannot change item %d", c.path, last.index)
	}
	l[last.index] = deepCopy(c.value)
	return nil
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, e := range t {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

// breach is one (generic path, keyword) a document breaks.
type breach struct{ path, keyword string }

// breaches lists what the document, as the target receives it, breaks: path labels travel as
// text, so they are judged as their text.
func breaches(op *specs.Operation, doc map[string]any) map[breach]bool {
	wire, ok := protocol.Received(op, deepCopy(doc).(map[string]any))
	if !ok {
		return map[breach]bool{{"$", "wire"}: true} // a header cannot carry it: no scenario says it
	}
	out := map[breach]bool{}
	for _, v := range append(specs.Validate(op.Input, wire), op.CheckRules(wire)...) {
		out[breach{jsonpath.Generic(v.Path), v.Keyword}] = true
	}
	return out
}

// sameBreaches reports whether two documents break exactly the same rules.
func sameBreaches(op *specs.Operation, a, b map[string]any) bool {
	return reflect.DeepEqual(breaches(op, a), breaches(op, b))
}
