package verdict_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/verdict"
)

// An operation every schema-valid input of which carries an id only the service hands out
// (x-plumb-opaque: the outcome is left open, Kind any) is judged by those requests' answers: one
// and the same 500 HTML page to all of them is "not implemented", whatever its protocol breaks
// got (a 404 for a wrong target).
func TestOpenValidRequestsShowNotImplemented(t *testing.T) {
	set, e := load(t)
	ev := verdict.NewEvidence()
	html := answer(500, "text/html", "<h1>Unable to find appropriate backend</h1>")
	for range 3 {
		add(ev, set, e, "GetConnection", check.Expect{Kind: check.KindAny}, html)
	}
	add(ev, set, e, "GetConnection", check.Expect{Kind: check.KindInvalid, Keyword: "target", Protocol: true},
		answer(404, "text/html", "<h1>Not Found</h1>"))
	run := &report.Run{Scenarios: []report.Scenario{{Operation: "GetConnection", Status: report.Failed}}}
	verdict.Decide(run, ev, scope("GetConnection"), false)
	assert.Equal(t, report.Inconclusive, run.Verdict, run.VerdictReason)
	assert.Contains(t, run.VerdictReason, "not implemented by the target: every valid request (3) was answered 500 with no error type (text/html)")
}
