package generators

import "github.com/plumbhq/plumb/specs"

// Options tune generation. The zero value is ready to use.
type Options struct {
	// Rules are the semantic rules (x-plumb-rules, specs.Operation.Rules) to honour in Valid
	// values and to break, one at a time, in Invalid and Boundary cases. A rule applies to the
	// list whose generic path equals Rule.Path.
	Rules []specs.Rule
	// MaxStringLen caps strings the schema leaves unbounded (no maxLength); default 64. It keeps
	// cases small and fast; stated bounds are always honoured exactly, however large.
	MaxStringLen int
	// MaxItems caps lists the schema leaves unbounded; default 8. A list's maxItems and a
	// maxItems rule cap it further. Cases about a bound (51 tags for a 50-item rule) ignore it.
	MaxItems int
	// Focus, when set, makes Invalid break only this (generic path, keyword) pair: the fuzzer
	// uses it to hand rapid one rule's counterexamples to search and shrink.
	Focus *Focus
}

// Focus names one constraint: a generic JSON path and a keyword or rule kind.
type Focus struct{ Path, Keyword string }

func (o Options) withDefaults() Options {
	if o.MaxStringLen <= 0 {
		o.MaxStringLen = 64
	}
	if o.MaxItems <= 0 {
		o.MaxItems = 8
	}
	return o
}

// Case is one whole input document about one constraint: Invalid cases break exactly that one
// constraint and leave the rest of the document valid; Boundary cases sit on either side of it.
type Case struct {
	Value   any    // the whole input document, decoded-JSON shaped
	Valid   bool   // whether Value satisfies the schema and the rules
	Path    string // generic JSON path of the member the case is about, e.g. "$.tags[*].key"
	Keyword string // JSON Schema keyword or rule kind broken (invalid) or exercised (valid)
	Note    string // human label, e.g. "name length 101 (maxLength 100 + 1)"
	// Also lists keywords at the same path that the value cannot help breaking alongside
	// Keyword. It is empty unless the schema makes isolation impossible: an empty string under
	// minLength 1 also misses ^(\w+)$; 43 characters under a fixed length of 44 also miss
	// ^[a-zA-Z0-9/+]{43}=$.
	Also []string
}
