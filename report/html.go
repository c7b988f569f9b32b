package report

import (
	"cmp"
	_ "embed"
	"errors"
	"html/template"
	"io"
	"strings"
	"time"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is parsed once; a parse error is a bug caught by every test.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"dur":    formatDuration,
	"dash":   orDash,
	"status": statusWord,
	// breakable lets a long identifier (a check name) wrap after its underscores.
	"breakable": func(s string) template.HTML {
		return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "_", "_<wbr>"))
	},
	"caught": func(b bool) Status {
		if b {
			return Passed
		}
		return Failed
	},
}).Parse(htmlSource))

// HTMLFailureLimit is how many failures the HTML report's Failures section
// lists, folded; a note says how many more the JSON and JUnit reports hold.
// The root causes above it explain them all, one example each.
const HTMLFailureLimit = 100

type htmlData struct {
	Title         string
	Run           *Run
	Sum           Summary
	Matrix        []matrixRow
	Failures      []failure // at most HTMLFailureLimit
	FailuresTotal int
	FailuresLeft  int // FailuresTotal - len(Failures)
}

// matrixRow is one operation's row of the matrix, one cell per check in
// Summary.Checks order, so templates need no lookups.
type matrixRow struct {
	Operation string
	Cells     []matrixCell
}

type matrixCell struct {
	Counts
	Class string // cell-failed, cell-passed or cell-skipped
}

func matrixRows(s Summary) []matrixRow {
	if len(s.Matrix) == 0 {
		return nil
	}
	rows := make([]matrixRow, 0, len(s.Operations))
	for _, op := range s.Operations {
		row := matrixRow{Operation: op}
		seen := false
		for _, check := range s.Checks {
			c := s.Cell(op, check)
			seen = seen || c.Total() > 0
			row.Cells = append(row.Cells, matrixCell{Counts: c, Class: cellClass(c)})
		}
		if seen {
			rows = append(rows, row)
		}
	}
	return rows
}

func cellClass(c Counts) string {
	switch {
	case c.Failed > 0:
		return "cell-failed"
	case c.Passed > 0:
		return "cell-passed"
	case c.Skipped > 0:
		return "cell-skipped"
	}
	return "cell-empty"
}

// WriteHTML writes r as one self-contained HTML page: inline CSS, no
// scripts, no external URLs; printable. The verdict and the root causes come
// first; the Failures section lists at most HTMLFailureLimit failures, each
// folded in a closed <details>; tables fit a 1,400 px window. Summary counts carry ids
// (count-passed, count-failed, count-skipped, count-findings,
// count-constraints-passed/-failed/-skipped, status) so tools and tests can
// find them. All text is escaped by html/template.
func WriteHTML(w io.Writer, r *Run) error {
	if r == nil {
		return errors.New("report: WriteHTML: nil run")
	}
	n := Normalize(r)
	sum := n.Summary()
	all := failures(n)
	shown := all[:min(len(all), HTMLFailureLimit)]
	return htmlTemplate.Execute(w, htmlData{
		Title:         title(n),
		Run:           n,
		Sum:           sum,
		Matrix:        matrixRows(sum),
		Failures:      shown,
		FailuresTotal: len(all),
		FailuresLeft:  len(all) - len(shown),
	})
}

// title is the headline of a report, e.g. "plumb run".
func title(n *Run) string {
	return strings.TrimSpace(cmp.Or(n.Tool, "plumb") + " " + n.Engine)
}

// statusWord shows an unset status as skipped, the way Counts counts it.
func statusWord(s Status) Status {
	switch s {
	case Passed, Failed, Inconclusive, Interrupted:
		return s
	}
	return Skipped
}

// formatDuration rounds for people: 1.234s, 12ms, 3m4s.
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0s"
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(10 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
