package conformance

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/steps"
)

// collector gathers finished scenarios from godog's After hooks, which run concurrently when
// Concurrency > 1.
type collector struct {
	cat      *catalog
	progress io.Writer

	mu        sync.Mutex
	scenarios []collected
	undefined []string
}

type collected struct {
	order    int
	scenario report.Scenario
	// records are the scenario's judged exchanges: constraints.go reads which response rules
	// they broke and which error types they answered with.
	records []steps.Record
}

// add turns one finished scenario into a report.Scenario.
func (c *collector) add(p *godog.Scenario, st *steps.State, stepErr error, took time.Duration) {
	e := c.cat.lookup(p)
	sc := report.Scenario{
		Feature:   e.feature,
		Name:      scenarioName(p.Name, e.example),
		Operation: st.Operation,
		Duration:  took,
	}
	for _, t := range p.Tags {
		sc.Tags = append(sc.Tags, t.Name)
	}
	sc.Checks = checks(st.Records)
	sc.Failures = failures(st)

	switch {
	case st.SkipReason != "":
		sc.Status, sc.SkipReason = report.Skipped, st.SkipReason
	case len(sc.Failures) > 0:
		sc.Status = report.Failed
	case stepErr != nil && !errors.Is(stepErr, godog.ErrSkip):
		sc.Status = report.Failed
		sc.Failures = append(sc.Failures, report.Finding{Check: "scenario", Operation: st.Operation, Message: stepErr.Error()})
	default:
		sc.Status = report.Passed
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	c.scenarios = append(c.scenarios, collected{order: e.order, scenario: sc, records: st.Records})
	for _, u := range st.Undefined {
		c.undefined = append(c.undefined, fmt.Sprintf("%s / %s: %s", sc.Feature, sc.Name, u))
	}
	if c.progress != nil {
		line := fmt.Sprintf("%-7s %s / %s", sc.Status, sc.Feature, sc.Name)
		if sc.SkipReason != "" {
			line += " (" + sc.SkipReason + ")"
		}
		fmt.Fprintln(c.progress, line)
	}
}

// sorted returns the scenarios in feature-file order.
func (c *collector) sorted() []collected {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]collected(nil), c.scenarios...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// scenarioName appends an example row's values unless the name already shows all of them.
func scenarioName(name, example string) string {
	if example == "" {
		return name
	}
	for _, kv := range strings.Split(example, ", ") {
		if _, v, _ := strings.Cut(kv, "="); !strings.Contains(name, v) {
			return name + " [" + example + "]"
		}
	}
	return name
}

// checks folds every record's results into one outcome per (operation, check): failed if any
// failed, passed if any passed, else skipped; the message is the first failure's.
func checks(records []steps.Record) []report.Check {
	type key struct{ op, name string }
	var order []key
	by := map[key]*report.Check{}
	for _, r := range records {
		for _, res := range r.Results {
			k := key{r.Operation, string(res.Check)}
			c := by[k]
			if c == nil {
				c = &report.Check{Name: k.name, Operation: k.op, Status: report.Skipped}
				by[k] = c
				order = append(order, k)
			}
			switch {
			case res.Status == check.Fail && c.Status != report.Failed:
				c.Status, c.Message = report.Failed, res.Message
			case res.Status == check.Pass && c.Status == report.Skipped:
				c.Status = report.Passed
			}
		}
	}
	out := make([]report.Check, len(order))
	for i, k := range order {
		out[i] = *by[k]
	}
	return out
}

// failures lists a scenario's failed checks with the exchange as evidence, then step failures
// that are not checks. A check failing the same way on the same exchange twice (two Then steps
// judging one response) is listed once.
func failures(st *steps.State) []report.Finding {
	var out []report.Finding
	seen := map[string]bool{}
	for _, r := range st.Records {
		var req, resp, curl string
		for _, res := range r.Results {
			if res.Status != check.Fail {
				continue
			}
			if req == "" {
				req, resp, curl = r.Exchange.RequestText(), r.Exchange.ResponseText(), r.Exchange.Curl()
			}
			k := string(res.Check) + "\x00" + res.Message + "\x00" + req
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, report.Finding{
				Check: string(res.Check), Operation: r.Operation, Rule: res.Keyword, Path: res.Path,
				Message: res.Message, Request: req, Response: resp, Curl: curl, Count: 1,
			})
		}
	}
	for _, msg := range st.Errors {
		out = append(out, report.Finding{Check: "scenario", Operation: st.Operation, Message: msg, Count: 1})
	}
	return out
}
