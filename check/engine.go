package check

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Options tune the engine. The zero value is the default: lenient where AWS documents leeway.
type Options struct {
	// Strict demands the operation's own documented error types even where AWS documents errors
	// common to all actions (protocol-level breaks).
	Strict bool
	// Disabled names checks that are not evaluated (plumb --checks, --exclude-checks): their
	// results are Skip with DisabledMessage, so they neither pass nor fail anything.
	Disabled []Name
}

// DisabledMessage is the message of a disabled check's Skip result.
const DisabledMessage = "not evaluated: excluded by --checks or --exclude-checks"

// Engine runs checks. It is safe for concurrent use.
type Engine struct {
	set    *specs.Set
	opts   Options
	models map[*specs.Operation]*opModel // built in New; read-only afterwards
	extra  sync.Map                      // *specs.Operation -> *opModel, for operations outside set
	ids    createdIDs                    // the ids creates returned (created.go)
	off    map[Name]bool                 // Options.Disabled
}

// New returns an engine for the specs. Everything Check needs per operation (kin-openapi route,
// documented responses, media types) is built here, once.
func New(set *specs.Set, o Options) *Engine {
	e := &Engine{set: set, opts: o, models: map[*specs.Operation]*opModel{}, off: map[Name]bool{}}
	for _, n := range o.Disabled {
		e.off[n] = true
	}
	if set != nil {
		for _, op := range set.Operations() {
			e.models[op] = buildModel(op)
		}
	}
	return e
}

// model returns op's precomputed model, building it once for an operation New did not see.
func (e *Engine) model(op *specs.Operation) *opModel {
	if m := e.models[op]; m != nil {
		return m
	}
	if m, ok := e.extra.Load(op); ok {
		return m.(*opModel)
	}
	m, _ := e.extra.LoadOrStore(op, buildModel(op))
	return m.(*opModel)
}

// Check runs every check applicable to one exchange of op, given what the input should earn,
// and returns one Result per check in All order (Skip where a check does not apply). Messages
// and causes quote the target, so they are redacted like the exchange (target.Exchange.Redact):
// a target echoing a credential gets it into no report.
func (e *Engine) Check(op *specs.Operation, exp Expect, ex target.Exchange) []Result {
	return redacted(ex, e.check(op, exp, ex))
}

// redacted removes the exchange's secrets from the results' messages and causes, in place.
func redacted(ex target.Exchange, rs []Result) []Result {
	for i := range rs {
		if rs[i].Message != "" {
			rs[i].Message = ex.Redact(rs[i].Message)
		}
		for j, c := range rs[i].Causes {
			rs[i].Causes[j] = ex.Redact(c)
		}
	}
	return rs
}

func (e *Engine) check(op *specs.Operation, exp Expect, ex target.Exchange) []Result {
	out := make([]Result, len(All))
	for i, n := range All {
		out[i] = Result{Check: n, Status: Skip}
		if e.off[n] {
			out[i].Message = DisabledMessage
		}
	}
	set := func(r Result) {
		if e.off[r.Check] {
			return
		}
		for i, n := range All {
			if n == r.Check {
				out[i] = r
				return
			}
		}
	}

	if op == nil || op.Service == nil {
		set(fail(Reachable, "driver bug: no operation", "no operation to judge the exchange against (driver bug)"))
		return out
	}
	r, ok := reachable(ex)
	set(r)
	if !ok {
		return out
	}

	f := e.facts(op, exp, ex)
	if why := f.refusal(); why != "" {
		for i := range out {
			if out[i].Check != Reachable && out[i].Check != Stateful && !e.off[out[i].Check] {
				out[i] = Result{Check: out[i].Check, Status: Inconclusive, Causes: []string{why},
					Message: "no evidence: " + why + " (" + f.describe() + ")", Path: exp.Path, Keyword: exp.Keyword}
			}
		}
		return out
	}
	judge := func(n Name, fn func() Result) {
		if !e.off[n] {
			set(fn())
		}
	}
	judge(NotAServerError, f.notAServerError)
	if why := f.consequence(); why != "" {
		// One root cause, one finding: what follows from it is not judged again.
		for _, n := range []Name{StatusCode, ContentType, ResponseSchema, ErrorType} {
			set(skip(n, why))
		}
	} else {
		judge(StatusCode, f.statusCode)
		judge(ContentType, f.contentType)
		judge(ResponseSchema, f.responseSchema)
		judge(ErrorType, f.errorType)
	}
	switch exp.Kind {
	case KindInvalid:
		judge(NegativeDataRejection, f.negative)
	case KindValid:
		judge(PositiveDataAcceptance, f.positive)
		if !e.off[Stateful] {
			if r, ok := e.created(f); ok {
				set(r) // what the 200 says about the resource it created (created.go)
			}
		}
	case KindOutcome:
		judge(ExpectedOutcome, f.outcome)
	default:
		return out
	}
	if why := f.habit(); why != "" && !f.strict {
		for i := range out {
			if out[i].Status == Fail && out[i].Check != Reachable && out[i].Check != NotAServerError {
				out[i].Status = Warn
				out[i].Message += " (warning: " + why + "; --strict fails it)"
			}
		}
	}
	return out
}

// facts is what every check of one exchange reads, computed once.
type facts struct {
	op     *specs.Operation
	m      *opModel
	strict bool
	exp    Expect
	resp   *target.Response
	status int
	header http.Header
	body   []byte

	// amzTarget is the X-Amz-Target the request carried (awsJson protocols; "" otherwise).
	amzTarget string
	// retries counts the throttled attempts the client retried before this answer.
	retries int

	name       protocol.ErrorName // error responses only
	message    string             // the error's message member
	hasMessage bool
}

func (e *Engine) facts(op *specs.Operation, exp Expect, ex target.Exchange) *facts {
	f := &facts{op: op, m: e.model(op), strict: e.opts.Strict, exp: exp, resp: ex.Response,
		status: ex.Response.Status, header: ex.Response.Header, body: ex.Response.Body, retries: ex.Retries}
	if f.header == nil {
		f.header = http.Header{}
	}
	if ex.Request.Header != nil {
		f.amzTarget = ex.Request.Header.Get("X-Amz-Target")
	}
	if f.status >= 400 {
		f.name = protocol.ErrorType(op.Protocol(), f.header, f.body)
		f.message, f.hasMessage = protocol.Message(f.body, f.messageMember())
	}
	return f
}

// messageMember is the error's documented message member, or the protocol's usual one
// (matching is case-insensitive, so "Message" and "message" both count).
func (f *facts) messageMember() string {
	if e, ok := f.op.Error(f.name.Name); ok && e.MessageMember != "" {
		return e.MessageMember
	}
	return "message"
}

// reachable judges whether there is a complete response to judge at all.
func reachable(ex target.Exchange) (Result, bool) {
	if ex.Err != nil {
		return fail(Reachable, "no HTTP response: "+string(ex.Err.Kind), fmt.Sprintf("no HTTP response (%s): %v", ex.Err.Kind, errText(ex.Err))), false
	}
	if ex.Response == nil {
		return fail(Reachable, "no HTTP response recorded", "no HTTP response recorded"), false
	}
	if ex.Response.Truncated {
		// The status and headers are still judged; body checks are skipped (see facts.truncated).
		return fail(Reachable, "response body over the size cap", fmt.Sprintf("response body over the size cap (%s, %d bytes kept): judged truncated",
			target.KindBodyTooLarge, len(ex.Response.Body))), true
	}
	return pass(Reachable), true
}

func errText(e *target.TransportError) string {
	if e.Err == nil {
		return string(e.Kind)
	}
	return target.RedactString(e.Err.Error())
}

func pass(n Name) Result { return Result{Check: n, Status: Pass} }

// fail records a failure with its response-side cause (see Result.Causes).
func fail(n Name, cause, msg string) Result {
	return Result{Check: n, Status: Fail, Message: msg, Causes: []string{cause}}
}

func skip(n Name, msg string) Result { return Result{Check: n, Status: Skip, Message: msg} }
