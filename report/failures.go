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
func evidence(f Finding) string {
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
	block("request", f.Request)
	block("response", f.Response)
	block("curl", f.Curl)
	return b.String()
}
