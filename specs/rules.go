package specs

import (
	"fmt"
	"regexp"
	"strings"
)

// CheckRules applies the operation's semantic rules (x-plumb-rules) to an input value and
// returns each breach as a Violation whose Keyword is the rule kind. Schema keywords are not
// checked here: see Validate.
func (o *Operation) CheckRules(input any) []Violation {
	var out []Violation
	for _, r := range o.Rules {
		list, ok := lookupList(input, r.Path)
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

// lookupList follows a simple $.a.b path (rules sit on top-level or nested object members).
func lookupList(v any, path string) ([]any, bool) {
	cur := v
	for _, seg := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur = m[seg]
	}
	list, ok := cur.([]any)
	return list, ok
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// GenericPath replaces list indexes with [*]: $.tags[3].key becomes $.tags[*].key, the form
// constraints use, so a violation can be matched to the constraint it breaks.
func GenericPath(path string) string { return indexRE.ReplaceAllString(path, "[*]") }

// Find returns the operation's constraint with the given generic path and keyword.
func (o *Operation) Find(in, path, keyword string) (Constraint, bool) {
	path = GenericPath(path)
	for _, c := range o.Constraints() {
		if c.In == in && c.Path == path && c.Keyword == keyword {
			return c, true
		}
	}
	return Constraint{}, false
}
