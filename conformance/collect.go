package conformance

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/steps"
	"github.com/plumbhq/plumb/target"
	"github.com/plumbhq/plumb/verdict"
)

// collector gathers finished scenarios from godog's After hooks, which run concurrently when
// Concurrency > 1.
type collector struct {
	cat      *catalog
	specs    *specs.Set
	evidence *verdict.Evidence
	progress func(done, failed int)
	// stopped says why the run was stopped ("" while it goes on): interrupted, or the target
	// not answering. A scenario finishing after that is partial, and its exchanges (cut short
	// by the cancellation) are no evidence.
	stopped func() string
	rerun   string             // Config.Rerun
	curl    target.CurlOptions // Config.Curl

	mu        sync.Mutex
	scenarios []collected
	undefined []string
	failed    int
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
	if sc.Operation == "" {
		sc.Operation = tagOperation(p)
	}
	for _, t := range p.Tags {
		sc.Tags = append(sc.Tags, t.Name)
	}
	records := st.Records
	stopped := c.stopped()
	interrupted := stopped != ""
	if interrupted {
		records = nil
	}
	sc.Checks = checks(records)
	sc.Failures = failures(records, c.curl)
	if !interrupted {
		for _, msg := range st.Errors {
			sc.Failures = append(sc.Failures, report.Finding{Check: "scenario", Operation: st.Operation, Message: msg,
				Cause: msg, Count: 1})
		}
	}
	refused := ""
	for _, r := range records {
		if why := check.Refused(r.Results); why != "" && refused == "" {
			refused = why
		}
	}

	switch {
	case interrupted:
		sc.Status, sc.SkipReason, sc.Failures = report.Skipped, stopped, nil
	case st.SkipReason != "":
		sc.Status, sc.SkipReason = report.Skipped, st.SkipReason
	case hasError(sc.Failures):
		sc.Status = report.Failed
	case refused != "":
		sc.Status, sc.SkipReason = report.Inconclusive, "not judged: "+refused
	case stepErr != nil && !errors.Is(stepErr, godog.ErrSkip):
		sc.Status = report.Failed
		sc.Failures = append(sc.Failures, report.Finding{Check: "scenario", Operation: st.Operation, Message: stepErr.Error(),
			Cause: firstLine(stepErr.Error()), Count: 1})
	case len(records) == 0:
		// Nothing was sent and nothing was skipped on purpose: no evidence.
		sc.Status, sc.SkipReason = report.Inconclusive, "the scenario sent nothing"
	default:
		sc.Status = report.Passed
	}
	if sc.Status == report.Failed && c.rerun != "" {
		line := c.rerun + " --scenario " + target.ShellQuote(QualifiedName(sc.Feature, sc.Name))
		for i := range sc.Failures {
			sc.Failures[i].Rerun = line
		}
	}
	for _, r := range records {
		c.evidence.Add(c.specs.Operation(r.Operation), r.Expect, r.Exchange, r.Results)
	}
	// Judged and rendered: from here on the reports need only an excerpt of each body, and
	// keeping every scenario's whole bodies (up to the 1 MiB cap each) until the end of the run
	// is what made a hostile target cost hundreds of MiB. records shares st.Records.
	for i := range st.Records {
		st.Records[i].Exchange = st.Records[i].Exchange.Excerpt()
	}
	st.Release()

	c.mu.Lock()
	defer c.mu.Unlock()
	c.scenarios = append(c.scenarios, collected{order: e.order, scenario: sc, records: records})
	for _, u := range st.Undefined {
		c.undefined = append(c.undefined, fmt.Sprintf("%s / %s: %s", sc.Feature, sc.Name, u))
	}
	if sc.Status == report.Failed {
		c.failed++
	}
	if c.progress != nil {
		c.progress(len(c.scenarios), c.failed)
	}
}

// anyFailed reports whether a scenario has failed so far (Config.FailFast).
func (c *collector) anyFailed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed > 0
}

// tagOperation names the operation a scenario that sent nothing is about, from its constraint
// tags (@Operation.member.keyword): the first tag naming one.
func tagOperation(p *godog.Scenario) string {
	for _, t := range p.Tags {
		name := strings.TrimPrefix(t.Name, "@")
		if op, _, ok := strings.Cut(name, "."); ok && op != "" {
			return op
		}
	}
	return ""
}

func hasError(fs []report.Finding) bool {
	for _, f := range fs {
		if !f.IsWarning() {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
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
			case res.Status == check.Inconclusive && c.Status != report.Failed:
				c.Status, c.Message = report.Inconclusive, res.Message
			case (res.Status == check.Pass || res.Status == check.Warn) && c.Status == report.Skipped:
				c.Status = report.Passed
				if res.Status == check.Warn {
					c.Message = res.Message
				}
			}
		}
	}
	out := make([]report.Check, len(order))
	for i, k := range order {
		out[i] = *by[k]
	}
	return out
}

// failures lists the failed and warned checks of a scenario's exchanges with the exchange as
// evidence: one finding per (check, cause), so that each is counted under its root cause. A
// check failing the same way on the same exchange twice (two Then steps judging one response)
// is listed once.
func failures(records []steps.Record, curlOpts target.CurlOptions) []report.Finding {
	var out []report.Finding
	seen := map[string]bool{}
	for _, r := range records {
		var req, resp, curl string
		for _, res := range r.Results {
			if res.Status != check.Fail && res.Status != check.Warn {
				continue
			}
			if req == "" {
				req, resp, curl = r.Exchange.RequestText(), r.Exchange.ResponseText(), r.Exchange.CurlWith(curlOpts)
			}
			severity := ""
			if res.Status == check.Warn {
				severity = report.SeverityWarning
			}
			causes := res.Causes
			if len(causes) == 0 {
				causes = []string{firstLine(res.Message)}
			}
			for _, cause := range causes {
				k := string(res.Check) + "\x00" + cause + "\x00" + res.Message + "\x00" + req
				if seen[k] {
					continue
				}
				seen[k] = true
				rule, path := "", ""
				if check.AboutInput(res.Check) {
					rule, path = res.Keyword, res.Path
				}
				out = append(out, report.Finding{
					Check: string(res.Check), Operation: r.Operation, Rule: rule, Path: path,
					Message: res.Message, Request: req, Response: resp, Curl: curl, Count: 1,
					Cause: cause, Severity: severity,
				})
			}
		}
	}
	return out
}
