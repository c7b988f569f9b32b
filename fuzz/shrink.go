package fuzz

// Shrinking, by rapid. A finding keeps the first case that showed it; to shrink it, plumb hands
// rapid a property over the same rule ("an input breaking this one rule does not fail this
// check") drawn from the same generators, focused on that rule, and lets rapid search and
// shrink: rapid minimises the choices behind the input (lengths toward the bound, optional
// members out, lists shorter, numbers toward the edge), and the last failing input it runs is
// the minimal counterexample. Only inputs that are safe to send again are shrunk (shrinkable).
//
// rapid.Check is built for `go test`: it reads its seed, shrink time and fail-file switches
// from process-wide flags and asks testing.Short. The seed and the fail-file switch are set
// once, when this package initialises (rapid's Example reads the seed flag on every draw, so it
// must not change while campaigns run); the shrink time is set around each call, one call at a
// time; and rapid gets a TB that records instead of failing a test.

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// shrinkable reports whether a finding's case may be re-sent while shrinking: inputs breaking a
// rule create nothing, and reads change nothing. A valid create (and any read-back of one)
// keeps its original evidence.
func shrinkable(op *specs.Operation, ev evidence) bool {
	// A target that did not answer says nothing about which input part matters.
	if ev.flow != nil || ev.c.raw || ev.c.Input == nil || ev.result.Check == check.Reachable {
		return false
	}
	switch ev.c.Expect.Kind {
	case check.KindInvalid:
		return true
	case check.KindValid, check.KindOutcome:
		return op.Method == http.MethodGet
	}
	return false
}

func init() {
	// A fixed search seed makes shrinking deterministic: the same finding against the same
	// target shrinks to the same counterexample. Explicit -rapid.* flags still win in tests.
	setFlags(map[string]string{"rapid.seed": "1", "rapid.nofailfile": "true", "rapid.checks": "100"})
}

// shrink lets rapid minimise ev within limit, and never past stopAt (the end of a Duration
// campaign; zero: none). It returns the minimal failing evidence, how many failing inputs
// rapid ran on the way (0 when rapid could not make the finding fail again, in which case ev
// comes back unchanged), and whether it ran at all (false: no time was left).
func shrink(ctx context.Context, op *specs.Operation, c *target.Client, e *check.Engine, key findingKey, ev evidence, limit time.Duration, stopAt time.Time) (evidence, int, bool) {
	if limit <= 0 {
		return ev, 0, false
	}
	draw, err := caseDrawer(op, ev.c)
	if err != nil {
		return ev, 0, false
	}
	best, fails := ev, 0
	// rapid caps its shrinking at the window; the search before it is capped here: past the
	// deadline every run passes without sending anything, so rapid.Check ends at once, and
	// best is the smallest failing input found by then.
	var deadline time.Time
	window := func() time.Duration {
		deadline = shrinkUntil(time.Now(), stopAt, limit)
		return time.Until(deadline)
	}
	prop := func(t *rapid.T) {
		var cand Case
		if err := draw(t, &cand); err != nil {
			t.Skip(err.Error())
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			return
		}
		ex := c.Do(ctx, cand.Request)
		// Shrinking keeps the root cause: the candidate must show the same check failing for
		// the same response-side cause, not merely fail somehow.
		for _, r := range e.Check(op, cand.Expect, ex) {
			for _, k := range keysOf(op.ID, r) {
				if k == key {
					cand.Index, cand.Kind = ev.c.Index, ev.c.Kind
					best, fails = evidence{c: cand, ex: ex.Excerpt(), result: r}, fails+1
					t.Fatalf("%s", r.Message)
				}
			}
		}
	}
	failed, ran := runRapid(prop, window)
	if !failed {
		return ev, 0, ran
	}
	return best, fails, true
}

// caseDrawer returns how to draw candidates like c from rapid: inputs breaking c's rule alone,
// or for a read (a GET whose valid input met a failure) any valid input.
func caseDrawer(op *specs.Operation, c Case) (func(*rapid.T, *Case) error, error) {
	opts := generators.Options{Rules: op.Rules}
	if c.Expect.Kind == check.KindInvalid {
		opts.Focus = &generators.Focus{Path: c.Expect.Path, Keyword: c.Expect.Keyword}
		gen := generators.Invalid(op.Input, opts)
		return func(t *rapid.T, out *Case) error {
			gc := gen.Draw(t, "input")
			if !usable(op, gc) {
				return fmt.Errorf("%s %s cannot travel on the wire", gc.Path, gc.Keyword)
			}
			return wireCase(op, gc, out)
		}, nil
	}
	gen := generators.Valid(op.Input, opts)
	return func(t *rapid.T, out *Case) error {
		in, ok := gen.Draw(t, "input").(map[string]any)
		if !ok {
			return fmt.Errorf("valid input of %s is not an object", op.ID)
		}
		if !usable(op, generators.Case{Value: in, Valid: true}) {
			return fmt.Errorf("valid input of %s cannot travel on the wire as it is", op.ID)
		}
		if err := wireCase(op, generators.Case{Value: in, Valid: true}, out); err != nil {
			return err
		}
		out.Expect = c.Expect // a valid read keeps what it expected (e.g. NotFoundException 404)
		return nil
	}, nil
}

var (
	rapidMu   sync.Mutex // rapid's knobs are process-wide flags: one rapid.Check at a time
	rapidInit sync.Once
)

// runRapid runs rapid.Check on prop with the shrink-time cap window returns, and reports
// whether the property failed (so rapid found and shrank a counterexample) and whether it ran
// (not when the window was already closed). window is asked once rapid is free: time spent
// waiting for another finding's shrink is not this one's.
func runRapid(prop func(*rapid.T), window func() time.Duration) (failed, ran bool) {
	rapidMu.Lock()
	defer rapidMu.Unlock()
	limit := window()
	if limit <= 0 {
		return false, false
	}
	rapidInit.Do(func() {
		// rapid asks testing.Short, which needs the testing flags registered and parsed. In the
		// plumb binary nothing else reads the global flag set; under `go test` both are no-ops.
		testing.Init()
		if !flag.Parsed() {
			_ = flag.CommandLine.Parse(nil)
		}
	})
	restore := setFlags(map[string]string{"rapid.shrinktime": limit.String()})
	defer restore()
	tb := &recordingTB{}
	func() {
		defer func() {
			if p := recover(); p != nil && p != errStopRapid {
				panic(p)
			}
		}()
		rapid.Check(tb, prop)
	}()
	return tb.failed, true
}

func setFlags(values map[string]string) (restore func()) {
	old := map[string]string{}
	for name, v := range values {
		if f := flag.Lookup(name); f != nil {
			old[name] = f.Value.String()
			_ = f.Value.Set(v)
		}
	}
	return func() {
		for name, v := range old {
			_ = flag.Lookup(name).Value.Set(v)
		}
	}
}

// recordingTB is the rapid.TB the shrinker gives rapid: failures are recorded, never printed,
// and FailNow unwinds rapid.Check (as testing.T's does) through a sentinel panic.
type recordingTB struct{ failed bool }

var errStopRapid = &struct{ string }{"rapid stopped"}

func (tb *recordingTB) Helper()               {}
func (tb *recordingTB) Name() string          { return "plumb-shrink" }
func (tb *recordingTB) Logf(string, ...any)   {}
func (tb *recordingTB) Log(...any)            {}
func (tb *recordingTB) Skipf(string, ...any)  { panic(errStopRapid) }
func (tb *recordingTB) Skip(...any)           { panic(errStopRapid) }
func (tb *recordingTB) SkipNow()              { panic(errStopRapid) }
func (tb *recordingTB) Errorf(string, ...any) { tb.failed = true }
func (tb *recordingTB) Error(...any)          { tb.failed = true }
func (tb *recordingTB) Fatalf(string, ...any) { tb.failed = true; panic(errStopRapid) }
func (tb *recordingTB) Fatal(...any)          { tb.failed = true; panic(errStopRapid) }
func (tb *recordingTB) FailNow()              { tb.failed = true; panic(errStopRapid) }
func (tb *recordingTB) Fail()                 { tb.failed = true }
func (tb *recordingTB) Failed() bool          { return tb.failed }
