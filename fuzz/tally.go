package fuzz

import (
	"fmt"
	"sync/atomic"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// kinds lists the case kinds in report order.
var kinds = []Kind{KindValid, KindBoundary, KindInvalid, KindProtocol, KindStateful}

// scenarioTally counts one (operation, kind) slice of the campaign: counters only, so memory
// stays flat however many cases run.
type scenarioTally struct {
	op      string
	kind    Kind
	cases   atomic.Int64
	failed  atomic.Int64
	refused atomic.Int64      // cases answered before the input was judged (inconclusive)
	checks  [][4]atomic.Int64 // per check.All: passed, failed, skipped, inconclusive
}

// opTally counts the constraints of one operation, parallel to Operation.Constraints().
type opTally struct {
	op        *specs.Operation
	index     map[string]int // in|path|keyword -> constraint index
	exercised []atomic.Int64
	failed    []atomic.Int64
}

type tally struct {
	scen map[string]*scenarioTally // op|kind
	ops  map[string]*opTally
	// order for the report
	scenOrder []*scenarioTally
	opOrder   []*opTally
}

var checkIndex = func() map[check.Name]int {
	m := map[check.Name]int{}
	for i, n := range check.All {
		m[n] = i
	}
	return m
}()

func newTally(ops []*specs.Operation) *tally {
	t := &tally{scen: map[string]*scenarioTally{}, ops: map[string]*opTally{}}
	for _, op := range ops {
		for _, k := range kinds {
			s := &scenarioTally{op: op.ID, kind: k, checks: make([][4]atomic.Int64, len(check.All))}
			t.scen[op.ID+"|"+string(k)] = s
			t.scenOrder = append(t.scenOrder, s)
		}
		cs := op.Constraints()
		ot := &opTally{op: op, index: map[string]int{}, exercised: make([]atomic.Int64, len(cs)), failed: make([]atomic.Int64, len(cs))}
		for i, c := range cs {
			ot.index[c.In+"|"+c.Path+"|"+c.Keyword] = i
		}
		t.ops[op.ID] = ot
		t.opOrder = append(t.opOrder, ot)
	}
	return t
}

// record counts one judged exchange of op, made by a case of the given kind.
func (t *tally) record(op *specs.Operation, kind Kind, exp check.Expect, ex target.Exchange, rs []check.Result) {
	s := t.scen[op.ID+"|"+string(kind)]
	if s == nil {
		return
	}
	failed := check.Failed(rs)
	s.cases.Add(1)
	if failed {
		s.failed.Add(1)
	}
	if check.Refused(rs) != "" {
		s.refused.Add(1)
	}
	for _, r := range rs {
		i, ok := checkIndex[r.Check]
		if !ok {
			continue
		}
		switch r.Status {
		case check.Pass:
			s.checks[i][0].Add(1)
		case check.Fail:
			s.checks[i][1].Add(1)
		case check.Inconclusive:
			s.checks[i][3].Add(1)
		default:
			s.checks[i][2].Add(1)
		}
	}
	ot := t.ops[op.ID]
	if ot == nil {
		return
	}
	mark := func(key string, bad bool) {
		if i, ok := ot.index[key]; ok {
			ot.exercised[i].Add(1)
			if bad {
				ot.failed[i].Add(1)
			}
		}
	}
	// The request rule the case was about.
	if exp.Keyword != "" {
		mark("request|"+specs.GenericPath(exp.Path)+"|"+exp.Keyword, failed)
	}
	if ex.Response == nil {
		return
	}
	resp := ex.Response
	switch {
	case resp.Status == ot.op.Success():
		// A success body exercises every response constraint; a schema failure names the one broken.
		var bad struct{ Path, Keyword string }
		for _, r := range rs {
			if r.Check == check.ResponseSchema && r.Status == check.Fail {
				bad.Path, bad.Keyword = specs.GenericPath(r.Path), r.Keyword
			}
		}
		for i, c := range ot.op.Constraints() {
			if c.In != "response" {
				continue
			}
			ot.exercised[i].Add(1)
			if c.Keyword == "status" && failedCheck(rs, check.StatusCode) ||
				c.Path == bad.Path && c.Keyword == bad.Keyword && c.Path != "" {
				ot.failed[i].Add(1)
			}
		}
	case resp.Status >= 400:
		name := protocol.ErrorType(op.Protocol(), resp.Header, resp.Body)
		if e, ok := op.Error(name.Name); ok {
			mark("error|$."+e.Type+"|error", failedCheck(rs, check.ErrorType))
		}
	}
}

func failedCheck(rs []check.Result, n check.Name) bool {
	for _, r := range rs {
		if r.Check == n && r.Status == check.Fail {
			return true
		}
	}
	return false
}

// slices returns the tally's counts per (operation, kind) that ran, in report order.
func (t *tally) slices() []report.CaseSlice {
	var out []report.CaseSlice
	for _, s := range t.scenOrder {
		n := s.cases.Load()
		if n == 0 {
			continue
		}
		sl := report.CaseSlice{Operation: s.op, Kind: string(s.kind), Cases: int(n), Failed: int(s.failed.Load()),
			Refused: int(s.refused.Load()), Checks: map[string]report.Counts{}}
		for i, name := range check.All {
			sl.Checks[string(name)] = report.Counts{Passed: int(s.checks[i][0].Load()), Failed: int(s.checks[i][1].Load()),
				Skipped: int(s.checks[i][2].Load()), Inconclusive: int(s.checks[i][3].Load())}
		}
		out = append(out, sl)
	}
	return out
}

// Scenarios renders case counts as one report.Scenario per (operation, kind) that ran, each
// carrying the findings whose example is a case of that kind (Finding.Origin). plumb merge
// renders the added-up counts of a sharded campaign with it.
func Scenarios(slices []report.CaseSlice, findings []report.Finding) []report.Scenario {
	var out []report.Scenario
	for _, s := range slices {
		if s.Cases == 0 {
			continue
		}
		sc := report.Scenario{
			Feature:   "fuzz " + s.Operation,
			Name:      fmt.Sprintf("%s %s cases", s.Operation, s.Kind),
			Operation: s.Operation,
			Tags:      []string{"@fuzz", "@" + s.Kind},
			Status:    report.Passed,
		}
		switch {
		case s.Failed > 0:
			sc.Status = report.Failed
		case s.Refused > 0:
			sc.Status = report.Inconclusive
			sc.SkipReason = fmt.Sprintf("%d of %d cases were answered before the input was judged", s.Refused, s.Cases)
		}
		for _, name := range check.All {
			c := s.Checks[string(name)]
			p, f, sk, inc := c.Passed, c.Failed, c.Skipped, c.Inconclusive
			st := report.Skipped
			switch {
			case f > 0:
				st = report.Failed
			case inc > 0 && p == 0:
				st = report.Inconclusive
			case p > 0:
				st = report.Passed
			}
			sc.Checks = append(sc.Checks, report.Check{Name: string(name), Status: st,
				Message: fmt.Sprintf("%d cases: %d passed, %d failed, %d not applicable, %d not judged", s.Cases, p, f, sk, inc)})
		}
		for _, f := range findings {
			if f.Operation == s.Operation && f.Origin != nil && f.Origin.Kind == s.Kind {
				sc.Failures = append(sc.Failures, f)
			}
		}
		out = append(out, sc)
	}
	return out
}

// constraints renders the constraint table: exercised counts and status per constraint.
func (t *tally) constraints() []report.Constraint {
	var out []report.Constraint
	for _, ot := range t.opOrder {
		for i, c := range ot.op.Constraints() {
			rc := report.Constraint{ID: c.ID, Operation: c.Operation, Path: c.Path, Keyword: c.Keyword,
				Value: c.Value, Source: c.Source, Status: report.Skipped, Exercised: int(ot.exercised[i].Load())}
			switch {
			case ot.failed[i].Load() > 0:
				rc.Status = report.Failed
			case rc.Exercised > 0:
				rc.Status = report.Passed
			}
			out = append(out, rc)
		}
	}
	return out
}
