package scenarios

import (
	"fmt"
	"strings"
)

// scenario is one Scenario or Scenario Outline before it is written out: steps are texts
// without their keyword; an outline has columns and rows, and "<column>" in its name and steps.
type scenario struct {
	tags  []string
	name  string
	given []string
	when  []string
	then  []string
	cols  []string
	rows  [][]string
}

// writeScenario writes sc in the layout of the hand-written features: tags, name, steps
// (Given / When / Then, "And" for each further step of a kind), and the Examples table with
// its columns aligned.
func writeScenario(b *strings.Builder, sc scenario) {
	fmt.Fprintf(b, "  %s\n", strings.Join(sc.tags, " "))
	kind := "Scenario"
	if len(sc.rows) > 0 {
		kind = "Scenario Outline"
	}
	fmt.Fprintf(b, "  %s: %s\n", kind, oneLine(sc.name))
	for _, part := range []struct {
		keyword string
		steps   []string
	}{{"Given", sc.given}, {"When", sc.when}, {"Then", sc.then}} {
		for i, st := range part.steps {
			kw := part.keyword
			if i > 0 {
				kw = "And"
			}
			fmt.Fprintf(b, "    %s %s\n", kw, oneLine(st))
		}
	}
	if len(sc.rows) > 0 {
		b.WriteString("\n    Examples:\n")
		cells := append([][]string{sc.cols}, sc.rows...)
		width := make([]int, len(sc.cols))
		for _, row := range cells {
			for i, c := range row {
				width[i] = max(width[i], len([]rune(cellText(c))))
			}
		}
		for _, row := range cells {
			b.WriteString("      |")
			for i, c := range row {
				t := cellText(c)
				fmt.Fprintf(b, " %s%s |", t, strings.Repeat(" ", width[i]-len([]rune(t))))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
}

// cellText escapes a table cell as Gherkin reads it back: backslash, pipe and newline.
func cellText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "\n", `\n`).Replace(s)
}

// cellSafe reports whether s survives a table cell unchanged: Gherkin trims cells.
func cellSafe(s string) bool { return strings.TrimSpace(s) == s }

// oneLine keeps a name or step on its line (step texts never hold newlines: values that do
// are written as JSON).
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }
