package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// kind is the JSON wire type a member must have.
type kind uint8

const (
	kindString kind = iota
	kindInteger
	kindBoolean
	kindList // a list of structures whose members are described by rule.items
)

// rule is one row of an operation's validation table: every documented
// constraint of one input member, and nothing undocumented. Faults are
// injected by editing a copy of the table when the Emulator is built, so the
// request path has no fault checks of its own for these constraints.
type rule struct {
	name     string
	kind     kind
	required bool
	minLen   int // strings: characters (code points); lists: items. 0 = no minimum
	maxLen   int // 0 = no maximum
	pattern  *regexp.Regexp
	hasMin   bool
	min      int64
	hasMax   bool
	max      int64
	lenient  bool   // fault hook: also accept the value spelt as a JSON string
	items    []rule // kindList: the members of each item
}

// maxEcho bounds how much of a client's value is copied into a message.
const maxEcho = 64

// echo quotes a value for a validation message, truncated so a huge input
// cannot make a huge error.
func echo(s string) string {
	if utf8.RuneCountInString(s) <= maxEcho {
		return s
	}
	r := []rune(s)
	return string(r[:maxEcho]) + "..."
}

// validator collects the validation errors of one request, AWS style.
type validator struct {
	errs []string
}

func (v *validator) add(value *string, path, constraint string) {
	if value == nil {
		v.errs = append(v.errs, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: %s", path, constraint))
		return
	}
	v.errs = append(v.errs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: %s", echo(*value), path, constraint))
}

func (v *validator) addUnquoted(path, constraint string) {
	v.errs = append(v.errs, fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", path, constraint))
}

// message renders the collected errors the way AWS services do:
// "1 validation error detected: Value ... ; Value ...".
func (v *validator) message() string {
	noun := "errors"
	if len(v.errs) == 1 {
		noun = "error"
	}
	listed := v.errs
	more := ""
	if len(listed) > maxListed {
		listed = listed[:maxListed]
		more = fmt.Sprintf("; and %d more", len(v.errs)-maxListed)
	}
	return fmt.Sprintf("%d validation %s detected: %s%s", len(v.errs), noun, strings.Join(listed, "; "), more)
}

// maxListed bounds how many errors one message spells out, so a body of
// thousands of bad tags cannot produce a multi-megabyte error response.
const maxListed = 10

// object validates obj against rules and returns the typed values of the
// members present: string, int64, bool or []map[string]any. Unknown members
// are ignored, as AWS does; JSON null means absent.
func (v *validator) object(obj map[string]any, rules []rule, prefix string) map[string]any {
	out := make(map[string]any, len(rules))
	for i := range rules {
		r := &rules[i]
		path := prefix + r.name
		raw, present := obj[r.name]
		if !present || raw == nil {
			if r.required {
				v.add(nil, path, "Member must not be null")
			}
			continue
		}
		if val, ok := v.member(r, raw, path); ok {
			out[r.name] = val
		}
	}
	return out
}

// member checks one present, non-null value.
func (v *validator) member(r *rule, raw any, path string) (any, bool) {
	switch r.kind {
	case kindString:
		s, ok := raw.(string)
		if !ok {
			v.addUnquoted(path, "Member must be a string")
			return nil, false
		}
		before := len(v.errs)
		n := utf8.RuneCountInString(s)
		if r.minLen > 0 && n < r.minLen {
			v.add(&s, path, fmt.Sprintf("Member must have length greater than or equal to %d", r.minLen))
		}
		if r.maxLen > 0 && n > r.maxLen {
			v.add(&s, path, fmt.Sprintf("Member must have length less than or equal to %d", r.maxLen))
		}
		if r.pattern != nil && !r.pattern.MatchString(s) {
			v.add(&s, path, "Member must satisfy regular expression pattern: "+r.pattern.String())
		}
		return s, len(v.errs) == before
	case kindInteger:
		n, literal, ok := integerValue(raw, r.lenient)
		if !ok {
			v.addUnquoted(path, "Member must be an integer")
			return nil, false
		}
		before := len(v.errs)
		if r.hasMin && n < r.min {
			v.add(&literal, path, fmt.Sprintf("Member must have value greater than or equal to %d", r.min))
		}
		if r.hasMax && n > r.max {
			v.add(&literal, path, fmt.Sprintf("Member must have value less than or equal to %d", r.max))
		}
		return n, len(v.errs) == before
	case kindBoolean:
		switch b := raw.(type) {
		case bool:
			return b, true
		case string:
			if r.lenient && (b == "true" || b == "false") {
				return b == "true", true
			}
		}
		v.addUnquoted(path, "Member must be a boolean")
		return nil, false
	case kindList:
		list, ok := raw.([]any)
		if !ok {
			v.addUnquoted(path, "Member must be a list")
			return nil, false
		}
		before := len(v.errs)
		if r.minLen > 0 && len(list) < r.minLen {
			v.addUnquoted(path, fmt.Sprintf("Member must have length greater than or equal to %d", r.minLen))
		}
		if r.maxLen > 0 && len(list) > r.maxLen {
			v.addUnquoted(path, fmt.Sprintf("Member must have length less than or equal to %d", r.maxLen))
		}
		items := make([]map[string]any, 0, len(list))
		for i, it := range list {
			itemPath := fmt.Sprintf("%s.%d.member", path, i+1)
			m, ok := it.(map[string]any)
			if !ok {
				v.addUnquoted(itemPath, "Member must be a structure")
				continue
			}
			items = append(items, v.object(m, r.items, itemPath+"."))
		}
		return items, len(v.errs) == before
	}
	return nil, false
}

// integerValue accepts a JSON number written as an integer (no fraction or
// exponent). Integers beyond int64 are clamped so that they fail the range
// check instead of the type check: they are integers, just too large.
// lenient (a fault) also accepts a JSON string holding such an integer.
func integerValue(raw any, lenient bool) (int64, string, bool) {
	var lit string
	switch x := raw.(type) {
	case json.Number:
		lit = string(x)
	case string:
		if !lenient {
			return 0, "", false
		}
		lit = x
	default:
		return 0, "", false
	}
	n, err := strconv.ParseInt(lit, 10, 64)
	if err == nil {
		return n, lit, true
	}
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		if strings.HasPrefix(lit, "-") {
			return math.MinInt64, lit, true
		}
		return math.MaxInt64, lit, true
	}
	return 0, lit, false
}
