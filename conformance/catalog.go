package conformance

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
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

// featurePaths lists the .feature files of fsys, sorted.
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
	if len(out) == 0 {
		return nil, fmt.Errorf("conformance: no .feature files found")
	}
	sort.Strings(out)
	return out, nil
}

// loadCatalog parses every feature file; a file that does not parse is a configuration error.
func loadCatalog(fsys fs.FS, paths []string) (*catalog, error) {
	c := &catalog{paths: paths, entries: map[string]entry{}}
	order := 0
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("conformance: %w", err)
		}
		ids := (&messages.Incrementing{}).NewId
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), ids)
		if err != nil {
			return nil, fmt.Errorf("conformance: %s: %w", p, err)
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
