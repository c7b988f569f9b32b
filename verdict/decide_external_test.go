package verdict_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
	"github.com/plumbhq/plumb/verdict"
)

func load(t *testing.T) (*specs.Set, *check.Engine) {
	t.Helper()
	set, err := specs.Load()
	require.NoError(t, err)
	return set, check.New(set, check.Options{})
}

func answer(status int, media, body string, kv ...string) target.Exchange {
	h := http.Header{"Content-Type": {media}}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return target.Exchange{Response: &target.Response{Status: status, Header: h, Body: []byte(body)}}
}

const createOK = `{"connectionId":"dxcon-1","connectionName":"n","connectionState":"requested","location":"EqDC2","bandwidth":"1Gbps"}`

// add judges ex as op's answer to exp and records it, as a driver does.
func add(ev *verdict.Evidence, set *specs.Set, e *check.Engine, op string, exp check.Expect, ex target.Exchange) []check.Result {
	o := set.Operation(op)
	rs := e.Check(o, exp, ex)
	ev.Add(o, exp, ex, rs)
	return rs
}

func scope(ops ...string) verdict.Scope {
	return verdict.Scope{Operations: ops, Skipped: map[string]string{}}
}

func TestPassedNeedsEvidence(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	add(ev, set, e, "CreateConnection", check.Valid(), answer(200, "application/x-amz-json-1.1", createOK))
	run := &report.Run{Scenarios: []report.Scenario{{Operation: "CreateConnection", Status: report.Passed}}}
	verdict.Decide(run, ev, scope("CreateConnection"), false)
	assert.Equal(t, report.Passed, run.Verdict, run.VerdictReason)

	// The same run with nothing recorded is not passed.
	run = &report.Run{Scenarios: []report.Scenario{{Operation: "CreateConnection", Status: report.Passed}}}
	verdict.Decide(run, verdict.NewEvidence(), scope("CreateConnection"), false)
	assert.Equal(t, report.Inconclusive, run.Verdict)
	assert.Contains(t, run.VerdictReason, "never exercised")
}

func TestRefusedEverywhereIsInconclusiveWithTheCause(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	for range 3 {
		add(ev, set, e, "CreateConnection", check.Valid(),
			answer(403, "application/x-amz-json-1.1", `{"__type":"UnrecognizedClientException","message":"bad"}`))
	}
	run := &report.Run{Scenarios: []report.Scenario{{Operation: "CreateConnection", Status: report.Inconclusive}}}
	verdict.Decide(run, ev, scope("CreateConnection"), false)
	assert.Equal(t, report.Inconclusive, run.Verdict)
	assert.Equal(t, "CreateConnection: every valid request (3) was refused (authentication or authorization): 403 UnrecognizedClientException: check the credentials or the target URL", run.VerdictReason)
}

// An operation every request of which got one undocumented answer is not implemented: said once,
// its findings dropped and its scenarios skipped with the reason; another operation's failure
// still fails the run.
func TestNotImplementedIsReportedOnce(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	html := answer(500, "text/html", "<h1>Unable to find appropriate backend</h1>")
	var findings []report.Finding
	for range 5 {
		for _, r := range check.Failures(add(ev, set, e, "StartConnection", check.Valid(), html)) {
			findings = append(findings, report.Finding{Operation: "StartConnection", Check: string(r.Check), Cause: r.Causes[0]})
		}
	}
	bad := answer(200, "application/json", createOK) // wrong media type for awsJson1_1
	for _, r := range check.Failures(add(ev, set, e, "CreateConnection", check.Valid(), bad)) {
		findings = append(findings, report.Finding{Operation: "CreateConnection", Check: string(r.Check), Cause: r.Causes[0]})
	}
	require.NotEmpty(t, findings)
	run := &report.Run{Findings: findings, Scenarios: []report.Scenario{
		{Operation: "StartConnection", Status: report.Failed, Failures: findings[:1]},
		{Operation: "CreateConnection", Status: report.Failed},
	}}
	sc := scope("StartConnection", "CreateConnection")
	sc.Skipped["GetConnection"] = "no target for service outposts"
	verdict.Decide(run, ev, sc, false)

	assert.Equal(t, report.Failed, run.Verdict)
	for _, f := range run.Findings {
		assert.Equal(t, "CreateConnection", f.Operation, "findings of a not-implemented operation are dropped")
	}
	assert.Equal(t, report.Skipped, run.Scenarios[0].Status)
	assert.Contains(t, run.Scenarios[0].SkipReason, "not implemented by the target: every valid request (5) was answered 500 with no error type (text/html)")
	byOp := map[string]report.OperationVerdict{}
	for _, o := range run.Operations {
		byOp[o.Operation] = o
	}
	assert.Equal(t, report.Inconclusive, byOp["StartConnection"].Verdict)
	assert.Equal(t, report.Failed, byOp["CreateConnection"].Verdict)
	assert.Equal(t, report.Skipped, byOp["GetConnection"].Verdict)
	assert.Equal(t, "no target for service outposts", byOp["GetConnection"].Reason)
	require.Len(t, run.RootCauses, 1)
	assert.Contains(t, run.RootCauses[0].Cause, "Content-Type application/json")
}

func TestWarningsDoNotFailAndInterruptedWins(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	add(ev, set, e, "CreateConnection", check.Valid(), answer(200, "application/x-amz-json-1.1", createOK))
	warn := report.Finding{Operation: "CreateConnection", Check: "negative_data_rejection", Cause: "accepted", Severity: report.SeverityWarning}
	run := &report.Run{Findings: []report.Finding{warn}, Scenarios: []report.Scenario{{Operation: "CreateConnection", Status: report.Passed}}}
	verdict.Decide(run, ev, scope("CreateConnection"), false)
	assert.Equal(t, report.Passed, run.Verdict)
	require.Len(t, run.RootCauses, 1)
	assert.Equal(t, report.SeverityWarning, run.RootCauses[0].Severity)

	run = &report.Run{Scenarios: []report.Scenario{{Operation: "CreateConnection", Status: report.Passed}}}
	verdict.Decide(run, ev, scope("CreateConnection"), true)
	assert.Equal(t, report.Interrupted, run.Verdict)
	assert.True(t, strings.HasPrefix(run.VerdictReason, "interrupted"))
}

// A target that never answers HTTP is one answer, whatever kind of transport failure each
// request met (garbage or a reset, depending on timing).
func TestNoAnswerOfAnyKindIsOneAnswer(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	for _, kind := range []target.FailureKind{target.KindGarbage, target.KindReset, target.KindGarbage} {
		add(ev, set, e, "StartConnection", check.Valid(), target.Exchange{Err: &target.TransportError{Kind: kind}})
	}
	run := &report.Run{Scenarios: []report.Scenario{{Operation: "StartConnection", Status: report.Failed}}}
	verdict.Decide(run, ev, scope("StartConnection"), false)
	assert.Equal(t, report.Inconclusive, run.Verdict)
	assert.Contains(t, run.VerdictReason, "the target never answered: every valid request (3) got no HTTP response (garbage, reset)")
}

// A run stopped because the target never answered is inconclusive with that cause, even with
// failures recorded before it stopped; an interrupt still wins.
func TestNotAnsweringIsInconclusiveWithItsCause(t *testing.T) {
	set, e := load(t)
	cause := "target not answering: 5 requests in a row got no response within 2s (http://127.0.0.1:1)"
	for _, interrupted := range []bool{false, true} {
		ev := verdict.NewEvidence()
		timeout := target.Exchange{Err: &target.TransportError{Kind: target.KindTimeout}}
		add(ev, set, e, "CreateConnection", check.Valid(), timeout)
		run := &report.Run{Scenarios: []report.Scenario{{Operation: "CreateConnection", Status: report.Failed}},
			Findings: []report.Finding{{Check: "response_received", Operation: "CreateConnection", Cause: "no HTTP response: timeout", Count: 1}}}
		sc := scope("CreateConnection")
		sc.NotAnswering = cause
		verdict.Decide(run, ev, sc, interrupted)
		if interrupted {
			assert.Equal(t, report.Interrupted, run.Verdict)
			continue
		}
		assert.Equal(t, report.Inconclusive, run.Verdict)
		assert.True(t, strings.HasPrefix(run.VerdictReason, cause), run.VerdictReason)
	}
}
