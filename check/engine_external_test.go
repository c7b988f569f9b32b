package check_test

import (
	"errors"
	"sync"
	"testing"

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
			for _, n := range []check.Name{check.ErrorType, check.NegativeDataRejection, check.ExpectedOutcome, check.Stateful} {
				want(t, rs, n, check.Skip)
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
	want(t, rs, check.StatusCode, check.Pass) // 500 is documented: only the server-error check fires
	want(t, rs, check.ErrorType, check.Pass)
}

func TestUndocumentedStatus(t *testing.T) {
	ex := exchange(418, `{"Message":"teapot"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "TeapotException")
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "418", "200, 400, 403, 404, 500")
	want(t, rs, check.ResponseSchema, check.Skip)
	want(t, rs, check.ErrorType, check.Fail, "undocumented error type", "TeapotException")
}

func TestCommonErrorStatusLenientOnly(t *testing.T) {
	ex := exchange(403, `{"message":"The security token included in the request is invalid."}`,
		"Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "UnrecognizedClientException")
	rs := engine(t, false).Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Pass)
	want(t, rs, check.ErrorType, check.Pass)
	want(t, rs, check.PositiveDataAcceptance, check.Pass)

	rs = engine(t, true).Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "403")
	want(t, rs, check.ErrorType, check.Fail, "UnrecognizedClientException", "--strict")

	// A common error at a status other than its documented one is not excused.
	ex = exchange(409, `{"message":"x"}`, "Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "UnrecognizedClientException")
	rs = engine(t, false).Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.StatusCode, check.Fail, "409")
	want(t, rs, check.ErrorType, check.Fail, "documented as 403")
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
