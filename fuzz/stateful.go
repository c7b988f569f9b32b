package fuzz

// Flows come from the spec (x-plumb-created read, specs.ReadBack): which operation reads back
// what another creates, by which input member, and what it must return. Nothing here names an
// operation or a member.

import (
	"context"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// flow is a create operation whose successful result a read operation must return.
type flow struct {
	Create string // operationId that creates
	Read   string // operationId that reads back
	spec   *specs.ReadBack
}

// flowCreating returns the flow op's spec declares, if any.
func flowCreating(set *specs.Set, op string) (flow, bool) {
	r := set.FlowCreating(op)
	if r == nil || set.Operation(r.Operation) == nil {
		return flow{}, false
	}
	return flow{Create: op, Read: r.Operation, spec: r}, true
}

// validExpect is what a valid input earns: check.ValidExpect, the one place that reads it from
// the spec.
func validExpect(op *specs.Operation, input map[string]any) check.Expect {
	return check.ValidExpect(op, input)
}

// readBack is the second half of a flow: the read request for what the create exchange made,
// or ok=false when the create did not succeed (or returned no id), which its own checks judge.
func readBack(set *specs.Set, f flow, created target.Exchange) (read *specs.Operation, req target.Request, id string, ok bool) {
	read, create := set.Operation(f.Read), set.Operation(f.Create)
	if read == nil || create == nil || create.Created == nil || create.Created.ID == nil ||
		created.Response == nil || created.Response.Status != create.Success() {
		return nil, target.Request{}, "", false
	}
	v, _ := check.ResponseValue(created, create.Created.ID.Member)
	if id, _ = v.(string); id == "" {
		return nil, target.Request{}, "", false
	}
	in := map[string]any{}
	if jsonpath.Set(in, f.spec.Input, id) != nil {
		return nil, target.Request{}, "", false
	}
	req, err := protocol.Encode(read, in, protocol.Overrides{})
	if err != nil {
		return nil, target.Request{}, "", false
	}
	return read, req, id, true
}

// roundTrip reads back what a successful create case made and judges it with Engine.ReadBack;
// input is what the create was given.
func roundTrip(ctx context.Context, c *target.Client, e *check.Engine, set *specs.Set, f flow, input map[string]any, created target.Exchange) (read *specs.Operation, ex target.Exchange, rs []check.Result, ok bool) {
	read, req, id, ok := readBack(set, f, created)
	if !ok {
		return nil, target.Exchange{}, nil, false
	}
	ex = c.Do(ctx, req)
	return read, ex, e.ReadBack(read, f.spec, id, input, ex), true
}

// echoed keeps of a create's input only the members its flow's read must return: what a replay
// file needs to judge the read-back again.
func echoed(f flow, input map[string]any) map[string]any {
	out := map[string]any{}
	for _, e := range f.spec.Echo {
		if v, ok := jsonpath.Get(input, e.Request); ok {
			_ = jsonpath.Set(out, e.Request, v)
		}
	}
	return out
}
