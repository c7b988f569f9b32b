package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// GetConnection's response members that a round trip compares, as 002_2df9347421f683ac.txt's
// Response Syntax names them: {'ConnectionId': ..., 'ConnectionDetails': {'ClientPublicKey': ...}}.
const (
	memberConnectionID      = "ConnectionId"
	memberConnectionDetails = "ConnectionDetails"
	memberClientPublicKey   = "ClientPublicKey"
)

// RoundTrip judges a GetConnection exchange for an id that a StartConnection returned with the
// ClientPublicKey the driver submitted: 200, the body conforms (reuse Check with Valid()), its
// ConnectionDetails.ClientPublicKey equals clientKey, and its ConnectionId (if present) equals id.
//
// It returns Check's results with the stateful_conformance entry filled in.
func (e *Engine) RoundTrip(get *specs.Operation, id, clientKey string, ex target.Exchange) []Result {
	out := e.Check(get, Valid(), ex)
	if e.Enabled(Stateful) {
		setStateful(out, roundTrip(id, clientKey, ex))
	}
	return redacted(ex, out)
}

func roundTrip(id, clientKey string, ex target.Exchange) Result {
	what := fmt.Sprintf("GetConnection for id %s (started with ClientPublicKey %s)", quote(id), quote(clientKey))
	if ex.Err != nil || ex.Response == nil {
		return fail(Stateful, "read-back got no response", what+": no response")
	}
	if ex.Response.Status != 200 {
		return fail(Stateful, fmt.Sprintf("read-back answered %d", ex.Response.Status), fmt.Sprintf("%s: status %d, expected 200 with the started connection", what, ex.Response.Status))
	}
	var got map[string]any
	// Numbers kept as written: one beyond float64 (1e400) is response_schema_conformance's
	// finding, not a body that is not JSON.
	dec := json.NewDecoder(bytes.NewReader(ex.Response.Body))
	dec.UseNumber()
	if err := dec.Decode(&got); err != nil || !json.Valid(ex.Response.Body) {
		if err == nil {
			err = errors.New("bytes after the JSON value")
		}
		return fail(Stateful, "read-back body is not a JSON object", fmt.Sprintf("%s: body is not a JSON object: %v", what, err))
	}
	if v, present := got[memberConnectionID]; present {
		if s, ok := v.(string); !ok || s != id {
			return fail(Stateful, "read-back returns another "+memberConnectionID, fmt.Sprintf("%s: %s is %s, expected the id StartConnection returned", what, memberConnectionID, render(v)))
		}
	}
	details, _ := got[memberConnectionDetails].(map[string]any)
	key, ok := details[memberClientPublicKey].(string)
	if !ok {
		return fail(Stateful, "read-back has no "+memberConnectionDetails+"."+memberClientPublicKey, fmt.Sprintf("%s: no %s.%s string in the response", what, memberConnectionDetails, memberClientPublicKey))
	}
	if key != clientKey {
		return fail(Stateful, "read-back returns another "+memberConnectionDetails+"."+memberClientPublicKey, fmt.Sprintf("%s: %s.%s is %s, expected the key StartConnection was given",
			what, memberConnectionDetails, memberClientPublicKey, quote(key)))
	}
	return pass(Stateful)
}

// UnknownID judges a GetConnection exchange for an id no StartConnection returned: the
// operation's documented not-found error (NotFoundException 404) and nothing else. It returns
// Check's results for that outcome with the stateful_conformance entry filled in.
func (e *Engine) UnknownID(get *specs.Operation, id string, ex target.Exchange) []Result {
	want := Outcome("NotFoundException", 404)
	if get != nil {
		for _, er := range get.Errors {
			if er.Status == 404 {
				want = Outcome(er.Type, er.Status)
				break
			}
		}
	}
	out := e.Check(get, want, ex)
	if !e.Enabled(Stateful) {
		return out
	}
	var r Result
	for _, x := range out {
		if x.Check == ExpectedOutcome {
			r = x
		}
	}
	switch r.Status {
	case Pass:
		r = pass(Stateful)
	case Inconclusive:
		// refused before the target looked the id up: no evidence about its store
	case Fail:
		r = fail(Stateful, "unknown id: "+cause(r), fmt.Sprintf("GetConnection for id %s that was never started: %s", quote(id), r.Message))
	default:
		r = fail(Stateful, "unknown id: no response", fmt.Sprintf("GetConnection for id %s that was never started: no response", quote(id)))
	}
	setStateful(out, r)
	return redacted(ex, out)
}

// setStateful fills in the stateful_conformance entry Check always returns (as Skip).
func setStateful(rs []Result, r Result) {
	for i := range rs {
		if rs[i].Check == Stateful {
			rs[i] = r
			return
		}
	}
}
