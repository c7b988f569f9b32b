package derive

import (
	"bytes"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/plumbhq/plumb/specs"
)

// Diff is one constraint two sources disagree on: a value each states, or a constraint one
// states and the other does not ("" for the silent side).
type Diff struct {
	Operation string
	In        string // request, response, error; "operation" when one side lacks the operation
	Path      string
	Keyword   string
	A, B      string
}

// Compare derives or loads both sources (a botocore or Smithy model, or an OpenAPI spec file
// ending .yaml, .yml) and lists, constraint by constraint, where they disagree, for the
// operations both hold (or ops, when given). A model is derived for the operations the other
// side holds, so a spec of a few operations is compared with those of a whole service.
func Compare(a, b string, ops []string) ([]Diff, error) {
	r, err := CompareSources(a, b, ops)
	if err != nil {
		return nil, err
	}
	return r.Diffs, nil
}

// Comparison is the result of CompareSources: the disagreements, and each side named as its
// x-source names it (a model by its source, a spec file by its path).
type Comparison struct {
	A, B  string
	Diffs []Diff
}

// String renders the comparison as FormatDiffs does.
func (c *Comparison) String() string { return FormatDiffs(c.A, c.B, c.Diffs) }

// CompareSources is Compare, naming the sides.
func CompareSources(a, b string, ops []string) (*Comparison, error) {
	res := &Comparison{A: a, B: b}
	sa, sb := isSpec(a), isSpec(b) // "botocore:SERVICE" names a model (Read resolves it)
	var setA, setB *specs.Set
	var err error
	if sa {
		if setA, err = specs.LoadFiles(a); err != nil {
			return nil, err
		}
	}
	if sb {
		if setB, err = specs.LoadFiles(b); err != nil {
			return nil, err
		}
	}
	if len(ops) == 0 && setA != nil {
		ops = opNames(setA)
	}
	if len(ops) == 0 && setB != nil {
		ops = opNames(setB)
	}
	// Seed documents against a model: the operations the documents describe, of those the
	// model also has (a whole service's model is not compared with three documents).
	both := false
	if len(ops) == 0 && (IsSeedSource(a) || IsSeedSource(b)) {
		seeds := a
		if !IsSeedSource(a) {
			seeds = b
		}
		set, label, err := deriveSet(seeds, nil)
		if err != nil {
			return nil, err
		}
		ops, both = opNames(set), true
		if seeds == a {
			setA, res.A = set, label
		} else {
			setB, res.B = set, label
		}
	}
	if setA == nil {
		if setA, res.A, err = deriveSet(a, ops); err != nil {
			return nil, err
		}
	}
	if setB == nil {
		if setB, res.B, err = deriveSet(b, ops); err != nil {
			return nil, err
		}
	}
	if both {
		ops = slices.DeleteFunc(ops, func(o string) bool { return setA.Operation(o) == nil || setB.Operation(o) == nil })
	}
	res.Diffs = diffSets(setA, setB, ops)
	return res, nil
}

func isSpec(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

func opNames(s *specs.Set) []string {
	var out []string
	for _, op := range s.Operations() {
		out = append(out, op.ID)
	}
	return out
}

// deriveSet derives the model at path (the operations in ops it has) and loads it as plumb would.
func deriveSet(path string, ops []string) (*specs.Set, string, error) {
	models, err := Read(path)
	if err != nil {
		return nil, "", err
	}
	var label []string
	names := []string{}
	docs := map[string][]byte{}
	for _, m := range models {
		sel := m.Holding(ops)
		if len(ops) > 0 && len(sel) == 0 {
			continue
		}
		doc, err := m.OpenAPI(Options{Operations: sel})
		if err != nil {
			return nil, "", err
		}
		if !slices.Contains(label, m.Source) {
			label = append(label, m.Source)
		}
		name := m.Name + ".yaml"
		names = append(names, name)
		docs[name] = doc
	}
	if len(names) == 0 {
		return nil, "", fmt.Errorf("%s has none of the operations %s", path, strings.Join(ops, ", "))
	}
	set, err := specs.Parse(names, docs)
	if err != nil {
		return nil, "", fmt.Errorf("%s: the derived spec does not load: %w", path, err)
	}
	return set, strings.Join(label, ", "), nil
}

type ckey struct{ in, path, keyword string }

func constraintMap(op *specs.Operation) (map[ckey]string, []ckey) {
	out := map[ckey]string{}
	var order []ckey
	for _, c := range op.Constraints() {
		k := ckey{c.In, c.Path, c.Keyword}
		v := c.Value
		if c.In == "error" {
			v = fmt.Sprintf("%s %d", c.Value, c.Status)
		}
		if _, dup := out[k]; !dup {
			order = append(order, k)
		}
		out[k] = v
	}
	return out, order
}

func diffSets(a, b *specs.Set, ops []string) []Diff {
	var out []Diff
	if len(ops) == 0 {
		ops = opNames(a)
		for _, n := range opNames(b) {
			if !slices.Contains(ops, n) {
				ops = append(ops, n)
			}
		}
	}
	for _, name := range ops {
		oa, ob := a.Operation(name), b.Operation(name)
		switch {
		case oa == nil && ob == nil:
			continue
		case oa == nil:
			out = append(out, Diff{Operation: name, In: "operation", B: "present"})
			continue
		case ob == nil:
			out = append(out, Diff{Operation: name, In: "operation", A: "present"})
			continue
		}
		ma, orderA := constraintMap(oa)
		mb, orderB := constraintMap(ob)
		for _, k := range orderA {
			if va, vb := ma[k], mb[k]; va != vb {
				out = append(out, Diff{Operation: name, In: k.in, Path: k.path, Keyword: k.keyword, A: va, B: vb})
			}
		}
		for _, k := range orderB {
			if _, ok := ma[k]; !ok {
				out = append(out, Diff{Operation: name, In: k.in, Path: k.path, Keyword: k.keyword, B: mb[k]})
			}
		}
		out = append(out, diffFlows(name, oa, ob)...)
		for _, p := range oa.Opaque {
			if !slices.Contains(ob.Opaque, p) {
				out = append(out, Diff{Operation: name, In: "request", Path: p, Keyword: "x-plumb-opaque", A: "opaque"})
			}
		}
		for _, p := range ob.Opaque {
			if !slices.Contains(oa.Opaque, p) {
				out = append(out, Diff{Operation: name, In: "request", Path: p, Keyword: "x-plumb-opaque", B: "opaque"})
			}
		}
	}
	return out
}

// diffFlows compares what the two sources declare of the flow the operation creates for.
func diffFlows(name string, a, b *specs.Operation) []Diff {
	flow := func(o *specs.Operation) map[string]string {
		m := map[string]string{}
		if o.Created == nil {
			return m
		}
		if o.Created.ID != nil {
			m["id"] = o.Created.ID.Member
		}
		if r := o.Created.Read; r != nil {
			m["read"] = r.Operation + " " + r.Input + " → " + r.Resource
			for _, e := range r.Echo {
				m["echo "+e.Request] = e.Response
			}
			if r.NotFound != "" {
				m["notFound"] = r.NotFound
			}
		}
		for _, iv := range o.Created.Initial {
			m["initial "+iv.Member] = fmt.Sprint(iv.Value)
		}
		return m
	}
	fa, fb := flow(a), flow(b)
	keys := map[string]bool{}
	for k := range fa {
		keys[k] = true
	}
	for k := range fb {
		keys[k] = true
	}
	var out []Diff
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if fa[k] != fb[k] {
			out = append(out, Diff{Operation: name, In: "flow", Keyword: k, A: fa[k], B: fb[k]})
		}
	}
	return out
}

// FormatDiffs renders diffs as a table, one constraint a line ("—": the source does not state it).
func FormatDiffs(a, b string, diffs []Diff) string {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "A: %s\nB: %s\n", a, b)
	if len(diffs) == 0 {
		fmt.Fprintln(&buf, "no disagreement")
		return buf.String()
	}
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OPERATION\tIN\tPATH\tKEYWORD\tA\tB")
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	for _, d := range diffs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.Operation, d.In, dash(d.Path), d.Keyword, dash(d.A), dash(d.B))
	}
	tw.Flush()
	fmt.Fprintf(&buf, "%d disagreements\n", len(diffs))
	return buf.String()
}
