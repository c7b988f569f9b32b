package check_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
)

// things loads the restJson1 test spec of query, header and greedy members (201 success with
// the header member X-Thing-Version).
func things(t *testing.T) (*check.Engine, *specs.Operation) {
	t.Helper()
	s, err := specs.LoadFiles("../specs/testdata/things-restjson1.yaml")
	require.NoError(t, err)
	return check.New(s, check.Options{}), s.Operation("PutThing")
}

const thing = `{"thingId":"t","name":"n"}`

func TestTheDocumentedSuccessStatusAndHeaderMembersConform(t *testing.T) {
	e, put := things(t)
	rs := e.Check(put, check.Valid(), exchange(201, thing, "Content-Type", "application/json", "X-Thing-Version", "2"))
	for _, r := range rs {
		assert.NotEqual(t, check.Fail, r.Status, "%s: %s", r.Check, r.Message)
	}
	want(t, rs, check.ResponseSchema, check.Pass)
	want(t, rs, check.PositiveDataAcceptance, check.Pass)
}

func TestA200WhereTheSpecDocuments201IsAnUndocumentedStatus(t *testing.T) {
	e, put := things(t)
	rs := e.Check(put, check.Valid(), exchange(200, thing, "Content-Type", "application/json", "X-Thing-Version", "2"))
	r := want(t, rs, check.StatusCode, check.Fail, "status 200 is not documented", "201")
	assert.Equal(t, []string{"undocumented status 200"}, r.Causes)
}

func TestHeaderMembersAreJudgedFromTheirText(t *testing.T) {
	e, put := things(t)
	cases := []struct {
		header []string
		body   string
		causes []string
		msg    string
	}{
		{nil, thing, []string{"201 $.X-Thing-Version required"}, "header $.X-Thing-Version required"},
		{[]string{"X-Thing-Version", "two"}, thing, []string{"201 $.X-Thing-Version type"}, "header $.X-Thing-Version type"},
		{[]string{"X-Thing-Version", "0"}, thing, []string{"201 $.X-Thing-Version minimum"}, "minimum"},
		// A header and a body member broken: both are causes, the header's first.
		{[]string{"X-Thing-Version", "0"}, `{"thingId":"t"}`, []string{"201 $.X-Thing-Version minimum", "201 $.name required"}, "$.name"},
	}
	for _, tc := range cases {
		h := append([]string{"Content-Type", "application/json"}, tc.header...)
		rs := e.Check(put, check.Valid(), exchange(201, tc.body, h...))
		r := want(t, rs, check.ResponseSchema, check.Fail, tc.msg)
		assert.Equal(t, tc.causes, r.Causes, "%v", tc.header)
		assert.Equal(t, "$.X-Thing-Version", r.Path)
	}
}

func TestHeaderMembersBelongToTheSuccessOnly(t *testing.T) {
	e, put := things(t)
	rs := e.Check(put, check.Invalid("$.name", "maxLength", "ValidationException", 400),
		exchange(400, `{"message":"no"}`, "Content-Type", "application/json", "X-Amzn-ErrorType", "ValidationException"))
	want(t, rs, check.ResponseSchema, check.Pass)
	want(t, rs, check.NegativeDataRejection, check.Pass)
}

func TestA204IsJudgedWithoutABody(t *testing.T) {
	b, err := os.ReadFile("../specs/testdata/things-restjson1.yaml")
	require.NoError(t, err)
	created := "        '201':\n          description: the thing, created\n          headers:\n            X-Thing-Version:\n" +
		"              required: true\n              schema: {type: integer, minimum: 1}\n            x-amzn-RequestId:\n" +
		"              schema: {type: string}\n          content:\n            application/json:\n              schema:\n" +
		"                $ref: '#/components/schemas/Thing'\n"
	require.Contains(t, string(b), created)
	text := strings.Replace(string(b), created, "        '204':\n          description: done\n", 1)
	s, err := specs.Parse([]string{"t.yaml"}, map[string][]byte{"t.yaml": []byte(text)})
	require.NoError(t, err)
	put := s.Operation("PutThing")
	e := check.New(s, check.Options{})
	rs := e.Check(put, check.Valid(), exchange(204, ""))
	for _, r := range rs {
		assert.NotEqual(t, check.Fail, r.Status, "%s: %s", r.Check, r.Message)
	}
	want(t, rs, check.StatusCode, check.Pass)
	want(t, rs, check.ResponseSchema, check.Pass)
	want(t, rs, check.ContentType, check.Skip, "documents no body")
	want(t, e.Check(put, check.Valid(), exchange(201, thing)), check.StatusCode, check.Fail)
}
