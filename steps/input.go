package steps

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/plumbhq/plumb/generators"
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

// segment is one step of a member path: a name, optionally followed by a list index.
type segment struct {
	name  string
	index int // -1 when the segment has no [i]
}

// parseMemberPath reads "tags[0].key" (a leading "$." is allowed) into segments.
func parseMemberPath(p string) ([]segment, error) {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "$"), ".")
	if p == "" {
		return nil, fmt.Errorf("empty member path")
	}
	var out []segment
	for _, part := range strings.Split(p, ".") {
		seg := segment{name: part, index: -1}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, fmt.Errorf("member path %q: %q lacks a closing ]", p, part)
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("member path %q: bad index in %q", p, part)
			}
			seg.name, seg.index = part[:i], n
		}
		if seg.name == "" {
			return nil, fmt.Errorf("member path %q: empty member name", p)
		}
		out = append(out, seg)
	}
	return out, nil
}

// setMember sets the member at path in obj, creating intermediate objects; list indexes must
// name existing items.
func setMember(obj map[string]any, path string, v any) error {
	segs, err := parseMemberPath(path)
	if err != nil {
		return err
	}
	parent, last, err := walkTo(obj, path, segs, true)
	if err != nil {
		return err
	}
	if last.index < 0 {
		parent[last.name] = v
		return nil
	}
	list, ok := parent[last.name].([]any)
	if !ok || last.index >= len(list) {
		return fmt.Errorf("member path %q: %s has no item %d", path, last.name, last.index)
	}
	list[last.index] = v
	return nil
}

// removeMember deletes the member at path; removing what is not there is not an error.
func removeMember(obj map[string]any, path string) error {
	segs, err := parseMemberPath(path)
	if err != nil {
		return err
	}
	parent, last, err := walkTo(obj, path, segs, false)
	if err != nil || parent == nil {
		return err
	}
	if last.index >= 0 {
		return fmt.Errorf("member path %q: removing a list item is not supported; set the list instead", path)
	}
	delete(parent, last.name)
	return nil
}

// walkTo follows every segment but the last and returns the object holding the last one.
func walkTo(obj map[string]any, path string, segs []segment, create bool) (map[string]any, segment, error) {
	cur := obj
	for _, seg := range segs[:len(segs)-1] {
		next, ok := cur[seg.name]
		if !ok && create && seg.index < 0 {
			m := map[string]any{}
			cur[seg.name] = m
			cur = m
			continue
		}
		if !ok {
			return nil, segment{}, nil
		}
		if seg.index >= 0 {
			list, ok := next.([]any)
			if !ok || seg.index >= len(list) {
				return nil, segment{}, fmt.Errorf("member path %q: %s has no item %d", path, seg.name, seg.index)
			}
			next = list[seg.index]
		}
		m, ok := next.(map[string]any)
		if !ok {
			return nil, segment{}, fmt.Errorf("member path %q: %s is not an object", path, seg.name)
		}
		cur = m
	}
	return cur, segs[len(segs)-1], nil
}

// ItemList builds n valid items for the list at path of op's input, each drawn from the list's
// item schema. The list's uniqueKeys rule (x-plumb-rules) names the key that tells items apart:
// items get distinct keys, or with sameKey all repeat the first item's key (so only that rule is
// broken).
func ItemList(op *specs.Operation, path string, n int, sameKey bool) ([]any, error) {
	generic := specs.GenericPath("$." + strings.TrimPrefix(path, "$."))
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
