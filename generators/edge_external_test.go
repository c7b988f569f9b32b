package generators_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/specs"
	"pgregory.net/rapid"
)

// Pattern breaches include look-alikes: non-ASCII letters for \w, and keys of the right length
// without the final '='.
func TestPatternBreachesIncludeLookAlikes(t *testing.T) {
	op := loadSet(t).Operation("StartConnection")
	gen := generators.Invalid(op.Input, generators.Options{})
	unicodeWord, keyWithoutPad := false, false
	for i := 0; i < 2000 && !(unicodeWord && keyWithoutPad); i++ {
		c := gen.Example(i)
		if c.Keyword != "pattern" {
			continue
		}
		m := c.Value.(map[string]any)
		if s, ok := m["AssetId"].(string); ok && c.Path == "$.AssetId" && utf8.RuneCountInString(s) != len(s) {
			unicodeWord = true
		}
		if s, ok := m["ClientPublicKey"].(string); ok && c.Path == "$.ClientPublicKey" && len(s) == 44 && !strings.HasSuffix(s, "=") {
			keyWithoutPad = true
		}
	}
	if !unicodeWord || !keyWithoutPad {
		t.Fatalf("look-alikes: non-ASCII \\w breach %v, 44-char key without '=' %v", unicodeWord, keyWithoutPad)
	}
}

// Lengths a pattern can only partly produce: ^(ab)+$ has only even lengths, so Valid must
// pick among them and Boundary's longest match under maxLength 5 is 4.
func TestPatternWithGapsInItsLengths(t *testing.T) {
	s := openapi3.NewObjectSchema().WithProperty("p", openapi3.NewStringSchema().WithMinLength(1).WithMaxLength(5).WithPattern(`^(ab)+$`))
	s.Required = []string{"p"}
	sub := subject{"gaps", s, nil}
	rapid.Check(t, func(rt *rapid.T) {
		doc := generators.Valid(s, generators.Options{}).Draw(rt, "doc")
		if vs := violations(sub, doc); len(vs) > 0 {
			rt.Fatalf("%v: %v", doc, vs)
		}
	})
	longest := ""
	for _, c := range generators.Boundary(s, generators.Options{}) {
		checkCase(t, sub, c)
		if c.Keyword == "pattern" && c.Valid {
			longest = c.Value.(map[string]any)["p"].(string)
		}
	}
	if longest != "abab" {
		t.Fatalf("longest valid match = %q, want abab", longest)
	}
}

// Unanchored patterns match anywhere: generated values must still match, at the exact length.
func TestUnanchoredPattern(t *testing.T) {
	s := openapi3.NewObjectSchema().WithProperty("p", openapi3.NewStringSchema().WithMinLength(3).WithMaxLength(3).WithPattern(`x`))
	s.Required = []string{"p"}
	sub := subject{"unanchored", s, nil}
	for _, c := range generators.Boundary(s, generators.Options{}) {
		checkCase(t, sub, c)
	}
	rapid.Check(t, func(rt *rapid.T) {
		checkCase(rt, sub, generators.Invalid(s, generators.Options{}).Draw(rt, "case"))
	})
}

// Contradictory or uncompilable schemas yield no cases rather than panics.
func TestUnsatisfiableSchemasDoNotPanic(t *testing.T) {
	bad := openapi3.NewObjectSchema().
		WithProperty("a", openapi3.NewStringSchema().WithMinLength(5).WithMaxLength(2)).
		WithProperty("b", openapi3.NewStringSchema().WithPattern(`(`)).
		WithProperty("c", openapi3.NewIntegerSchema().WithMin(3).WithMax(1))
	bad.Required = []string{"a", "b", "c"}
	cases := generators.Boundary(bad, generators.Options{})
	for _, c := range cases {
		if c.Valid {
			t.Fatalf("a contradictory schema got a valid case: %+v", c)
		}
	}
}

// A schema referencing itself twice (as a member and as a list's items) is unrolled a bounded
// number of times: the plan stays small (it once grew as 2^depth: 65,658 boundary cases), a
// string or list at the bound gets a value, never a crash (both once did), and every value
// labelled valid validates (an object cut at the bound with a required member once did not).
func TestDeepRecursiveSchemasDoNotPanic(t *testing.T) {
	node := openapi3.NewObjectSchema()
	node.WithProperty("name", openapi3.NewStringSchema().WithMinLength(1).WithMaxLength(8))
	node.WithProperty("children", openapi3.NewArraySchema().WithItems(node))
	node.WithProperty("next", node)
	node.Required = []string{"name"}
	cases := generators.Boundary(node, generators.Options{})
	if len(cases) > 500 {
		t.Errorf("%d boundary cases: the plan grows with the recursion", len(cases))
	}
	for _, c := range cases {
		if c.Valid {
			if vs := specs.Validate(node, c.Value); len(vs) > 0 {
				t.Errorf("boundary case %q labelled valid breaks %v", c.Note, vs)
			}
		}
	}
	rapid.Check(t, func(rt *rapid.T) {
		v := generators.Valid(node, generators.Options{}).Draw(rt, "valid")
		if vs := specs.Validate(node, v); len(vs) > 0 {
			rt.Fatalf("valid value breaks %v", vs)
		}
		generators.Invalid(node, generators.Options{}).Draw(rt, "invalid")
	})
}

func benchSubject(b *testing.B, id string) subject {
	op := loadSet(b).Operation(id)
	return subject{id, op.Input, op.Rules}
}

func BenchmarkValid(b *testing.B) {
	for _, id := range []string{"StartConnection", "GetConnection", "CreateConnection"} {
		s := benchSubject(b, id)
		gen := generators.Valid(s.schema, s.opts())
		b.Run(id, func(b *testing.B) {
			for i := range b.N {
				_ = gen.Example(i)
			}
		})
	}
}

func BenchmarkInvalid(b *testing.B) {
	for _, id := range []string{"StartConnection", "GetConnection", "CreateConnection"} {
		s := benchSubject(b, id)
		gen := generators.Invalid(s.schema, s.opts())
		b.Run(id, func(b *testing.B) {
			for i := range b.N {
				_ = gen.Example(i)
			}
		})
	}
}

func BenchmarkBoundary(b *testing.B) {
	s := benchSubject(b, "CreateConnection")
	for range b.N {
		_ = generators.Boundary(s.schema, s.opts())
	}
}
