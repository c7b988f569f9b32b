package generators_test

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

// subject is one schema under test: a real operation's input or a synthetic schema.
type subject struct {
	name   string
	schema *openapi3.Schema
	rules  []specs.Rule
}

func (s subject) opts() generators.Options { return generators.Options{Rules: s.rules} }

func loadSet(t testing.TB) *specs.Set {
	t.Helper()
	set, err := specs.Load()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func subjects(t testing.TB) []subject {
	var out []subject
	for _, op := range loadSet(t).Operations() {
		out = append(out, subject{op.ID, op.Input, op.Rules})
	}
	return append(out, synthetic()...)
}

func u64(v uint64) *uint64 { return &v }

// synthetic schemas cover keywords the real specs lack: enums, exclusive bounds, fractional
// numbers, nested lists of objects with a rule below the root, lengths a pattern only partly covers.
func synthetic() []subject {
	str := openapi3.NewStringSchema
	enum := openapi3.NewObjectSchema().
		WithProperty("color", str().WithEnum("red", "green", "blue")).
		WithProperty("size", openapi3.NewIntegerSchema().WithEnum(float64(1), float64(2), float64(3))).
		WithProperty("flag", openapi3.NewBoolSchema())
	enum.Required = []string{"size"}

	excl := openapi3.NewObjectSchema().
		WithProperty("ratio", openapi3.NewFloat64Schema().WithMin(0).WithMax(1).WithExclusiveMin(true).WithExclusiveMax(true)).
		WithProperty("count", openapi3.NewIntegerSchema().WithMin(10).WithMax(20).WithExclusiveMin(true)).
		WithProperty("score", openapi3.NewFloat64Schema().WithMin(-2.5))
	excl.Required = []string{"ratio", "count"}

	name := str().WithMinLength(3).WithMaxLength(6).WithPattern(`^(ab)+$`)
	id := openapi3.NewIntegerSchema().WithMin(1)
	labels := openapi3.NewArraySchema().WithItems(str().WithMaxLength(4).WithPattern(`^[a-z]*$`))
	member := openapi3.NewObjectSchema().WithProperty("id", id).WithProperty("labels", labels)
	member.Required = []string{"id"}
	group := openapi3.NewObjectSchema().
		WithProperty("name", name).
		WithProperty("members", openapi3.NewArraySchema().WithItems(member).WithMaxItems(4))
	group.Required = []string{"name"}
	groups := openapi3.NewArraySchema().WithItems(group).WithMinItems(1)
	groups.MaxItems = u64(5)
	nested := openapi3.NewObjectSchema().WithProperty("groups", groups).WithProperty("note", str())
	nested.Required = []string{"groups"}
	rules := []specs.Rule{
		{Kind: "uniqueKeys", Path: "$.groups", Key: "name", Error: "Dup"},
		{Kind: "maxItems", Path: "$.groups[*].members", Value: 3, Error: "TooMany"},
	}
	return []subject{
		{"synthetic/enum", enum, nil},
		{"synthetic/exclusive", excl, nil},
		{"synthetic/nested", nested, rules},
	}
}

// stripNulls drops null members, as AWS reads them: null means absent.
func stripNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if e != nil {
				out[k] = stripNulls(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stripNulls(e)
		}
		return out
	}
	return v
}

// violations are everything wrong with doc: schema keywords (null read as absent) and rules.
// Rules are checked by specs.Operation.CheckRules, which supports rules on top-level lists; the
// nested synthetic rule is checked here the same way.
func violations(s subject, doc any) []specs.Violation {
	out := specs.Validate(s.schema, stripNulls(doc))
	op := &specs.Operation{Rules: s.rules}
	out = append(out, op.CheckRules(doc)...)
	out = append(out, nestedRules(s.rules, doc)...)
	return out
}

// nestedRules applies maxItems rules on lists below list items ($.a[*].b), which
// specs.Operation.CheckRules does not reach.
func nestedRules(rules []specs.Rule, doc any) []specs.Violation {
	var out []specs.Violation
	for _, r := range rules {
		before, after, ok := strings.Cut(r.Path, "[*].")
		if !ok || r.Kind != "maxItems" {
			continue
		}
		m, _ := doc.(map[string]any)
		outer, _ := m[strings.TrimPrefix(before, "$.")].([]any)
		for _, it := range outer {
			im, _ := it.(map[string]any)
			if list, ok := im[after].([]any); ok && len(list) > r.Value {
				out = append(out, specs.Violation{Path: r.Path, Keyword: "maxItems"})
			}
		}
	}
	return out
}

// checkCase asserts a case's label: valid documents have no violation; invalid ones break the
// named keyword at the named path, and nothing else (bar the keywords Also admits there).
func checkCase(t interface {
	Helper()
	Fatalf(string, ...any)
}, s subject, c generators.Case) {
	t.Helper()
	vs := violations(s, c.Value)
	if c.Valid {
		if len(vs) > 0 {
			t.Fatalf("%s: valid case %q (%s %s) has violations %v\nvalue: %#v", s.name, c.Note, c.Path, c.Keyword, vs, c.Value)
		}
		return
	}
	hit := false
	for _, v := range vs {
		if jsonpath.Generic(v.Path) != c.Path {
			t.Fatalf("%s: case %q (%s %s): violation at another path: %v\nvalue: %#v", s.name, c.Note, c.Path, c.Keyword, v, c.Value)
		}
		switch {
		case v.Keyword == c.Keyword:
			hit = true
		case contains(c.Also, v.Keyword):
		default:
			t.Fatalf("%s: case %q (%s %s): unexpected keyword %v (also %v)\nvalue: %#v", s.name, c.Note, c.Path, c.Keyword, v, c.Also, c.Value)
		}
	}
	if !hit {
		t.Fatalf("%s: invalid case %q (%s %s) is not rejected for it: %v\nvalue: %#v", s.name, c.Note, c.Path, c.Keyword, vs, c.Value)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
