package check_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
)

func TestInvalidInputAccepted(t *testing.T) {
	exp := check.Invalid("$.AssetId", "maxLength", "ValidationException", 400)
	rs := engine(t, false).Check(op(t, "StartConnection"), exp, exchange(200, startOK, "Content-Type", ctJSON))
	r := want(t, rs, check.NegativeDataRejection, check.Fail, "accepted input breaking $.AssetId maxLength 100", "200")
	if r.Path != "$.AssetId" || r.Keyword != "maxLength" {
		t.Errorf("Path/Keyword = %q/%q, want the expectation's", r.Path, r.Keyword)
	}
	want(t, rs, check.PositiveDataAcceptance, check.Skip)
	// A body echoing the broken input is the acceptance's consequence, not a second finding.
	want(t, rs, check.ResponseSchema, check.Skip, "negative_data_rejection")
}

func TestInvalidInputRejectedWrongly(t *testing.T) {
	e := engine(t, false)
	start := op(t, "StartConnection")
	exp := check.Invalid("$.ClientPublicKey", "pattern", "ValidationException", 400)

	rs := e.Check(start, exp, exchange(404, `{"Message":"asset not found"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.NegativeDataRejection, check.Fail, "$.ClientPublicKey pattern", "expected ValidationException 400", "got 404 NotFoundException")
	want(t, rs, check.ErrorType, check.Pass) // a documented error at its status: only the data check fires

	rs = e.Check(start, exp, exchange(500, `{"Message":"oops"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "InternalServerException"))
	// A 5xx is the server's failure, reported once by not_a_server_error, not blamed on the rule.
	want(t, rs, check.NegativeDataRejection, check.Skip, "not_a_server_error")
	want(t, rs, check.NotAServerError, check.Fail)

	dx := op(t, "CreateConnection")
	dup := check.Invalid("$.tags", "uniqueKeys", "DuplicateTagKeysException", 400)
	rs = e.Check(dx, dup, exchange(400, `{"__type":"DirectConnectClientException","message":"bad"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Fail, "expected DuplicateTagKeysException 400", "got 400 DirectConnectClientException")
	want(t, rs, check.ErrorType, check.Pass)

	// Protocol breaks are lenient only towards documented 4xx and common errors.
	proto := check.Invalid("", "target", "DirectConnectClientException", 400)
	proto.Protocol = true
	rs = e.Check(dx, proto, exchange(400, `{"__type":"DuplicateTagKeysException","message":"?"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Pass)
	rs = e.Check(dx, proto, exchange(404, `{"__type":"UnknownOperationException"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Pass)
	// Rejected, but with no error type: the documents do not say which error a protocol break
	// earns, so it is a warning (a failure under --strict).
	rs = e.Check(dx, proto, exchange(400, `{"message":"?"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Warn, "expected DirectConnectClientException 400", "no error type")
	want(t, rs, check.ErrorType, check.Warn, "no error type")
	rs = engine(t, true).Check(dx, proto, exchange(400, `{"message":"?"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Fail, "expected DirectConnectClientException 400", "no error type")
	// Accepted: a failure, whatever the leniency.
	rs = e.Check(dx, proto, exchange(200, `{"connectionId":"x"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Fail, "accepted")
}

func TestDefaultsToTheOperationsClientError(t *testing.T) {
	exp := check.Expect{Kind: check.KindInvalid, Path: "$.location", Keyword: "required"}
	ex := exchange(400, `{"__type":"DirectConnectClientException","message":"location is required"}`, "Content-Type", ctAmzJSON)
	noFailures(t, engine(t, false).Check(op(t, "CreateConnection"), exp, ex))
}

func TestValidInputRejected(t *testing.T) {
	e := engine(t, false)
	ex := exchange(400, `{"Message":"1 validation error detected: AssetId"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException")
	rs := e.Check(op(t, "StartConnection"), check.Valid(), ex)
	want(t, rs, check.PositiveDataAcceptance, check.Fail, "valid input rejected", "400 ValidationException", "1 validation error detected")
	want(t, rs, check.ErrorType, check.Pass)

	ex = exchange(409, `{"message":"conflict"}`, "Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "ConflictException")
	rs = e.Check(op(t, "CreateConnection"), check.Valid(), ex)
	want(t, rs, check.PositiveDataAcceptance, check.Fail, "409 ConflictException")

	// Not found and access denied are not "invalid input".
	for _, c := range []struct {
		status int
		typ    string
	}{{404, "NotFoundException"}, {403, "AccessDeniedException"}} {
		ex = exchange(c.status, `{"Message":"no such asset"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", c.typ)
		noFailures(t, e.Check(op(t, "StartConnection"), check.Valid(), ex))
	}
}

func TestExpectedOutcome(t *testing.T) {
	e := engine(t, false)
	get := op(t, "GetConnection")
	exp := check.Outcome("NotFoundException", 404)
	noFailures(t, e.Check(get, exp, exchange(404, `{"Message":"nope"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException")))

	rs := e.Check(get, exp, exchange(200, getOK, "Content-Type", ctJSON))
	want(t, rs, check.ExpectedOutcome, check.Fail, "expected NotFoundException 404", "got 200")

	rs = e.Check(get, exp, exchange(400, `{"Message":"bad id"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException"))
	want(t, rs, check.ExpectedOutcome, check.Fail, "got 400 ValidationException")
}

func TestKindAnyJudgesOnlyTheResponse(t *testing.T) {
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Expect{Kind: check.KindAny},
		exchange(400, `{"Message":"x"}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException"))
	noFailures(t, rs)
	for _, n := range []check.Name{check.NegativeDataRejection, check.PositiveDataAcceptance, check.ExpectedOutcome} {
		want(t, rs, n, check.Skip)
	}
}

func TestContentType(t *testing.T) {
	e := engine(t, false)
	rs := e.Check(op(t, "StartConnection"), check.Valid(), exchange(200, startOK, "Content-Type", "text/plain"))
	want(t, rs, check.ContentType, check.Fail, `"text/plain"`, "expected application/json")
	want(t, rs, check.ResponseSchema, check.Pass) // the body itself is fine: one finding, one check

	rs = e.Check(op(t, "StartConnection"), check.Valid(), exchange(200, startOK))
	want(t, rs, check.ContentType, check.Fail, "no Content-Type")

	rs = e.Check(op(t, "CreateConnection"), check.Valid(), exchange(200, createOK, "Content-Type", ctJSON))
	want(t, rs, check.ContentType, check.Fail, "expected application/x-amz-json-1.1")

	rs = e.Check(op(t, "StartConnection"), check.Valid(), exchange(200, startOK, "Content-Type", "application/json; charset"))
	want(t, rs, check.ContentType, check.Fail, "does not parse")

	// restJson1 errors are application/json only.
	rs = e.Check(op(t, "GetConnection"), check.Outcome("NotFoundException", 404),
		exchange(404, `{"Message":"x"}`, "Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.ContentType, check.Fail, "expected application/json")

	// An error without a Content-Type fails: its documented body holds a message member.
	rs = e.Check(op(t, "GetConnection"), check.Outcome("NotFoundException", 404),
		exchange(404, `{"Message":"x"}`, "X-Amzn-ErrorType", "NotFoundException"))
	want(t, rs, check.ContentType, check.Fail, "no Content-Type")
}

// Where the spec says no documented error answers invalid input in particular
// (x-plumb-validation-unknown), a rejection with any error the operation documents at its
// status, or one common to all actions, is what the documents promise; acceptance, an
// undocumented type or a 400 naming no type are not.
func TestInvalidInputWhereNoErrorIsTheValidationOne(t *testing.T) {
	// CreateConnection's mark comes first; the operation says instead that none is named.
	dx, e := createConnectionWith(t, "validation: true, ", "",
		"      operationId: CreateConnection\n", "      operationId: CreateConnection\n      x-plumb-validation-unknown: 'the test: none is named'\n")
	assert.Equal(t, specs.ErrorShape{}, dx.ClientError())
	c, ok := dx.Find("request", "$.location", "required")
	require.True(t, ok)
	assert.Empty(t, c.Error, "the constraint names no error")

	exp := check.Invalid(c.Path, c.Keyword, c.Error, c.Status)
	for body, want := range map[string]check.Status{
		`{"__type":"DuplicateTagKeysException","message":"x"}`:    check.Pass, // documented, at its status
		`{"__type":"DirectConnectClientException","message":"x"}`: check.Pass,
		`{"__type":"ValidationError","message":"x"}`:              check.Pass, // common to all actions
		`{"__type":"ValidationException","message":"x"}`:          check.Pass, // the JSON protocols' spelling of it
		`{"__type":"NoSuchThingException","message":"x"}`:         check.Fail, // undocumented
		`{"message":"no type"}`:                                   check.Fail,
	} {
		rs := e.Check(dx, exp, exchange(400, body, "Content-Type", ctAmzJSON))
		assert.Equal(t, want, result(t, rs, check.NegativeDataRejection).Status, body)
	}
	rs := e.Check(dx, exp, exchange(200, `{"connectionId":"dxcon-1"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.NegativeDataRejection, check.Fail, "accepted input breaking $.location required")
	rs = e.Check(dx, exp, exchange(400, `{"__type":"ValidationException","message":"x"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.ErrorType, check.Pass)

	// Valid by the spec, rejected by the common validation error: the spec names no validation
	// error, nor so every rule the service checks (an expression's grammar): no evidence.
	rs = e.Check(dx, check.Valid(), exchange(400, `{"__type":"ValidationException","message":"bad expression"}`, "Content-Type", ctAmzJSON))
	assert.Contains(t, check.Refused(rs), "rejected by a rule the spec does not state")
	// Where the spec names its validation error (the embedded CreateConnection), the same answer is
	// a type of another service, and valid input rejected.
	rs = engine(t, false).Check(op(t, "CreateConnection"), check.Valid(), exchange(400, `{"__type":"ValidationException","message":"x"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.PositiveDataAcceptance, check.Fail)
	want(t, rs, check.ErrorType, check.Fail, "undocumented error type")

	// Marked and said unknown at once: the loader refuses the contradiction.
	raw, err := specs.Raw("directconnect.yaml")
	require.NoError(t, err)
	_, err = specs.Parse([]string{"dc.yaml"}, map[string][]byte{"dc.yaml": []byte(strings.Replace(string(raw), "      operationId: CreateConnection\n",
		"      operationId: CreateConnection\n      x-plumb-validation-unknown: 'x'\n", 1))})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is marked validation, yet x-plumb-validation-unknown says")
}
