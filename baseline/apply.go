package baseline

import (
	"fmt"
	"strings"

	"github.com/plumbhq/plumb/report"
)

// Result is how a run compares with a baseline.
type Result struct {
	Known, New int                // error root causes the file lists, and those it does not
	Fixed      []report.RootCause // the file's root causes that did not occur although their operation was judged
}

// Apply compares run (already decided, see package verdict) with the baseline b, named name
// in the reasons (the file's path): it marks each error root cause "known" or "new", lists the
// fixed ones in run.Baseline, and decides the verdicts again as if the known root causes had
// not occurred. An operation failed only by known root causes passes (or is inconclusive if
// some of its requests were not judged, or interrupted if the run was); the run fails only on
// a new root cause. An interrupted run stays interrupted.
func Apply(run *report.Run, b *File, name string) Result {
	var res Result
	if run == nil || b == nil {
		return res
	}
	known := b.IDs()
	newBy := map[string]int{}   // operation -> new error root causes
	knownBy := map[string]int{} // operation -> known error root causes
	occurred := map[string]bool{}
	for i := range run.RootCauses {
		rc := &run.RootCauses[i]
		if rc.Severity == report.SeverityWarning {
			continue
		}
		id := report.RootCauseID(rc.Operation, rc.Check, rc.Cause)
		occurred[id] = true
		if known[id] {
			rc.Baseline = "known"
			res.Known++
			knownBy[rc.Operation]++
		} else {
			rc.Baseline = "new"
			res.New++
			newBy[rc.Operation]++
		}
	}
	judged := judgedOperations(run)
	for _, e := range b.RootCauses {
		if !occurred[e.ID] && judged[e.Operation] {
			res.Fixed = append(res.Fixed, report.RootCause{ID: e.ID, Operation: e.Operation, Check: e.Check,
				Cause: e.Cause, Severity: "error", Baseline: "fixed"})
		}
	}
	run.Baseline = &report.BaselineSummary{File: name, Known: res.Known, New: res.New, Fixed: res.Fixed}
	if run.Baseline.Fixed == nil {
		run.Baseline.Fixed = []report.RootCause{}
	}
	note := fmt.Sprintf("%s (baseline %s), %d new", plural(res.Known, "known root cause"), name, res.New)

	interrupted := run.Verdict == report.Interrupted
	var failed, inconclusive []string
	for i := range run.Operations {
		o := &run.Operations[i]
		if o.Verdict == report.Failed && newBy[o.Operation] == 0 && knownBy[o.Operation] > 0 {
			k := plural(knownBy[o.Operation], "known root cause")
			switch {
			case o.Exchanges == 0:
				o.Verdict, o.Reason = report.Inconclusive, "never exercised: no request was sent; only "+k
			case o.Inconclusive > 0:
				o.Verdict = report.Inconclusive
				o.Reason = fmt.Sprintf("%d of %d requests were not judged; only %s (baseline %s)", o.Inconclusive, o.Exchanges, k, name)
			default:
				o.Verdict = report.Passed
				o.Reason = fmt.Sprintf("exercised by %s; only %s (baseline %s)", plural(o.Exchanges, "request"), k, name)
			}
			if interrupted && o.Verdict == report.Passed {
				o.Verdict, o.Reason = report.Interrupted, "interrupted before it finished; "+o.Reason
			}
		} else if o.Verdict == report.Failed {
			o.Reason += fmt.Sprintf(" (%d new, %d known)", newBy[o.Operation], knownBy[o.Operation])
		}
		switch o.Verdict {
		case report.Failed:
			failed = append(failed, o.Operation)
		case report.Inconclusive:
			inconclusive = append(inconclusive, o.Operation+": "+o.Reason)
		}
	}

	switch {
	case interrupted:
		run.VerdictReason += "; " + note
	case run.Verdict != report.Failed:
		// Nothing failed, so there was nothing to forgive: the verdict stands.
		run.VerdictReason += "; " + note
	case res.New > 0:
		where := strings.Join(failed, ", ")
		if newBy[""] > 0 {
			where = strings.Join(append(failed, "plumb itself"), ", ")
		}
		run.VerdictReason = fmt.Sprintf("%s in %s; %s", plural(res.New, "new root cause"), where, note)
		if len(inconclusive) > 0 {
			run.VerdictReason += "; inconclusive: " + strings.Join(inconclusive, "; ")
		}
	case len(inconclusive) > 0:
		run.Verdict = report.Inconclusive
		run.VerdictReason = note + "; inconclusive: " + strings.Join(inconclusive, "; ")
	default:
		run.Verdict = report.Passed
		run.VerdictReason = note
	}
	return res
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
