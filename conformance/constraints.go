package conformance

import (
	"slices"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
)

// constraintTable lists every constraint of the spec with the outcome of the scenarios that
// exercised it:
//   - request constraints: the scenarios tagged with the constraint's id, failing where the
//     target mishandled the request (a scenario failing only on the response's shape counts
//     against the response rules instead);
//   - response constraints: the scenarios tagged @<Operation>.response (or the id itself); a
//     member rule fails only where the schema check named that member and rule, the status
//     rule where the operation's response was rejected or unreachable; and any scenario whose
//     schema check named the rule counts too, tagged or not;
//   - error constraints: the scenarios tagged @<Operation>.error.<Type>, plus every exchange
//     that answered with that type (errors a correct target cannot be driven to on demand,
//     such as a 500, are covered when they happen).
func constraintTable(set *specs.Set, scenarios []collected) []report.Constraint {
	var out []report.Constraint
	for _, op := range set.Operations() {
		for _, c := range op.Constraints() {
			row := report.Constraint{ID: c.ID, Operation: c.Operation, Path: c.Path, Keyword: c.Keyword,
				Value: c.Value, Source: c.Source, Status: report.Skipped}
			for i := range scenarios {
				switch verdictOf(op, c, &scenarios[i]) {
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

// verdictOf is one scenario's outcome for one constraint: Passed, Failed, or Skipped when the
// scenario did not exercise it.
func verdictOf(op *specs.Operation, c specs.Constraint, s *collected) report.Status {
	tagged := slices.Contains(s.scenario.Tags, "@"+c.ID)
	switch c.In {
	case "request":
		if !tagged {
			return report.Skipped
		}
		return requestVerdict(s)
	case "response":
		return responseVerdict(op, c, s, tagged || slices.Contains(s.scenario.Tags, "@"+op.ID+".response"))
	case "error":
		return errorVerdict(op, c, s, tagged)
	}
	return report.Skipped
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

func responseVerdict(op *specs.Operation, c specs.Constraint, s *collected, tagged bool) report.Status {
	var broke, sawOK, opFailed bool
	for _, r := range s.records {
		if r.Operation != op.ID {
			continue
		}
		if r.Exchange.Response != nil && r.Exchange.Response.Status == op.Success() {
			sawOK = true
		}
		for _, res := range r.Results {
			if res.Status != check.Fail {
				continue
			}
			opFailed = true
			if res.Check == check.ResponseSchema && specs.GenericPath(res.Path) == c.Path && res.Keyword == c.Keyword {
				broke = true
			}
		}
	}
	switch {
	case broke:
		return report.Failed
	case !tagged || s.scenario.Status == report.Skipped:
		return report.Skipped
	case c.Keyword == "status" && opFailed && !sawOK:
		return report.Failed
	case sawOK:
		return report.Passed
	}
	return report.Skipped
}

func errorVerdict(op *specs.Operation, c specs.Constraint, s *collected, tagged bool) report.Status {
	verdict := report.Skipped
	if tagged && s.scenario.Status != report.Skipped {
		verdict = s.scenario.Status
	}
	for _, r := range s.records {
		resp := r.Exchange.Response
		if r.Operation != op.ID || resp == nil || resp.Status < 400 {
			continue
		}
		if protocol.ErrorType(op.Protocol(), resp.Header, resp.Body).Name != c.Error {
			continue
		}
		if verdict == report.Skipped {
			verdict = report.Passed
		}
		for _, res := range r.Results {
			if res.Check == check.ErrorType && res.Status == check.Fail {
				verdict = report.Failed
			}
		}
	}
	return verdict
}
