package scenarios_test

import (
	"bytes"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/plumbhq/plumb/features"
	"github.com/plumbhq/plumb/scenarios"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/steps"
)

func loadSpecs(t *testing.T) (*specs.Set, *specs.Operation) {
	t.Helper()
	set, err := specs.Load()
	if err != nil {
		t.Fatal(err)
	}
	widgets, err := specs.LoadFiles("../specs/testdata/widgets-awsjson10.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return set, widgets.Operation("PutWidget")
}

// parse parses a feature the way godog does and returns its document and pickles (one per
// scenario or example row).
func parse(t *testing.T, name string, text []byte) (*messages.GherkinDocument, []*messages.Pickle) {
	t.Helper()
	ids := (&messages.Incrementing{}).NewId
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(text), ids)
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", name, err, text)
	}
	return doc, gherkin.Pickles(*doc, name, ids)
}

func generated(t *testing.T, op *specs.Operation) (string, []*messages.Pickle) {
	t.Helper()
	text, err := scenarios.Feature(op)
	if err != nil {
		t.Fatalf("Feature(%s): %v", op.ID, err)
	}
	doc, pickles := parse(t, scenarios.FileName(op), []byte(text))
	if doc.Feature == nil || doc.Feature.Name != op.ID {
		t.Fatalf("Feature(%s) is not a feature named %s:\n%s", op.ID, op.ID, text)
	}
	return text, pickles
}

// constraintTags lists the tags of the pickles that are constraint ids of op.
func constraintTags(op *specs.Operation, pickles []*messages.Pickle) map[string]bool {
	ids := map[string]bool{}
	for _, c := range op.Constraints() {
		ids["@"+c.ID] = true
	}
	out := map[string]bool{}
	for _, p := range pickles {
		for _, tag := range p.Tags {
			if ids[tag.Name] {
				out[tag.Name] = true
			}
		}
	}
	return out
}

// TestGeneratedCoverWhatHandWrittenCover is the coverage test: for each operation with
// a hand-written feature, every constraint id that feature tags is tagged in the generated one.
func TestGeneratedCoverWhatHandWrittenCover(t *testing.T) {
	set, _ := loadSpecs(t)
	paths, err := fs.Glob(features.FS, "*.feature")
	if err != nil {
		t.Fatal(err)
	}
	handWritten := map[string][]*messages.Pickle{}
	for _, p := range paths {
		data, err := fs.ReadFile(features.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		doc, pickles := parse(t, p, data)
		handWritten[doc.Feature.Name] = pickles
	}
	covered := 0
	for _, op := range set.Operations() {
		hw, ok := handWritten[op.ID]
		if !ok {
			continue // DescribeConnections has only generated scenarios
		}
		covered++
		want := constraintTags(op, hw)
		if len(want) < 5 {
			t.Errorf("%s: the hand-written feature tags only %d constraint ids; the comparison proves little", op.ID, len(want))
		}
		_, pickles := generated(t, op)
		got := constraintTags(op, pickles)
		var missing []string
		for id := range want {
			if !got[id] {
				missing = append(missing, id)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: the generated feature tags no scenario with %v, which the hand-written one does", op.ID, missing)
		}
	}
	if covered != 3 {
		t.Errorf("compared %d operations with their hand-written features, want the three", covered)
	}
}

// TestGeneratedFeaturesKeepTheTraceabilityRules applies the rules of package steps'
// traceability test to the generated features of the embedded operations and of PutWidget (a
// spec no feature file covers).
func TestGeneratedFeaturesKeepTheTraceabilityRules(t *testing.T) {
	set, widget := loadSpecs(t)
	ops := append(slices.Clone(set.Operations()), widget)
	res := make([]*regexp.Regexp, len(steps.Patterns))
	for i, p := range steps.Patterns {
		res[i] = regexp.MustCompile(p)
	}
	creates := regexp.MustCompile(`^(the request is accepted|the connection round-trips|the created resource is new and in its documented initial state|I start .*)$`)
	for _, op := range ops {
		t.Run(op.ID, func(t *testing.T) {
			text, pickles := generated(t, op)
			if len(pickles) < 10 {
				t.Fatalf("only %d scenarios:\n%s", len(pickles), text)
			}
			known := map[string]bool{steps.CreatesTag: true, "@" + op.ID + ".response": true}
			for _, c := range op.Constraints() {
				known["@"+c.ID] = true
			}
			tagged := map[string]int{}
			names := map[string]bool{}
			for _, p := range pickles {
				writes, createsTag := false, false
				for _, tag := range p.Tags {
					tagged[tag.Name]++
					createsTag = createsTag || tag.Name == steps.CreatesTag
					if !known[tag.Name] {
						t.Errorf("%q: tag %s names no constraint of %s", p.Name, tag.Name, op.ID)
					}
				}
				for _, st := range p.Steps {
					n := 0
					for _, re := range res {
						if re.MatchString(st.Text) {
							n++
						}
					}
					if n != 1 {
						t.Errorf("%q: step %q matches %d expressions of the vocabulary, want 1", p.Name, st.Text, n)
					}
					writes = writes || creates.MatchString(st.Text)
				}
				if writes != createsTag {
					t.Errorf("%q: expects acceptance=%v but tagged @creates=%v", p.Name, writes, createsTag)
				}
				if names[p.Name] {
					t.Errorf("two scenarios named %q", p.Name)
				}
				names[p.Name] = true
			}
			if tagged["@"+op.ID+".response"] == 0 {
				t.Errorf("no scenario is tagged @%s.response", op.ID)
			}
			for _, c := range op.Constraints() {
				switch {
				case c.In == "request" && tagged["@"+c.ID] == 0:
					t.Errorf("request constraint %s has no scenario", c.ID)
				case c.In == "error" && tagged["@"+c.ID] == 0 && provokable(op, c):
					t.Errorf("documented error %s, which a request rule's breach earns, has no scenario", c.ID)
				}
			}
		})
	}
}

// provokable: an error some request rule's breach earns, or the not-found a read of a
// resource no one made earns.
func provokable(op *specs.Operation, e specs.Constraint) bool {
	for _, c := range op.Constraints() {
		if c.In == "request" && c.Error == e.Error {
			return true
		}
	}
	return op.Method == "GET" && e.Status == 404
}

// TestPutWidgetFeatureReads pins what a reader of PutWidget's generated feature sees: the
// Background, named scenarios with their values, steps of the vocabulary.
func TestPutWidgetFeatureReads(t *testing.T) {
	_, widget := loadSpecs(t)
	text, _ := generated(t, widget)
	for _, want := range []string{
		"Feature: PutWidget\n",
		"awsJson1_0, POST / with X-Amz-Target: WidgetService.PutWidget",
		"Documented errors: ValidationException 400, InternalServerError 500.",
		"  Background:\n    Given a valid \"PutWidget\" request\n",
		"Scenario: name longer than 20 characters is rejected (21)\n" +
			"    Given the member \"name\" is set to a string of length 21\n" +
			"    When I send the request\n" +
			"    Then the request is rejected for breaking \"maxLength\" of \"$.name\"\n",
		"Scenario Outline: A missing size is rejected (<how>)",
		"| set to JSON null |",
		"Scenario Outline: colour of a documented value is accepted (<value>)",
		"@PutWidget.ratio.exclusiveMaximum @PutWidget.error.ValidationException\n  Scenario: ratio not below the exclusive maximum 1 is rejected\n" +
			"    Given the member \"ratio\" is set to JSON 1\n",
		"Then the request is rejected for breaking \"target\"",
		"Scenario: ValidationException names its type, status and message the awsJson1_0 way",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the feature lacks %q:\n%s", want, text)
		}
	}
}

// TestFeatureIsDeterministic: the same spec gives the same text, so a committed copy diffs
// cleanly against a new one.
func TestFeatureIsDeterministic(t *testing.T) {
	set, widget := loadSpecs(t)
	for _, op := range append(slices.Clone(set.Operations()), widget) {
		a, _ := generated(t, op)
		b, _ := generated(t, op)
		if a != b {
			t.Errorf("%s: two calls gave different features", op.ID)
		}
	}
}
