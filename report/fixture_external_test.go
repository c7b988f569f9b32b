package report_test

import (
	"time"

	"github.com/plumbhq/plumb/report"
)

// Secrets planted in the fixture; none may appear in any output.
var secrets = []string{
	"AKIDEXAMPLE",
	"Signature=abcdef",
	"abcdef0123456789",
	"deadbeefcafe",
	"TOKENSECRETVALUE",
	"cookiesecret",
}

const (
	plantedAuth = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/outposts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123456789"
	// hostile holds every kind of text a body under test may contain.
	hostile = "bad\x00nul \x01\x02\x1b[31mesc\x7f ]]> <script>alert(1)</script> & \xff\xfe invalid \uFFFE"
	curl    = "curl -X POST 'http://127.0.0.1:4566/connections?X-Amz-Signature=deadbeefcafe' -H '" + plantedAuth + "' -H 'X-Amz-Security-Token: TOKENSECRETVALUE' --data-binary '{\"AssetId\":\"" + "a]]>b" + "\"}'"
)

var started = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// failedFinding is the failure of the failed StartConnection scenario.
func failedFinding() report.Finding {
	return report.Finding{
		Check:     "status_code_conformance",
		Operation: "StartConnection",
		Rule:      "maxLength",
		Path:      "$.AssetId",
		Message:   "expected 400 ValidationException, got 200\nsecond line " + hostile,
		Request:   "POST /connections HTTP/1.1\r\nHost: 127.0.0.1:4566\r\n" + plantedAuth + "\r\nX-Amz-Security-Token: TOKENSECRETVALUE\r\nCookie: session=cookiesecret\r\n\r\n{\"AssetId\":\"" + hostile + "\"}",
		Response:  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"ConnectionId\":\"" + hostile + "\"}",
		Curl:      curl,
		Count:     3,
	}
}

// sampleRun is a conformance run with two features: StartConnection has a
// passed, a failed and a skipped scenario; CreateConnection two passed.
func sampleRun() *report.Run {
	ff := failedFinding()
	return &report.Run{
		Tool: "plumb", Engine: "run", Target: "http://127.0.0.1:4566 (emulator)",
		Started: started, Duration: 1500 * time.Millisecond,
		Scenarios: []report.Scenario{
			{
				Feature: "StartConnection", Name: "AssetId longer than 100 is rejected (AssetId=101)",
				Operation: "StartConnection", Tags: []string{"@negative", "@constraint"}, Status: report.Failed,
				Duration: 20 * time.Millisecond,
				Checks: []report.Check{
					{Name: "status_code_conformance", Status: report.Failed, Message: "expected 400"},
					{Name: "response_schema_conformance", Status: report.Passed},
				},
				Failures: []report.Finding{ff},
			},
			{
				Feature: "StartConnection", Name: "a valid request is accepted", Operation: "StartConnection",
				Status: report.Passed, Duration: 10 * time.Millisecond,
				Checks: []report.Check{
					{Name: "status_code_conformance", Status: report.Passed},
					{Name: "response_schema_conformance", Status: report.Passed},
				},
			},
			{
				Feature: "StartConnection", Name: "DeviceSerialNumber is required", Operation: "StartConnection",
				Status: report.Skipped, SkipReason: "documents disagree\n(see aws-protocols.md)",
			},
			{
				Feature: "CreateConnection", Name: "a valid connection is created", Operation: "CreateConnection",
				Status: report.Passed, Duration: 5 * time.Millisecond,
				Checks: []report.Check{{Name: "status_code_conformance", Status: report.Passed}},
			},
			{
				Feature: "CreateConnection", Name: "tags with a duplicate key are rejected", Operation: "CreateConnection",
				Status: report.Passed, Duration: 5 * time.Millisecond,
				Checks: []report.Check{{Name: "status_code_conformance", Status: report.Passed}},
			},
		},
		Constraints: []report.Constraint{
			{ID: "StartConnection $.AssetId maxLength 100", Operation: "StartConnection", Path: "$.AssetId",
				Keyword: "maxLength", Value: "100", Source: "001_9da61a4b654333d2.txt", Status: report.Failed, Exercised: 2},
			{ID: "CreateConnection $.tags minItems 1", Operation: "CreateConnection", Path: "$.tags",
				Keyword: "minItems", Value: "1", Source: "aws-protocols.md", Status: report.Passed, Exercised: 1},
			{ID: "GetConnection $.ConnectionId pattern", Operation: "GetConnection", Path: "$.ConnectionId",
				Keyword: "pattern", Value: "^[a-zA-Z0-9+/=]{1,1024}$", Source: "aws-protocols.md", Status: report.Skipped},
		},
		Findings: []report.Finding{ff},
	}
}

// fuzzRun is a campaign whose findings no scenario carries.
func fuzzRun() *report.Run {
	ff := failedFinding()
	ff.Seed = 42
	ff.Replay = "testdata/replay-42.json"
	other := report.Finding{Check: "no_5xx", Operation: "GetConnection", Message: "500 Internal Server Error",
		Response: "HTTP/1.1 500\r\n\r\n", Curl: "curl http://127.0.0.1:4566/connections/a%2Fb", Seed: 7, Count: 12}
	return &report.Run{
		Tool: "plumb", Engine: "fuzz", Target: "http://127.0.0.1:4566", Started: started,
		Duration: time.Minute, Seed: 1234, Cases: 1_000_000,
		Scenarios: []report.Scenario{
			{Feature: "StartConnection", Name: "positive", Operation: "StartConnection", Status: report.Passed,
				Checks: []report.Check{{Name: "status_code_conformance", Status: report.Passed}}},
			{Feature: "GetConnection", Name: "positive", Operation: "GetConnection", Status: report.Passed,
				Checks: []report.Check{{Name: "no_5xx", Status: report.Passed}}},
		},
		Findings: []report.Finding{other, ff},
	}
}

// selftestRun carries a mutation score.
func selftestRun() *report.Run {
	return &report.Run{
		Tool: "plumb", Engine: "selftest", Started: started, Duration: 2 * time.Minute,
		Scenarios: []report.Scenario{{Feature: "selftest", Name: "reference emulator", Status: report.Passed}},
		Score: &report.Score{
			Rows: []report.ScoreRow{
				{Fault: "wrong-status", Class: "status", Description: "returns 200 for invalid <input>",
					CaughtByRun: true, CaughtByFuzz: true, RunTime: time.Second, FuzzTime: 3 * time.Second, Detail: "AssetId longer than 100"},
				{Fault: "accept-long-asset", Class: "validation", Description: "no maxLength check",
					CaughtByRun: true, RunTime: 2 * time.Second},
			},
			CaughtRun: 2, CaughtFuzz: 1, CaughtBoth: 1, CaughtAny: 2, Total: 2,
		},
	}
}
