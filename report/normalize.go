package report

import (
	"cmp"
	"slices"
)

// Normalize returns the Run every writer actually writes: a deep copy of r
// in which every string is scrubbed of credentials (Scrub) and made
// printable (invalid UTF-8 and control bytes shown as \xNN), and every list
// is sorted, so that two identical runs produce identical files except for
// timings. r is not modified. A nil r gives an empty Run.
func Normalize(r *Run) *Run {
	if r == nil {
		r = &Run{}
	}
	n := *r
	n.Tool, n.Engine, n.Target = clean(r.Tool), clean(r.Engine), clean(r.Target)
	n.Started = r.Started.Round(0) // drop the monotonic reading; it is not data

	n.Scenarios = make([]Scenario, len(r.Scenarios))
	for i, s := range r.Scenarios {
		n.Scenarios[i] = normScenario(s)
	}
	slices.SortStableFunc(n.Scenarios, func(a, b Scenario) int {
		return cmp.Or(cmp.Compare(a.Feature, b.Feature), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Status, b.Status))
	})

	n.Constraints = make([]Constraint, len(r.Constraints))
	for i, c := range r.Constraints {
		n.Constraints[i] = Constraint{
			ID: clean(c.ID), Operation: clean(c.Operation), Path: clean(c.Path),
			Keyword: clean(c.Keyword), Value: clean(c.Value), Source: clean(c.Source),
			Status: Status(clean(string(c.Status))), Exercised: c.Exercised,
		}
	}
	slices.SortStableFunc(n.Constraints, func(a, b Constraint) int {
		return cmp.Or(cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.ID, b.ID))
	})

	n.Findings = normFindings(r.Findings)
	if n.Findings == nil {
		n.Findings = []Finding{} // JSON consumers get [] rather than null
	}
	n.Verdict, n.VerdictReason = Status(clean(string(r.Verdict))), clean(r.VerdictReason)
	n.Operations = make([]OperationVerdict, len(r.Operations)) // order kept: the decider's
	for i, o := range r.Operations {
		o.Operation, o.Verdict, o.Reason = clean(o.Operation), Status(clean(string(o.Verdict))), clean(o.Reason)
		n.Operations[i] = o
	}
	causes := r.RootCauses
	if len(causes) == 0 && len(r.Findings) > 0 {
		causes = GroupRootCauses(r.Findings) // a run nobody decided: group what it found
	}
	n.RootCauses = make([]RootCause, len(causes)) // order kept: most frequent first
	for i, rc := range causes {
		out := RootCause{ID: clean(rc.ID), Operation: clean(rc.Operation), Check: clean(rc.Check),
			Cause: clean(rc.Cause), Severity: clean(rc.Severity), Count: rc.Count, Baseline: clean(rc.Baseline),
			Constraint: clean(rc.Constraint), SpecFile: clean(rc.SpecFile), SpecLine: rc.SpecLine, Help: clean(rc.Help)}
		for _, rule := range rc.Rules {
			out.Rules = append(out.Rules, clean(rule))
		}
		out.Example = normFinding(rc.Example)
		n.RootCauses[i] = out
	}
	if r.Baseline != nil {
		bs := *r.Baseline
		bs.File = clean(bs.File)
		bs.Fixed = make([]RootCause, len(r.Baseline.Fixed))
		for i, rc := range r.Baseline.Fixed {
			bs.Fixed[i] = RootCause{ID: clean(rc.ID), Operation: clean(rc.Operation), Check: clean(rc.Check),
				Cause: clean(rc.Cause), Severity: clean(rc.Severity), Count: rc.Count, Baseline: clean(rc.Baseline)}
		}
		n.Baseline = &bs
	}
	n.Shard = normShard(r.Shard)
	if r.Score != nil {
		sc := *r.Score
		sc.Rows = make([]ScoreRow, len(r.Score.Rows))
		for i, row := range r.Score.Rows {
			row.Fault, row.Class, row.Description = clean(row.Fault), clean(row.Class), clean(row.Description)
			row.Detail = clean(row.Detail)
			sc.Rows[i] = row
		}
		slices.SortStableFunc(sc.Rows, func(a, b ScoreRow) int { return cmp.Compare(a.Fault, b.Fault) })
		n.Score = &sc
	}
	return &n
}

func clean(s string) string { return Scrub(printable(s)) }

func normScenario(s Scenario) Scenario {
	n := Scenario{
		Feature: clean(s.Feature), Name: clean(s.Name), Operation: clean(s.Operation),
		Status: Status(clean(string(s.Status))), SkipReason: clean(s.SkipReason),
		Duration: s.Duration,
	}
	if s.Tags != nil {
		n.Tags = make([]string, len(s.Tags))
		for i, t := range s.Tags {
			n.Tags[i] = clean(t)
		}
		slices.Sort(n.Tags)
	}
	if s.Checks != nil {
		n.Checks = make([]Check, len(s.Checks))
		for i, c := range s.Checks {
			n.Checks[i] = Check{Name: clean(c.Name), Operation: clean(c.Operation),
				Status: Status(clean(string(c.Status))), Message: clean(c.Message)}
		}
		slices.SortStableFunc(n.Checks, func(a, b Check) int {
			return cmp.Or(cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Name, b.Name),
				cmp.Compare(a.Status, b.Status), cmp.Compare(a.Message, b.Message))
		})
	}
	n.Failures = normFindings(s.Failures)
	return n
}

func normFindings(fs []Finding) []Finding {
	if fs == nil {
		return nil
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = normFinding(f)
	}
	slices.SortStableFunc(out, compareFindings)
	return out
}

func normFinding(f Finding) Finding {
	return Finding{
		Check: clean(f.Check), Operation: clean(f.Operation), Rule: clean(f.Rule),
		Path: clean(f.Path), Message: clean(f.Message), Request: clean(f.Request),
		Response: clean(f.Response), Curl: clean(f.Curl), Rerun: clean(f.Rerun), Seed: f.Seed,
		Replay: clean(f.Replay), Count: f.Count, Cause: clean(f.Cause), Severity: clean(f.Severity),
		Origin: cleanOrigin(f.Origin),
	}
}

func cleanOrigin(o *CaseOrigin) *CaseOrigin {
	if o == nil {
		return nil
	}
	n := *o
	n.Kind = clean(o.Kind)
	return &n
}

func compareFindings(a, b Finding) int {
	return cmp.Or(cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Check, b.Check),
		cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Message, b.Message), cmp.Compare(a.Seed, b.Seed))
}
