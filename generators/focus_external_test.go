package generators_test

import (
	"testing"

	"github.com/plumbhq/plumb/generators"
)

// A focused Invalid generator breaks only the named rule, and reaches it on every draw.
func TestInvalidFocusBreaksOnlyTheNamedRule(t *testing.T) {
	set := loadSet(t)
	for _, f := range []struct{ op, path, keyword string }{
		{"StartConnection", "$.AssetId", "maxLength"},
		{"StartConnection", "$.NetworkInterfaceDeviceIndex", "maximum"},
		{"CreateConnection", "$.tags[*].key", "pattern"},
		{"CreateConnection", "$.tags", "uniqueKeys"},
		{"GetConnection", "$.ConnectionId", "pattern"},
	} {
		op := set.Operation(f.op)
		gen := generators.Invalid(op.Input, generators.Options{Rules: op.Rules,
			Focus: &generators.Focus{Path: f.path, Keyword: f.keyword}})
		for i := 0; i < 50; i++ {
			c := gen.Example(i)
			if c.Path != f.path || c.Keyword != f.keyword {
				t.Fatalf("%s focus %s %s drew %s %s", f.op, f.path, f.keyword, c.Path, c.Keyword)
			}
		}
	}
}
