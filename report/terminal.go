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

// TerminalExamples is how many root causes the terminal shows with a full example (request,
// response, curl, replay); the others get their one line, and every example is in the reports.
const TerminalExamples = 8

// terminalExcerptLines is how many lines of a terminal example's request and response are shown.
const terminalExcerptLines = 12

// WriteTerminal writes the end-of-run summary for people, short whatever the target did:
// counts, each operation's verdict, one line per root cause with its count, one full example
// per root cause, the mutation score if any, and the verdict last, with its reason.
// color adds ANSI colours. Text from the target cannot inject escape sequences: control bytes
// are shown as \xNN (see Normalize).
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
	statusColor := map[Status]string{Passed: ansiGreen, Failed: ansiRed, Skipped: ansiYellow,
		Inconclusive: ansiYellow, Interrupted: ansiYellow}
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
		if c.Inconclusive > 0 {
			parts = append(parts, paint(ansiYellow, fmt.Sprintf("%d inconclusive", c.Inconclusive)))
		}
		parts = append(parts, fmt.Sprintf("%d skipped", c.Skipped))
		return strings.Join(parts, ", ")
	}

	fmt.Fprintf(b, "%s", paint(ansiBold, title(n)))
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
	fmt.Fprintf(b, "findings:    %d in %d root causes; %d warnings\n", s.Findings, s.RootCauses, s.Warnings)

	if len(n.Operations) > 0 {
		ow := 0
		for _, o := range n.Operations {
			ow = max(ow, len(o.Operation))
		}
		b.WriteString("\n" + paint(ansiBold, "Operations:") + "\n")
		for _, o := range n.Operations {
			word := strings.ToUpper(string(statusWord(o.Verdict)))
			fmt.Fprintf(b, "  %-*s  %s%s  %s\n", ow, orDash(o.Operation), paintStatus(o.Verdict),
				strings.Repeat(" ", max(0, 12-len(word))), o.Reason)
		}
	}

	var errs, warns []RootCause
	for _, rc := range n.RootCauses {
		if rc.Severity == SeverityWarning {
			warns = append(warns, rc)
		} else {
			errs = append(errs, rc)
		}
	}
	line := func(tag string, rc RootCause) string {
		switch rc.Baseline {
		case "known":
			tag += " " + paint(ansiDim, "known")
		case "new":
			tag += " " + paint(ansiBold+ansiRed, "new")
		}
		l := fmt.Sprintf("  %s %s %s: %s  ×%d", tag, orDash(rc.Operation), rc.Check, rc.Cause, rc.Count)
		if len(rc.Rules) > 0 {
			l += paint(ansiDim, fmt.Sprintf("  (rules: %s)", strings.Join(rc.Rules, ", ")))
		}
		return l + "\n"
	}
	if len(errs) > 0 {
		total := 0
		for _, rc := range errs {
			total += rc.Count
		}
		head := fmt.Sprintf("Root causes (%d, explaining %d failures):", len(errs), total)
		if bs := n.Baseline; bs != nil {
			head = fmt.Sprintf("Root causes (%d, explaining %d failures; %d known, %d new):", len(errs), total, bs.Known, bs.New)
		}
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold+ansiRed, head))
		for i, rc := range errs {
			b.WriteString(line(paint(ansiRed, fmt.Sprintf("[%d]", i+1)), rc))
		}
	}
	if len(warns) > 0 {
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold+ansiYellow, fmt.Sprintf("Warnings (%d; habits the documents do not state; --strict fails them):", len(warns))))
		for i, rc := range warns {
			b.WriteString(line(paint(ansiYellow, fmt.Sprintf("[w%d]", i+1)), rc))
		}
	}
	if bs := n.Baseline; bs != nil {
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold+ansiGreen, fmt.Sprintf("fixed since the baseline: %d", len(bs.Fixed))))
		for _, rc := range bs.Fixed {
			fmt.Fprintf(b, "  %s %s %s: %s  %s\n", paint(ansiGreen, "fixed"), orDash(rc.Operation), rc.Check, rc.Cause, paint(ansiDim, "(id "+rc.ID+")"))
		}
	}
	withExample := 0
	for _, rc := range errs {
		if rc.Baseline != "known" {
			withExample++
		}
	}
	shown := 0
	for i, rc := range errs {
		if rc.Baseline == "known" {
			continue // known deviations: their examples are in the reports
		}
		if shown == TerminalExamples {
			fmt.Fprintf(b, "\n(examples of the other %d root causes are in the reports)\n", withExample-TerminalExamples)
			break
		}
		shown++
		fmt.Fprintf(b, "\n%s %s\n", paint(ansiRed, fmt.Sprintf("[%d]", i+1)), paint(ansiBold, "example: "+orDash(rc.Operation)+" "+rc.Check))
		for l := range strings.Lines(evidenceExcerpt(rc.Example, terminalExcerptLines)) {
			if strings.TrimSpace(l) == "" {
				b.WriteString("\n")
				continue
			}
			fmt.Fprintf(b, "    %s", l)
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
			l := fmt.Sprintf("  %-*s  run %-16s fuzz %-16s %s", fw, row.Fault,
				termCaught(row.CaughtByRun, row.RunTime), termCaught(row.CaughtByFuzz, row.FuzzTime), row.Detail)
			b.WriteString(strings.TrimRight(l, " ") + "\n")
		}
	}

	fmt.Fprintf(b, "\n%s %s", paint(ansiBold, "verdict:"), paintStatus(s.Status))
	if n.VerdictReason != "" {
		fmt.Fprintf(b, "  %s", n.VerdictReason)
	}
	b.WriteString("\n")
	return b.Flush()
}

func termCaught(caught bool, d time.Duration) string {
	if !caught {
		return "missed"
	}
	return "caught " + formatDuration(d)
}
