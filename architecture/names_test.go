package architecture_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/plumbhq/plumb/specs"
)

// engine lists the packages that must work for any spec: they name no operation and no member.
var engine = []string{"check", "steps", "fuzz", "generators", "conformance", "report", "target", "protocol", "verdict", "baseline", "scenarios", "jsonpath", "merge", "secret"}

// specNames returns the embedded specs' operation ids, and their input and output member names
// split in two: distinctive names (any uppercase letter: AssetId, connectionId) and plain
// lowercase words (tags, key, location), which are also ordinary English.
func specNames(t *testing.T) (ops, distinctive, plain map[string]bool) {
	set, err := specs.Load()
	if err != nil {
		t.Fatal(err)
	}
	ops, distinctive, plain = map[string]bool{}, map[string]bool{}, map[string]bool{}
	var walk func(s *openapi3.Schema, seen map[*openapi3.Schema]bool)
	walk = func(s *openapi3.Schema, seen map[*openapi3.Schema]bool) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for name, p := range s.Properties {
			if strings.ToLower(name) == name {
				plain[name] = true
			} else {
				distinctive[name] = true
			}
			if p != nil {
				walk(p.Value, seen)
			}
		}
		if s.Items != nil {
			walk(s.Items.Value, seen)
		}
	}
	for _, op := range set.Operations() {
		ops[op.ID] = true
		walk(op.Input, map[*openapi3.Schema]bool{})
		walk(op.Output, map[*openapi3.Schema]bool{})
	}
	return ops, distinctive, plain
}

func wordRE(words map[string]bool) *regexp.Regexp {
	quoted := make([]string, 0, len(words))
	for _, w := range slices.Sorted(maps.Keys(words)) {
		quoted = append(quoted, regexp.QuoteMeta(w))
	}
	return regexp.MustCompile(`\b(` + strings.Join(quoted, "|") + `)\b`)
}

// notMembers are strings that spell a member name but mean something else (file and string).
var notMembers = map[string]bool{
	"failures.go location": true, // the HTTP Location header, kept in terminal examples
	"feature.go value":     true, // the "value" column of a generated Examples table
	"render.go value":      true, // the same column
}

// memberRefRE matches a plain-word member used as one in a string: the whole string, quoted
// ("key"), or a step of a JSON path ($.tags, .key, [*].value).
func memberRefRE(words map[string]bool) *regexp.Regexp {
	quoted := make([]string, 0, len(words))
	for _, w := range slices.Sorted(maps.Keys(words)) {
		quoted = append(quoted, regexp.QuoteMeta(w))
	}
	alt := strings.Join(quoted, "|")
	return regexp.MustCompile(`^(` + alt + `)$|"(` + alt + `)"|(\$|\]|\w)\.(` + alt + `)\b`)
}

// TestTheEngineNamesNoOperationOrMember: outside tests and testdata, no file of the engine
// packages names an operation or a distinctive member name (anywhere, comments included), and
// no string uses a plain-word member name as a member (a name that is also an English word,
// such as key or state, may still appear in prose).
func TestTheEngineNamesNoOperationOrMember(t *testing.T) {
	ops, distinctive, plain := specNames(t)
	everywhere := map[string]bool{}
	maps.Copy(everywhere, ops)
	maps.Copy(everywhere, distinctive)
	anywhere, inCode := wordRE(everywhere), memberRefRE(plain)
	fset := token.NewFileSet()
	for _, dir := range engine {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rel := strings.TrimPrefix(file, "../")
			for i, line := range strings.Split(string(src), "\n") {
				if m := anywhere.FindString(line); m != "" {
					t.Errorf("%s:%d names %q: %s", rel, i+1, m, strings.TrimSpace(line))
				}
			}
			f, err := parser.ParseFile(fset, file, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			tags := map[*ast.BasicLit]bool{}
			ast.Inspect(f, func(n ast.Node) bool {
				if fld, ok := n.(*ast.Field); ok && fld.Tag != nil {
					tags[fld.Tag] = true
				}
				return true
			})
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING || tags[lit] {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					s = lit.Value
				}
				if m := inCode.FindString(s); m != "" && !notMembers[filepath.Base(file)+" "+s] {
					t.Errorf("%s: string literal %s names the member %q", fset.Position(lit.Pos()), lit.Value, m)
				}
				return true
			})
		}
	}
}
