package jsonpath

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Any is Step.Index for "[*]": every item of the list.
const Any = -2

// Step is one step of a path: a member name, then optionally one list index (Index >= 0),
// every item (Index == Any), or none (Index == -1).
type Step struct {
	Name  string
	Index int
}

// Parse reads a path into its steps.
func Parse(path string) ([]Step, error) {
	p := strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
	if p == "" {
		return nil, fmt.Errorf("path %q names no member", path)
	}
	var out []Step
	for _, part := range strings.Split(p, ".") {
		st := Step{Name: part, Index: -1}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") || strings.Count(part, "[") != 1 {
				return nil, fmt.Errorf("path %q: %q is not name[index]", path, part)
			}
			idx := part[i+1 : len(part)-1]
			st.Name = part[:i]
			if idx == "*" {
				st.Index = Any
			} else if n, err := strconv.Atoi(idx); err == nil && n >= 0 {
				st.Index = n
			} else {
				return nil, fmt.Errorf("path %q: bad index in %q", path, part)
			}
		}
		if st.Name == "" {
			return nil, fmt.Errorf("path %q: empty member name", path)
		}
		out = append(out, st)
	}
	return out, nil
}

// String writes steps as a path starting with "$".
func String(steps []Step) string {
	var b strings.Builder
	b.WriteString("$")
	for _, st := range steps {
		b.WriteString(".")
		b.WriteString(st.Name)
		switch {
		case st.Index == Any:
			b.WriteString("[*]")
		case st.Index >= 0:
			b.WriteString("[" + strconv.Itoa(st.Index) + "]")
		}
	}
	return b.String()
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// Generic replaces list indexes with [*]: $.tags[3].key becomes $.tags[*].key, the form
// constraints use, so a violation can be matched to the constraint it breaks.
func Generic(path string) string { return indexRE.ReplaceAllString(path, "[*]") }

// Member is the top-level member a path starts with: $.tags[0].key -> tags.
func Member(path string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
	if i := strings.IndexAny(p, ".["); i >= 0 {
		return p[:i]
	}
	return p
}

// Join adds a member name, or a list index when seg is all digits, to base: Join("$.a", "b") is
// $.a.b, Join("$.a", "2") is $.a[2].
func Join(base, seg string) string {
	if seg != "" && strings.Trim(seg, "0123456789") == "" {
		return base + "[" + seg + "]"
	}
	return base + "." + seg
}

// FromPointer turns JSON pointer segments (as kin-openapi reports a violation's place) into a
// path: [a b 2 c] is $.a.b[2].c.
func FromPointer(segs []string) string {
	p := "$"
	for _, seg := range segs {
		p = Join(p, seg)
	}
	return p
}
