package protocol_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
)

func things(t *testing.T) *specs.Set {
	t.Helper()
	set, err := specs.LoadFiles("../specs/testdata/things-restjson1.yaml")
	require.NoError(t, err)
	return set
}

func TestEncodeQueryAndHeaderMembers(t *testing.T) {
	put := things(t).Operation("PutThing")
	in := map[string]any{
		"ThingId": "t-1", "dryRun": true, "tag": []any{"b a", "a"},
		"X-Thing-Owner": "ann", "X-Thing-Priority": float64(3), "name": "n", "size": float64(2),
	}
	req, err := protocol.Encode(put, in, protocol.Overrides{})
	require.NoError(t, err)
	assert.Equal(t, "PUT", req.Method)
	assert.Equal(t, "/things/t-1?dryRun=true&tag=b%20a&tag=a", req.RawPath, "sorted by name, a list as its key repeated in order")
	assert.Equal(t, "ann", req.Header.Get("X-Thing-Owner"))
	assert.Equal(t, "3", req.Header.Get("X-Thing-Priority"), "an integer without a decimal point or exponent")
	var body map[string]any
	require.NoError(t, json.Unmarshal(req.Body, &body))
	assert.Equal(t, map[string]any{"name": "n", "size": float64(2)}, body, "bound members stay out of the body")
}

func TestEncodeBoundMembersTravelAsText(t *testing.T) {
	put := things(t).Operation("PutThing")
	req, err := protocol.Encode(put, map[string]any{"ThingId": "t", "dryRun": "maybe", "X-Thing-Priority": 1e21,
		"X-Thing-Owner": nil, "tag": nil, "name": "n"}, protocol.Overrides{})
	require.NoError(t, err)
	assert.Equal(t, "/things/t?dryRun=maybe", req.RawPath, "a wrong type travels as its text; null is not sent")
	assert.Equal(t, "1000000000000000000000", req.Header.Get("X-Thing-Priority"))
	_, sent := req.Header["X-Thing-Owner"]
	assert.False(t, sent, "a null header member is not sent")
}

func TestEncodeGreedyLabelKeepsItsSlashes(t *testing.T) {
	get := things(t).Operation("GetFile")
	assert.Equal(t, "/files/{Path}", get.Path)
	assert.True(t, get.Greedy["Path"])
	req, err := protocol.Encode(get, map[string]any{"Path": "a b/c+d/é"}, protocol.Overrides{})
	require.NoError(t, err)
	assert.Equal(t, "/files/a%20b/c%2Bd/%C3%A9", req.RawPath)
	assert.Nil(t, req.Body)
}

func TestEncodeRawKeepsTheBoundMembers(t *testing.T) {
	put := things(t).Operation("PutThing")
	req := protocol.EncodeRaw(put, []byte("{"), map[string]any{"ThingId": "x", "tag": []any{"a"}, "X-Thing-Owner": "o", "name": "ignored"}, protocol.Overrides{})
	assert.Equal(t, "/things/x?tag=a", req.RawPath)
	assert.Equal(t, "o", req.Header.Get("X-Thing-Owner"))
	assert.Equal(t, "{", string(req.Body))
}

func TestText(t *testing.T) {
	for v, want := range map[any]string{"s": "s", true: "true", false: "false", 1.5: "1.5", float64(-7): "-7", nil: ""} {
		assert.Equal(t, want, protocol.Text(v), "%#v", v)
	}
	assert.Equal(t, `{"a":1}`, protocol.Text(map[string]any{"a": 1}))
}

func TestReceivedReadsBoundMembersBackFromTheirText(t *testing.T) {
	put := things(t).Operation("PutThing")
	got, ok := protocol.Received(put, map[string]any{
		"ThingId": float64(7), "dryRun": "true", "tag": []any{"a", true}, "X-Thing-Owner": nil,
		"X-Thing-Priority": "3", "name": float64(1), "size": nil,
	})
	require.True(t, ok)
	assert.Equal(t, map[string]any{
		"ThingId":          "7",                // a string label: any type arrives as text
		"dryRun":           true,               // the text true is the boolean
		"tag":              []any{"a", "true"}, // string items
		"X-Thing-Priority": float64(3),         // the text 3 is the integer
		"name":             float64(1),         // the body is JSON: as it is
		"size":             nil,                // the body keeps its null
	}, got, "a null header member is not sent")

	got, ok = protocol.Received(put, map[string]any{"dryRun": float64(1), "X-Thing-Owner": ""})
	require.True(t, ok)
	assert.Equal(t, map[string]any{"dryRun": "1"}, got, "1 is no boolean: it stays text; an empty header is not sent")

	for _, in := range []map[string]any{
		{"X-Thing-Owner": " ann"}, {"X-Thing-Owner": "ann\n"}, {"X-Thing-Owner": "zoë"}, {"dryRun": []any{true, false}},
	} {
		_, ok := protocol.Received(put, in)
		assert.False(t, ok, "%v cannot travel as it is", in)
	}
}

// A header list's items with commas or quotes travel as quoted strings and come back as they
// were; plain items are written as they are.
func TestHeaderListQuotesWhatHoldsACommaOrAQuote(t *testing.T) {
	for _, items := range [][]string{
		{"a", "b"},
		{"a,b", "c"},
		{`say "hi"`, `back\slash`, `"`},
		{"", " x "},
		{`a\,"b`},
	} {
		text := protocol.HeaderList(items)
		assert.Equal(t, items, protocol.SplitHeaderList(text), "%q", text)
	}
	assert.Equal(t, "a,b", protocol.HeaderList([]string{"a", "b"}))
	assert.Equal(t, `"a,b",c`, protocol.HeaderList([]string{"a,b", "c"}))
	assert.Equal(t, `"say \"hi\""`, protocol.HeaderList([]string{`say "hi"`}))
	assert.Equal(t, []string{"a", "b c", "d,e"}, protocol.SplitHeaderList(`a, b c , "d,e"`), "spaces around items are not theirs")
}
