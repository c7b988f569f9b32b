package generators

import (
	"math"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// node is one schema position in the document: the schema plus everything generation needs
// about it, computed once per Valid/Invalid/Boundary call.
type node struct {
	s        *openapi3.Schema
	path     string // generic JSON path: $.tags[*].key
	name     string // member name in the parent object; "" for the root and list items
	kind     string // object, array, string, integer, number, boolean, any
	required bool   // a required member of its parent object

	props []*node // object members, by name
	items *node   // list items

	// Lists: rules from Options.Rules on this path.
	uniqueKey string // uniqueKeys rule: the item member that must be unique
	ruleMax   int    // maxItems rule: the limit; 0 if none

	str      *stringPlan // strings (and untyped schemas, generated as strings)
	capItems int         // Options.MaxItems, for lists
}

// maxDepth bounds nesting; maxRepeat bounds how often one schema recurs on a path (a
// self-referencing schema is unrolled that far: with two self-references, a depth bound alone
// made the plan grow as 2^depth, 65,000 nodes and 17 s).
const (
	maxDepth  = 16
	maxRepeat = 2
)

func buildPlan(s *openapi3.Schema, o Options) *node {
	return build(s, "$", "", false, o, 0, map[*openapi3.Schema]int{})
}

func build(s *openapi3.Schema, path, name string, required bool, o Options, depth int, onPath map[*openapi3.Schema]int) *node {
	if s == nil {
		s = &openapi3.Schema{}
	}
	n := &node{s: s, path: path, name: name, required: required, kind: kindOf(s)}
	if n.kind == "object" || n.kind == "array" {
		// Past the bounds an object or list is "capped": no plan below it, generated empty, and
		// valid only where empty is (no required member, no minItems). Strings are leaves and
		// always get their plan (below the bound a string once had none, a list no items: both
		// crashed).
		if depth > maxDepth || onPath[s] >= maxRepeat {
			n.kind = "capped"
			return n
		}
		onPath[s]++
		defer func() { onPath[s]-- }()
	}
	switch n.kind {
	case "object":
		names := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			var ps *openapi3.Schema
			if ref := s.Properties[k]; ref != nil {
				ps = ref.Value
			}
			n.props = append(n.props, build(ps, path+"."+k, k, contains(s.Required, k), o, depth+1, onPath))
		}
	case "array":
		var is *openapi3.Schema
		if s.Items != nil {
			is = s.Items.Value
		}
		n.items = build(is, path+"[*]", "", false, o, depth+1, onPath)
		n.capItems = o.MaxItems
		for _, r := range o.Rules {
			if r.Path != path {
				continue
			}
			switch r.Kind {
			case "uniqueKeys":
				n.uniqueKey = r.Key
			case "maxItems":
				if r.Value > 0 && (n.ruleMax == 0 || r.Value < n.ruleMax) {
					n.ruleMax = r.Value
				}
			}
		}
	case "string", "any":
		n.str = newStringPlan(s, o)
	}
	return n
}

// kindOf names the JSON type the schema asks for; untyped schemas are read from their keywords.
func kindOf(s *openapi3.Schema) string {
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			if t != "null" {
				return t
			}
		}
	}
	switch {
	case len(s.Properties) > 0:
		return "object"
	case s.Items != nil:
		return "array"
	case len(s.Enum) > 0:
		switch s.Enum[0].(type) {
		case string:
			return "string"
		case float64:
			return "number"
		case bool:
			return "boolean"
		}
	}
	return "any"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// itemBounds are a list's valid item counts: minItems, and the smallest of maxItems and the
// maxItems rule (math.MaxInt when neither bounds it).
func (n *node) itemBounds() (lo, hi int) {
	lo, hi = int(n.s.MinItems), math.MaxInt
	if n.s.MaxItems != nil && *n.s.MaxItems < uint64(math.MaxInt) {
		hi = int(*n.s.MaxItems)
	}
	if n.ruleMax > 0 && n.ruleMax < hi {
		hi = n.ruleMax
	}
	return lo, hi
}

// prop returns the member with the given name, or nil.
func (n *node) prop(name string) *node {
	for _, p := range n.props {
		if p.name == name {
			return p
		}
	}
	return nil
}
