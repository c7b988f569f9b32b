package conformance

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"
)

// catalog is what the feature files say about each scenario, read independently of godog so the
// report can name example rows and keep the files' order whatever the concurrency.
type catalog struct {
	paths   []string         // feature files, sorted
	entries map[string]entry // by pickleKey
}

type entry struct {
	order   int    // position in the files
	feature string // the feature's name
	example string // "header=value, ..." for an example row; "" for a plain scenario
	name    string // the name the reports give the scenario (scenarioName)
}

// QualifiedName is a scenario's unique name, as --scenario takes it: "Feature: name".
func QualifiedName(feature, name string) string { return feature + ": " + name }

// selects reports whether the --scenario selector sel picks e.
func (e entry) selects(sel string) bool {
	return sel == e.name || sel == QualifiedName(e.feature, e.name)
}

// selected counts the scenarios sel picks.
func (c *catalog) selected(sel string) int {
	n := 0
	for _, e := range c.entries {
		if e.selects(sel) {
			n++
		}
	}
	return n
}

// featurePaths lists the .feature files of fsys, sorted (none is not an error here: the
// suite may be all generated).
func featurePaths(fsys fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".feature" {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("conformance: reading feature files: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// loadCatalog parses every feature of the suite; one that does not parse is a configuration
// error.
func loadCatalog(files []godog.Feature) (*catalog, error) {
	c := &catalog{entries: map[string]entry{}}
	order := 0
	for _, f := range files {
		p := f.Name
		c.paths = append(c.paths, p)
		doc, ids, err := parseFeature(f)
		if err != nil {
			return nil, err
		}
		if doc.Feature == nil {
			continue
		}
		rows := exampleRows(doc.Feature)
		for _, pk := range gherkin.Pickles(*doc, p, ids) {
			e := entry{order: order, feature: doc.Feature.Name}
			order++
			if len(pk.AstNodeIds) > 1 {
				e.example = rows[pk.AstNodeIds[len(pk.AstNodeIds)-1]]
			}
			e.name = scenarioName(pk.Name, e.example)
			c.entries[pickleKey(p, pk)] = e
		}
	}
	return c, nil
}

// parseFeature parses one feature of the suite and returns the id generator it used, so that
// pickles compiled from it get ids of the same sequence.
func parseFeature(f godog.Feature) (*messages.GherkinDocument, func() string, error) {
	ids := (&messages.Incrementing{}).NewId
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(f.Contents), ids)
	if err != nil {
		return nil, nil, fmt.Errorf("conformance: %s: %w", f.Name, err)
	}
	return doc, ids, nil
}

// lookup finds a godog pickle's entry; a pickle the catalog lacks sorts last.
func (c *catalog) lookup(p *messages.Pickle) entry {
	if e, ok := c.entries[pickleKey(p.Uri, p)]; ok {
		return e
	}
	return entry{order: len(c.entries), feature: p.Uri, name: p.Name}
}

// pickleKey identifies a pickle by content, not by the ids a parser hands out.
func pickleKey(uri string, p *messages.Pickle) string {
	var b strings.Builder
	b.WriteString(uri)
	b.WriteByte(0)
	b.WriteString(p.Name)
	for _, s := range p.Steps {
		b.WriteByte(0)
		b.WriteString(s.Text)
	}
	return b.String()
}

// exampleRows maps each Examples row id to "header=value, ...".
func exampleRows(f *messages.Feature) map[string]string {
	out := map[string]string{}
	var scenarios []*messages.Scenario
	for _, ch := range f.Children {
		if ch.Scenario != nil {
			scenarios = append(scenarios, ch.Scenario)
		}
		if ch.Rule != nil {
			for _, rc := range ch.Rule.Children {
				if rc.Scenario != nil {
					scenarios = append(scenarios, rc.Scenario)
				}
			}
		}
	}
	for _, sc := range scenarios {
		for _, ex := range sc.Examples {
			if ex.TableHeader == nil {
				continue
			}
			for _, row := range ex.TableBody {
				parts := make([]string, 0, len(row.Cells))
				for i, cell := range row.Cells {
					if i < len(ex.TableHeader.Cells) {
						parts = append(parts, ex.TableHeader.Cells[i].Value+"="+cell.Value)
					}
				}
				out[row.Id] = strings.Join(parts, ", ")
			}
		}
	}
	return out
}
