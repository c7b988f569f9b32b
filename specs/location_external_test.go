package specs_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/specs"
)

// Every constraint of the embedded specs is located at the line that states it: the line holds
// the constraint's keyword (or, for what is not a schema keyword, what states it).
func TestLocationPointsAtTheKeywordLine(t *testing.T) {
	set := load(t)
	lines := map[string][]string{}
	for _, f := range specs.Files {
		raw, err := specs.Raw(f)
		require.NoError(t, err)
		lines["specs/"+f] = strings.Split(string(raw), "\n")
	}
	at := func(t *testing.T, id string) string {
		t.Helper()
		file, line, ok := set.Location(id)
		require.True(t, ok, id)
		require.Contains(t, lines, file, "%s: the repository path of an embedded spec", id)
		require.True(t, line >= 1 && line <= len(lines[file]), "%s: line %d", id, line)
		return lines[file][line-1]
	}
	n := 0
	for _, op := range set.Operations() {
		assert.Contains(t, at(t, op.ID), "operationId: "+op.ID)
		for _, c := range op.Constraints() {
			text, member := at(t, c.ID), c.Path[strings.LastIndexAny(c.Path, ".]")+1:]
			switch c.Keyword {
			case "required": // the member's entry in its object's list, or a path label's parameter
				assert.Contains(t, text, "required", c.ID)
				assert.True(t, strings.Contains(text, member) || strings.Contains(text, "required: true"), "%s: %q", c.ID, text)
			case "json":
				assert.Contains(t, text, "schema:", c.ID)
			case "contentType":
				assert.Contains(t, text, c.Value+":", c.ID)
			case "target":
				assert.Contains(t, text, "x-aws-target:", c.ID)
			case "status":
				assert.Contains(t, text, "200", c.ID)
			case "error":
				assert.Contains(t, text, "x-aws-errors:", c.ID)
			case "uniqueKeys", "maxItems":
				if c.In == "request" && strings.Contains(text, "x-plumb-rules") {
					break // a rule of x-plumb-rules
				}
				assert.Contains(t, text, c.Keyword+":", c.ID)
			default:
				assert.Contains(t, text, c.Keyword+":", c.ID)
			}
			n++
		}
	}
	assert.Greater(t, n, 100)
	assert.Contains(t, at(t, "StartConnection.AssetId.maxLength"), "maxLength: 100")

	_, _, ok := set.Location("StartConnection.NoSuchMember.maxLength")
	assert.False(t, ok)
	_, _, ok = set.Location("NoSuchOperation")
	assert.False(t, ok)
}
