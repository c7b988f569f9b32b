package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/steps"
)

// A member step is `the member "<path>" <tail>`; the tail is rendered as prefix + arg + suffix
// so that an outline can put the arg in a column when its rows share prefix and suffix.
type tail struct {
	prefix, arg, suffix string
	column              string // the column name an outline gives arg
}

func (t tail) String() string { return t.prefix + t.arg + t.suffix }

func memberStep(path string, t tail) string { return fmt.Sprintf("the member %q %s", path, t) }

// toJSON renders v as compact JSON, leaving non-ASCII and HTML characters as they are.
func toJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// printable reports whether s can stand verbatim between quotes in a step.
func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// tails lists the ways to write one change, most readable first, each with the value it
// stands for; the caller keeps the first that breaks exactly what the case breaks.
func tails(op *specs.Operation, c change) []struct {
	t     tail
	value any
} {
	type alt = struct {
		t     tail
		value any
	}
	if c.remove {
		return []alt{{tail{prefix: "is ", arg: "removed", column: "how"}, nil}}
	}
	var out []alt
	if s, ok := c.value.(string); ok {
		n := utf8.RuneCountInString(s)
		if n >= 10 {
			out = append(out, alt{tail{prefix: "is set to a string of length ", arg: strconv.Itoa(n), column: "length"}, strings.Repeat("a", n)})
			if r, _ := utf8.DecodeRuneInString(s); strings.Count(s, string(r)) == n && r != '"' && unicode.IsPrint(r) {
				out = append(out, alt{tail{prefix: "is set to ", arg: strconv.Itoa(n), suffix: fmt.Sprintf(" %q characters", string(r)), column: "count"}, s})
			}
		}
		if n <= 64 && printable(s) {
			out = append(out, alt{tail{prefix: `is set to "`, arg: s, suffix: `"`, column: "value"}, s})
		}
	}
	if l, ok := c.value.([]any); ok && len(l) >= 2 {
		// The lists the steps "holds <n> distinct items" and "holds <n> items with the same key"
		// build (steps.ItemList, from the list's uniqueKeys rule); a rendering using one is kept
		// only when it breaks exactly what the case breaks, so a drift shows as JSON, never as a
		// wrong scenario.
		if distinct, err := steps.ItemList(op, c.path, len(l), false); err == nil {
			out = append(out, alt{tail{prefix: "holds ", arg: strconv.Itoa(len(l)), suffix: " distinct items", column: "count"}, distinct})
		}
		if same, err := steps.ItemList(op, c.path, len(l), true); err == nil {
			out = append(out, alt{tail{prefix: "holds ", arg: strconv.Itoa(len(l)), suffix: " items with the same key", column: "count"}, same})
		}
	}
	return append(out, alt{tail{prefix: "is set to JSON ", arg: toJSON(c.value), column: "json"}, c.value})
}
