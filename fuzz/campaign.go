package fuzz

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/verdict"
)

// campaign is one Run in progress.
type campaign struct {
	cfg     Config
	plan    *Planner
	tally   *tally
	found   *collector
	next    atomic.Int64 // next case index to hand out
	done    atomic.Int64 // cases judged
	errs    atomic.Int64 // cases that could not be built (a generator bug, not a finding)
	lastErr atomic.Value // string
	stopAt  time.Time    // zero: no Duration; with one, the whole campaign, shrinking included, ends here
	// reserve is the end of stopAt's budget kept for shrinking once a finding can be shrunk:
	// the cases stop that much earlier (deadline.go).
	reserve    time.Duration
	shrinkable atomic.Bool // some finding so far can be shrunk
	reads      map[string]bool
	ev         *verdict.Evidence
}

// Run runs a fuzz campaign and reports it. The error is for configuration problems only:
// everything the target does, including not answering, is a finding in the report.
func Run(ctx context.Context, cfg Config) (*report.Run, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	plan, err := NewPlanner(cfg)
	if err != nil {
		return nil, err
	}
	var ops []*specs.Operation
	for _, o := range plan.ops {
		ops = append(ops, o.op)
	}
	cp := &campaign{cfg: cfg, plan: plan, tally: newTally(ops), found: newCollector(), reads: map[string]bool{},
		ev: verdict.NewEvidence()}
	for _, op := range ops {
		cp.reads[op.ID] = true
	}
	started := time.Now()
	if cfg.Duration > 0 {
		cp.stopAt = started.Add(cfg.Duration)
		cp.reserve = shrinkReserve(cfg.Duration, cfg.ShrinkTime)
	}

	// The cases' requests end with the campaign (stopAt) or when the target is declared not
	// answering; ctx itself is the interrupt, which the verdict tells apart.
	workCtx, stopWork := cp.deadlineCtx(ctx)
	defer stopWork()
	stopProgress := cp.progress(started)
	var wg sync.WaitGroup
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cp.work(workCtx)
		}()
	}
	wg.Wait()
	stopProgress()

	findings := cp.finish(ctx)
	var out []report.Finding
	for _, f := range findings {
		out = append(out, cp.reportFinding(f))
	}
	run := &report.Run{
		Tool: "plumb", Engine: "fuzz", Target: cfg.Target, Started: started, Duration: time.Since(started),
		Seed: cfg.Seed, Cases: int(cp.done.Load()),
		Scenarios:   Scenarios(cp.tally.slices(), out),
		Constraints: cp.tally.constraints(),
		Findings:    out,
	}
	if n := cp.errs.Load(); n > 0 {
		// A case plumb could not build is plumb's bug; say so loudly rather than hide it.
		msg := fmt.Sprintf("%d cases could not be generated (last: %v)", n, cp.lastErr.Load())
		run.Findings = append(run.Findings, report.Finding{Check: "plumb_internal_error", Operation: "",
			Message: msg, Cause: "cases could not be generated", Count: int(n)})
	}
	scope := verdict.Scope{Skipped: map[string]string{}, Known: cfg.Known, KnownFrom: cfg.KnownFrom, Specs: cfg.Specs}
	for _, op := range ops {
		scope.Operations = append(scope.Operations, op.ID)
	}
	for _, op := range cfg.Specs.Operations() {
		if !slices.Contains(scope.Operations, op.ID) {
			scope.Skipped[op.ID] = cmp.Or(cfg.OutOfScope[op.ID], "not selected by --operation")
		}
	}
	if err := cfg.Client.NotAnswering(); err != nil {
		scope.NotAnswering = err.Error()
	}
	verdict.Decide(run, cp.ev, scope, ctx.Err() != nil)
	if cfg.Shards > 0 {
		run.Shard = verdict.Shard(cfg.Shard, cfg.Shards, cp.ev, scope)
		run.Shard.Mode, run.Shard.Budget, run.Shard.Slices = cfg.Mode, cfg.Budget, cp.tally.slices()
	}
	// A root cause lists every request rule whose inputs showed it, not only its example's.
	rules := map[findingKey][]string{}
	for _, f := range findings {
		rules[f.key] = slices.Sorted(maps.Keys(f.rules))
	}
	for i, rc := range run.RootCauses {
		k := findingKey{Operation: rc.Operation, Check: rc.Check, Cause: rc.Cause, Warning: rc.Severity == report.SeverityWarning}
		if rs := rules[k]; len(rs) > 0 {
			run.RootCauses[i].Rules = rs
		}
	}
	return run, nil
}

func (cp *campaign) stop(ctx context.Context) bool {
	return ctx.Err() != nil || !cp.stopAt.IsZero() && time.Now().After(cp.casesEnd()) ||
		cp.cfg.StopOnFinding && cp.keptFinding() || cp.cfg.Client.NotAnswering() != nil
}

// casesEnd is when a Duration campaign stops handing out cases: stopAt, or reserve earlier
// once a finding can be shrunk.
func (cp *campaign) casesEnd() time.Time {
	if cp.shrinkable.Load() {
		return cp.stopAt.Add(-cp.reserve)
	}
	return cp.stopAt
}

// deadlineCtx is ctx ending at stopAt (if any) and when the target is declared not answering.
func (cp *campaign) deadlineCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	var cancel context.CancelFunc
	if cp.stopAt.IsZero() {
		ctx, cancel = context.WithCancel(ctx)
	} else {
		ctx, cancel = context.WithDeadline(ctx, cp.stopAt)
	}
	go func() {
		select {
		case <-cp.cfg.Client.Silent():
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// noteShrinkable remembers that a failed result of this case can be shrunk, so that the
// campaign keeps the end of its Duration for shrinking.
func (cp *campaign) noteShrinkable(op *specs.Operation, c Case, rs []check.Result) {
	if cp.reserve <= 0 || cp.shrinkable.Load() {
		return
	}
	for _, r := range rs {
		if (r.Status == check.Fail || r.Status == check.Warn) && shrinkable(op, evidence{c: c, result: r}) {
			cp.shrinkable.Store(true)
			return
		}
	}
}

// keptFinding reports whether a finding the verdict will keep was found: one about an operation
// the target was seen to implement (a finding about an operation every request of which got one
// undocumented answer is folded into "not implemented").
func (cp *campaign) keptFinding() bool {
	if cp.found.failing() == 0 {
		return false
	}
	for _, op := range cp.found.failingOps() {
		if op == "" || cp.ev.Exercised(op) {
			return true
		}
	}
	return false
}

// work pulls case indexes until the budget or the time is spent.
func (cp *campaign) work(ctx context.Context) {
	for !cp.stop(ctx) {
		i := cp.cfg.caseIndex(int(cp.next.Add(1) - 1))
		if cp.cfg.Budget > 0 && i >= cp.cfg.Budget {
			return
		}
		c, err := cp.plan.Case(i)
		if err != nil {
			cp.errs.Add(1)
			cp.lastErr.Store(err.Error())
			continue
		}
		op := cp.cfg.Specs.Operation(c.Operation)
		ex := cp.cfg.Client.Do(ctx, c.Request)
		if ctx.Err() != nil {
			return // cancelled mid-request: the outcome is not evidence about the target
		}
		rs := cp.cfg.Engine.Check(op, c.Expect, ex)
		cp.done.Add(1)
		cp.tally.record(op, c.Kind, c.Expect, ex, rs)
		cp.found.add(op.ID, c, ex, rs, nil)
		cp.ev.Add(op, c.Expect, ex, rs)
		cp.noteShrinkable(op, c, rs)

		// A valid create that succeeded must be readable back (stateful.go).
		if f, ok := flowCreating(cp.cfg.Specs, op.ID); ok && c.Expect.Kind == check.KindValid && cp.reads[f.Read] {
			read, rex, rrs, ok := roundTrip(ctx, cp.cfg.Client, cp.cfg.Engine, cp.cfg.Specs, f, c.Input, ex)
			if ok && ctx.Err() == nil {
				cp.tally.record(read, KindStateful, check.Expect{}, rex, rrs)
				cp.found.add(read.ID, c, rex, rrs, &f)
				cp.ev.Add(read, check.Valid(), rex, rrs)
			}
		}
	}
}

// finish shrinks every finding that is safe to re-send, in parallel, and writes replay files.
// Shrinking depends only on the kept evidence and the target, so it is deterministic too (a
// Duration campaign shrinks only until stopAt: what it gets done in that time depends on it).
func (cp *campaign) finish(ctx context.Context) []*finding {
	fs := cp.found.sorted()
	if cp.cfg.ShrinkTime > 0 && ctx.Err() == nil && cp.cfg.Client.NotAnswering() == nil {
		if !cp.stopAt.IsZero() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, cp.stopAt)
			defer cancel()
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < cp.cfg.Workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(fs) || ctx.Err() != nil {
						return
					}
					f := fs[i]
					op := cp.cfg.Specs.Operation(f.key.Operation)
					if op == nil || !shrinkable(op, f.ev) {
						continue
					}
					ev, steps, ok := shrink(ctx, op, cp.cfg.Client, cp.cfg.Engine, f.key, f.ev, cp.cfg.ShrinkTime, cp.stopAt)
					if ok {
						f.ev, f.shrinkSteps, f.shrunk = ev, steps, true
					}
				}
			}()
		}
		wg.Wait()
	}
	if cp.cfg.ReplayDir != "" {
		for _, f := range fs {
			where, faults := cp.replayTarget(f.ev.c.Request.Service)
			if path, err := writeReplay(cp.cfg.ReplayDir, cp.cfg.Seed, f, where, faults); err == nil {
				f.replay = path
			} else {
				f.replay = "(not written: " + err.Error() + ")"
			}
		}
	}
	return fs
}

// replayTarget is what a replay file records as its target: ReplayEmbedded and the faults, or
// the base URL the service's requests went to.
func (cp *campaign) replayTarget(service string) (string, []string) {
	if cp.cfg.Embedded {
		return ReplayEmbedded, cp.cfg.Faults
	}
	return cp.cfg.Client.BaseURL(service), nil
}

func (cp *campaign) reportFinding(f *finding) report.Finding {
	ev := f.ev
	msg := ev.result.Message
	how := fmt.Sprintf("case %d of seed %d (%s: %s)", ev.c.Index, cp.cfg.Seed, ev.c.Kind, ev.c.Note)
	if ev.flow != nil {
		how = fmt.Sprintf("reading back what case %d of seed %d created (%s then %s)", ev.c.Index, cp.cfg.Seed, ev.flow.Create, ev.flow.Read)
	}
	if f.shrunk && f.shrinkSteps > 0 {
		how += fmt.Sprintf(", shrunk by rapid over %d failing inputs", f.shrinkSteps)
	}
	rules := slices.Sorted(maps.Keys(f.rules))
	if len(rules) > 1 {
		how += fmt.Sprintf("; inputs breaking %d rules showed it: %s", len(rules), strings.Join(rules, ", "))
	}
	severity := ""
	if f.key.Warning {
		severity = report.SeverityWarning
	}
	rule, path := "", ""
	if check.AboutInput(check.Name(f.key.Check)) {
		rule, path = ev.c.Expect.Keyword, jsonpath.Generic(ev.c.Expect.Path)
	}
	kind := ev.c.Kind
	if ev.flow != nil {
		kind = KindStateful
	}
	rank, index := ev.rank()
	return report.Finding{
		Origin: &report.CaseOrigin{Index: index, Kind: string(kind), Rank: rank},
		Check:  f.key.Check, Operation: f.key.Operation, Rule: rule, Path: path,
		Cause: f.key.Cause, Severity: severity,
		Message:  msg + " [" + how + "]",
		Request:  ev.ex.RequestText(),
		Response: ev.ex.ResponseText(),
		Curl:     ev.ex.CurlWith(cp.cfg.Curl),
		Seed:     cp.cfg.Seed,
		Replay:   f.replay,
		Count:    f.count,
	}
}
