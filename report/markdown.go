package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// MarkdownFailureLimit is how many root-cause examples WriteMarkdown shows in
// full; a GitHub step summary is capped at 1 MiB and read by people.
const MarkdownFailureLimit = 20

// WriteMarkdown writes r as GitHub-flavoured Markdown that fits a job's step
// summary ($GITHUB_STEP_SUMMARY): the verdict and why, each operation's
// verdict, a counts table, the root causes with one example each (at most
// MarkdownFailureLimit; curl in code blocks, request and response folded),
// the operation × check matrix, failed constraints, and the mutation score
// table when present.
func WriteMarkdown(w io.Writer, r *Run) error {
	if r == nil {
		return errors.New("report: WriteMarkdown: nil run")
	}
	n := Normalize(r)
	s := n.Summary()
	b := bufio.NewWriter(w)

	icon := map[Status]string{Passed: "✅", Failed: "❌", Skipped: "⚪", Inconclusive: "⚠️", Interrupted: "⏹️"}[statusWord(s.Status)]
	fmt.Fprintf(b, "## %s %s: %s\n\n", icon, mdText(title(n)), statusWord(s.Status))
	if n.VerdictReason != "" {
		fmt.Fprintf(b, "**%s**\n\n", mdText(n.VerdictReason))
	}
	var meta []string
	if n.Target != "" {
		meta = append(meta, "target "+mdCode(n.Target))
	}
	if !n.Started.IsZero() {
		meta = append(meta, "started "+n.Started.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	meta = append(meta, "duration "+formatDuration(n.Duration))
	if n.Seed != 0 {
		meta = append(meta, "seed "+mdCode(utoa(n.Seed)))
	}
	if n.Cases != 0 {
		meta = append(meta, "cases "+itoa(n.Cases))
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(meta, " · "))

	if len(n.Operations) > 0 {
		b.WriteString("| Operation | Verdict | Why |\n|---|---|---|\n")
		for _, o := range n.Operations {
			fmt.Fprintf(b, "| %s | %s | %s |\n", mdText(orDash(o.Operation)), statusWord(o.Verdict), mdText(o.Reason))
		}
		b.WriteString("\n")
	}

	b.WriteString("| | passed | failed | inconclusive | skipped |\n|---|---:|---:|---:|---:|\n")
	fmt.Fprintf(b, "| Scenarios | %d | %d | %d | %d |\n", s.Scenarios.Passed, s.Scenarios.Failed, s.Scenarios.Inconclusive, s.Scenarios.Skipped)
	var checks Counts
	for _, c := range s.Matrix {
		checks.Passed, checks.Failed, checks.Skipped = checks.Passed+c.Passed, checks.Failed+c.Failed, checks.Skipped+c.Skipped
		checks.Inconclusive += c.Inconclusive
	}
	fmt.Fprintf(b, "| Checks | %d | %d | %d | %d |\n", checks.Passed, checks.Failed, checks.Inconclusive, checks.Skipped)
	fmt.Fprintf(b, "| Constraints | %d | %d | %d | %d |\n", s.Constraints.Passed, s.Constraints.Failed, s.Constraints.Inconclusive, s.Constraints.Skipped)
	fmt.Fprintf(b, "\n**Findings: %d in %d root causes; %d warnings**\n", s.Findings, s.RootCauses, s.Warnings)

	if bs := n.Baseline; bs != nil {
		fmt.Fprintf(b, "\n**Baseline %s: %d known, %d new, %d fixed**\n", mdCode(bs.File), bs.Known, bs.New, len(bs.Fixed))
		if len(bs.Fixed) > 0 {
			b.WriteString("\nFixed since the baseline:\n\n")
			for _, rc := range bs.Fixed {
				fmt.Fprintf(b, "- %s %s: %s (id %s)\n", mdText(orDash(rc.Operation)), mdCode(rc.Check), mdText(rc.Cause), mdCode(rc.ID))
			}
		}
	}
	if len(n.RootCauses) > 0 {
		if n.Baseline != nil {
			b.WriteString("\n### Root causes\n\n| # | Severity | Baseline | Operation | Check | Cause | Failures | Rules |\n|---:|---|---|---|---|---|---:|---|\n")
		} else {
			b.WriteString("\n### Root causes\n\n| # | Severity | Operation | Check | Cause | Failures | Rules |\n|---:|---|---|---|---|---:|---|\n")
		}
		for i, rc := range n.RootCauses {
			sev := rc.Severity
			if n.Baseline != nil {
				sev += " | " + map[string]string{"known": "known", "new": "**new**"}[rc.Baseline]
			}
			fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %d | %s |\n", i+1, sev, mdText(orDash(rc.Operation)), mdCell(rc.Check),
				mdText(rc.Cause), rc.Count, mdText(strings.Join(rc.Rules, ", ")))
		}
		shown := min(len(n.RootCauses), MarkdownFailureLimit)
		b.WriteString("\n### One example per root cause\n")
		for i, rc := range n.RootCauses[:shown] {
			writeMarkdownFailure(b, i+1, failure{Title: orDash(rc.Operation) + " " + rc.Check + ": " + rc.Cause, Finding: rc.Example})
		}
		if shown < len(n.RootCauses) {
			fmt.Fprintf(b, "\n%d more examples are in the JSON and HTML reports.\n", len(n.RootCauses)-shown)
		}
	}

	if rows := matrixRows(s); len(rows) > 0 {
		b.WriteString("\n### Operation × check\n\nEach cell: passed / failed / skipped.\n\n| Operation |")
		for _, c := range s.Checks {
			fmt.Fprintf(b, " %s |", mdCell(c))
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(s.Checks)) + "\n")
		for _, row := range rows {
			fmt.Fprintf(b, "| %s |", mdText(orDash(row.Operation)))
			for _, c := range row.Cells {
				if c.Total() == 0 {
					b.WriteString(" – |")
					continue
				}
				mark := map[string]string{"cell-failed": "❌", "cell-passed": "✅", "cell-skipped": "⚪"}[c.Class]
				fmt.Fprintf(b, " %s %d / %d / %d |", mark, c.Passed, c.Failed, c.Skipped)
			}
			b.WriteString("\n")
		}
	}

	var failedConstraints []Constraint
	for _, c := range n.Constraints {
		if c.Status == Failed {
			failedConstraints = append(failedConstraints, c)
		}
	}
	if len(failedConstraints) > 0 {
		b.WriteString("\n### Failed constraints\n\n| Operation | Path | Keyword | Value | Exercised |\n|---|---|---|---|---:|\n")
		for _, c := range failedConstraints {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %d |\n", mdText(orDash(c.Operation)), mdCell(c.Path), mdText(c.Keyword), mdCell(c.Value), c.Exercised)
		}
	}

	if sc := n.Score; sc != nil {
		fmt.Fprintf(b, "\n### Mutation score\n\nCaught **%d of %d** faults (run %d, fuzz %d, both %d). False alarms: run %d, fuzz %d.\n\n",
			sc.CaughtAny, sc.Total, sc.CaughtRun, sc.CaughtFuzz, sc.CaughtBoth, sc.FalseAlarmsRun, sc.FalseAlarmsFuzz)
		b.WriteString("| Fault | Class | Run | Fuzz | Detail |\n|---|---|---|---|---|\n")
		for _, row := range sc.Rows {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdCell(row.Fault), mdText(row.Class),
				caughtText(row.CaughtByRun, row.RunTime), caughtText(row.CaughtByFuzz, row.FuzzTime), mdText(row.Detail))
		}
	}
	return b.Flush()
}

func writeMarkdownFailure(b *bufio.Writer, i int, f failure) {
	fmt.Fprintf(b, "\n#### %d. %s\n\n", i, mdText(f.Title))
	fd := f.Finding
	var facts []string
	if fd.Check != "" {
		facts = append(facts, "check "+mdCode(fd.Check))
	}
	if fd.Operation != "" {
		facts = append(facts, "operation "+mdText(fd.Operation))
	}
	if rule := strings.TrimSpace(fd.Rule + " " + fd.Path); rule != "" {
		facts = append(facts, "rule "+mdCode(rule))
	}
	if fd.Count > 1 {
		facts = append(facts, itoa(fd.Count)+" occurrences")
	}
	if fd.Seed != 0 {
		facts = append(facts, "seed "+mdCode(utoa(fd.Seed)))
	}
	if fd.Replay != "" {
		facts = append(facts, "replay "+mdCode(fd.Replay))
	}
	if len(facts) > 0 {
		fmt.Fprintf(b, "%s\n\n", strings.Join(facts, " · "))
	}
	if fd.Message != "" {
		fmt.Fprintf(b, "> %s\n\n", mdText(fd.Message))
	}
	if fd.Rerun != "" {
		b.WriteString(fence(fd.Rerun, "sh"))
	}
	if fd.Curl != "" {
		b.WriteString(fence(fd.Curl, "sh"))
	}
	if fd.Request != "" || fd.Response != "" {
		b.WriteString("<details><summary>request and response</summary>\n\n")
		if fd.Request != "" {
			b.WriteString(fence(fd.Request, "http"))
		}
		if fd.Response != "" {
			b.WriteString(fence(fd.Response, "http"))
		}
		b.WriteString("</details>\n")
	}
}

func caughtText(caught bool, d time.Duration) string {
	if !caught {
		return "missed"
	}
	return "✅ " + formatDuration(d)
}

// fence puts s in a fenced code block whose fence is longer than any run of
// backticks inside s, so no body can close it early.
func fence(s, lang string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", max(3, longest+1))
	return f + lang + "\n" + strings.TrimRight(s, "\r\n") + "\n" + f + "\n\n"
}

// mdReplacer escapes text so it renders literally: Markdown punctuation is
// backslash-escaped and HTML-significant characters become entities (GitHub
// renders inline HTML), and line breaks become spaces so a value can sit in
// a table cell or a list item.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"#", `\#`, "~", `\~`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ",
)

func mdText(s string) string { return mdReplacer.Replace(s) }

// mdCode shows s as inline code, or as escaped text when s holds a backtick
// (an inline code span cannot be made to hold one robustly).
func mdCode(s string) string {
	if s == "" || strings.ContainsAny(s, "`\r\n") {
		return mdText(s)
	}
	return "`" + s + "`"
}

// mdCell is mdCode for table cells, where GitHub splits on | even inside code.
func mdCell(s string) string {
	if s == "" || strings.ContainsAny(s, "`\r\n") {
		return mdText(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
