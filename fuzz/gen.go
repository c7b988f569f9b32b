package fuzz

import (
	"fmt"

	"pgregory.net/rapid"

	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/specs"
)

// opGens holds one operation's generators, built once per campaign: rapid generators are
// immutable and safe to draw from concurrently with Example.
type opGens struct {
	valid    *rapid.Generator[any]
	invalid  *rapid.Generator[generators.Case]
	boundary []generators.Case
}

func newOpGens(op *specs.Operation) (g *opGens, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("fuzz: %s: building generators: %v", op.ID, p)
		}
	}()
	o := generators.Options{Rules: op.Rules}
	return &opGens{
		valid:    generators.Valid(op.Input, o),
		invalid:  generators.Invalid(op.Input, o),
		boundary: generators.Boundary(op.Input, o),
	}, nil
}

// example draws one value from g with the given seed. rapid's Example panics when a
// generator cannot produce a value; that becomes an error, never a crash.
func example[V any](g *rapid.Generator[V], seed uint64) (v V, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("generator failed: %v", p)
		}
	}()
	// Example takes an int; the conversion keeps all 64 bits on 64-bit platforms.
	return g.Example(int(seed)), nil
}
