package scenarios_test

import (
	"os"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/scenarios"
	"github.com/plumbhq/plumb/specs"
)

// TestTableCellsKeepEveryCharacter: a base input holding "|" and "\" goes through an Examples
// table (the malformed-body outline) and comes back from the Gherkin parser unchanged.
func TestTableCellsKeepEveryCharacter(t *testing.T) {
	raw, err := os.ReadFile("../specs/testdata/widgets-awsjson10.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(raw), "              $ref: '#/components/schemas/PutWidgetInput'\n",
		"              $ref: '#/components/schemas/PutWidgetInput'\n"+
			"            example: {name: w, size: 1, colour: red, note: 'a|b\\c'}\n", 1)
	doc = strings.Replace(doc, "        colour: {type: string, enum: [red, green, blue]}\n",
		"        colour: {type: string, enum: [red, green, blue]}\n        note: {type: string}\n", 1)
	set, err := specs.Parse([]string{"w.yaml"}, map[string][]byte{"w.yaml": []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	op := set.Operation("PutWidget")
	if op.Example()["note"] != `a|b\c` {
		t.Fatalf("the test spec's example is %v", op.Example())
	}
	_, pickles := generated(t, op)
	want := `the body is: {"colour":"red","name":"w","note":"a|b\\c","size":1} x`
	for _, p := range pickles {
		if strings.HasSuffix(p.Name, "(trailing garbage)") {
			if got := p.Steps[1].Text; got != want {
				t.Errorf("step %q, want %q", got, want)
			}
			return
		}
	}
	text, _ := scenarios.Feature(op)
	t.Fatalf("no trailing-garbage scenario:\n%s", text)
}
