package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ANSI colours for the terminal summary.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
)

// WriteTerminal writes the end-of-run summary for people: the verdict and
// counts, then per operation each check's outcomes, then every failure
// with its request, response and curl, then the mutation score if any.
// color adds ANSI colours. Text from the target cannot inject escape
// sequences: control bytes are shown as \xNN (see Normalize).
func WriteTerminal(w io.Writer, r *Run, color bool) error {
	if r == nil {
		return errors.New("report: WriteTerminal: nil run")
	}
	n := Normalize(r)
	s := n.Summary()
	b := bufio.NewWriter(w)
	paint := func(code, text string) string {
		if !color || text == "" {
			return text
		}
		return code + text + ansiReset
	}
	statusColor := map[Status]string{Passed: ansiGreen, Failed: ansiRed, Skipped: ansiYellow}
	paintStatus := func(st Status) string {
		return paint(ansiBold+statusColor[statusWord(st)], strings.ToUpper(string(statusWord(st))))
	}
	counts := func(c Counts) string {
		parts := []string{paint(ansiGreen, fmt.Sprintf("%d passed", c.Passed))}
		if c.Failed > 0 {
			parts = append(parts, paint(ansiRed, fmt.Sprintf("%d failed", c.Failed)))
		} else {
			parts = append(parts, "0 failed")
		}
		parts = append(parts, fmt.Sprintf("%d skipped", c.Skipped))
		return strings.Join(parts, ", ")
	}

	fmt.Fprintf(b, "%s: %s", paint(ansiBold, title(n)), paintStatus(s.Status))
	if n.Target != "" {
		fmt.Fprintf(b, "  target %s", n.Target)
	}
	fmt.Fprintf(b, "  duration %s", formatDuration(n.Duration))
	if n.Seed != 0 {
		fmt.Fprintf(b, "  seed %d", n.Seed)
	}
	if n.Cases != 0 {
		fmt.Fprintf(b, "  cases %d", n.Cases)
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "scenarios:   %s\n", counts(s.Scenarios))
	fmt.Fprintf(b, "constraints: %s\n", counts(s.Constraints))
	fmt.Fprintf(b, "findings:    %d\n", s.Findings)

	width := 0
	for _, c := range s.Checks {
		width = max(width, len(c))
	}
	for _, op := range s.ByOperation {
		if op.Operation == "" && op.Checks.Total() == 0 {
			continue // e.g. a selftest's bookkeeping scenario: nothing to show
		}
		fmt.Fprintf(b, "\n%s  %s\n", paint(ansiBold, orDash(op.Operation)), paint(ansiDim, "scenarios: "+fmt.Sprintf("%d/%d/%d", op.Scenarios.Passed, op.Scenarios.Failed, op.Scenarios.Skipped)+" passed/failed/skipped"))
		for _, check := range s.Checks {
			c := s.Cell(op.Operation, check)
			if c.Total() == 0 {
				continue
			}
			fmt.Fprintf(b, "  %-*s  %s\n", width, orDash(check), counts(c))
		}
	}

	if fs := failures(n); len(fs) > 0 {
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold+ansiRed, fmt.Sprintf("Failures (%d):", len(fs))))
		for i, f := range fs {
			fmt.Fprintf(b, "\n%s %s\n", paint(ansiRed, fmt.Sprintf("[%d]", i+1)), paint(ansiBold, f.Title))
			for line := range strings.Lines(evidence(f.Finding)) {
				if strings.TrimSpace(line) == "" {
					b.WriteString("\n")
					continue
				}
				fmt.Fprintf(b, "    %s", line)
			}
		}
	}

	if sc := n.Score; sc != nil {
		fmt.Fprintf(b, "\n%s caught %d of %d faults (run %d, fuzz %d, both %d); false alarms: run %d, fuzz %d\n",
			paint(ansiBold, "Mutation score:"), sc.CaughtAny, sc.Total, sc.CaughtRun, sc.CaughtFuzz, sc.CaughtBoth,
			sc.FalseAlarmsRun, sc.FalseAlarmsFuzz)
		fw := 0
		for _, row := range sc.Rows {
			fw = max(fw, len(row.Fault))
		}
		for _, row := range sc.Rows {
			line := fmt.Sprintf("  %-*s  run %-16s fuzz %-16s %s", fw, row.Fault,
				termCaught(row.CaughtByRun, row.RunTime), termCaught(row.CaughtByFuzz, row.FuzzTime), row.Detail)
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	return b.Flush()
}

func termCaught(caught bool, d time.Duration) string {
	if !caught {
		return "missed"
	}
	return "caught " + formatDuration(d)
}
