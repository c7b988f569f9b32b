package fuzz

// Small helpers to read and rewrite one value inside a decoded JSON document, addressed by a
// path of member names (string) and list indexes (int).

func getAt(v any, p []any) (any, bool) {
	for _, seg := range p {
		switch s := seg.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[s]; !ok {
				return nil, false
			}
		case int:
			l, ok := v.([]any)
			if !ok || s >= len(l) {
				return nil, false
			}
			v = l[s]
		}
	}
	return v, true
}

// setAt returns a copy of root with the value at p replaced.
// Only the containers along p are copied; the rest is shared, which is safe because the
// fuzzer never mutates a value in place.
func setAt(root map[string]any, p []any, val any) map[string]any {
	out, _ := update(root, p, val).(map[string]any)
	return out
}

func update(v any, p []any, val any) any {
	if len(p) == 0 {
		return val
	}
	switch s := p[0].(type) {
	case string:
		m, _ := v.(map[string]any)
		c := make(map[string]any, len(m))
		for k, x := range m {
			c[k] = x
		}
		c[s] = update(m[s], p[1:], val)
		return c
	case int:
		l, _ := v.([]any)
		c := append([]any(nil), l...)
		if s < len(c) {
			c[s] = update(c[s], p[1:], val)
		}
		return c
	}
	return v
}
