package merge

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/verdict"
)

// ReportFile is the report each part's directory must hold.
const ReportFile = "plumb-report.json"

// maxRules bounds the request rules a merged fuzz root cause lists, as the fuzz driver does.
const maxRules = 20

// Read reads DIR/plumb-report.json of each directory. A finding's replay file is looked up in
// its part's DIR/replays/ (where plumb fuzz wrote it, whatever the working directory was then),
// and its Replay path set to it when it is there.
func Read(dirs []string) ([]*report.Run, error) {
	var runs []*report.Run
	for _, dir := range dirs {
		f, err := os.Open(filepath.Join(dir, ReportFile))
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read %s: %w", dir, ReportFile, errors.Unwrap(err))
		}
		doc, err := report.ReadJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		run := doc.Run
		for i := range run.Findings {
			run.Findings[i].Replay = localReplay(dir, run.Findings[i].Replay)
		}
		runs = append(runs, &run)
	}
	return runs, nil
}

// localReplay is the replay file's path inside dir/replays/, or replay unchanged when not there.
func localReplay(dir, replay string) string {
	if replay == "" || strings.HasPrefix(replay, "(") {
		return replay
	}
	p := filepath.Join(dir, "replays", filepath.Base(replay))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return replay
}

// CopyReplays copies the replay file of each of run's findings into dir/replays/ and points the
// finding (and its root cause's example) at the copy, so the merged report directory is whole.
func CopyReplays(run *report.Run, dir string) error {
	copied := map[string]string{}
	cp := func(f *report.Finding) error {
		if f.Replay == "" || strings.HasPrefix(f.Replay, "(") {
			return nil
		}
		if to, ok := copied[f.Replay]; ok {
			f.Replay = to
			return nil
		}
		data, err := os.ReadFile(f.Replay)
		if err != nil {
			return nil // the part's replay file is not here: keep the path it named
		}
		to := filepath.Join(dir, "replays", filepath.Base(f.Replay))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			return err
		}
		copied[f.Replay], f.Replay = to, to
		return nil
	}
	for i := range run.Findings {
		if err := cp(&run.Findings[i]); err != nil {
			return err
		}
	}
	for i := range run.RootCauses {
		if err := cp(&run.RootCauses[i].Example); err != nil {
			return err
		}
	}
	for i := range run.Scenarios {
		for j := range run.Scenarios[i].Failures {
			if err := cp(&run.Scenarios[i].Failures[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Runs adds up the N parts of one sharded run into the whole run's report, its verdict decided
// again over the evidence of every part. The error says why parts are not the N parts of one
// run. parts is not modified.
func Runs(parts []*report.Run) (*report.Run, error) {
	if err := checkParts(parts); err != nil {
		return nil, err
	}
	first := parts[0]
	out := &report.Run{Tool: cmp.Or(first.Tool, "plumb"), Engine: first.Engine, Target: targets(parts), Seed: first.Seed,
		Started: first.Started}
	ev := verdict.NewEvidence()
	interrupted := false
	scope := verdict.ScopeOf(first.Shard)
	var slicesIn []report.CaseSlice
	for _, p := range parts {
		if p.Started.Before(out.Started) {
			out.Started = p.Started
		}
		out.Duration = max(out.Duration, p.Duration) // the parts run side by side
		out.Cases += p.Cases
		interrupted = interrupted || p.Verdict == report.Interrupted
		// A part whose target never answered proved nothing for its share: neither is the whole.
		scope.NotAnswering = cmp.Or(scope.NotAnswering, p.Shard.NotAnswering)
		ev.Absorb(p.Shard.Evidence)
		slicesIn = append(slicesIn, p.Shard.Slices...)
	}
	out.Constraints = constraints(parts)
	switch first.Engine {
	case "fuzz":
		out.Findings = fuzzFindings(parts)
		out.Scenarios = fuzz.Scenarios(addSlices(slicesIn), out.Findings)
	default:
		out.Scenarios = scenarios(parts)
		for _, sc := range out.Scenarios { // as plumb run lists them: by scenario, in file order
			out.Findings = append(out.Findings, sc.Failures...)
		}
	}
	verdict.Decide(out, ev, scope, interrupted)
	if first.Engine == "fuzz" {
		unionRules(out, parts)
	}
	return out, nil
}

// targets describes the parts' targets: one, or each distinct one (the parts may have run on
// machines of their own: each embedded emulator listens on a port of its own).
func targets(parts []*report.Run) string {
	var ts []string
	for _, p := range parts {
		if !slices.Contains(ts, p.Target) {
			ts = append(ts, p.Target)
		}
	}
	return strings.Join(ts, "; ")
}

// checkParts says why parts are not the N parts of one run, or nil.
func checkParts(parts []*report.Run) error {
	if len(parts) == 0 {
		return errors.New("no report to merge")
	}
	for i, p := range parts {
		if p.Shard == nil {
			return fmt.Errorf("report %d (%s, seed %d) is not part of a sharded run: run it with --shard K/N", i+1, p.Engine, p.Seed)
		}
	}
	first := parts[0]
	n := first.Shard.Total
	seen := map[int]bool{}
	for _, p := range parts {
		s, f := p.Shard, first.Shard
		var diff string
		switch {
		case p.Engine != first.Engine:
			diff = fmt.Sprintf("command %q vs %q", p.Engine, first.Engine)
		case p.Seed != first.Seed:
			diff = fmt.Sprintf("seed %d vs %d", p.Seed, first.Seed)
		case s.Total != n:
			diff = fmt.Sprintf("shard %d/%d vs %d/%d", s.Index, s.Total, f.Index, n)
		case s.Mode != f.Mode:
			diff = fmt.Sprintf("--mode %q vs %q", s.Mode, f.Mode)
		case s.Budget != f.Budget:
			diff = fmt.Sprintf("--budget %d vs %d", s.Budget, f.Budget)
		case s.Tags != f.Tags:
			diff = fmt.Sprintf("--tags %q vs %q", s.Tags, f.Tags)
		case !slices.Equal(s.Operations, f.Operations):
			diff = fmt.Sprintf("operations %v vs %v", s.Operations, f.Operations)
		case s.KnownFrom != f.KnownFrom:
			diff = fmt.Sprintf("--baseline %q vs %q", s.KnownFrom, f.KnownFrom)
		}
		if diff != "" {
			return fmt.Errorf("the reports are not parts of one run: %s", diff)
		}
		if s.Index < 1 || s.Index > n {
			return fmt.Errorf("shard %d/%d is out of range", s.Index, n)
		}
		if seen[s.Index] {
			return fmt.Errorf("shard %d/%d is given twice", s.Index, n)
		}
		seen[s.Index] = true
	}
	var missing []string
	for k := 1; k <= n; k++ {
		if !seen[k] {
			missing = append(missing, fmt.Sprintf("%d/%d", k, n))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing shard %s: every part of the run must be merged", strings.Join(missing, ", "))
	}
	return nil
}

// constraints adds up the constraint tables: exercise counts add, a constraint failed if it
// failed in any part, passed if it passed in any, else skipped.
func constraints(parts []*report.Run) []report.Constraint {
	var order []string
	by := map[string]*report.Constraint{}
	for _, p := range parts {
		for _, c := range p.Constraints {
			key := c.Operation + "\x00" + c.ID
			m := by[key]
			if m == nil {
				cc := c
				cc.Exercised, cc.Status = 0, report.Skipped
				m = &cc
				by[key] = m
				order = append(order, key)
			}
			m.Exercised += c.Exercised
			switch {
			case c.Status == report.Failed:
				m.Status = report.Failed
			case c.Status == report.Passed && m.Status != report.Failed:
				m.Status = report.Passed
			}
		}
	}
	out := make([]report.Constraint, len(order))
	for i, k := range order {
		out[i] = *by[k]
	}
	return out
}

// fuzzFindings deduplicates the parts' findings by root cause as the fuzz driver does: the
// counts add up and the preferred example is kept.
func fuzzFindings(parts []*report.Run) []report.Finding {
	type key struct{ op, check, cause, severity string }
	var order []key
	by := map[key]*report.Finding{}
	for _, p := range parts {
		for _, f := range p.Findings {
			k := key{f.Operation, f.Check, f.Cause, f.Severity}
			m := by[k]
			if m == nil {
				c := f
				by[k] = &c
				order = append(order, k)
				continue
			}
			count := max(1, m.Count) + max(1, f.Count)
			if f.Origin != nil && (m.Origin == nil || f.Origin.Before(*m.Origin)) {
				*m = f
			}
			m.Count = count
		}
	}
	out := make([]report.Finding, len(order))
	for i, k := range order {
		out[i] = *by[k]
	}
	slices.SortStableFunc(out, func(a, b report.Finding) int {
		return cmp.Or(cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Cause, b.Cause))
	})
	return out
}

// addSlices adds up the case counts of the same (operation, kind), in order of first sight.
func addSlices(in []report.CaseSlice) []report.CaseSlice {
	var out []report.CaseSlice
	at := map[string]int{}
	for _, s := range in {
		k := s.Operation + "\x00" + s.Kind
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			s.Checks = maps.Clone(s.Checks)
			out = append(out, s)
			continue
		}
		o := &out[i]
		o.Cases, o.Failed, o.Refused = o.Cases+s.Cases, o.Failed+s.Failed, o.Refused+s.Refused
		if o.Checks == nil {
			o.Checks = map[string]report.Counts{}
		}
		for name, c := range s.Checks {
			t := o.Checks[name]
			t.Passed, t.Failed, t.Skipped, t.Inconclusive = t.Passed+c.Passed, t.Failed+c.Failed,
				t.Skipped+c.Skipped, t.Inconclusive+c.Inconclusive
			o.Checks[name] = t
		}
	}
	// The fuzz driver renders its slices in planner order: operations, then kinds.
	return out
}

// unionRules lists under each merged fuzz root cause every request rule its parts listed.
func unionRules(run *report.Run, parts []*report.Run) {
	rules := map[string]map[string]bool{}
	for _, p := range parts {
		for _, rc := range p.RootCauses {
			if rules[rc.ID] == nil {
				rules[rc.ID] = map[string]bool{}
			}
			for _, r := range rc.Rules {
				if r != "…" {
					rules[rc.ID][r] = true
				}
			}
		}
	}
	for i, rc := range run.RootCauses {
		rs := slices.Sorted(maps.Keys(rules[rc.ID]))
		if len(rs) > maxRules {
			rs = rs[:maxRules]
		}
		if len(rs) > 0 {
			run.RootCauses[i].Rules = rs
		}
	}
}

// scenarios concatenates plumb run's parts' scenarios (disjoint), in the feature files' order,
// each a copy (the verdict may mark some skipped).
func scenarios(parts []*report.Run) []report.Scenario {
	type positioned struct {
		pos int
		sc  report.Scenario
	}
	var all []positioned
	for _, p := range parts {
		for _, sc := range p.Scenarios {
			pos, ok := p.Shard.Positions[report.ScenarioKey(sc)]
			if !ok {
				pos = int(^uint(0) >> 1) // unknown: last
			}
			sc.Checks = slices.Clone(sc.Checks)
			sc.Failures = slices.Clone(sc.Failures)
			all = append(all, positioned{pos, sc})
		}
	}
	slices.SortStableFunc(all, func(a, b positioned) int { return cmp.Compare(a.pos, b.pos) })
	out := make([]report.Scenario, len(all))
	for i, a := range all {
		out[i] = a.sc
	}
	return out
}
