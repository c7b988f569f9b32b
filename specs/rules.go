package specs

import (
	"fmt"

	"github.com/plumbhq/plumb/jsonpath"
)

// CheckRules applies the operation's semantic rules (x-plumb-rules) to an input value and
// returns each breach as a Violation whose Keyword is the rule kind. Schema keywords are not
// checked here: see Validate.
func (o *Operation) CheckRules(input any) []Violation {
	var out []Violation
	for _, r := range o.Rules {
		v, _ := jsonpath.Get(input, r.Path)
		list, ok := v.([]any)
		if !ok {
			continue
		}
		switch r.Kind {
		case "uniqueKeys":
			seen := map[string]bool{}
			for _, item := range list {
				m, ok := item.(map[string]any)
				if !ok {
					continue
				}
				k, ok := m[r.Key].(string)
				if !ok {
					continue
				}
				if seen[k] {
					out = append(out, Violation{Path: r.Path, Keyword: r.Kind, Reason: fmt.Sprintf("%s %q repeats", r.Key, k)})
					break
				}
				seen[k] = true
			}
		case "maxItems":
			if len(list) > r.Value {
				out = append(out, Violation{Path: r.Path, Keyword: r.Kind, Reason: fmt.Sprintf("%d items, at most %d allowed", len(list), r.Value)})
			}
		}
	}
	return out
}

// Find returns the operation's constraint with the given generic path and keyword.
func (o *Operation) Find(in, path, keyword string) (Constraint, bool) {
	path = jsonpath.Generic(path)
	for _, c := range o.Constraints() {
		if c.In == in && c.Path == path && c.Keyword == keyword {
			return c, true
		}
	}
	return Constraint{}, false
}
