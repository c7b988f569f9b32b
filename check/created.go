package check

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// What a create documents about the resource it made (specs.Operation.Created, declared in the
// spec as x-plumb-created), judged on every 200 answer to valid input of such an operation and
// reported as stateful_conformance:
//
//   - initial values: each member the spec gives a documented initial value has that value
//     ("a new standard connection starts as requested"); a member the response leaves out is not
//     judged, and one whose value breaks its own schema is left to response_schema_conformance;
//   - distinct ids: the member naming the new resource holds an id no earlier create of the
//     operation returned during this engine's life (both drivers share one engine per run, so a
//     run's every create counts, whichever driver sent it). Reads never count, so reading an id
//     back is fine; a request sent again (a replay, a shrink) is a new create and rightly needs a
//     new id. Judging the same exchange twice (two Then steps on one response) is recognised by
//     the response's fingerprint and is not a repeat.
//
// The check code names no operation and no member: everything comes from the spec.

// Keywords of the stateful results a create earns (Result.Keyword), with Result.Path the member.
// A driver re-checking a KeywordUnique finding must create twice: one create repeats nothing.
const (
	KeywordInitial = "initial"
	KeywordUnique  = "unique"
)

// maxCreatedIDs caps the ids remembered per operation. Each costs a fixed 24 bytes (a 128-bit
// hash of the id and a 64-bit fingerprint of the response) however long the id, so the record
// stays under ~50 MiB per operation even at the cap. Beyond the cap the engine stops recording
// new ids: ids seen so far are still compared against, later ones are not remembered, so a
// repeat of an unrecorded id goes unnoticed (a missed finding, never a false one).
const maxCreatedIDs = 1_000_000

type idKey [16]byte

// createdIDs is the engine's record of the ids each creating operation returned. The zero value
// is ready to use; it is safe for concurrent use.
type createdIDs struct {
	mu  sync.Mutex
	ops map[*specs.Operation]map[idKey]uint64 // id hash -> fingerprint of the response that returned it
}

// seen records id as returned by op in the response with fingerprint fp, and reports whether an
// earlier, different response of op had returned it already.
func (c *createdIDs) seen(op *specs.Operation, id string, fp uint64) bool {
	h := fnv.New128a()
	_, _ = h.Write([]byte(id))
	var k idKey
	h.Sum(k[:0])

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ops == nil {
		c.ops = map[*specs.Operation]map[idKey]uint64{}
	}
	ids := c.ops[op]
	if ids == nil {
		ids = map[idKey]uint64{}
		c.ops[op] = ids
	}
	if prev, ok := ids[k]; ok {
		return prev != fp
	}
	if len(ids) < maxCreatedIDs {
		ids[k] = fp
	}
	return false
}

func (c *createdIDs) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ops = nil
}

// ForgetCreated clears the engine's record of the ids creates returned, as if no create had been
// judged yet (for tests, and drivers starting a fresh run against a fresh target on one engine).
func (e *Engine) ForgetCreated() { e.ids.reset() }

// fingerprint identifies one response, so that judging it again is not mistaken for a second
// create: the body, and the headers a server varies per response (request id, date).
func fingerprint(f *facts) uint64 {
	h := fnv.New64a()
	_, _ = h.Write(f.body)
	for _, k := range []string{"X-Amzn-Requestid", "X-Amz-Request-Id", "X-Amz-Id-2", "Date"} {
		for _, v := range f.header.Values(k) {
			_, _ = h.Write([]byte{0})
			_, _ = h.Write([]byte(v))
		}
	}
	return h.Sum64()
}

// created judges what a success answer to valid input says about the resource it created; ok is
// false when there is nothing to judge (the operation creates nothing, the answer is not a 200
// JSON object).
func (e *Engine) created(f *facts) (Result, bool) {
	c := f.op.Created
	if c == nil || f.exp.Kind != KindValid || f.status != f.op.Success() || f.resp.Truncated {
		return Result{}, false
	}
	body, ok := members(f.body)
	if !ok {
		return Result{}, false // not a JSON object: response_schema_conformance says so
	}
	judged := false
	var causes, msgs []string
	path, keyword := "", ""
	failed := func(p, kw, cause, msg string) {
		if path == "" {
			path, keyword = p, kw
		}
		causes, msgs = append(causes, cause), append(msgs, msg)
	}
	for _, iv := range c.Initial {
		got, ok := memberAt(body, iv.Member)
		if !ok {
			continue // response members are optional
		}
		if len(specs.Validate(iv.Schema, got)) > 0 {
			continue // malformed: response_schema_conformance names it
		}
		judged = true
		if !sameJSON(got, iv.Value) {
			name := specs.MemberName(iv.Member)
			failed(iv.Member, KeywordInitial,
				fmt.Sprintf("new resource has %s %s (documented %s)", name, bare(got), bare(iv.Value)),
				fmt.Sprintf("the new resource's %s is %s; the documents give a new one %s (%s)", name, render(got), render(iv.Value), iv.Source))
		}
	}
	if c.ID != nil {
		if id, ok := memberAt(body, c.ID.Member); ok {
			if s, isString := id.(string); isString {
				judged = true
				if e.ids.seen(f.op, s, fingerprint(f)) {
					failed(c.ID.Member, KeywordUnique, "created id returned twice",
						fmt.Sprintf("%s %s was already returned by an earlier %s of this run: a create never returns an id it already returned (the id names one resource)",
							specs.MemberName(c.ID.Member), quote(s), f.op.ID))
				}
			}
		}
	}
	if len(causes) > 0 {
		return Result{Check: Stateful, Status: Fail, Message: strings.Join(msgs, "; "), Path: path, Keyword: keyword, Causes: causes}, true
	}
	if !judged {
		return skip(Stateful, "the response holds none of the members the spec documents for a new resource"), true
	}
	return pass(Stateful), true
}

// members decodes a JSON object body one level deep: its members stay raw, so only those a
// declaration names are decoded (the check runs on every accepted create a campaign sends).
func members(body []byte) (map[string]json.RawMessage, bool) {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil || top == nil {
		return nil, false
	}
	return top, true
}

// memberAt decodes the value at a member path ($.a or $.a.b, as the spec loader admits) of a
// body split into raw members. A JSON null is absent.
func memberAt(top map[string]json.RawMessage, path string) (any, bool) {
	name, _, _ := strings.Cut(strings.TrimPrefix(path, "$."), ".")
	raw, ok := top[name]
	if !ok {
		return nil, false
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil, false
	}
	return jsonpath.Get(map[string]any{name: v}, path)
}

// sameJSON compares two decoded JSON values.
func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// bare renders a value for a cause: strings as they are (cut to maxQuoted), anything else as
// JSON.
func bare(v any) string {
	if s, ok := v.(string); ok {
		if len(s) > maxQuoted {
			s = s[:maxQuoted] + "..."
		}
		return s
	}
	return render(v)
}

// ResponseValue returns the value at a member path ($.a or $.a.b) of an exchange's JSON
// response body, and whether it is there: what a flow takes from a create's answer.
func ResponseValue(ex target.Exchange, path string) (any, bool) {
	if ex.Response == nil {
		return nil, false
	}
	top, ok := members(ex.Response.Body)
	if !ok {
		return nil, false
	}
	return memberAt(top, path)
}
