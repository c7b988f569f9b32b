package report

import (
	"cmp"
	"slices"
)

// Counts tallies outcomes. Any status other than passed, failed or
// inconclusive counts as skipped.
type Counts struct {
	Passed       int `json:"passed"`
	Failed       int `json:"failed"`
	Skipped      int `json:"skipped"`
	Inconclusive int `json:"inconclusive"`
}

// Total is Passed + Failed + Skipped + Inconclusive.
func (c Counts) Total() int { return c.Passed + c.Failed + c.Skipped + c.Inconclusive }

func (c *Counts) add(s Status) {
	switch s {
	case Passed:
		c.Passed++
	case Failed:
		c.Failed++
	case Inconclusive:
		c.Inconclusive++
	default:
		c.Skipped++
	}
}

// Cell is one cell of the operation × check matrix.
type Cell struct {
	Operation string `json:"operation"`
	Check     string `json:"check"`
	Counts
}

// OperationSummary is every count that concerns one operation.
type OperationSummary struct {
	Operation   string `json:"operation"`
	Scenarios   Counts `json:"scenarios"`
	Checks      Counts `json:"checks"`
	Constraints Counts `json:"constraints"`
	Findings    int    `json:"findings"`
}

// CheckSummary is every count that concerns one check, over all operations.
type CheckSummary struct {
	Check    string `json:"check"`
	Counts          // outcomes of this check over all scenarios
	Findings int    `json:"findings"`
}

// Summary is the counted view of a Run that every writer starts from.
// All lists are sorted by name.
type Summary struct {
	// Status is failed if any scenario failed, any finding was reported or
	// the selftest raised a false alarm; skipped if nothing ran at all;
	// passed otherwise.
	Status      Status             `json:"status"`
	Scenarios   Counts             `json:"scenarios"`
	Findings    int                `json:"findings"` // errors; warnings are counted apart
	Warnings    int                `json:"warnings"`
	RootCauses  int                `json:"root_causes"` // of severity error
	Constraints Counts             `json:"constraints"`
	Operations  []string           `json:"operations"` // every operation named anywhere in the run
	Checks      []string           `json:"checks"`     // every check named anywhere in the run
	Matrix      []Cell             `json:"matrix"`     // non-empty cells, by operation then check
	ByOperation []OperationSummary `json:"by_operation"`
	ByCheck     []CheckSummary     `json:"by_check"`
}

// Cell returns the counts of one operation × check cell (zero if absent).
func (s Summary) Cell(operation, check string) Counts {
	i, ok := slices.BinarySearchFunc(s.Matrix, Cell{Operation: operation, Check: check}, compareCells)
	if !ok {
		return Counts{}
	}
	return s.Matrix[i].Counts
}

func compareCells(a, b Cell) int {
	return cmp.Or(cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Check, b.Check))
}

// Summary counts the run. The matrix counts each scenario's checks under the
// check's operation (or the scenario's when the check names none); a
// scenario failure whose check has no failed Check entry in that scenario
// is counted as a failed cell too, so that a failure is never invisible in
// the matrix. Findings are counted but not added to the matrix, because in a
// run they repeat scenario failures.
func (r *Run) Summary() Summary {
	s := Summary{ // empty lists rather than nil: JSON consumers get [] not null
		Operations: []string{}, Checks: []string{}, Matrix: []Cell{},
		ByOperation: []OperationSummary{}, ByCheck: []CheckSummary{},
	}
	if r == nil {
		s.Status = Skipped
		return s
	}
	ops := map[string]*OperationSummary{}
	op := func(name string) *OperationSummary {
		o, ok := ops[name]
		if !ok {
			o = &OperationSummary{Operation: name}
			ops[name] = o
		}
		return o
	}
	checks := map[string]*CheckSummary{}
	check := func(name string) *CheckSummary {
		c, ok := checks[name]
		if !ok {
			c = &CheckSummary{Check: name}
			checks[name] = c
		}
		return c
	}
	cells := map[Cell]*Counts{}
	count := func(operation, name string, st Status) {
		key := Cell{Operation: operation, Check: name}
		c, ok := cells[key]
		if !ok {
			c = &Counts{}
			cells[key] = c
		}
		c.add(st)
		op(operation).Checks.add(st)
		check(name).add(st)
	}

	for _, sc := range r.Scenarios {
		s.Scenarios.add(sc.Status)
		op(sc.Operation).Scenarios.add(sc.Status)
		failed := map[Cell]bool{}
		for _, c := range sc.Checks {
			o := cmp.Or(c.Operation, sc.Operation)
			count(o, c.Name, c.Status)
			if c.Status == Failed {
				failed[Cell{Operation: o, Check: c.Name}] = true
			}
		}
		for _, f := range sc.Failures {
			key := Cell{Operation: cmp.Or(f.Operation, sc.Operation), Check: f.Check}
			if !failed[key] {
				failed[key] = true
				count(key.Operation, key.Check, Failed)
			}
		}
	}
	for _, c := range r.Constraints {
		s.Constraints.add(c.Status)
		op(c.Operation).Constraints.add(c.Status)
	}
	for _, f := range r.Findings {
		if f.IsWarning() {
			s.Warnings++
			continue
		}
		s.Findings++
		op(f.Operation).Findings++
		check(f.Check).Findings++
	}
	causes := r.RootCauses
	if len(causes) == 0 && len(r.Findings) > 0 {
		causes = GroupRootCauses(r.Findings)
	}
	for _, rc := range causes {
		if rc.Severity != SeverityWarning {
			s.RootCauses++
		}
	}

	for _, o := range ops {
		s.ByOperation = append(s.ByOperation, *o)
		s.Operations = append(s.Operations, o.Operation)
	}
	slices.SortFunc(s.ByOperation, func(a, b OperationSummary) int { return cmp.Compare(a.Operation, b.Operation) })
	slices.Sort(s.Operations)
	for _, c := range checks {
		s.ByCheck = append(s.ByCheck, *c)
		s.Checks = append(s.Checks, c.Check)
	}
	slices.SortFunc(s.ByCheck, func(a, b CheckSummary) int { return cmp.Compare(a.Check, b.Check) })
	slices.Sort(s.Checks)
	for k, c := range cells {
		k.Counts = *c
		s.Matrix = append(s.Matrix, k)
	}
	slices.SortFunc(s.Matrix, compareCells)

	falseAlarm := r.Score != nil && r.Score.FalseAlarmsRun+r.Score.FalseAlarmsFuzz > 0
	switch {
	case r.Verdict != "":
		s.Status = r.Verdict // decided from the evidence (package verdict)
	case s.Scenarios.Failed > 0 || s.Findings > 0 || falseAlarm:
		s.Status = Failed
	case s.Scenarios.Passed == 0 && r.Cases == 0 && r.Score == nil:
		s.Status = Skipped
	default:
		s.Status = Passed
	}
	return s
}
