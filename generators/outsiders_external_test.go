package generators_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/plumbhq/plumb/generators"
)

// A pattern break puts in one outsider of each family in Boundary: for \w, a character just
// outside a class edge, a separator, other punctuation, a letter of another script, white space
// and a look-alike; each breaks the pattern and nothing else.
func TestBoundaryBreaksAPatternWithEveryFamilyOfOutsider(t *testing.T) {
	op := loadSet(t).Operation("StartConnection")
	re := regexp.MustCompile(`^(\w+)$`)
	got := map[string]string{}
	for _, c := range generators.Boundary(op.Input, generators.Options{Rules: op.Rules}) {
		if c.Valid || c.Path != "$.AssetId" || c.Keyword != "pattern" {
			continue
		}
		v, _ := c.Value.(map[string]any)["AssetId"].(string)
		if re.MatchString(v) || v == "" || len(c.Also) > 0 {
			t.Errorf("%s: %q does not break the pattern alone (also %v)", c.Note, v, c.Also)
		}
		_, family, _ := strings.Cut(c.Note, ": ")
		got[family] = v
	}
	for family, want := range map[string]func(rune) bool{
		"a character just outside one of its classes": func(r rune) bool { return strings.ContainsRune("/:@[^`{", r) },
		"a separator":                         func(r rune) bool { return strings.ContainsRune("-.:/@+=", r) },
		"other ASCII punctuation":             func(r rune) bool { return r < 0x80 && (unicode.IsPunct(r) || unicode.IsSymbol(r)) },
		"a letter or digit of another script": func(r rune) bool { return r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) },
		"white space or a control character":  func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) },
		"a symbol or look-alike":              func(r rune) bool { return r >= 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r) },
	} {
		v, ok := got[family]
		if !ok {
			t.Errorf("no Boundary pattern break with %s (have %v)", family, got)
			continue
		}
		found := false
		for _, r := range v {
			found = found || !re.MatchString(string(r)) && want(r)
		}
		if !found {
			t.Errorf("%s: %q holds no such outsider", family, v)
		}
	}
}

// The edge family is computed from the pattern: for [b-y] the outsiders next to it are a and z.
func TestPatternBreakAtAClassEdge(t *testing.T) {
	s := openapi3.NewObjectSchema().WithProperty("p", openapi3.NewStringSchema().WithMinLength(3).WithMaxLength(3).WithPattern(`^[b-y]{3}$`))
	s.Required = []string{"p"}
	seen := false
	for _, c := range generators.Boundary(s, generators.Options{}) {
		if c.Valid || c.Keyword != "pattern" || !strings.Contains(c.Note, "just outside") {
			continue
		}
		seen = true
		v := c.Value.(map[string]any)["p"].(string)
		if len(v) != 3 || !strings.ContainsAny(v, "az") || strings.Trim(v, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Errorf("edge break %q: want three letters of [a-z] with an a or z", v)
		}
	}
	if !seen {
		t.Fatal("no pattern break at a class edge")
	}
}

// Drawn pattern breaks of a \w member bring both a separator such as '-' and a letter of
// another script, often: the two ways \w is most often loosened ([\w-], \p{L}).
func TestInvalidPatternBreaksDrawSeparatorsAndOtherScripts(t *testing.T) {
	op := loadSet(t).Operation("StartConnection")
	gen := generators.Invalid(op.Input, generators.Options{Rules: op.Rules,
		Focus: &generators.Focus{Path: "$.AssetId", Keyword: "pattern"}})
	dash := regexp.MustCompile(`^([\w-]+)$`)
	letters := regexp.MustCompile(`^([\p{L}\p{N}_]+)$`)
	word := regexp.MustCompile(`^(\w+)$`)
	nDash, nLetter := 0, 0
	const draws = 300
	for i := 0; i < draws; i++ {
		v, _ := gen.Example(i).Value.(map[string]any)["AssetId"].(string)
		if word.MatchString(v) {
			t.Fatalf("draw %d: %q matches the pattern", i, v)
		}
		if dash.MatchString(v) {
			nDash++
		}
		if letters.MatchString(v) {
			nLetter++
		}
	}
	if nDash < draws/50 || nLetter < draws/50 {
		t.Errorf("in %d pattern breaks of AssetId: %d only add '-', %d only add a non-ASCII letter or digit; want at least %d each",
			draws, nDash, nLetter, draws/50)
	}
}
