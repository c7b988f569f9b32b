package check_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
)

// Replay files store expectations as JSON; kinds travel by name and round-trip exactly.
func TestExpectRoundTripsThroughJSON(t *testing.T) {
	for _, e := range []check.Expect{
		check.Valid(),
		check.Invalid("$.AssetId", "maxLength", "ValidationException", 400),
		check.Outcome("NotFoundException", 404),
		{Kind: check.KindInvalid, Keyword: "json", Error: "ValidationException", Status: 400, Protocol: true},
	} {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		var back check.Expect
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, e, back, string(b))
	}
	b, _ := json.Marshal(check.Invalid("$.AssetId", "maxLength", "ValidationException", 400))
	assert.Contains(t, string(b), `"kind":"invalid"`)
	var bad check.Expect
	assert.Error(t, json.Unmarshal([]byte(`{"kind":"sometimes"}`), &bad))
}
