package specs

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// The base valid input of an operation is a fact of its spec, not of Go code: the request body's
// `example` (on the media type, else on its schema) and each path parameter's `example`. The
// loader refuses an example that breaks the operation's own constraints, so every scenario that
// starts from it starts valid.

// parseExample reads op's documented example input, or nil when the spec gives none (or gives
// one for some members only: then it is incomplete, and refused, because a scenario would
// start from an input the documents do not make valid).
func parseExample(op *Operation, params openapi3.Parameters) (map[string]any, error) {
	out := map[string]any{}
	found := false
	if rb := op.Spec.RequestBody; rb != nil && rb.Value != nil {
		for _, media := range rb.Value.Content {
			var ex any
			switch {
			case media.Example != nil:
				ex = media.Example
			case media.Schema != nil && media.Schema.Value != nil && media.Schema.Value.Example != nil:
				ex = media.Schema.Value.Example
			}
			if ex == nil {
				continue
			}
			m, ok := normalizeJSON(ex).(map[string]any)
			if !ok {
				return nil, fmt.Errorf("request body example is not a JSON object")
			}
			maps.Copy(out, m)
			found = true
		}
	}
	for _, p := range params {
		if p.Value == nil || !op.Bound(strings.TrimSuffix(p.Value.Name, "+")) {
			continue
		}
		ex := p.Value.Example
		if ex == nil && p.Value.Schema != nil && p.Value.Schema.Value != nil {
			ex = p.Value.Schema.Value.Example
		}
		if ex != nil {
			out[strings.TrimSuffix(p.Value.Name, "+")] = normalizeJSON(ex)
			found = true
		}
	}
	if !found {
		return nil, nil
	}
	if vs := append(Validate(op.Input, out), op.CheckRules(out)...); len(vs) > 0 {
		return nil, fmt.Errorf("the example input is not valid: %s", vs[0])
	}
	return out, nil
}

// normalizeJSON makes a YAML-decoded value decoded-JSON shaped (float64 numbers,
// map[string]any objects), as the generators and the checks expect.
func normalizeJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}

// Example returns a fresh copy of the operation's documented example input, or nil when the
// spec gives none.
func (o *Operation) Example() map[string]any {
	if o.example == nil {
		return nil
	}
	return deepCopy(o.example).(map[string]any)
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for _, k := range slices.Sorted(maps.Keys(t)) {
			m[k] = deepCopy(t[k])
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i := range t {
			l[i] = deepCopy(t[i])
		}
		return l
	}
	return v
}
