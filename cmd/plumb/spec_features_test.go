package main

import (
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecFeaturesPrintsAParsableFeature: `plumb spec features OP` prints the generated
// feature, which the Gherkin parser reads back as OP's feature with its scenarios.
func TestSpecFeaturesPrintsAParsableFeature(t *testing.T) {
	code, out, stderr := plumb(t, "spec", "features", "StartConnection")
	require.Equal(t, exitOK, code, stderr)
	ids := (&messages.Incrementing{}).NewId
	doc, err := gherkin.ParseGherkinDocument(strings.NewReader(out), ids)
	require.NoError(t, err, out)
	require.NotNil(t, doc.Feature)
	assert.Equal(t, "StartConnection", doc.Feature.Name)
	pickles := gherkin.Pickles(*doc, "StartConnection.feature", ids)
	assert.Greater(t, len(pickles), 50)
	assert.Contains(t, out, `Given a valid "StartConnection" request`)
	assert.Contains(t, out, "Scenario: AssetId longer than 100 characters is rejected (101)")

	// Another spec's operation, from its file.
	code, out, stderr = plumb(t, "spec", "features", "--spec", "../../specs/testdata/widgets-awsjson10.yaml", "PutWidget")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "Feature: PutWidget\n")
}

func TestSpecFeaturesUnknownOperation(t *testing.T) {
	code, _, stderr := plumb(t, "spec", "features", "NoSuchOperation")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	for _, op := range []string{"NoSuchOperation", "StartConnection", "GetConnection", "CreateConnection"} {
		assert.Contains(t, stderr, op)
	}
	code, _, stderr = plumb(t, "spec", "features")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "StartConnection")
}
