package conformance

import (
	"fmt"
	"io/fs"
	"regexp"
	"sync"

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
// without one. plumb's own feature files (builtin) are about the embedded specs' contracts: one
// whose operations set holds with another contract, or does not hold at all (a brought spec
// replaced them), is left out, and those operations get generated features; a scenario of a
// kept one naming such an operation in passing (a flow) is skipped (ownFit).
func suiteFiles(fsys fs.FS, set *specs.Set, filesOnly, builtin bool) ([]godog.Feature, *ownFit, error) {
	paths, err := featurePaths(fsys)
	if err != nil {
		return nil, nil, err
	}
	var files []godog.Feature
	covered := map[string]bool{}
	fit := &ownFit{set: set, builtin: map[string]bool{}}
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, nil, fmt.Errorf("conformance: %w", err)
		}
		f := godog.Feature{Name: p, Contents: data}
		doc, _, err := parseFeature(f)
		if err != nil {
			return nil, nil, err
		}
		about := coveredBy(doc)
		if builtin {
			if !fit.keeps(about, named(doc)) {
				continue // plumb's own feature about the embedded specs, run with a brought spec instead
			}
			fit.builtin[p] = true
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
				return nil, nil, fmt.Errorf("conformance: no feature file covers %s and its scenarios cannot be generated: %w", op.ID, err)
			}
			files = append(files, godog.Feature{Name: scenarios.FileName(op), Contents: []byte(text)})
		}
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("conformance: no .feature files found")
	}
	return files, fit, nil
}

// ownFit tells which of plumb's own feature files and scenarios fit the specs under test. They
// are written for the embedded specs' contracts; a brought spec stating another contract for
// an operation (one derived from a model, without the documents' example, rules or flows) would
// fail their premises and blame the target for plumb's mismatch.
type ownFit struct {
	set     *specs.Set
	builtin map[string]bool // the paths of plumb's own feature files in the suite

	mu      sync.Mutex      // scenarios start concurrently (Config.Concurrency)
	answers map[string]bool // differs, by operation
}

// embeddedSpecs are plumb's own specs, loaded once per process (a selftest runs the suite once
// per fault).
var embeddedSpecs = sync.OnceValues(specs.Load)

// differs reports whether set holds op with a contract other than the embedded spec's
// (specs.Operation.SameContract).
func (f *ownFit) differs(op string) bool {
	o := f.set.Operation(op)
	if o == nil {
		return false // not held: the steps skip such scenarios (notInSpecs)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.answers[op]; ok {
		return d
	}
	embedded, err := embeddedSpecs()
	d := err != nil || !o.SameContract(embedded.Operation(op))
	if f.answers == nil {
		f.answers = map[string]bool{}
	}
	f.answers[op] = d
	return d
}

// keeps reports whether one of plumb's own feature files, about the operations of about and
// naming those of named in its steps, runs: set holds one of them at least with the embedded
// contract, and every operation the file is about that set holds has that contract.
func (f *ownFit) keeps(about, named []string) bool {
	fits := false
	for _, op := range about {
		if f.differs(op) {
			return false
		}
		fits = fits || f.set.Operation(op) != nil
	}
	for _, op := range named {
		fits = fits || (f.set.Operation(op) != nil && !f.differs(op))
	}
	return fits
}

// skip says why a scenario of plumb's own feature files does not run ("" when it does): one of
// its steps names an operation set holds with another contract.
func (f *ownFit) skip(p *godog.Scenario) string {
	if f == nil || !f.builtin[p.Uri] {
		return ""
	}
	for _, st := range p.Steps {
		for _, m := range namedRequest.FindAllStringSubmatch(st.Text, -1) {
			if f.differs(m[1]) {
				return fmt.Sprintf("plumb's own scenario, written for the embedded spec of %s; the spec under test states another contract for it (its own scenarios are generated from that spec)", m[1])
			}
		}
	}
	return ""
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
