package steps

import (
	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// State is one scenario's record: every exchange it made and what the checks said. godog runs
// a scenario's steps and hooks on one goroutine, so the driver reads State in its After hook
// without locking.
type State struct {
	// Operation is the operation the scenario is about: the last one it sent to.
	Operation string
	// SkipReason is set when the live-AWS guard skipped the scenario.
	SkipReason string
	// Records are the judged exchanges in order.
	Records []Record
	// Errors are step failures that are not check results (a flow that could not go on, a
	// scenario that names a rule the spec does not have), in order.
	Errors []string
	// Undefined lists step texts that had no definition or were pending (a suite bug).
	Undefined []string

	req     *request  // the request being built
	last    *sent     // the last request sent, until a Then step judges it
	created []created // flows: resources created, in order
	fetched *created  // flows: the resource the last read asked for
	steps   []string  // the scenario's step texts, for the send fence
}

// Record is one exchange, what the scenario expected of it, and the checks run on it.
type Record struct {
	Operation string
	Expect    check.Expect
	Exchange  target.Exchange
	Results   []check.Result
}

// sent is a request on the wire and what came back.
type sent struct {
	op string
	ex target.Exchange
}

// created is a resource a flow created: the create, the read-back its spec declares, the id
// the create returned and the input it was given.
type created struct {
	create *specs.Operation
	flow   *specs.ReadBack
	id     string
	input  map[string]any
}

func (s *State) record(op string, exp check.Expect, ex target.Exchange, rs []check.Result) {
	s.Operation = op
	if r := ex.Response; r != nil && (r.Truncated || r.HeaderSize() > target.ExcerptLimit) {
		// A body over the response cap is judged as such, never parsed, and a flood of
		// headers is not the API's: their excerpt serves the driver as well, and a flow
		// starting 30 connections against a target sending megabytes would otherwise hold
		// 30 MiB until the scenario ends. (s.last keeps the exchange whole for the next Then
		// step.) Excerpt keeps the short headers, the API's own, first.
		ex = ex.Excerpt()
	}
	s.Records = append(s.Records, Record{Operation: op, Expect: exp, Exchange: ex, Results: rs})
}

// Release drops the exchange the scenario sent last, whole body and all, once the driver has
// collected the scenario: godog keeps every scenario's step definitions, and through them its
// State, until the run ends, so a run of hundreds of scenarios against a target sending
// megabytes would otherwise hold every last body. Records stay; the driver excerpts them.
func (s *State) Release() { s.last, s.req = nil, nil }
