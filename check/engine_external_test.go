package check_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/target"
)

func TestCorrect200PassesEveryCheck(t *testing.T) {
	cases := []struct {
		op   string
		body string
		ct   string
	}{
		{"StartConnection", startOK, ctJSON},
		{"GetConnection", getOK, ctJSON},
		{"CreateConnection", createOK, ctAmzJSON},
	}
	e := engine(t, true) // strict changes nothing for a correct success
	for _, c := range cases {
		t.Run(c.op, func(t *testing.T) {
			rs := e.Check(op(t, c.op), check.Valid(), exchange(200, c.body, "Content-Type", c.ct))
			if len(rs) != len(check.All) {
				t.Fatalf("got %d results, want one per check (%d)", len(rs), len(check.All))
			}
			for i, n := range check.All {
				if rs[i].Check != n {
					t.Fatalf("result %d is %s, want %s (All order)", i, rs[i].Check, n)
				}
			}
			for _, n := range []check.Name{check.Reachable, check.NotAServerError, check.StatusCode,
				check.ContentType, check.ResponseSchema, check.PositiveDataAcceptance} {
				want(t, rs, n, check.Pass)
			}
			for _, n := range []check.Name{check.ErrorType, check.NegativeDataRejection, check.ExpectedOutcome} {
				want(t, rs, n, check.Skip)
			}
			// A create's 200 is judged for the resource it made (x-plumb-created); a read's is not.
			if op(t, c.op).Created != nil {
				want(t, rs, check.Stateful, check.Pass)
			} else {
				want(t, rs, check.Stateful, check.Skip)
			}
		})
	}
}

func TestTransportFailureSkipsTheRest(t *testing.T) {
	ex := target.Exchange{Err: &target.TransportError{Kind: target.KindTimeout, Err: errors.New("deadline exceeded")}}
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.Reachable, check.Fail, "timeout", "deadline exceeded")
	for _, r := range rs[1:] {
		if r.Status != check.Skip {
			t.Errorf("%s: %s after a transport failure, want skipped", r.Check, r.Status)
		}
	}
}

func TestTruncatedBodyFailsReachableAndSkipsBodyChecks(t *testing.T) {
	ex := exchange(200, `{"ConnectionId":"ab`, "Content-Type", ctJSON)
	ex.Response.Truncated = true
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.Reachable, check.Fail, "cap")
	want(t, rs, check.ResponseSchema, check.Skip)
	want(t, rs, check.StatusCode, check.Pass)
}

func TestNilOperationDoesNotPanic(t *testing.T) {
	rs := engine(t, false).Check(nil, check.Valid(), exchange(200, startOK, "Content-Type", ctJSON))
	want(t, rs, check.Reachable, check.Fail, "no operation")
	rs = engine(t, false).Check(op(t, "StartConnection"), check.Valid(), target.Exchange{})
	want(t, rs, check.Reachable, check.Fail)
}

func TestServerErrorOnValidInput(t *testing.T) {
	ex := exchange(500, `{"Message":"boom"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "InternalServerException")
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.NotAServerError, check.Fail, "500", "InternalServerException", "boom")
	// One root cause, one finding: the response's shape is not judged again.
	want(t, rs, check.StatusCode, check.Skip, "not_a_server_error")
	want(t, rs, check.ContentType, check.Skip, "not_a_server_error")
	want(t, rs, check.ErrorType, check.Skip, "not_a_server_error")
	rs = engine(t, false).Check(op(t, "StartConnection"), check.Valid(), exchange(500, `<html>oops</html>`, "Content-Type", "text/html"))
	if got := len(check.Failures(rs)); got != 1 {
		t.Errorf("a 500 HTML page gives %d failures, want 1 (not_a_server_error): %v", got, rs)
	}
}

func TestUndocumentedStatus(t *testing.T) {
	ex := exchange(418, `{"Message":"teapot"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "TeapotException")
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "418", "200, 400, 403, 404, 500")
	want(t, rs, check.ResponseSchema, check.Skip)
	want(t, rs, check.ErrorType, check.Fail, "undocumented error type", "TeapotException")
}

func TestCommonErrorStatusLenientOnly(t *testing.T) {
	ex := exchange(415, `{"message":"Unsupported Media Type"}`,
		"Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "UnsupportedMediaTypeException")
	rs := engine(t, false).Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Pass)
	want(t, rs, check.ErrorType, check.Pass)
	want(t, rs, check.PositiveDataAcceptance, check.Fail, "valid input rejected", "415 UnsupportedMediaTypeException")

	rs = engine(t, true).Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "415")
	want(t, rs, check.ErrorType, check.Fail, "UnsupportedMediaTypeException", "--strict")

	// A common error at a status other than its documented one is not excused.
	ex = exchange(409, `{"message":"x"}`, "Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "UnsupportedMediaTypeException")
	rs = engine(t, false).Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "409")
	want(t, rs, check.ErrorType, check.Fail, "documented as 415")
}

// A refusal before the input is judged (credentials, throttling, no such operation or route)
// is no evidence: every check but response_received is inconclusive, under --strict too, and
// the cause names the answer.
func TestRefusalsAreInconclusive(t *testing.T) {
	cases := []struct {
		name, op string
		exp      check.Expect
		ex       func() target.Exchange
		cause    string
	}{
		{"unrecognized client", "CreateConnection", check.Valid(), func() target.Exchange {
			return exchange(403, `{"__type":"UnrecognizedClientException","message":"bad token"}`, "Content-Type", ctAmzJSON)
		}, "refused (authentication or authorization): 403 UnrecognizedClientException"},
		{"invalid input refused", "CreateConnection", check.Invalid("$.location", "required", "DirectConnectClientException", 400), func() target.Exchange {
			return exchange(403, `{"__type":"UnrecognizedClientException","message":"bad token"}`, "Content-Type", ctAmzJSON)
		}, "403 UnrecognizedClientException"},
		{"unknown operation", "CreateConnection", check.Valid(), func() target.Exchange {
			return exchange(400, `{"__type":"UnknownOperationException"}`, "Content-Type", ctAmzJSON)
		}, "unknown operation or route: 400 UnknownOperationException"},
		{"wrong prefix", "StartConnection", check.Valid(), func() target.Exchange {
			return exchange(404, `<html>Not Found</html>`, "Content-Type", "text/html")
		}, "unknown operation or route: 404 with no error type (text/html)"},
		{"throttled", "StartConnection", check.Valid(), func() target.Exchange {
			return exchange(429, `{"message":"slow down"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "ThrottlingException")
		}, "throttled: 429 ThrottlingException"},
		{"throttled at the status invalid input earns, retried", "CreateConnection", check.Invalid("$.location", "required", "DirectConnectClientException", 400), func() target.Exchange {
			ex := exchange(400, `{"__type":"ThrottlingException","message":"Rate exceeded"}`, "Content-Type", ctAmzJSON)
			ex.Retries = 3
			return ex
		}, "throttled (retried 3 times): 400 ThrottlingException"},
		{"request limit exceeded, retried once", "CreateConnection", check.Valid(), func() target.Exchange {
			ex := exchange(503, `{"__type":"RequestLimitExceeded","message":"Rate exceeded"}`, "Content-Type", ctAmzJSON)
			ex.Retries = 1
			return ex
		}, "throttled (retried once): 503 RequestLimitExceeded"},
		{"documented not found for valid input", "StartConnection", check.Valid(), func() target.Exchange {
			return exchange(404, `{"Message":"no such asset"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException")
		}, "not found: 404 NotFoundException"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, strict := range []bool{false, true} {
				rs := engine(t, strict).Check(op(t, c.op), c.exp, c.ex())
				want(t, rs, check.Reachable, check.Pass)
				for _, r := range rs {
					if r.Check == check.Reachable || r.Check == check.Stateful {
						continue
					}
					if r.Status != check.Inconclusive {
						t.Errorf("strict=%v: %s is %s, want inconclusive", strict, r.Check, r.Status)
					}
				}
				if got := check.Refused(rs); !strings.Contains(got, c.cause) {
					t.Errorf("strict=%v: Refused = %q, want it to contain %q", strict, got, c.cause)
				}
			}
		})
	}
	// The answer the expectation asks for is evidence, not a refusal.
	rs := engine(t, true).Check(op(t, "GetConnection"), check.Outcome("NotFoundException", 404),
		exchange(404, `{"Message":"no"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.ExpectedOutcome, check.Pass)
	// A documented type at a status it does not have is judged (dx-client-status-403).
	rs = engine(t, false).Check(op(t, "CreateConnection"), check.Invalid("$.location", "required", "DirectConnectClientException", 400),
		exchange(403, `{"__type":"DirectConnectClientException","message":"location"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.ErrorType, check.Fail, "documented as 400")
}

// Rejecting a request media type other than the one clients send is a protocol habit the
// documents do not state: accepting it is a warning, a failure only under --strict.
func TestRequestMediaTypeLeniencyIsAWarning(t *testing.T) {
	exp := check.Invalid("", "contentType", "ValidationException", 400)
	exp.Protocol = true
	ex := exchange(200, startOK, "Content-Type", ctJSON)
	rs := engine(t, false).Check(op(t, "StartConnection"), exp, ex)
	want(t, rs, check.NegativeDataRejection, check.Warn, "accepted", "--strict")
	if check.Failed(rs) {
		t.Errorf("a warning failed the exchange: %v", rs)
	}
	rs = engine(t, true).Check(op(t, "StartConnection"), exp, ex)
	want(t, rs, check.NegativeDataRejection, check.Fail, "accepted")
}

// Under --strict, an X-Amz-Target naming no operation is still rightly an unknown operation.
func TestStrictAcceptsUnknownOperationForAWrongTarget(t *testing.T) {
	exp := check.Invalid("", "target", "DirectConnectClientException", 400)
	exp.Protocol = true
	ex := exchange(400, `{"__type":"UnknownOperationException","message":"unknown operation"}`, "Content-Type", ctAmzJSON)
	noFailures(t, engine(t, true).Check(op(t, "CreateConnection"), exp, ex))
}

func TestUnsupportedMediaTypeForProtocolBreak(t *testing.T) {
	ex := exchange(415, `{"message":"Unsupported Media Type"}`, "Content-Type", ctJSON,
		"X-Amzn-ErrorType", "UnsupportedMediaTypeException")
	exp := check.Invalid("", "contentType", "ValidationException", 400)
	exp.Protocol = true
	rs := engine(t, false).Check(op(t, "StartConnection"), exp, ex)
	noFailures(t, rs)
	want(t, rs, check.NegativeDataRejection, check.Pass)
}

func TestConcurrentUse(t *testing.T) {
	e := engine(t, false)
	start, get := op(t, "StartConnection"), op(t, "GetConnection")
	results := make([][]check.Result, 16)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() { // assertions stay on the test goroutine: t.Fatal must not run here
			defer wg.Done()
			if i%2 == 0 {
				results[i] = e.Check(start, check.Valid(), exchange(200, startOK, "Content-Type", ctJSON))
			} else {
				results[i] = e.Check(get, check.Valid(), exchange(200, `{"ConnectionId":"#"}`, "Content-Type", ctJSON))
			}
		}()
	}
	wg.Wait()
	for i, rs := range results {
		if i%2 == 0 {
			noFailures(t, rs)
		} else {
			want(t, rs, check.ResponseSchema, check.Fail, "$.ConnectionId pattern")
		}
	}
}

// An operation the engine was not built with (a copy, a document-less model) is modelled on first
// use and judged the same way.
func TestOperationOutsideTheSet(t *testing.T) {
	o := *op(t, "StartConnection")
	svc := *o.Service
	svc.Doc = nil
	o.Service = &svc
	e := engine(t, false)
	noFailures(t, e.Check(&o, check.Valid(), exchange(200, startOK, "Content-Type", ctJSON)))
	rs := e.Check(&o, check.Valid(), exchange(200, `{"UnderlayIpAddress":"192.168.1"}`, "Content-Type", ctJSON))
	want(t, rs, check.ResponseSchema, check.Fail, "$.UnderlayIpAddress pattern")
}

// A target that still names the operation (another service prefix, no prefix, another case)
// served as the operation is leniency: a warning. One naming another operation is a failure.
func TestWrongTargetLeniency(t *testing.T) {
	exp := check.Invalid("", "target", "DirectConnectClientException", 400)
	exp.Protocol = true
	served := func(target string) []check.Result {
		ex := exchange(200, `{"connectionId":"dxcon-1"}`, "Content-Type", ctAmzJSON)
		ex.Request.Header = http.Header{"X-Amz-Target": {target}}
		return engine(t, false).Check(op(t, "CreateConnection"), exp, ex)
	}
	for _, lenient := range []string{"Overture.CreateConnection", "CreateConnection", "OvertureService.createconnection"} {
		want(t, served(lenient), check.NegativeDataRejection, check.Warn, "accepted")
	}
	for _, wrong := range []string{"OvertureService.CreateConnectionX", "OvertureService.PlumbNoSuchOperation", "OvertureService.", ""} {
		want(t, served(wrong), check.NegativeDataRejection, check.Fail, "accepted")
	}
}

// A documented error whose name says the resource does not exist, answering valid input at 400
// (the JSON protocols' way: SQS QueueDoesNotExist, DynamoDB ResourceNotFoundException), is no
// evidence either; a documented 400 not so named is a rejection of valid input.
func TestDocumentedNotFoundAt400ForValidInputIsInconclusive(t *testing.T) {
	dx, e := withError(t, "QueueDoesNotExist")
	_, ok := dx.Error("QueueDoesNotExist")
	require.True(t, ok)
	rs := e.Check(dx, check.Valid(), exchange(400, `{"__type":"QueueDoesNotExist","message":"no"}`, "Content-Type", ctAmzJSON))
	assert.Contains(t, check.Refused(rs), "not found: 400 QueueDoesNotExist")
	want(t, rs, check.PositiveDataAcceptance, check.Inconclusive)
	rs = e.Check(dx, check.Valid(), exchange(400, `{"__type":"DirectConnectClientException","message":"no"}`, "Content-Type", ctAmzJSON))
	assert.Empty(t, check.Refused(rs))
	want(t, rs, check.PositiveDataAcceptance, check.Fail, "valid input rejected")
}

// Valid input answered with a documented error whose condition the spec does not state (SQS's
// EmptyBatchRequest) is no evidence either way; one whose condition the spec states (a rule's
// TooManyTagsException for 50 tags, dx-max-tags-off-by-one) is a rejection of valid input.
func TestDocumentedErrorOfUnstatedConditionForValidInputIsInconclusive(t *testing.T) {
	dx, e := withError(t, "EmptyBatchRequest")
	rs := e.Check(dx, check.Valid(), exchange(400, `{"__type":"EmptyBatchRequest","message":"no"}`, "Content-Type", ctAmzJSON))
	assert.Contains(t, check.Refused(rs), "a documented error whose condition the spec does not state: 400 EmptyBatchRequest")
	want(t, rs, check.PositiveDataAcceptance, check.Inconclusive)
	rs = e.Check(dx, check.Valid(), exchange(400, `{"__type":"TooManyTagsException","message":"50"}`, "Content-Type", ctAmzJSON))
	assert.Empty(t, check.Refused(rs))
	want(t, rs, check.PositiveDataAcceptance, check.Fail, "valid input rejected")
}
