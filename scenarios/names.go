package scenarios

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/plumbhq/plumb/specs"
)

// Scenario names read like the hand-written ones: what the member holds, and what the
// operation does with it ("name longer than 100 characters is rejected (101)"). The part in
// parentheses tells the rows of an outline apart.

// title names the scenarios of one (member, keyword) group; c is the constraint the group
// exercises (zero when the spec states none under that keyword, e.g. an optional member's
// absence); verb says what a valid input earns ("is accepted" or "is not found").
func title(member string, keyword string, valid bool, c specs.Constraint, verb string, pathLabel bool) string {
	v := c.Value
	if !valid {
		switch keyword {
		case "required":
			return "A missing " + member + " is rejected"
		case "type":
			return member + " of the wrong JSON type is rejected"
		case "minLength":
			if v == "1" {
				return "An empty " + member + " is rejected"
			}
			return member + " shorter than " + characters(v) + " is rejected"
		case "maxLength":
			return member + " longer than " + characters(v) + " is rejected"
		case "pattern":
			return member + " outside " + v + " is rejected"
		case "minimum":
			return member + " below " + v + " is rejected"
		case "maximum":
			return member + " above " + v + " is rejected"
		case "exclusiveMinimum":
			return member + " not above the exclusive minimum " + v + " is rejected"
		case "exclusiveMaximum":
			return member + " not below the exclusive maximum " + v + " is rejected"
		case "enum":
			return member + " outside " + strings.ReplaceAll(v, "|", ", ") + " is rejected"
		case "minItems":
			return member + " with fewer than " + items(v) + " is rejected"
		case "maxItems":
			return member + " with more than " + items(v) + " is rejected" + with(c)
		case "uniqueKeys":
			return member + " not " + v + " is rejected" + with(c)
		}
		return member + " breaking " + keyword + " is rejected"
	}
	switch {
	case keyword == "required":
		return "Optional " + member + " may be absent"
	case keyword == "type" && pathLabel:
		return member + " of another JSON type travels as its text and " + verb
	case keyword == "minLength" && c.ID == "":
		return "An empty " + member + " " + verb
	case keyword == "minLength":
		return member + " of " + characters(v) + " (the minimum length) " + verb
	case keyword == "maxLength":
		return member + " of " + characters(v) + " (the maximum length) " + verb
	case keyword == "pattern":
		return member + " matching " + v + " " + verb
	case keyword == "minimum" || keyword == "exclusiveMinimum":
		return member + " at its lowest valid value " + verb
	case keyword == "maximum" || keyword == "exclusiveMaximum":
		return member + " at its highest valid value " + verb
	case keyword == "enum":
		return member + " of a documented value " + verb
	case keyword == "minItems" && c.ID == "":
		return "An empty " + member + " list " + verb
	case keyword == "minItems":
		return member + " with " + items(v) + " (the minimum) " + verb
	case keyword == "maxItems":
		return member + " with " + items(v) + " (the limit) " + verb
	case keyword == "items":
		return member + " with one item " + verb
	case keyword == "uniqueKeys":
		return member + " " + v + " " + verb
	}
	return member + " (" + keyword + ") " + verb
}

func with(c specs.Constraint) string {
	if c.Error == "" {
		return ""
	}
	return " with " + c.Error
}

var (
	reLength = regexp.MustCompile(`length (\d+)`)
	reItems  = regexp.MustCompile(`with (\d+) items`)
	reType   = regexp.MustCompile(`wrong JSON type: (.*) \(want`)
	reOff    = regexp.MustCompile(`one character off .*: (.*)$`)
	reMatch  = regexp.MustCompile(`(shortest|longest) match of .* \((\d+)\)$`)
)

// label tells one case from the others of its group: the value it sets when that is short,
// else what the generator's note says it is about.
func label(e expressed) string {
	if len(e.changes) == 1 {
		if e.changes[0].remove {
			return "removed"
		}
		if a := e.tails[0].arg; a != "" && cellSafe(a) && len([]rune(a)) <= 40 {
			return a
		}
	}
	note := e.c.Note
	if m := reMatch.FindStringSubmatch(note); m != nil {
		return fmt.Sprintf("%s, %s", m[1], characters(m[2]))
	}
	for _, re := range []*regexp.Regexp{reLength, reItems, reType, reOff} {
		if m := re.FindStringSubmatch(note); m != nil {
			return m[1]
		}
	}
	return ""
}

// items is "1 item", "2 items".
func items(n string) string {
	if n == "1" {
		return "1 item"
	}
	return n + " items"
}

// characters is "1 character", "2 characters".
func characters(n string) string {
	if n == "1" {
		return "1 character"
	}
	return n + " characters"
}

// display is the member as a scenario name shows it: name, list[*].key.
func display(path string) string { return strings.TrimPrefix(path, "$.") }
