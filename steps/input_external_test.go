package steps_test

import (
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
