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
// scenario carries (the fuzz case). A failed case's <failure> has the first
// line of its first message as message, its check name as type, and the
// message, request, response and curl of every failure as text. Text is
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

	for i := range n.Scenarios {
		sc := &n.Scenarios[i]
		feature := cmp.Or(sc.Feature, cmp.Or(sc.Operation, "plumb"))
		s := suite(feature)
		c := junitCase{Classname: feature, Name: cmp.Or(sc.Name, "(unnamed scenario)"), Time: seconds(sc.Duration)}
		durations[feature] += sc.Duration
		switch sc.Status {
		case Passed:
		case Failed:
			c.Failure = junitFailureOf(scenarioFailures(sc))
			s.Failures++
		default:
			c.Skipped = &junitSkipped{Message: firstLine(sc.SkipReason)}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	for _, f := range orphanFindings(n) {
		feature := cmp.Or(f.Operation, "findings")
		s := suite(feature)
		s.Cases = append(s.Cases, junitCase{Classname: feature, Name: findingName(f), Time: seconds(time.Duration(0)),
			Failure: junitFailureOf([]Finding{f})})
		s.Tests++
		s.Failures++
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
