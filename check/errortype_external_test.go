package check_test

import (
	"testing"

	"github.com/plumbhq/plumb/check"
)

func TestErrorTypeFailures(t *testing.T) {
	cases := []struct {
		name, op, body string
		status         int
		header         []string
		fragments      []string
	}{
		{"missing type", "StartConnection", `{"Message":"bad AssetId"}`, 400,
			[]string{"Content-Type", ctJSON}, []string{"no error type", "UnknownError"}},
		{"missing type awsJson", "CreateConnection", `{"message":"bad"}`, 400,
			[]string{"Content-Type", ctAmzJSON}, []string{"no error type", "__type", "UnknownError"}},
		{"misspelt", "StartConnection", `{"Message":"bad"}`, 400,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationExcepton"}, []string{"undocumented error type", `"ValidationExcepton"`, "StartConnection"}},
		{"wrong case", "StartConnection", `{"Message":"bad"}`, 400,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "validationException"}, []string{"did you mean ValidationException", "case-sensitively"}},
		{"status and type disagree", "StartConnection", `{"Message":"bad"}`, 404,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException"}, []string{"status 404 but type ValidationException is documented as 400"}},
		{"awsJson type of another service", "CreateConnection", `{"__type":"ValidationException","message":"bad"}`, 400,
			[]string{"Content-Type", ctAmzJSON}, []string{"undocumented error type", "ValidationException", "CreateConnection"}},
		{"awsJson client error at 403", "CreateConnection", `{"__type":"DirectConnectClientException","message":"bad"}`, 403,
			[]string{"Content-Type", ctAmzJSON}, []string{"status 403 but type DirectConnectClientException is documented as 400"}},
		{"message missing", "StartConnection", `{"Reason":"bad"}`, 400,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException"}, []string{"no Message member"}},
		{"empty body", "StartConnection", ``, 404,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "NotFoundException"}, []string{"empty error body"}},
	}
	e := engine(t, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := e.Check(op(t, c.op), check.Outcome("", 0), exchange(c.status, c.body, c.header...))
			want(t, rs, check.ErrorType, check.Fail, c.fragments...)
		})
	}
}

// The ways AWS legitimately names an error type must all pass.
func TestErrorTypeNoFalseAlarms(t *testing.T) {
	cases := []struct {
		name, op, body string
		status         int
		header         []string
		exp            check.Expect
	}{
		{"long header form", "StartConnection", `{"Message":"1 validation error detected"}`, 400,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"},
			check.Invalid("$.AssetId", "maxLength", "ValidationException", 400)},
		{"namespaced __type", "CreateConnection", `{"__type":"com.amazonaws.directconnect#TooManyTagsException","message":"too many"}`, 400,
			[]string{"Content-Type", ctAmzJSON}, check.Invalid("$.tags", "maxItems", "TooManyTagsException", 400)},
		{"namespaced __type with url", "CreateConnection", `{"__type":"com.amazonaws.directconnect#DuplicateTagKeysException:http://x/y","message":"dup"}`, 400,
			[]string{"Content-Type", ctAmzJSON}, check.Invalid("$.tags", "uniqueKeys", "DuplicateTagKeysException", 400)},
		{"restJson1 type only in body code", "GetConnection", `{"code":"NotFoundException","Message":"no such connection"}`, 404,
			[]string{"Content-Type", ctJSON}, check.Outcome("NotFoundException", 404)},
		{"restJson1 type only in body __type", "GetConnection", `{"__type":"NotFoundException","Message":"no such connection"}`, 404,
			[]string{"Content-Type", ctJSON}, check.Outcome("NotFoundException", 404)},
		{"lowercase message member", "StartConnection", `{"message":"bad key"}`, 400,
			[]string{"Content-Type", "application/json; charset=UTF-8", "X-Amzn-ErrorType", "ValidationException"},
			check.Invalid("$.ClientPublicKey", "pattern", "ValidationException", 400)},
		{"awsJson1_1 type only in header", "CreateConnection", `{"message":"bad"}`, 400,
			[]string{"Content-Type", ctAmzJSON, "X-Amzn-ErrorType", "DirectConnectClientException"},
			check.Invalid("$.location", "required", "DirectConnectClientException", 400)},
		{"awsJson1_1 error as application/json", "CreateConnection", `{"__type":"DirectConnectClientException","Message":"bad"}`, 400,
			[]string{"Content-Type", ctJSON}, check.Invalid("$.bandwidth", "type", "DirectConnectClientException", 400)},
		{"error with request id and extra members", "GetConnection", `{"Message":"denied","Reason":"x","Details":{}}`, 403,
			[]string{"Content-Type", ctJSON, "X-Amzn-ErrorType", "AccessDeniedException", "x-amzn-RequestId", "abc"}, check.Outcome("AccessDeniedException", 403)},
	}
	e := engine(t, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			noFailures(t, e.Check(op(t, c.op), c.exp, exchange(c.status, c.body, c.header...)))
		})
	}
}

// A protocol-level break answered with an error common to all actions passes unless strict.
func TestProtocolBreakAnsweredWithCommonError(t *testing.T) {
	exp := check.Invalid("", "json", "DirectConnectClientException", 400)
	exp.Protocol = true
	ex := exchange(400, `{"__type":"com.amazon.coral.service#SerializationException","Message":"Start of structure or map found where not expected."}`,
		"Content-Type", ctAmzJSON)

	noFailures(t, engine(t, false).Check(op(t, "CreateConnection"), exp, ex))

	rs := engine(t, true).Check(op(t, "CreateConnection"), exp, ex)
	want(t, rs, check.ErrorType, check.Fail, "SerializationException")
	want(t, rs, check.NegativeDataRejection, check.Fail, "expected DirectConnectClientException 400", "SerializationException")
	want(t, rs, check.StatusCode, check.Pass)

	// The same answer to a member rule's break is wrong even when lenient: SDK users would not
	// see the documented exception.
	member := check.Invalid("$.tags", "minItems", "DirectConnectClientException", 400)
	rs = engine(t, false).Check(op(t, "CreateConnection"), member, ex)
	want(t, rs, check.NegativeDataRejection, check.Fail, "$.tags minItems 1", "SerializationException")
}
