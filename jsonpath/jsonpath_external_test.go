package jsonpath_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/jsonpath"
)

func TestParseAndString(t *testing.T) {
	for in, want := range map[string]string{
		"$.a": "$.a", "a.b": "$.a.b", "$.list[3].key": "$.list[3].key", "list[*].key": "$.list[*].key",
	} {
		steps, err := jsonpath.Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, jsonpath.String(steps))
	}
	for _, bad := range []string{"$", "", "$.a[", "$.a[x]", "$.a..b", "$.[1]", "$.a[-1]"} {
		_, err := jsonpath.Parse(bad)
		assert.Error(t, err, bad)
	}
	assert.Equal(t, "$.tags[*].key", jsonpath.Generic("$.tags[12].key"))
	assert.Equal(t, "tags", jsonpath.Member("$.tags[0].key"))
	assert.Equal(t, "tags", jsonpath.Member("tags"))
	assert.Equal(t, "$.a.b[2].c", jsonpath.FromPointer([]string{"a", "b", "2", "c"}))
}

func TestGetSetDelete(t *testing.T) {
	doc := map[string]any{"a": map[string]any{"b": 1.0}, "list": []any{map[string]any{"k": "v"}}, "n": nil}
	v, ok := jsonpath.Get(doc, "$.a.b")
	assert.True(t, ok)
	assert.Equal(t, 1.0, v)
	v, ok = jsonpath.Get(doc, "list[0].k")
	assert.True(t, ok)
	assert.Equal(t, "v", v)
	for _, absent := range []string{"$.n", "$.x", "$.list[1].k", "$.list[*].k", "$.a.b.c"} {
		_, ok := jsonpath.Get(doc, absent)
		assert.False(t, ok, absent)
	}

	require.NoError(t, jsonpath.Set(doc, "$.x.y", "new"))
	v, _ = jsonpath.Get(doc, "$.x.y")
	assert.Equal(t, "new", v)
	require.NoError(t, jsonpath.Set(doc, "list[0].k", "w"))
	v, _ = jsonpath.Get(doc, "list[0].k")
	assert.Equal(t, "w", v)
	assert.Error(t, jsonpath.Set(doc, "list[5].k", "w"))
	assert.Error(t, jsonpath.Set(doc, "list[*].k", "w"))

	require.NoError(t, jsonpath.Delete(doc, "$.a.b"))
	_, ok = jsonpath.Get(doc, "$.a.b")
	assert.False(t, ok)
	assert.NoError(t, jsonpath.Delete(doc, "$.nothing.here"))
	assert.Error(t, jsonpath.Delete(doc, "list[0]"))
}
