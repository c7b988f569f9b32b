package specs_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

func TestCreatedIsDeclaredWhereTheDocumentsSaySo(t *testing.T) {
	set := load(t)
	create := set.Operation("CreateConnection").Created
	require.NotNil(t, create)
	require.NotNil(t, create.ID)
	assert.Equal(t, "$.connectionId", create.ID.Member)
	assert.Contains(t, create.ID.Source, "003_2a61f470e1a4f5ca.txt")
	require.Len(t, create.Initial, 1)
	assert.Equal(t, "$.connectionState", create.Initial[0].Member)
	assert.Equal(t, "requested", create.Initial[0].Value)
	assert.Contains(t, create.Initial[0].Source, "aws-protocols.md")
	assert.NotNil(t, create.Initial[0].Schema, "the member's schema is resolved at load")

	start := set.Operation("StartConnection").Created
	require.NotNil(t, start)
	require.NotNil(t, start.ID)
	assert.Equal(t, "$.ConnectionId", start.ID.Member)
	assert.Empty(t, start.Initial)
	assert.Nil(t, set.Operation("GetConnection").Created, "a read creates nothing")
}

// The response tags have the request's Tag shape: one shape in the service model.
func TestResponseTagsHaveTheRequestShape(t *testing.T) {
	create := load(t).Operation("CreateConnection")
	assert.Same(t, create.Input.Properties["tags"].Value.Items.Value, create.Output.Properties["tags"].Value.Items.Value)
	assert.EqualValues(t, 1, create.Output.Properties["tags"].Value.MinItems)
	for _, kw := range []string{"minItems", "required", "minLength", "maxLength", "pattern"} {
		found := false
		for _, c := range create.Constraints() {
			found = found || c.In == "response" && strings.HasPrefix(c.Path, "$.tags") && c.Keyword == kw
		}
		assert.True(t, found, "no response constraint on the tags with %s", kw)
	}
}

// parseDX loads directconnect.yaml with its x-plumb-created block replaced.
func parseDX(t *testing.T, block string) error {
	t.Helper()
	raw, err := specs.Raw("directconnect.yaml")
	require.NoError(t, err)
	doc := string(raw)
	start := strings.Index(doc, "      x-plumb-created:\n")
	end := strings.Index(doc, "      x-aws-errors:\n")
	require.True(t, start > 0 && end > start, "directconnect.yaml has no x-plumb-created block before x-aws-errors")
	doc = doc[:start] + block + doc[end:]
	_, err = specs.Parse([]string{"directconnect.yaml"}, map[string][]byte{"directconnect.yaml": []byte(doc)})
	return err
}

func TestCreatedIsValidatedAtLoad(t *testing.T) {
	require.NoError(t, parseDX(t, ""), "x-plumb-created is optional")
	require.NoError(t, parseDX(t, `      x-plumb-created:
        source: s
        id: {member: $.connectionId, source: s}
`))
	for name, c := range map[string]struct{ block, want string }{
		"unknown key": {`      x-plumb-created:
        source: s
        ids: {member: $.connectionId, source: s}
`, "unknown field"},
		"no source": {`      x-plumb-created:
        id: {member: $.connectionId, source: s}
`, "needs a source"},
		"nothing declared": {`      x-plumb-created:
        source: s
`, "neither an id nor an initial value"},
		"id not in the body": {`      x-plumb-created:
        source: s
        id: {member: $.connectionID, source: s}
`, "no member connectionID"},
		"id not a string": {`      x-plumb-created:
        source: s
        id: {member: $.vlan, source: s}
`, "not a string member"},
		"id without source": {`      x-plumb-created:
        source: s
        id: {member: $.connectionId}
`, "needs a source"},
		"list path": {`      x-plumb-created:
        source: s
        id: {member: '$.tags[*].key', source: s}
`, "object members only"},
		"value outside the enum": {`      x-plumb-created:
        source: s
        initial:
          - {member: $.connectionState, value: new, source: s}
`, "breaks the member's own schema"},
		"value missing": {`      x-plumb-created:
        source: s
        initial:
          - {member: $.connectionState, source: s}
`, "needs a value"},
		"member twice": {`      x-plumb-created:
        source: s
        initial:
          - {member: $.connectionState, value: requested, source: s}
          - {member: $.connectionState, value: requested, source: s}
`, "listed twice"},
	} {
		t.Run(name, func(t *testing.T) {
			err := parseDX(t, c.block)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "CreateConnection")
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestValueAtAndMemberNames(t *testing.T) {
	doc := map[string]any{"a": map[string]any{"b": "x", "n": nil}, "s": "y"}
	v, ok := jsonpath.Get(doc, "$.a.b")
	assert.True(t, ok)
	assert.Equal(t, "x", v)
	_, ok = jsonpath.Get(doc, "$.a.n")
	assert.False(t, ok, "null is absent")
	_, ok = jsonpath.Get(doc, "$.s.t")
	assert.False(t, ok)
	v, ok = jsonpath.Get(doc, "s")
	assert.True(t, ok, "the leading $. may be left out, as steps write paths")
	assert.Equal(t, "y", v)
	assert.Equal(t, "b", specs.MemberName("$.a.b"))

	names := load(t).Operation("CreateConnection").MemberNames()
	for _, n := range []string{"location", "tags", "key", "value", "connectionId", "connectionState", "secretARN"} {
		assert.True(t, names[n], n)
	}
	assert.False(t, names["plumbUnknown1"])
}
