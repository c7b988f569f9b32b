package report_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

type xSuites struct {
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []xSuite `xml:"testsuite"`
}

type xSuite struct {
	Name       string `xml:"name,attr"`
	Tests      int    `xml:"tests,attr"`
	Failures   int    `xml:"failures,attr"`
	Skipped    int    `xml:"skipped,attr"`
	Time       string `xml:"time,attr"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Cases []xCase `xml:"testcase"`
}

type xCase struct {
	Classname string `xml:"classname,attr"`
	Name      string `xml:"name,attr"`
	Time      string `xml:"time,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
}

func junit(t *testing.T, r *report.Run) (string, xSuites) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteJUnit(&buf, r))
	out := buf.String()
	assertXMLChars(t, out)
	var doc xSuites
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc), "JUnit must parse back")
	return out, doc
}

// assertXMLChars checks that out holds only characters legal in XML 1.0.
func assertXMLChars(t *testing.T, out string) {
	t.Helper()
	require.True(t, utf8.ValidString(out), "output must be valid UTF-8")
	for i, r := range out {
		legal := r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
			(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
		require.Truef(t, legal, "illegal XML character %U at byte %d", r, i)
	}
}

func suiteNamed(t *testing.T, doc xSuites, name string) xSuite {
	t.Helper()
	for _, s := range doc.Suites {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no testsuite %q", name)
	return xSuite{}
}

func TestJUnitCountsPerSuite(t *testing.T) {
	_, doc := junit(t, sampleRun())

	assert.Equal(t, 5, doc.Tests)
	assert.Equal(t, 1, doc.Failures)
	assert.Equal(t, 1, doc.Skipped)
	require.Len(t, doc.Suites, 2)
	assert.Equal(t, "CreateConnection", doc.Suites[0].Name, "suites are sorted")

	sc := suiteNamed(t, doc, "StartConnection")
	assert.Equal(t, 3, sc.Tests)
	assert.Equal(t, 1, sc.Failures)
	assert.Equal(t, 1, sc.Skipped)
	assert.Equal(t, "0.030", sc.Time)

	cc := suiteNamed(t, doc, "CreateConnection")
	assert.Equal(t, 2, cc.Tests)
	assert.Zero(t, cc.Failures)
	assert.Zero(t, cc.Skipped)
	for _, c := range cc.Cases {
		assert.Equal(t, "CreateConnection", c.Classname)
		assert.Nil(t, c.Failure)
		assert.Nil(t, c.Skipped)
	}
}

func TestJUnitFailureAndSkipDetail(t *testing.T) {
	_, doc := junit(t, sampleRun())
	sc := suiteNamed(t, doc, "StartConnection")

	var failed, skipped *xCase
	for i := range sc.Cases {
		switch {
		case sc.Cases[i].Failure != nil:
			failed = &sc.Cases[i]
		case sc.Cases[i].Skipped != nil:
			skipped = &sc.Cases[i]
		}
	}
	require.NotNil(t, failed)
	assert.Equal(t, "StartConnection", failed.Classname)
	assert.Equal(t, "AssetId longer than 100 is rejected (AssetId=101)", failed.Name)
	assert.Equal(t, "0.020", failed.Time)
	assert.Equal(t, "status_code_conformance", failed.Failure.Type)
	assert.Equal(t, "expected 400 ValidationException, got 200", failed.Failure.Message, "message is the first line")
	text := failed.Failure.Text
	assert.Contains(t, text, "curl -X POST", "failure text holds the curl line")
	assert.Contains(t, text, "POST /connections HTTP/1.1", "failure text holds the request")
	assert.Contains(t, text, "HTTP/1.1 200 OK", "failure text holds the response")
	assert.Contains(t, text, "]]>", "]]> survives as text")
	assert.Contains(t, text, "<script>", "markup survives as text")
	assert.Contains(t, text, `\x01\x02\x1b`, "control bytes are shown, not dropped")
	assert.Contains(t, text, `\xff\xfe`, "invalid UTF-8 is shown, not dropped")

	require.NotNil(t, skipped)
	assert.Equal(t, "documents disagree", skipped.Skipped.Message)
}

func TestJUnitFuzzFindingsBecomeFailedCases(t *testing.T) {
	_, doc := junit(t, fuzzRun())

	assert.Equal(t, 4, doc.Tests, "two scenarios plus two findings")
	assert.Equal(t, 2, doc.Failures)
	gc := suiteNamed(t, doc, "GetConnection")
	assert.Equal(t, 2, gc.Tests)
	assert.Equal(t, 1, gc.Failures)
	var found bool
	for _, c := range gc.Cases {
		if c.Failure != nil {
			found = true
			assert.Equal(t, "no_5xx", c.Failure.Type)
			assert.Contains(t, c.Name, "500 Internal Server Error")
			assert.Contains(t, c.Failure.Text, "curl http://127.0.0.1:4566/connections/a%2Fb")
			assert.Contains(t, c.Failure.Text, "seed: 7")
		}
	}
	assert.True(t, found)

	props := map[string]string{}
	for _, p := range gc.Properties {
		props[p.Name] = p.Value
	}
	assert.Equal(t, "1234", props["seed"], "the campaign seed is recorded")
	assert.Equal(t, "1000000", props["cases"])
}

func TestJUnitRunFindingsAreNotDuplicated(t *testing.T) {
	// In a run every finding is also a scenario failure: one failed case, not two.
	_, doc := junit(t, sampleRun())
	assert.Equal(t, 1, doc.Failures)
}

func TestJUnitEmptyRunIsValid(t *testing.T) {
	out, doc := junit(t, &report.Run{})
	assert.Zero(t, doc.Tests)
	assert.True(t, strings.HasPrefix(out, "<?xml"))
}

func TestWritersRejectNilRun(t *testing.T) {
	var buf bytes.Buffer
	assert.Error(t, report.WriteJUnit(&buf, nil))
	assert.Error(t, report.WriteJSON(&buf, nil))
	assert.Error(t, report.WriteHTML(&buf, nil))
	assert.Error(t, report.WriteMarkdown(&buf, nil))
	assert.Error(t, report.WriteTerminal(&buf, nil, false))
	_, err := report.WriteFiles(t.TempDir(), nil, nil)
	assert.Error(t, err)
}

// Each operation's verdict is a test case: an inconclusive or interrupted operation is an
// error, so a CI dashboard never shows a run that proved nothing as green.
func TestJUnitCarriesTheVerdicts(t *testing.T) {
	r := sampleRun()
	r.Verdict, r.VerdictReason = report.Inconclusive, "CreateConnection: every request (3) was refused"
	r.Operations = []report.OperationVerdict{
		{Operation: "CreateConnection", Verdict: report.Inconclusive, Reason: "every request (3) was refused"},
		{Operation: "StartConnection", Verdict: report.Failed, Reason: "1 root cause"},
		{Operation: "GetConnection", Verdict: report.Skipped, Reason: "no target for service outposts"},
	}
	var buf bytes.Buffer
	require.NoError(t, report.WriteJUnit(&buf, r))
	out := buf.String()
	assert.Contains(t, out, `<testsuite name="plumb verdict" tests="3" failures="1" errors="1" skipped="1"`)
	assert.Contains(t, out, `<error message="every request (3) was refused" type="inconclusive">`)
	assert.Contains(t, out, `<property name="verdict" value="inconclusive"></property>`)
}

// fuzzRootCauseRun is a campaign as plumb fuzz reports it: one scenario per (operation, case
// kind), the failed ones explained by root causes, no durations of their own.
func fuzzRootCauseRun() *report.Run {
	r := fuzzRun()
	r.Duration = 6 * time.Second
	ex := r.Findings[0] // the GetConnection no_5xx finding
	r.Scenarios = []report.Scenario{
		{Feature: "fuzz GetConnection", Name: "GetConnection valid cases", Operation: "GetConnection", Status: report.Passed},
		{Feature: "fuzz GetConnection", Name: "GetConnection invalid cases", Operation: "GetConnection", Status: report.Failed,
			Failures: []report.Finding{ex}},
		{Feature: "fuzz GetConnection", Name: "GetConnection boundary cases", Operation: "GetConnection", Status: report.Failed},
		{Feature: "fuzz StartConnection", Name: "StartConnection valid cases", Operation: "StartConnection", Status: report.Passed,
			Duration: 2 * time.Second},
		{Feature: "fuzz StartConnection", Name: "StartConnection stateful cases", Operation: "StartConnection", Status: report.Skipped,
			SkipReason: "no resource"},
	}
	r.RootCauses = []report.RootCause{
		{ID: "b05c215349fe", Operation: "GetConnection", Check: "no_5xx", Cause: "server error 500", Severity: "error",
			Count: 29, Rules: []string{"pattern", "maxLength"}, Example: ex},
		{ID: "0a73a36e1dc8", Operation: "StartConnection", Check: "error_type", Cause: "400 without an error type",
			Severity: report.SeverityWarning, Count: 3, Example: report.Finding{Check: "error_type", Operation: "StartConnection"}},
	}
	return r
}

// A fuzz campaign is one failed case per error root cause, not one per finding or failed
// scenario, plus one case per scenario no failure explains; and every case that ran has a time.
func TestJUnitFuzzIsOneCasePerRootCause(t *testing.T) {
	_, doc := junit(t, fuzzRootCauseRun())

	assert.Equal(t, 4, doc.Tests, "2 passed scenarios, 1 skipped, 1 root cause")
	assert.Equal(t, 1, doc.Failures, "the warning root cause fails nothing")
	assert.Equal(t, 1, doc.Skipped)

	gc := suiteNamed(t, doc, "fuzz GetConnection")
	require.Len(t, gc.Cases, 2, "the failed scenarios are the root cause's case")
	assert.Equal(t, "GetConnection valid cases", gc.Cases[0].Name)
	failed := gc.Cases[1]
	assert.Equal(t, "fuzz GetConnection", failed.Classname)
	assert.Equal(t, "GetConnection no_5xx: server error 500", failed.Name)
	require.NotNil(t, failed.Failure)
	assert.Equal(t, "no_5xx", failed.Failure.Type)
	assert.Equal(t, "server error 500", failed.Failure.Message)
	assert.Contains(t, failed.Failure.Text, "root cause: b05c215349fe")
	assert.Contains(t, failed.Failure.Text, "failures: 29")
	assert.Contains(t, failed.Failure.Text, "rules: pattern, maxLength")
	assert.Contains(t, failed.Failure.Text, "curl http://127.0.0.1:4566/connections/a%2Fb", "the example's evidence")
	assert.Contains(t, failed.Failure.Text, "seed: 7")

	// 6s run, 2s known (StartConnection valid): the other 4s split over the 2 cases without a time.
	assert.Equal(t, "2.000", gc.Cases[0].Time)
	assert.Equal(t, "2.000", failed.Time)
	assert.Equal(t, "4.000", gc.Time)
	sc := suiteNamed(t, doc, "fuzz StartConnection")
	require.Len(t, sc.Cases, 2)
	for _, c := range sc.Cases {
		switch c.Name {
		case "StartConnection valid cases":
			assert.Equal(t, "2.000", c.Time, "a scenario's own duration is kept")
		case "StartConnection stateful cases":
			assert.Equal(t, "0.000", c.Time, "a skipped scenario took no time")
			assert.NotNil(t, c.Skipped)
		default:
			t.Errorf("unexpected case %q", c.Name)
		}
	}
}

// A failed fuzz scenario that no error root cause explains stays a failed case.
func TestJUnitFuzzKeepsUnexplainedFailures(t *testing.T) {
	r := fuzzRootCauseRun()
	r.Scenarios = append(r.Scenarios, report.Scenario{Feature: "fuzz StartConnection", Name: "StartConnection invalid cases",
		Operation: "StartConnection", Status: report.Failed})
	_, doc := junit(t, r)
	assert.Equal(t, 2, doc.Failures)
	sc := suiteNamed(t, doc, "fuzz StartConnection")
	assert.Equal(t, 1, sc.Failures)
}

// A campaign whose cases carry no time splits the run's time evenly; never all 0.000.
func TestJUnitFuzzTimesAreNeverAllZero(t *testing.T) {
	r := fuzzRootCauseRun()
	r.Scenarios[3].Duration = 0
	r.Duration = 3 * time.Second
	_, doc := junit(t, r)
	for _, s := range doc.Suites {
		if s.Name == "plumb verdict" {
			continue
		}
		for _, c := range s.Cases {
			if c.Skipped == nil {
				assert.Equal(t, "1.000", c.Time, c.Name)
			}
		}
	}
}
