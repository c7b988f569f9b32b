package fuzz

// This file holds the only operation-specific wiring in the fuzzer: which operation creates
// what another reads back. Everything else is derived from the specs. To fuzz another
// create/read pair, add a row to flows.

import (
	"context"
	"encoding/json"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// flow is a create operation whose successful result a read operation must return.
type flow struct {
	Create    string // operationId that creates, e.g. StartConnection
	Read      string // operationId that reads back, e.g. GetConnection
	IDMember  string // Create's response member holding the new id, which is Read's path label
	KeyMember string // Create's input member that Read returns (checked by Engine.RoundTrip)
	NotFound  string // the documented error Read gives for an id nobody created
}

// flows: Outposts StartConnection returns a ConnectionId that GetConnection takes and whose
// ConnectionDetails carry the ClientPublicKey submitted (001_9da61a4b654333d2.txt,
// 002_2df9347421f683ac.txt); an unknown id earns NotFoundException ("The specified request is
// not valid", 404).
var flows = []flow{{
	Create: "StartConnection", Read: "GetConnection",
	IDMember: "ConnectionId", KeyMember: "ClientPublicKey", NotFound: "NotFoundException",
}}

func flowCreating(opID string) (flow, bool) {
	for _, f := range flows {
		if f.Create == opID {
			return f, true
		}
	}
	return flow{}, false
}

func flowReading(opID string) (flow, bool) {
	for _, f := range flows {
		if f.Read == opID {
			return f, true
		}
	}
	return flow{}, false
}

// validExpect is what a valid input earns. For a read operation, a generated id is one nobody
// created (the id space is far too large to hit a real one), so the documented not-found
// outcome is expected.
func validExpect(op *specs.Operation) check.Expect {
	if f, ok := flowReading(op.ID); ok {
		if e, ok := op.Error(f.NotFound); ok {
			return check.Outcome(e.Type, e.Status)
		}
	}
	return check.Valid()
}

// readBack is the second half of a flow: the read request for what the create exchange made,
// or ok=false when the create did not succeed (or returned no id), which its own checks judge.
func readBack(set *specs.Set, f flow, input map[string]any, created target.Exchange) (read *specs.Operation, req target.Request, id, key string, ok bool) {
	read = set.Operation(f.Read)
	if read == nil || created.Response == nil || created.Response.Status != 200 {
		return nil, target.Request{}, "", "", false
	}
	var body map[string]any
	if json.Unmarshal(created.Response.Body, &body) != nil {
		return nil, target.Request{}, "", "", false
	}
	id, _ = body[f.IDMember].(string)
	key, _ = input[f.KeyMember].(string)
	if id == "" {
		return nil, target.Request{}, "", "", false
	}
	req, err := protocol.Encode(read, map[string]any{f.IDMember: id}, protocol.Overrides{})
	if err != nil {
		return nil, target.Request{}, "", "", false
	}
	return read, req, id, key, true
}

// roundTrip reads back what a successful create case made and judges it with Engine.RoundTrip.
func roundTrip(ctx context.Context, c *target.Client, e *check.Engine, set *specs.Set, f flow, input map[string]any, created target.Exchange) (read *specs.Operation, ex target.Exchange, rs []check.Result, ok bool) {
	read, req, id, key, ok := readBack(set, f, input, created)
	if !ok {
		return nil, target.Exchange{}, nil, false
	}
	ex = c.Do(ctx, req)
	return read, ex, e.RoundTrip(read, id, key, ex), true
}
