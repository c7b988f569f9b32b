package check_test

import (
	"testing"

	"github.com/plumbhq/plumb/check"
)

func TestResponseMemberBreakingItsSchema(t *testing.T) {
	cases := []struct {
		name, op, ct, body string
		path, keyword, got string
	}{
		{"three octets", "StartConnection", ctJSON,
			`{"ConnectionId":"abc","UnderlayIpAddress":"192.168.1"}`, "$.UnderlayIpAddress", "pattern", `"192.168.1"`},
		{"id too long", "StartConnection", ctJSON,
			`{"ConnectionId":"` + longID + `"}`, "$.ConnectionId", "maxLength", ""},
		{"nested list item", "GetConnection", ctJSON,
			`{"ConnectionDetails":{"AllowedIps":["10.0.0.0/16","10.0.0.0:16"]}}`, "$.ConnectionDetails.AllowedIps[1]", "pattern", `"10.0.0.0:16"`},
		{"state not in enum", "CreateConnection", ctAmzJSON,
			`{"connectionId":"dxcon-1","connectionState":"new"}`, "$.connectionState", "enum", `"new"`},
		{"boolean as string", "CreateConnection", ctAmzJSON,
			`{"jumboFrameCapable":"false"}`, "$.jumboFrameCapable", "type", `"false"`},
		{"time as string", "CreateConnection", ctAmzJSON,
			`{"loaIssueTime":"2024-01-01"}`, "$.loaIssueTime", "type", `"2024-01-01"`},
		{"vlan not integer", "CreateConnection", ctAmzJSON,
			`{"vlan":1.5}`, "$.vlan", "type", "1.5"},
		{"body is an array", "StartConnection", ctJSON, `[]`, "$", "type", ""},
		{"body not JSON", "StartConnection", ctJSON, `<html>oops</html>`, "$", "json", ""},
	}
	e := engine(t, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := e.Check(op(t, c.op), check.Valid(), exchange(200, c.body, "Content-Type", c.ct))
			frags := []string{c.path, c.keyword}
			if c.got != "" {
				frags = append(frags, "got "+c.got)
			}
			r := want(t, rs, check.ResponseSchema, check.Fail, frags...)
			if r.Path != c.path || r.Keyword != c.keyword {
				t.Errorf("Path/Keyword = %q/%q, want %q/%q", r.Path, r.Keyword, c.path, c.keyword)
			}
			want(t, rs, check.StatusCode, check.Pass)
			want(t, rs, check.PositiveDataAcceptance, check.Pass)
		})
	}
}

var longID = func() string {
	b := make([]byte, 1025)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}()

func TestErrorBodyBreakingItsSchema(t *testing.T) {
	ex := exchange(400, `{"Message":42}`, "Content-Type", ctJSON, "X-Amzn-ErrorType", "ValidationException")
	rs := engine(t, false).Check(op(t, "StartConnection"), check.Invalid("$.AssetId", "maxLength", "ValidationException", 400), ex)
	want(t, rs, check.ResponseSchema, check.Fail, "$.Message type")
	want(t, rs, check.ErrorType, check.Fail, "not a string")
	want(t, rs, check.NegativeDataRejection, check.Pass)
}

func TestNoFalseAlarms(t *testing.T) {
	cases := []struct {
		name, op, body string
		header         []string
	}{
		{"omitted optional members", "StartConnection", `{}`, []string{"Content-Type", ctJSON}},
		{"only an id", "CreateConnection", `{"connectionId":"dxcon-1"}`, []string{"Content-Type", ctAmzJSON}},
		{"empty details", "GetConnection", `{"ConnectionDetails":{}}`, []string{"Content-Type", ctJSON}},
		{"extra members", "StartConnection",
			`{"UnderlayIpAddress":"10.0.0.1","Extra":{"x":[1,2]},"ConnectionId":"a","z":null}`, []string{"Content-Type", ctJSON}},
		{"extra members nested", "CreateConnection",
			`{"tags":[{"key":"k","value":"v","extra":true}],"newField":1,"encryptionMode":"must_encrypt"}`, []string{"Content-Type", ctAmzJSON}},
		{"extra headers", "StartConnection", startOK, []string{"Content-Type", ctJSON,
			"x-amzn-RequestId", "5e1c7e44-7f43-4f2b-a3b4-6b0a7b3b9d5e", "Date", "Mon, 01 Jan 2024 00:00:00 GMT",
			"X-Amz-Apigw-Id", "abc=", "Connection", "keep-alive", "X-Amzn-Trace-Id", "Root=1-abc"}},
		{"charset parameter", "StartConnection", startOK, []string{"Content-Type", "application/json; charset=utf-8"}},
		{"media type case", "CreateConnection", createOK, []string{"Content-Type", "Application/X-Amz-JSON-1.1"}},
	}
	e := engine(t, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.ForgetCreated() // the fixtures reuse one created id across different responses
			noFailures(t, e.Check(op(t, c.op), check.Valid(), exchange(200, c.body, c.header...)))
		})
	}
}

// SchemaCause reads back the member and keyword of the causes the schema check gives.
func TestSchemaCauseReadsBackTheMemberAndKeyword(t *testing.T) {
	e := engine(t, false)
	for _, c := range []struct{ op, ct, body, path, keyword string }{
		{"GetConnection", ctJSON, `{"ConnectionDetails":{"AllowedIps":["10.0.0.0:16"]}}`, "$.ConnectionDetails.AllowedIps[*]", "pattern"},
		{"CreateConnection", ctAmzJSON, `{"connectionId":"dxcon-1","connectionState":"new"}`, "$.connectionState", "enum"},
	} {
		rs := e.Check(op(t, c.op), check.Valid(), exchange(200, c.body, "Content-Type", c.ct))
		r := want(t, rs, check.ResponseSchema, check.Fail)
		if len(r.Causes) == 0 {
			t.Fatalf("%s: no cause", c.body)
		}
		status, path, kw, ok := check.SchemaCause(r.Causes[0])
		if !ok || status != 200 || path != c.path || kw != c.keyword {
			t.Errorf("SchemaCause(%q) = %d %q %q %v, want 200 %q %q", r.Causes[0], status, path, kw, ok, c.path, c.keyword)
		}
	}
	for _, cause := range []string{"200 body is not JSON", "200 response breaks its documented schema", "x $.a type", ""} {
		if _, _, _, ok := check.SchemaCause(cause); ok {
			t.Errorf("SchemaCause(%q) ok, want not", cause)
		}
	}
}

func TestEveryCheckHasADescription(t *testing.T) {
	for _, n := range check.All {
		if check.Description(n) == "" {
			t.Errorf("check %s has no description", n)
		}
	}
	if d := check.Description("no_such_check"); d != "" {
		t.Errorf("Description(no_such_check) = %q", d)
	}
}
