package report

import (
	"cmp"
	"strings"
)

// failure is one piece of failure evidence as the human-facing writers list
// it: a failed scenario's finding, or a finding no scenario carries (fuzz).
type failure struct {
	Title    string // where it happened: "Feature / Scenario" or "Operation check"
	Scenario *Scenario
	Finding  Finding
}

// findingKey identifies a finding across Run.Findings and Scenario.Failures.
type findingKey struct{ op, check, rule, path, msg string }

func keyOf(f Finding, scenarioOp string) findingKey {
	return findingKey{cmp.Or(f.Operation, scenarioOp), f.Check, f.Rule, f.Path, f.Message}
}

// scenarioFailures is the evidence of one failed scenario: its Failures, or
// if it has none, its failed checks, or if none either, a bare note.
func scenarioFailures(s *Scenario) []Finding {
	if len(s.Failures) > 0 {
		return s.Failures
	}
	var out []Finding
	for _, c := range s.Checks {
		if c.Status == Failed {
			out = append(out, Finding{Check: c.Name, Operation: cmp.Or(c.Operation, s.Operation), Message: c.Message})
		}
	}
	if len(out) == 0 {
		out = append(out, Finding{Operation: s.Operation, Message: "scenario failed"})
	}
	return out
}

// orphanFindings are the findings of n that no scenario carries as a
// failure: in a run every finding repeats a scenario failure and none is an
// orphan; in a fuzz campaign the findings usually are the failures.
func orphanFindings(n *Run) []Finding {
	carried := map[findingKey]bool{}
	for i := range n.Scenarios {
		for _, f := range n.Scenarios[i].Failures {
			carried[keyOf(f, n.Scenarios[i].Operation)] = true
		}
	}
	var out []Finding
	for _, f := range n.Findings {
		if !carried[keyOf(f, "")] {
			out = append(out, f)
		}
	}
	return out
}

// findingName names a finding that stands as its own test case.
func findingName(f Finding) string {
	parts := []string{cmp.Or(f.Check, "finding")}
	for _, p := range []string{f.Rule, f.Path} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	name := strings.Join(parts, " ")
	if m := firstLine(f.Message); m != "" {
		name += ": " + m
	}
	return name
}

// failures lists every failure of a normalized run, scenarios first (in
// scenario order), then orphan findings.
func failures(n *Run) []failure {
	var out []failure
	for i := range n.Scenarios {
		s := &n.Scenarios[i]
		if s.Status != Failed {
			continue
		}
		for _, f := range scenarioFailures(s) {
			out = append(out, failure{
				Title:    orDash(s.Feature) + " / " + orDash(s.Name),
				Scenario: s, Finding: f,
			})
		}
	}
	for _, f := range orphanFindings(n) {
		out = append(out, failure{
			Title: orDash(f.Operation) + " / " + findingName(f), Finding: f,
		})
	}
	return out
}

// evidence is the plain-text block of one finding: message, then request,
// response and curl, then how to reproduce it.
func evidence(f Finding) string { return evidenceExcerpt(f, 0) }

// evidenceExcerpt is evidence with the request and response cut to maxLines
// lines each (0: whole), saying how many were left out.
func evidenceExcerpt(f Finding, maxLines int) string {
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			b.WriteString(label)
			b.WriteString(v)
			b.WriteString("\n")
		}
	}
	line("check: ", f.Check)
	line("operation: ", f.Operation)
	line("rule: ", strings.TrimSpace(f.Rule+" "+f.Path))
	line("message: ", f.Message)
	if f.Count > 1 {
		line("occurrences: ", itoa(f.Count))
	}
	if f.Seed != 0 {
		line("seed: ", utoa(f.Seed))
	}
	line("replay: ", f.Replay)
	block := func(label, v string) {
		if v != "" {
			b.WriteString("\n--- ")
			b.WriteString(label)
			b.WriteString(" ---\n")
			b.WriteString(strings.TrimRight(v, "\r\n"))
			b.WriteString("\n")
		}
	}
	block("request", excerpt(f.Request, maxLines))
	block("response", excerpt(f.Response, maxLines))
	block("rerun", f.Rerun)
	block("curl", f.Curl)
	return b.String()
}

// excerpt shortens an HTTP dump for the terminal (maxLines 0: whole): the start line, the
// headers that say what the exchange meant, and the body's first lines.
func excerpt(s string, maxLines int) string {
	if maxLines <= 0 || s == "" {
		return s
	}
	lines := strings.SplitAfter(strings.TrimRight(s, "\r\n"), "\n")
	var out []string
	dropped := 0
	i := 0
	for ; i < len(lines); i++ {
		l := lines[i]
		if i > 0 && strings.TrimSpace(l) == "" {
			break // end of the headers
		}
		name, _, isHeader := strings.Cut(l, ":")
		if i == 0 || !isHeader || meaningfulHeaders[strings.ToLower(strings.TrimSpace(name))] {
			out = append(out, l)
		} else {
			dropped++
		}
	}
	body := lines[i:]
	if len(body) > maxLines {
		dropped += len(body) - maxLines
		body = body[:maxLines]
	}
	out = append(out, body...)
	text := strings.Join(out, "")
	if dropped > 0 {
		text = strings.TrimRight(text, "\r\n") + "\n(" + itoa(dropped) + " more lines in the reports)\n"
	}
	return text
}

// meaningfulHeaders are the headers a terminal example keeps.
var meaningfulHeaders = map[string]bool{"content-type": true, "x-amz-target": true, "x-amzn-errortype": true,
	"retry-after": true, "location": true}
