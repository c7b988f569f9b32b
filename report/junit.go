package report

import (
	"cmp"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"time"
)

// The JUnit XML shape understood by Jenkins, GitLab and the common GitHub
// Actions reporters (the de-facto "Ant" schema).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// MarshalXML writes the text as a CharData token, which encoding/xml escapes
// without turning every newline into &#xA;, so the file stays readable.
func (f *junitFailure) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{
		{Name: xml.Name{Local: "message"}, Value: f.Message},
		{Name: xml.Name{Local: "type"}, Value: f.Type},
	}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(f.Text)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

// WriteJUnit writes r as JUnit XML: one <testsuite> per Feature, one
// <testcase> per scenario, and one failed <testcase> per finding that no
// scenario carries. A failed case's <failure> has the first line of its first
// message as message, its check name as type, and the message, request,
// response and curl of every failure as text.
//
// A fuzz campaign (Engine "fuzz") is reported by root cause instead: one
// failed <testcase> per error root cause (named operation, check and cause;
// its example's evidence as text) and one <testcase> per (operation, case
// kind) scenario that no failure explains; a case without a duration of its
// own gets an even share of the run's. Without root causes, a fuzz run's
// findings are its failed cases as above.
//
// Each operation's verdict is a case of the suite "plumb verdict". Text is
// normalized first (see Normalize), so control bytes and invalid UTF-8 in
// bodies under test never make the file invalid.
func WriteJUnit(w io.Writer, r *Run) error {
	if r == nil {
		return errors.New("report: WriteJUnit: nil run")
	}
	n := Normalize(r)
	doc := junitSuites{Name: strings.TrimSpace(cmp.Or(n.Tool, "plumb") + " " + n.Engine), Time: seconds(n.Duration)}

	suites := map[string]*junitSuite{}
	var order []string
	suite := func(name string) *junitSuite {
		s, ok := suites[name]
		if !ok {
			s = &junitSuite{Name: name, Properties: junitProps(n)}
			if !n.Started.IsZero() {
				s.Timestamp = n.Started.UTC().Format("2006-01-02T15:04:05")
			}
			suites[name] = s
			order = append(order, name)
		}
		return s
	}
	var durations = map[string]time.Duration{}

	cases := junitCases(n)
	share := timeShare(n, cases)
	for _, jc := range cases {
		s := suite(jc.Classname)
		d := jc.duration
		if d == 0 && jc.Skipped == nil {
			d = share
		}
		jc.Time = seconds(d)
		durations[jc.Classname] += d
		switch {
		case jc.Failure != nil:
			s.Failures++
		case jc.Skipped != nil:
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, jc.junitCase)
	}

	// The verdict per operation as its own suite, so that a CI dashboard never
	// shows an inconclusive or interrupted run as green: those are errors.
	if len(n.Operations) > 0 {
		s := suite(verdictSuite)
		for _, o := range n.Operations {
			c := junitCase{Classname: verdictSuite, Name: cmp.Or(o.Operation, "(no operation)"), Time: seconds(time.Duration(0))}
			why := &junitFailure{Message: cmp.Or(o.Reason, string(o.Verdict)), Type: string(o.Verdict), Text: o.Reason}
			switch o.Verdict {
			case Passed:
			case Failed:
				c.Failure = why
				s.Failures++
			case Inconclusive, Interrupted:
				c.Error = why
				s.Errors++
			default:
				c.Skipped = &junitSkipped{Message: o.Reason}
				s.Skipped++
			}
			s.Tests++
			s.Cases = append(s.Cases, c)
		}
	}

	// Suites sorted by name: scenarios are sorted by feature already, but
	// orphan findings may open suites after them.
	slices.Sort(order)
	for _, name := range order {
		s := suites[name]
		s.Time = seconds(durations[name])
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Skipped += s.Skipped
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, *s)
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// timedCase is a test case with its own duration (0: unknown) before the
// times are filled in.
type timedCase struct {
	junitCase
	duration time.Duration
}

// junitCases lists the test cases of n outside the verdict suite, in order:
// scenarios, then the failures no scenario carries.
func junitCases(n *Run) []timedCase {
	if n.Engine == "fuzz" && len(n.RootCauses) > 0 {
		return fuzzCases(n)
	}
	var out []timedCase
	for i := range n.Scenarios {
		out = append(out, scenarioCase(&n.Scenarios[i]))
	}
	for _, f := range orphanFindings(n) {
		feature := cmp.Or(f.Operation, "findings")
		out = append(out, timedCase{junitCase: junitCase{Classname: feature, Name: findingName(f),
			Failure: junitFailureOf([]Finding{f})}})
	}
	return out
}

// scenarioCase is one scenario as a test case: passed, failed with its
// failures as evidence, or skipped with the reason.
func scenarioCase(sc *Scenario) timedCase {
	feature := cmp.Or(sc.Feature, sc.Operation, "plumb")
	c := timedCase{junitCase: junitCase{Classname: feature, Name: cmp.Or(sc.Name, "(unnamed scenario)")}, duration: sc.Duration}
	switch sc.Status {
	case Passed:
	case Failed:
		c.Failure = junitFailureOf(scenarioFailures(sc))
	default:
		c.Skipped = &junitSkipped{Message: firstLine(sc.SkipReason)}
	}
	return c
}

// fuzzCases reports a campaign by root cause: one failed case per error root
// cause, in the suite of its operation's scenarios, and one case per scenario
// (operation, case kind) except the failed scenarios of an operation that a
// root cause explains. A failed scenario no error root cause explains stays a
// failed case, so no failure is lost.
func fuzzCases(n *Run) []timedCase {
	featureOf := map[string]string{}
	for _, sc := range n.Scenarios {
		if _, ok := featureOf[sc.Operation]; !ok && sc.Feature != "" {
			featureOf[sc.Operation] = sc.Feature
		}
	}
	var failed []timedCase
	explained := map[string]bool{}
	for _, rc := range n.RootCauses {
		if rc.Severity == SeverityWarning {
			continue
		}
		explained[rc.Operation] = true
		feature := cmp.Or(featureOf[rc.Operation], rc.Operation, "findings")
		name := strings.TrimSpace(cmp.Or(rc.Operation, "(no operation)") + " " + cmp.Or(rc.Check, rc.Example.Check, "finding") + ": " + firstLine(rc.Cause))
		failed = append(failed, timedCase{junitCase: junitCase{Classname: feature, Name: name, Failure: rootCauseFailure(rc)}})
	}
	var out []timedCase
	for i := range n.Scenarios {
		sc := &n.Scenarios[i]
		if sc.Status == Failed && explained[sc.Operation] {
			continue
		}
		out = append(out, scenarioCase(sc))
	}
	return append(out, failed...)
}

// rootCauseFailure is the <failure> of a root cause: its cause as message,
// its check as type, and how often it occurred, the rules exercised and its
// example's evidence as text.
func rootCauseFailure(rc RootCause) *junitFailure {
	var b strings.Builder
	b.WriteString("\n")
	if rc.ID != "" {
		b.WriteString("root cause: " + rc.ID + "\n")
	}
	b.WriteString("failures: " + itoa(max(rc.Count, 1)) + "\n")
	if len(rc.Rules) > 0 {
		b.WriteString("rules: " + strings.Join(rc.Rules, ", ") + "\n")
	}
	b.WriteString("\n--- example ---\n")
	b.WriteString(evidence(rc.Example))
	return &junitFailure{
		Message: cmp.Or(firstLine(rc.Cause), firstLine(rc.Example.Message), "failed"),
		Type:    cmp.Or(rc.Check, rc.Example.Check, "failure"),
		Text:    b.String(),
	}
}

// timeShare is the time given to a fuzz campaign's case that ran without a
// duration of its own: the run's duration not accounted for by the cases that
// have one, split evenly (or, when they account for all of it, the run's
// duration split evenly over every case), so a campaign's cases never all read
// 0.000. A run's scenarios keep their own durations.
func timeShare(n *Run, cases []timedCase) time.Duration {
	if n.Engine != "fuzz" || n.Duration <= 0 {
		return 0
	}
	var known time.Duration
	unknown := 0
	for _, c := range cases {
		switch {
		case c.duration > 0:
			known += c.duration
		case c.Skipped == nil:
			unknown++
		}
	}
	if unknown == 0 {
		return 0
	}
	if left := n.Duration - known; left > 0 {
		return left / time.Duration(unknown)
	}
	return n.Duration / time.Duration(len(cases))
}

func junitFailureOf(fs []Finding) *junitFailure {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = evidence(f)
	}
	first := fs[0]
	return &junitFailure{
		Message: cmp.Or(firstLine(first.Message), "failed"),
		Type:    cmp.Or(first.Check, "failure"),
		Text:    "\n" + strings.Join(parts, "\n==========\n\n"),
	}
}

// verdictSuite names the JUnit suite that carries each operation's verdict.
const verdictSuite = "plumb verdict"

// junitProps records how to reproduce the run, on every suite, because
// reporters show suite properties but rarely the root's.
func junitProps(n *Run) []junitProperty {
	props := []junitProperty{{"engine", n.Engine}, {"target", n.Target}}
	if n.Verdict != "" {
		props = append(props, junitProperty{"verdict", string(n.Verdict)}, junitProperty{"verdict_reason", n.VerdictReason})
	}
	if n.Seed != 0 {
		props = append(props, junitProperty{"seed", utoa(n.Seed)})
	}
	if n.Cases != 0 {
		props = append(props, junitProperty{"cases", itoa(n.Cases)})
	}
	return props
}
