package verdict

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
)

// Scope says which operations a run was about, why the others were left out, and which root
// causes the run already knows of.
type Scope struct {
	Operations []string          // in scope, in report order
	Skipped    map[string]string // left out, with why ("no target for service outposts")

	// Known lists the root causes of a baseline (plumb --baseline; nil: none), read from
	// KnownFrom: each of the run's error root causes is marked known or new, known ones fail
	// nothing, and a known one that no longer occurs on an operation the run judged is listed as
	// fixed (report.Run.Baseline).
	Known     []report.RootCause
	KnownFrom string

	// Specs are the specs the run was made from: each root cause is located at the line stating
	// the constraint it breaks (nil: root causes are not located).
	Specs *specs.Set
	// NotAnswering is set when the run stopped early because the target never answered
	// (target.Client.NotAnswering: requests in a row without a response, or a TLS/plain-HTTP
	// mismatch): its one-line cause. The run is then inconclusive with that reason, whatever
	// it saw before stopping; the CLI exits 3.
	NotAnswering string
}

// Decide fills in run's Verdict, VerdictReason, Operations and RootCauses from the evidence.
// Operations the target does not implement lose their findings, and their scenarios and
// constraints are marked skipped with that reason. interrupted (a signal stopped the run) wins
// over every other outcome.
func Decide(run *report.Run, ev *Evidence, scope Scope, interrupted bool) {
	if run == nil {
		return
	}
	hasScenario := map[string]bool{}
	for _, sc := range run.Scenarios {
		hasScenario[sc.Operation] = true
	}

	run.Operations = run.Operations[:0]
	dropped := map[string]string{} // operation -> why its findings are dropped
	snaps := map[string]snapshot{}
	var inScope []string
	for _, op := range scope.Operations {
		s := ev.snapshot(op)
		snaps[op] = s
		if s.exchanges == 0 && !hasScenario[op] {
			run.Operations = append(run.Operations, report.OperationVerdict{Operation: op, Verdict: report.Skipped,
				Reason: "not selected: no scenario or case of the selection sends it"})
			continue
		}
		inScope = append(inScope, op)
		if why := notImplemented(s); why != "" {
			dropped[op] = why
		}
	}

	// Findings of operations the target does not implement say one thing, once.
	if len(dropped) > 0 {
		kept := run.Findings[:0]
		for _, f := range run.Findings {
			if _, drop := dropped[f.Operation]; !drop {
				kept = append(kept, f)
			}
		}
		run.Findings = kept
		for i := range run.Scenarios {
			if why, drop := dropped[run.Scenarios[i].Operation]; drop {
				sc := &run.Scenarios[i]
				sc.Status, sc.SkipReason, sc.Failures = report.Skipped, why, nil
				for j := range sc.Checks {
					sc.Checks[j].Status, sc.Checks[j].Message = report.Skipped, why
				}
			}
		}
		for i := range run.Constraints {
			if _, drop := dropped[run.Constraints[i].Operation]; drop {
				run.Constraints[i].Status = report.Skipped
			}
		}
	}

	run.RootCauses = report.GroupRootCauses(run.Findings)
	locate(run.RootCauses, scope.Specs)
	known := map[string]bool{}
	for _, rc := range scope.Known {
		known[rc.ID] = true
	}
	failing, knownBy := map[string]int{}, map[string]int{} // error root causes per operation
	for i := range run.RootCauses {
		rc := &run.RootCauses[i]
		switch {
		case rc.Severity == report.SeverityWarning:
		case known[rc.ID]:
			rc.Baseline = "known"
			knownBy[rc.Operation]++
		default:
			if scope.Known != nil {
				rc.Baseline = "new"
			}
			failing[rc.Operation]++
		}
	}
	onlyKnown := func(op string) string {
		if knownBy[op] == 0 {
			return ""
		}
		return fmt.Sprintf("; only %s (baseline %s)", plural(knownBy[op], "known root cause"), scope.KnownFrom)
	}

	var failed, inconclusive []string
	for _, op := range inScope {
		s := snaps[op]
		v := report.OperationVerdict{Operation: op, Exchanges: s.exchanges, Inconclusive: s.refused}
		switch {
		case dropped[op] != "":
			v.Verdict, v.Reason = report.Inconclusive, dropped[op]
		case failing[op] > 0 && scope.Known != nil:
			v.Verdict = report.Failed
			v.Reason = fmt.Sprintf("%s (%d known)", plural(failing[op], "new root cause"), knownBy[op])
		case failing[op] > 0:
			v.Verdict, v.Reason = report.Failed, plural(failing[op], "root cause")
		case s.exchanges == 0:
			v.Verdict, v.Reason = report.Inconclusive, "never exercised: no request was sent"
		case s.exercised == 0:
			v.Verdict = report.Inconclusive
			v.Reason = "never exercised: no answer showed the target implements it"
			if s.topRefusal != "" {
				v.Reason += " (" + s.topRefusal + ")"
			}
		case s.refused > 0:
			v.Verdict = report.Inconclusive
			v.Reason = fmt.Sprintf("%d of %d requests were not judged: %s", s.refused, s.exchanges, s.topRefusal)
		case knownBy[op] > 0:
			v.Verdict = report.Passed
			v.Reason = "exercised by " + plural(s.exchanges, "request") + onlyKnown(op)
		default:
			v.Verdict, v.Reason = report.Passed, fmt.Sprintf("exercised by %s; everything conformed", plural(s.exchanges, "request"))
		}
		if v.Verdict == report.Inconclusive {
			v.Reason += onlyKnown(op)
		}
		if interrupted && v.Verdict == report.Passed {
			v.Verdict, v.Reason = report.Interrupted, "interrupted before it finished; "+v.Reason
		}
		switch v.Verdict {
		case report.Failed:
			failed = append(failed, op)
		case report.Inconclusive:
			inconclusive = append(inconclusive, op+": "+v.Reason)
		}
		run.Operations = append(run.Operations, v)
	}
	for op, why := range scope.Skipped {
		run.Operations = append(run.Operations, report.OperationVerdict{Operation: op, Verdict: report.Skipped, Reason: why})
	}
	sortOperations(run.Operations)
	// A finding no operation owns (plumb's own internal error) fails the run too.
	orphan := failing[""] > 0

	errors, causes := 0, "root cause"
	for _, n := range failing {
		errors += n
	}
	if scope.Known != nil {
		causes = "new root cause"
	}
	switch {
	case interrupted:
		run.Verdict = report.Interrupted
		run.VerdictReason = "interrupted before it finished: the results are partial"
		if errors > 0 {
			run.VerdictReason += fmt.Sprintf(" (%s so far)", plural(errors, causes))
		}
	case len(failed) > 0 || orphan:
		run.Verdict = report.Failed
		run.VerdictReason = fmt.Sprintf("%s in %s", plural(errors, causes), listOrNone(failed, "plumb itself"))
		if len(inconclusive) > 0 {
			run.VerdictReason += "; inconclusive: " + joinReasons(inconclusive)
		}
	case len(inScope) == 0:
		run.Verdict = report.Inconclusive
		run.VerdictReason = "no operation was exercised"
	case len(inconclusive) > 0:
		run.Verdict = report.Inconclusive
		run.VerdictReason = joinReasons(inconclusive)
	case scope.Known != nil:
		run.Verdict = report.Passed
		run.VerdictReason = ""
	default:
		run.Verdict = report.Passed
		run.VerdictReason = fmt.Sprintf("%s exercised; every answer conformed to the documents", plural(len(inScope), "operation"))
	}
	if scope.NotAnswering != "" && !interrupted {
		// Nothing the target did was an answer: what failed before it was declared silent
		// proves nothing about the API, and the scenarios or cases left were never sent.
		run.Verdict = report.Inconclusive
		run.VerdictReason = scope.NotAnswering + "; the run stopped there"
	}
	if scope.Known != nil {
		compareWithBaseline(run, scope, errors)
	}
}

// compareWithBaseline says how the run compares with its baseline: in run.Baseline (the known,
// new and fixed root causes) and at the end of the verdict's reason.
func compareWithBaseline(run *report.Run, scope Scope, news int) {
	occurred := map[string]bool{}
	bs := &report.BaselineSummary{File: scope.KnownFrom, New: news, Fixed: []report.RootCause{}}
	for _, rc := range run.RootCauses {
		occurred[rc.ID] = true
		if rc.Baseline == "known" {
			bs.Known++
		}
	}
	judged := map[string]bool{"": true} // plumb itself is always judged
	for _, o := range run.Operations {
		if o.Verdict == report.Passed || o.Verdict == report.Failed {
			judged[o.Operation] = true
		}
	}
	for _, rc := range scope.Known {
		if !occurred[rc.ID] && judged[rc.Operation] {
			rc.Severity, rc.Baseline = "error", "fixed"
			bs.Fixed = append(bs.Fixed, rc)
		}
	}
	run.Baseline = bs
	note := fmt.Sprintf("%s (baseline %s), %d new", plural(bs.Known, "known root cause"), scope.KnownFrom, bs.New)
	if run.VerdictReason == "" {
		run.VerdictReason = note
	} else {
		run.VerdictReason += "; " + note
	}
}

// notImplemented returns why an operation counts as not implemented by the target: nothing
// showed it is, and every valid request got one and the same answer. "" when it does not.
func notImplemented(s snapshot) string {
	if s.exercised > 0 || s.exchanges == 0 || s.onlyAnswer == "" {
		return ""
	}
	every := fmt.Sprintf("every valid request (%d)", s.valid)
	switch {
	case s.valid == 1:
		every = "the only valid request"
	case s.valid == 0 && s.exchanges == 1:
		every = "the only request"
	case s.valid == 0:
		every = fmt.Sprintf("every request (%d)", s.exchanges)
	}
	switch {
	case strings.HasPrefix(s.topRefusal, "refused") && strings.HasSuffix(s.topRefusal, s.onlyAnswer):
		return fmt.Sprintf("%s was %s: check the credentials or the target URL", every, s.topRefusal)
	case strings.HasPrefix(s.topRefusal, "throttled") && strings.HasSuffix(s.topRefusal, s.onlyAnswer):
		return fmt.Sprintf("%s was %s: lower the request rate or retry later", every, s.topRefusal)
	}
	if strings.HasPrefix(s.onlyAnswer, "no HTTP response") {
		return fmt.Sprintf("the target never answered: %s got %s: check the target URL and that it speaks HTTP", every, s.onlyAnswer)
	}
	return fmt.Sprintf("not implemented by the target: %s was answered %s", every, s.onlyAnswer)
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func listOrNone(xs []string, none string) string {
	if len(xs) == 0 {
		return none
	}
	return strings.Join(xs, ", ")
}

// sortOperations orders operation verdicts by name, so reports are stable.
func sortOperations(vs []report.OperationVerdict) {
	slices.SortStableFunc(vs, func(a, b report.OperationVerdict) int { return cmp.Compare(a.Operation, b.Operation) })
}

var counted = regexp.MustCompile(` \(\d+\)`)

// joinReasons joins "Operation: reason" lines, saying a reason that several operations share
// (counts aside) once, after their names.
func joinReasons(lines []string) string {
	var order []string
	ops := map[string][]string{}
	first := map[string]string{}
	for _, l := range lines {
		op, why, _ := strings.Cut(l, ": ")
		key := counted.ReplaceAllString(why, "")
		if _, seen := ops[key]; !seen {
			order = append(order, key)
			first[key] = l
		}
		ops[key] = append(ops[key], op)
	}
	parts := make([]string, len(order))
	for i, why := range order {
		if len(ops[why]) == 1 {
			parts[i] = first[why]
			continue
		}
		parts[i] = strings.Join(ops[why], ", ") + ": " + why
	}
	return strings.Join(parts, "; ")
}
