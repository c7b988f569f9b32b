package jsonpath

import "fmt"

// Get returns the value at a concrete path of doc, and whether it is there. A JSON null is
// absent; a path with [*] names no one value (false).
func Get(doc any, path string) (any, bool) {
	steps, err := Parse(path)
	if err != nil {
		return nil, false
	}
	cur := doc
	for _, st := range steps {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[st.Name]; !ok || cur == nil {
			return nil, false
		}
		switch {
		case st.Index == Any:
			return nil, false
		case st.Index >= 0:
			list, ok := cur.([]any)
			if !ok || st.Index >= len(list) {
				return nil, false
			}
			if cur = list[st.Index]; cur == nil {
				return nil, false
			}
		}
	}
	return cur, true
}

// Set puts v at a concrete path of doc, creating the objects on the way; a list index must name
// an item that exists.
func Set(doc map[string]any, path string, v any) error {
	parent, last, err := walk(doc, path, true)
	if err != nil {
		return err
	}
	if last.Index < 0 {
		parent[last.Name] = v
		return nil
	}
	list, ok := parent[last.Name].([]any)
	if !ok || last.Index >= len(list) {
		return fmt.Errorf("path %q: %s has no item %d", path, last.Name, last.Index)
	}
	list[last.Index] = v
	return nil
}

// Delete removes the member at path; removing what is not there is not an error, removing a
// list item is (set the list instead).
func Delete(doc map[string]any, path string) error {
	parent, last, err := walk(doc, path, false)
	if err != nil || parent == nil {
		return err
	}
	if last.Index >= 0 {
		return fmt.Errorf("path %q: removing a list item is not supported; set the list instead", path)
	}
	delete(parent, last.Name)
	return nil
}

// walk follows every step but the last and returns the object holding the last one (nil when
// it is not there and create is false).
func walk(doc map[string]any, path string, create bool) (map[string]any, Step, error) {
	steps, err := Parse(path)
	if err != nil {
		return nil, Step{}, err
	}
	for _, st := range steps {
		if st.Index == Any {
			return nil, Step{}, fmt.Errorf("path %q: [*] names every item, not one place", path)
		}
	}
	cur := doc
	for _, st := range steps[:len(steps)-1] {
		next, ok := cur[st.Name]
		if (!ok || next == nil) && create && st.Index < 0 {
			m := map[string]any{}
			cur[st.Name] = m
			cur = m
			continue
		}
		if !ok {
			return nil, Step{}, nil
		}
		if st.Index >= 0 {
			list, ok := next.([]any)
			if !ok || st.Index >= len(list) {
				return nil, Step{}, fmt.Errorf("path %q: %s has no item %d", path, st.Name, st.Index)
			}
			next = list[st.Index]
		}
		m, ok := next.(map[string]any)
		if !ok {
			return nil, Step{}, fmt.Errorf("path %q: %s is not an object", path, st.Name)
		}
		cur = m
	}
	return cur, steps[len(steps)-1], nil
}
