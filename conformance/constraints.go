package conformance

import (
	"slices"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
)

// constraintTable lists every constraint of the spec with the outcome of the scenarios that
// exercised it. What an exchange exercised and broke is the check engine's one reading
// (check.Touched, which plumb fuzz aggregates too); on top of it, a scenario tagged with a
// request constraint's id (or a documented error's) is about that constraint, whatever its
// exchanges' expectations say: it fails the constraint where the target mishandled the request
// (a scenario failing only on the response's form counts against the response rules instead).
func constraintTable(set *specs.Set, scenarios []collected) []report.Constraint {
	var out []report.Constraint
	for _, op := range set.Operations() {
		for i, c := range op.Constraints() {
			row := report.Constraint{ID: c.ID, Operation: c.Operation, Path: c.Path, Keyword: c.Keyword,
				Value: c.Value, Source: c.Source, Status: report.Skipped}
			for j := range scenarios {
				switch verdictOf(op, i, c, &scenarios[j]) {
				case report.Failed:
					row.Status = report.Failed
					row.Exercised++
				case report.Passed:
					if row.Status != report.Failed {
						row.Status = report.Passed
					}
					row.Exercised++
				}
			}
			out = append(out, row)
		}
	}
	return out
}

// verdictOf is one scenario's outcome for constraint i of op: Passed, Failed, or Skipped when
// the scenario did not exercise it.
func verdictOf(op *specs.Operation, i int, c specs.Constraint, s *collected) report.Status {
	verdict := report.Skipped
	if slices.Contains(s.scenario.Tags, "@"+c.ID) && s.scenario.Status != report.Skipped {
		switch c.In {
		case "request":
			verdict = requestVerdict(s)
		case "error":
			verdict = s.scenario.Status
		}
	}
	for _, r := range s.records {
		if r.Operation != op.ID {
			continue
		}
		for _, t := range check.Touched(op, r.Expect, r.Exchange, r.Results) {
			switch {
			case t.Index != i:
			case t.Broken:
				return report.Failed
			case verdict == report.Skipped:
				verdict = report.Passed
			}
		}
	}
	return verdict
}

// shapeChecks judge a response's form, not how the target handled the request: a scenario
// failing only those still shows its request rules honoured (the response rules fail instead).
var shapeChecks = map[string]bool{string(check.ResponseSchema): true, string(check.ContentType): true}

func requestVerdict(s *collected) report.Status {
	if s.scenario.Status != report.Failed {
		return s.scenario.Status
	}
	for _, f := range s.scenario.Failures {
		if !shapeChecks[f.Check] {
			return report.Failed
		}
	}
	return report.Passed
}
