package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Flows are declared in the spec (x-plumb-created read, specs.ReadBack): which operation reads a
// created resource back, by which input member, where its answer holds the resource, and which
// members of the create's input it must return as given. Nothing here names an operation or a
// member: every name in a message comes from the spec.

// ReadBack judges the read of a resource a create made: id is what the create returned, input
// what it was given. The read must answer 200 with a body that conforms (Check with Valid()),
// holding the resource exactly once (a list resource: one item whose id member is id), its id
// member (if the spec names one and the answer has it) equal to id, and every echoed member
// equal to what the create was given (lists compared as sets: the documents give no order).
//
// It returns Check's results with the stateful_conformance entry filled in.
func (e *Engine) ReadBack(read *specs.Operation, flow *specs.ReadBack, id string, input map[string]any, ex target.Exchange) []Result {
	out := e.Check(read, Valid(), ex)
	if e.Enabled(Stateful) {
		setStateful(out, readBack(read, flow, id, input, ex))
	}
	return redacted(ex, out)
}

func readBack(read *specs.Operation, flow *specs.ReadBack, id string, input map[string]any, ex target.Exchange) Result {
	what := fmt.Sprintf("%s for the created id %s", read.ID, quote(id))
	if ex.Err != nil || ex.Response == nil {
		return fail(Stateful, "read-back got no response", what+": no response")
	}
	if ex.Response.Status != read.Success() {
		return fail(Stateful, fmt.Sprintf("read-back answered %d", ex.Response.Status), fmt.Sprintf("%s: status %d, expected %d with the created resource", what, ex.Response.Status, read.Success()))
	}
	var body map[string]any
	// Numbers kept as written: one beyond float64 (1e400) is response_schema_conformance's
	// finding, not a body that is not JSON.
	dec := json.NewDecoder(bytes.NewReader(ex.Response.Body))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil || !json.Valid(ex.Response.Body) {
		if err == nil {
			err = errors.New("bytes after the JSON value")
		}
		return fail(Stateful, "read-back body is not a JSON object", fmt.Sprintf("%s: body is not a JSON object: %v", what, err))
	}
	resource, r := findResource(flow, id, body, what)
	if r.Status == Fail {
		return r
	}
	if flow.ID != "" {
		if v, present := jsonpath.Get(resource, flow.ID); present {
			if s, ok := v.(string); !ok || s != id {
				return fail(Stateful, "read-back returns another "+flow.ID, fmt.Sprintf("%s: %s is %s, expected the id the create returned", what, flow.ID, render(v)))
			}
		}
	}
	for _, echo := range flow.Echo {
		want, given := jsonpath.Get(input, echo.Request)
		if !given {
			continue // the create was not given this member: nothing to return
		}
		got, present := jsonpath.Get(resource, echo.Response)
		if !present {
			return fail(Stateful, "read-back has no "+echo.Response, fmt.Sprintf("%s: no %s in the answer, expected the %s the create was given", what, echo.Response, echo.Request))
		}
		if !sameItems(want, got) {
			return fail(Stateful, "read-back returns another "+echo.Response,
				fmt.Sprintf("%s: %s is %s, expected the %s the create was given, %s", what, echo.Response, render(got), echo.Request, render(want)))
		}
	}
	return pass(Stateful)
}

// findResource picks the resource out of the read's body: the body itself, or the one item of
// the resource list whose id member is id. A list holding it twice is a finding of its own:
// one id must name one resource.
func findResource(flow *specs.ReadBack, id string, body map[string]any, what string) (any, Result) {
	list, isList := flow.ResourceList()
	if !isList {
		return body, pass(Stateful)
	}
	v, _ := jsonpath.Get(body, list)
	items, _ := v.([]any)
	var found []any
	for _, it := range items {
		if got, _ := jsonpath.Get(it, flow.ID); got == id {
			found = append(found, it)
		}
	}
	switch len(found) {
	case 1:
		return found[0], pass(Stateful)
	case 0:
		return nil, fail(Stateful, "read-back does not list the created resource",
			fmt.Sprintf("%s: %s holds %d items, none with %s %s", what, list, len(items), flow.ID, quote(id)))
	}
	return nil, fail(Stateful, "read-back lists the created id more than once",
		fmt.Sprintf("%s: %s holds %d items with %s %s; one id names one resource", what, list, len(found), flow.ID, quote(id)))
}

// sameItems compares decoded JSON values, lists as sets of items (compared by their JSON text),
// a null member as an absent one (as AWS JSON protocols read it).
func sameItems(a, b any) bool {
	a, b = specs.WithoutNullMembers(a), specs.WithoutNullMembers(b)
	la, okA := a.([]any)
	lb, okB := b.([]any)
	if okA && okB {
		if len(la) != len(lb) {
			return false
		}
		return slices.Equal(canonicalItems(la), canonicalItems(lb))
	}
	return sameJSON(a, b)
}

func canonicalItems(l []any) []string {
	out := make([]string, len(l))
	for i, v := range l {
		b, _ := json.Marshal(v) // map keys marshal sorted: a canonical text
		out[i] = string(b)
	}
	slices.Sort(out)
	return out
}

// UnknownID judges the read of an id no create returned: the read's documented not-found answer
// (the flow's notFound) and nothing else. It returns Check's results for that outcome with the
// stateful_conformance entry filled in; a flow that documents no not-found answer only gets the
// ordinary checks.
func (e *Engine) UnknownID(read *specs.Operation, flow *specs.ReadBack, id string, ex target.Exchange) []Result {
	shape, ok := read.Error(flow.NotFound)
	if !ok {
		return redacted(ex, e.Check(read, Expect{Kind: KindAny}, ex))
	}
	out := e.Check(read, Outcome(shape.Type, shape.Status), ex)
	if !e.Enabled(Stateful) {
		return redacted(ex, out)
	}
	var r Result
	for _, x := range out {
		if x.Check == ExpectedOutcome {
			r = x
		}
	}
	what := fmt.Sprintf("%s for id %s that no create returned", read.ID, quote(id))
	switch r.Status {
	case Pass:
		r = pass(Stateful)
	case Inconclusive:
		// refused before the target looked the id up: no evidence about its store
	case Fail:
		r = fail(Stateful, "unknown id: "+cause(r), what+": "+r.Message)
	default:
		r = fail(Stateful, "unknown id: no response", what+": no response")
	}
	setStateful(out, r)
	return redacted(ex, out)
}

// NeedsEscaping reports whether an id travels percent-encoded when it is a path label: it holds
// a byte outside RFC 3986's unreserved set, which protocol.EscapeLabel encodes.
func NeedsEscaping(id string) bool { return protocol.EscapeLabel(id) != id }

// setStateful fills in the stateful_conformance entry Check always returns (as Skip).
func setStateful(rs []Result, r Result) {
	for i := range rs {
		if rs[i].Check == Stateful {
			rs[i] = r
			return
		}
	}
}
