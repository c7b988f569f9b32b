package steps

import (
	"fmt"
	"strings"

	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

// BaseInput returns a fresh copy of the valid input scenarios of op start from: the spec's
// example input when it documents one (specs.Operation.Example), else the first valid boundary
// document the generators derive from the spec (or {} for an input without members), so that
// every operation of any spec has one.
func BaseInput(op *specs.Operation) (map[string]any, error) {
	if ex := op.Example(); ex != nil {
		return ex, nil
	}
	for _, c := range generators.Boundary(op.Input, generators.Options{Rules: op.Rules}) {
		if m, ok := c.Value.(map[string]any); ok && c.Valid {
			return m, nil
		}
	}
	// An input with no member to vary gives no case; an empty one may still be valid.
	if empty := map[string]any{}; len(specs.Validate(op.Input, empty)) == 0 && len(op.CheckRules(empty)) == 0 {
		return empty, nil
	}
	return nil, fmt.Errorf("no base input for operation %s: the spec gives no example and no valid input could be derived", op.ID)
}

// ItemList builds n valid items for the list at path of op's input, each drawn from the list's
// item schema. The list's uniqueKeys rule (x-plumb-rules) names the key that tells items apart:
// items get distinct keys, or with sameKey all repeat the first item's key (so only that rule is
// broken).
func ItemList(op *specs.Operation, path string, n int, sameKey bool) ([]any, error) {
	generic := jsonpath.Generic("$." + strings.TrimPrefix(path, "$."))
	list, err := specs.SchemaAt(op.Input, generic)
	if err != nil || list.Items == nil || list.Items.Value == nil {
		return nil, fmt.Errorf("%s has no list at %s", op.ID, generic)
	}
	key := ""
	for _, r := range op.Rules {
		if r.Kind == "uniqueKeys" && r.Path == generic {
			key = r.Key
		}
	}
	if key == "" {
		return nil, fmt.Errorf("%s declares no uniqueKeys rule on %s, so its items have no key to tell apart", op.ID, generic)
	}
	gen := generators.Valid(list.Items.Value, generators.Options{})
	out := make([]any, 0, n)
	seen := map[string]bool{}
	for seed := 0; len(out) < n && seed < 100*n+100; seed++ {
		item, ok := gen.Example(seed).(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: the items of %s are not objects", op.ID, generic)
		}
		k := fmt.Sprint(item[key])
		if sameKey && len(out) > 0 {
			item[key] = out[0].(map[string]any)[key]
		} else if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, item)
	}
	if len(out) < n {
		return nil, fmt.Errorf("%s: could not draw %d items with distinct %s for %s", op.ID, n, key, generic)
	}
	return out, nil
}
