package steps_test

import (
	"bytes"
	"io/fs"
	"regexp"
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

// observedOnly are documented errors a correct target cannot be driven to on demand (a server
// fault, a permission the caller lacks, an asset that does not exist on the emulator): no
// scenario can provoke them, so the report covers them whenever a target answers with one
// (conformance's constraint table) instead of by tag. The list is explicit so that a new
// documented error needs a scenario or a deliberate entry here.
var observedOnly = map[string]bool{
	"StartConnection.error.AccessDeniedException":            true,
	"StartConnection.error.NotFoundException":                true,
	"StartConnection.error.InternalServerException":          true,
	"GetConnection.error.AccessDeniedException":              true,
	"GetConnection.error.InternalServerException":            true,
	"CreateConnection.error.DirectConnectServerException":    true,
	"DescribeConnections.error.DirectConnectServerException": true,
}

type pickle struct {
	file string
	*messages.Pickle
}

func (p pickle) tags() []string {
	out := make([]string, len(p.Tags))
	for i, t := range p.Tags {
		out[i] = t.Name
	}
	return out
}

// loadPickles parses every embedded feature file into scenarios (one per example row).
func loadPickles(t *testing.T) []pickle {
	t.Helper()
	paths, err := fs.Glob(features.FS, "*.feature")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no feature files: %v", err)
	}
	var out []pickle
	for _, p := range paths {
		data, err := fs.ReadFile(features.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		ids := (&messages.Incrementing{}).NewId
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), ids)
		if err != nil {
			t.Fatalf("%s does not parse: %v", p, err)
		}
		for _, pk := range gherkin.Pickles(*doc, p, ids) {
			out = append(out, pickle{file: p, Pickle: pk})
		}
	}
	return out
}

// withGenerated adds to the hand-written scenarios the generated ones of every operation that no
// feature file starts a valid request of (as plumb run does: package conformance).
func withGenerated(t *testing.T, set *specs.Set, hand []pickle) []pickle {
	t.Helper()
	valid := regexp.MustCompile(`^a valid "([^"]*)" request$`)
	covered := map[string]bool{}
	for _, p := range hand {
		for _, st := range p.Steps {
			if m := valid.FindStringSubmatch(st.Text); m != nil {
				covered[m[1]] = true
			}
		}
	}
	out := hand
	for _, op := range set.Operations() {
		if covered[op.ID] {
			continue
		}
		text, err := scenarios.Feature(op)
		if err != nil {
			t.Fatalf("%s: %v", op.ID, err)
		}
		ids := (&messages.Incrementing{}).NewId
		doc, err := gherkin.ParseGherkinDocument(strings.NewReader(text), ids)
		if err != nil {
			t.Fatalf("the generated feature of %s does not parse: %v", op.ID, err)
		}
		for _, pk := range gherkin.Pickles(*doc, scenarios.FileName(op), ids) {
			out = append(out, pickle{file: scenarios.FileName(op), Pickle: pk})
		}
	}
	return out
}

func TestEveryConstraintHasAScenario(t *testing.T) {
	set, err := specs.Load()
	if err != nil {
		t.Fatal(err)
	}
	tagged := map[string]int{}
	for _, p := range withGenerated(t, set, loadPickles(t)) {
		for _, tag := range p.tags() {
			tagged[tag]++
		}
	}
	for _, op := range set.Operations() {
		if tagged["@"+op.ID+".response"] == 0 {
			t.Errorf("no scenario is tagged @%s.response: its response shape is never judged", op.ID)
		}
		for _, c := range op.Constraints() {
			switch c.In {
			case "request":
				if tagged["@"+c.ID] == 0 {
					t.Errorf("request constraint %s (%s %s %s) has no scenario tagged @%s", c.ID, c.Path, c.Keyword, c.Value, c.ID)
				}
			case "error":
				if tagged["@"+c.ID] == 0 && !observedOnly[c.ID] {
					t.Errorf("documented error %s (%d) has no scenario tagged @%s", c.Error, c.Status, c.ID)
				}
				if tagged["@"+c.ID] > 0 && observedOnly[c.ID] {
					t.Errorf("%s is listed as observed-only but a scenario provokes it; drop it from the list", c.ID)
				}
			}
		}
	}
	for id := range observedOnly {
		if op, _, _ := strings.Cut(id, "."); set.Operation(op) == nil {
			t.Errorf("observed-only entry %s names no operation", id)
		}
	}
}

// TestTagsNameRealConstraints catches typos: a tag that looks like a constraint id must be one.
func TestTagsNameRealConstraints(t *testing.T) {
	set, err := specs.Load()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{steps.CreatesTag: true}
	for _, op := range set.Operations() {
		known["@"+op.ID+".response"] = true
		for _, c := range op.Constraints() {
			known["@"+c.ID] = true
		}
	}
	seen := map[string]bool{}
	for _, p := range loadPickles(t) {
		for _, tag := range p.tags() {
			if !known[tag] && !seen[tag] {
				seen[tag] = true
				t.Errorf("%s: scenario %q has tag %s, which names no constraint of the spec (typo?)", p.file, p.Name, tag)
			}
		}
	}
}

// TestEveryStepIsDefinedOnce: each step text of the suite matches exactly one expression of the
// vocabulary, so nothing is undefined and nothing ambiguous.
func TestEveryStepIsDefinedOnce(t *testing.T) {
	res := make([]*regexp.Regexp, len(steps.Patterns))
	for i, p := range steps.Patterns {
		res[i] = regexp.MustCompile(p)
	}
	for _, p := range loadPickles(t) {
		for _, st := range p.Steps {
			var matched []string
			for i, re := range res {
				if re.MatchString(st.Text) {
					matched = append(matched, steps.Patterns[i])
				}
			}
			if len(matched) != 1 {
				t.Errorf("%s: %q: step %q matches %d expressions %v", p.file, p.Name, st.Text, len(matched), matched)
			}
		}
	}
}

// TestCreatesTagMatchesTheSteps: a scenario expecting acceptance or starting connections is
// tagged @creates (so the live-AWS guard skips it before it sends), and only those are.
func TestCreatesTagMatchesTheSteps(t *testing.T) {
	creates := regexp.MustCompile(`^(the request is accepted|it reads back as created|the created resource is new and in its documented initial state|I create .*)$`)
	for _, p := range loadPickles(t) {
		writes := false
		for _, st := range p.Steps {
			writes = writes || creates.MatchString(st.Text)
		}
		tagged := false
		for _, tag := range p.tags() {
			tagged = tagged || tag == steps.CreatesTag
		}
		if writes != tagged {
			t.Errorf("%s: %q: creates resources=%v but tagged @creates=%v", p.file, p.Name, writes, tagged)
		}
	}
}

// TestScenarioNamesAreUnique: report rows (and JUnit test cases) are told apart by name within
// a feature, so every outline puts an example value in its name.
func TestScenarioNamesAreUnique(t *testing.T) {
	seen := map[string][]string{}
	for _, p := range loadPickles(t) {
		k := p.file + "\x00" + p.Name
		seen[k] = append(seen[k], p.Id)
	}
	var dup []string
	for k, v := range seen {
		if len(v) > 1 {
			dup = append(dup, strings.ReplaceAll(k, "\x00", ": "))
		}
	}
	sort.Strings(dup)
	if len(dup) > 0 {
		t.Errorf("scenarios sharing a name within a feature (put an example value in the outline's name): %v", dup)
	}
}
