package generators_test

import (
	"testing"

	"github.com/plumbhq/plumb/generators"
	"pgregory.net/rapid"
)

func TestValidValuesPassValidationAndRules(t *testing.T) {
	for _, s := range subjects(t) {
		t.Run(s.name, func(t *testing.T) {
			gen := generators.Valid(s.schema, s.opts())
			rapid.Check(t, func(rt *rapid.T) {
				doc := gen.Draw(rt, "doc")
				if vs := violations(s, doc); len(vs) > 0 {
					rt.Fatalf("valid value has violations %v: %#v", vs, doc)
				}
			})
		})
	}
}

func TestInvalidCasesBreakExactlyTheNamedKeyword(t *testing.T) {
	for _, s := range subjects(t) {
		t.Run(s.name, func(t *testing.T) {
			gen := generators.Invalid(s.schema, s.opts())
			rapid.Check(t, func(rt *rapid.T) {
				c := gen.Draw(rt, "case")
				if c.Valid {
					rt.Fatalf("Invalid produced a case labelled valid: %+v", c)
				}
				checkCase(rt, s, c)
			})
		})
	}
}

func TestBoundaryLabelsAreRight(t *testing.T) {
	for _, s := range subjects(t) {
		t.Run(s.name, func(t *testing.T) {
			cases := generators.Boundary(s.schema, s.opts())
			if len(cases) == 0 {
				t.Fatal("no boundary cases")
			}
			for _, c := range cases {
				checkCase(t, s, c)
			}
		})
	}
}
