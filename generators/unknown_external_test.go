package generators_test

import (
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/plumbhq/plumb/generators"
)

// ValidWithUnknown's documents are valid, and some carry one top-level member that none of the
// taken names use (whatever their case), valued a string, a number or an object.
func TestValidWithUnknownAddsAMemberNoSchemaNames(t *testing.T) {
	for _, op := range loadSet(t).Operations() {
		t.Run(op.ID, func(t *testing.T) {
			taken := op.MemberNames()
			taken["PLUMBUNKNOWN7"] = true // a taken name in another case must be avoided too
			gen := generators.ValidWithUnknown(op.Input, generators.Options{Rules: op.Rules}, taken)
			s := subject{op.ID, op.Input, op.Rules}
			kinds := map[string]int{}
			withExtra := 0
			const n = 400
			for i := 0; i < n; i++ {
				doc := gen.Example(i)
				if vs := violations(s, doc); len(vs) > 0 {
					t.Fatalf("document %d has violations %v: %#v", i, vs, doc)
				}
				var extra []string
				for name := range doc.(map[string]any) {
					if _, known := op.Input.Properties[name]; !known {
						extra = append(extra, name)
					}
				}
				if len(extra) > 1 {
					t.Fatalf("document %d has %d unknown members %v", i, len(extra), extra)
				}
				if len(extra) == 0 {
					continue
				}
				withExtra++
				name := extra[0]
				for k := range taken {
					if strings.EqualFold(k, name) {
						t.Fatalf("unknown member %q is a name the operation uses (%s)", name, k)
					}
				}
				switch doc.(map[string]any)[name].(type) {
				case string:
					kinds["string"]++
				case float64:
					kinds["number"]++
				case map[string]any:
					kinds["object"]++
				default:
					t.Fatalf("unknown member %q has value %#v", name, doc.(map[string]any)[name])
				}
			}
			if withExtra < n/10 || withExtra > n/2 {
				t.Errorf("%d of %d documents carry an unknown member; want about one in four", withExtra, n)
			}
			if len(kinds) != 3 {
				t.Errorf("unknown member values %v: want strings, numbers and objects", kinds)
			}
		})
	}
}

// The documents with an unknown member are otherwise Valid's: the same seed draws the same
// known members.
func TestValidWithUnknownKeepsValidsDocuments(t *testing.T) {
	op := loadSet(t).Operation("CreateConnection")
	o := generators.Options{Rules: op.Rules}
	plain, forms := generators.Valid(op.Input, o), generators.ValidWithUnknown(op.Input, o, op.MemberNames())
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.IntRange(0, 1<<30).Draw(rt, "seed")
		a, b := plain.Example(seed).(map[string]any), forms.Example(seed).(map[string]any)
		for k, v := range a {
			if _, ok := b[k]; !ok {
				rt.Fatalf("seed %d: member %s (%v) missing with the unknown-member generator", seed, k, v)
			}
		}
	})
}
