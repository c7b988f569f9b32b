package steps_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/steps"
)

func TestBaseInputIsTheSpecsExampleElseDerivedAndValid(t *testing.T) {
	set, err := specs.Load()
	require.NoError(t, err)
	in, err := steps.BaseInput(set.Operation("CreateConnection"))
	require.NoError(t, err)
	assert.Equal(t, "EqDC2", in["location"], "the spec's example")

	w, err := specs.LoadFiles("../specs/testdata/widgets-awsjson10.yaml")
	require.NoError(t, err)
	op := w.Operation("PutWidget")
	in, err = steps.BaseInput(op)
	require.NoError(t, err)
	assert.Empty(t, specs.Validate(op.Input, in), "a derived base input is valid: %v", in)
	assert.Contains(t, in, "name")
	assert.Contains(t, in, "size")
}

// An input without members gives the generators nothing to vary; its base input is {}.
func TestBaseInputOfAnInputWithoutMembers(t *testing.T) {
	raw, err := os.ReadFile("../specs/testdata/widgets-awsjson10.yaml")
	require.NoError(t, err)
	doc := strings.Replace(string(raw), "$ref: '#/components/schemas/PutWidgetInput'", "{type: object, properties: {}}", 1)
	set, err := specs.Parse([]string{"empty.yaml"}, map[string][]byte{"empty.yaml": []byte(doc)})
	require.NoError(t, err)
	in, err := steps.BaseInput(set.Operation("PutWidget"))
	require.NoError(t, err)
	assert.Equal(t, map[string]any{}, in)
}
