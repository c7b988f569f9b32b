package scenarios

import (
	"slices"
	"strings"

	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/specs"
)

// expressed is one generator case as member steps on the base input.
type expressed struct {
	c       generators.Case
	changes []change
	tails   []tail // one per change
	breaks  map[breach]bool
	// label tells the case from the others of its scenario, e.g. "101" or "a separator".
	label string
}

// express turns a case into member steps on base: the most focused difference that breaks
// exactly what the case's document breaks (as the target receives it), each change written
// in its most readable form that does the same. ok is false when no difference does.
func express(op *specs.Operation, base map[string]any, c generators.Case) (expressed, bool) {
	doc, isObject := c.Value.(map[string]any)
	if !isObject {
		return expressed{}, false
	}
	want := breaches(op, doc)
	segs := genericSegs(c.Path)
	var first []string
	if len(segs) > 0 {
		first = []string{segs[0].name}
	}
	for _, changes := range [][]change{
		transplant(base, doc, segs, ""),
		topLevelDiff(base, doc, first),
		topLevelDiff(base, doc, nil),
	} {
		if len(changes) == 0 && len(want) > 0 {
			continue
		}
		if len(changes) == 0 && len(segs) == 1 && !segs[0].list {
			// The case's member is as in the base: say so, so the scenario reads as what it is about.
			if v, ok := doc[segs[0].name]; ok {
				changes = []change{{path: segs[0].name, value: v}}
			} else {
				changes = []change{{path: segs[0].name, remove: true}}
			}
		}
		got, err := apply(base, changes)
		if err != nil || !sameBreaches(op, got, doc) {
			continue
		}
		return readable(op, base, expressed{c: c, changes: changes, breaks: want}), true
	}
	return expressed{}, false
}

// readable picks, for each change, the first rendering that breaks the same rules.
func readable(op *specs.Operation, base map[string]any, e expressed) expressed {
	exact, _ := apply(base, e.changes)
	e.tails = make([]tail, len(e.changes))
	for i, c := range e.changes {
		alts := tails(op, c)
		switch {
		case e.c.Keyword == "type":
			alts = alts[len(alts)-1:] // a wrong type reads best as the JSON it is
		case !e.c.Valid && e.c.Keyword != "minLength" && e.c.Keyword != "maxLength":
			// Only a length rule may be shown with stand-in characters: a near miss of a pattern
			// is about the very characters it holds.
			alts = slices.DeleteFunc(alts, func(a struct {
				t     tail
				value any
			}) bool {
				return a.t.column == "length" || strings.HasSuffix(a.t.suffix, " characters")
			})
		}
		for _, alt := range alts {
			try := slices.Clone(e.changes)
			try[i].value = alt.value
			if got, err := apply(base, try); err == nil && sameBreaches(op, got, exact) {
				e.changes[i].value = alt.value
				e.tails[i] = alt.t
				break
			}
		}
	}
	return e
}

// nullVariant is a required-member case written with JSON null instead of removing the
// member: AWS protocols read null as absent, so it must earn the same rejection.
func nullVariant(op *specs.Operation, base map[string]any, e expressed) (expressed, bool) {
	if e.c.Keyword != "required" || e.c.Valid || len(e.changes) != 1 || !e.changes[0].remove {
		return expressed{}, false
	}
	n := e.changes[0]
	n.remove, n.value = false, nil
	exact, err1 := apply(base, e.changes)
	got, err2 := apply(base, []change{n})
	if err1 != nil || err2 != nil || !sameBreaches(op, got, exact) {
		return expressed{}, false
	}
	v := e
	v.changes = []change{n}
	v.tails = []tail{{prefix: "is ", arg: "set to JSON null", column: "how"}}
	return v, true
}
