package conformance

import (
	"fmt"
	"io/fs"
	"regexp"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"

	"github.com/plumbhq/plumb/scenarios"
	"github.com/plumbhq/plumb/specs"
)

// validRequest is the step a feature about one operation starts from (the steps vocabulary's
// `a valid "<Operation>" request`): a feature holding it covers that operation.
var validRequest = regexp.MustCompile(`^a valid "([^"]*)" request$`)

// namedRequest is any step naming valid requests of an operation (a flow's "I create 10
// resources with valid "X" requests").
var namedRequest = regexp.MustCompile(`\bvalid "([^"]*)" requests?\b`)

// suiteFiles reads the feature files of fsys and, unless filesOnly, adds the feature generated
// from the spec (package scenarios) of every operation of set that no feature file covers: one
// named after it, or holding a step starting a valid request of it. A user's feature file thus
// replaces the generated one of its operation, and an operation of a new spec is exercised
// without one. plumb's own feature files (builtin) are about the embedded specs: one about no
// operation of set (a brought spec replaced them) is left out.
func suiteFiles(fsys fs.FS, set *specs.Set, filesOnly, builtin bool) ([]godog.Feature, error) {
	paths, err := featurePaths(fsys)
	if err != nil {
		return nil, err
	}
	var files []godog.Feature
	covered := map[string]bool{}
	var embedded *specs.Set // loaded at the first of plumb's own feature files
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("conformance: %w", err)
		}
		f := godog.Feature{Name: p, Contents: data}
		doc, _, err := parseFeature(f)
		if err != nil {
			return nil, err
		}
		about := coveredBy(doc)
		if builtin && !ownFeatureFits(append(about, named(doc)...), set, &embedded) {
			continue // plumb's own feature about the embedded specs, run with a brought spec instead
		}
		for _, op := range about {
			covered[op] = true
		}
		files = append(files, f)
	}
	if !filesOnly {
		for _, op := range set.Operations() {
			if covered[op.ID] {
				continue
			}
			text, err := scenarios.Feature(op)
			if err != nil {
				return nil, fmt.Errorf("conformance: no feature file covers %s and its scenarios cannot be generated: %w", op.ID, err)
			}
			files = append(files, godog.Feature{Name: scenarios.FileName(op), Contents: []byte(text)})
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("conformance: no .feature files found")
	}
	return files, nil
}

// ownFeatureFits reports whether one of plumb's own feature files, about the operations of
// about, runs against set: set holds one of them at least, and every one it holds states the
// contract of the embedded spec the feature was written for (specs.Operation.SameContract).
// A brought spec stating another contract (a spec derived from a model without the documents'
// example, rules or flows) gets its scenarios generated from it instead: a hand-written
// scenario whose premise that spec does not give would blame the target for plumb's mismatch.
func ownFeatureFits(about []string, set *specs.Set, embedded **specs.Set) bool {
	if *embedded == nil {
		e, err := specs.Load()
		if err != nil {
			return false
		}
		*embedded = e
	}
	held := false
	for _, op := range about {
		o := set.Operation(op)
		if o == nil {
			continue
		}
		held = true
		if !o.SameContract((*embedded).Operation(op)) {
			return false
		}
	}
	return held
}

// coveredBy lists the operations a feature is about: its name, and each operation one of its
// steps starts a valid request of.
func coveredBy(doc *messages.GherkinDocument) []string {
	if doc == nil || doc.Feature == nil {
		return nil
	}
	return append([]string{doc.Feature.Name}, stepOperations(doc, validRequest)...)
}

// named lists every operation a feature's steps send valid requests of, flows included: a
// feature fits a spec only if each of them states the contract it was written for.
func named(doc *messages.GherkinDocument) []string {
	if doc == nil || doc.Feature == nil {
		return nil
	}
	return stepOperations(doc, namedRequest)
}

// stepOperations lists the operations re's first group finds in the feature's steps.
func stepOperations(doc *messages.GherkinDocument, re *regexp.Regexp) []string {
	var out []string
	steps := func(bg *messages.Background, sc *messages.Scenario) {
		var ss []*messages.Step
		if bg != nil {
			ss = bg.Steps
		}
		if sc != nil {
			ss = sc.Steps
		}
		for _, st := range ss {
			for _, m := range re.FindAllStringSubmatch(st.Text, -1) {
				out = append(out, m[1])
			}
		}
	}
	for _, ch := range doc.Feature.Children {
		steps(ch.Background, ch.Scenario)
		if ch.Rule != nil {
			for _, rc := range ch.Rule.Children {
				steps(rc.Background, rc.Scenario)
			}
		}
	}
	return out
}
