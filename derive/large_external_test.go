package derive_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/plumbhq/plumb/derive"
)

// largestJSONModel is the botocore model with the most operations of a protocol plumb checks
// (EC2's is larger, but ec2Query): SageMaker, 396 operations, awsJson1_1.
const largestJSONModel = "sagemaker"

// The largest JSON-protocol model derives whole: every operation is written or left out with
// why (several 400 errors, none the one that answers invalid input: the loader would refuse
// the operation and plumb does not guess), and what is written loads as plumb loads specs.
// Its time and peak memory are measured by BenchmarkDeriveLargestJSONModel (make bench).
func TestLargestJSONModelDerives(t *testing.T) {
	m := readOne(t, botocoreModel(t, largestJSONModel))
	require.Greater(t, len(m.Operations), 300)
	doc, err := m.OpenAPI(derive.Options{})
	require.NoError(t, err)
	var spec struct {
		Info struct {
			Title   string   `yaml:"title"`
			Skipped []string `yaml:"x-plumb-skipped"`
		} `yaml:"info"`
		Paths map[string]map[string]struct {
			ID string `yaml:"operationId"`
		} `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(doc, &spec))
	var written []string
	for _, item := range spec.Paths {
		for _, op := range item {
			written = append(written, op.ID)
		}
	}
	assert.Len(t, written, len(m.Operations)-len(spec.Info.Skipped), "every operation is written or left out, said why")
	assert.Greater(t, len(written), 250)
	assert.NotContains(t, spec.Info.Title, "(", "no operation was selected: the title lists none")
	for _, why := range spec.Info.Skipped {
		assert.Contains(t, why, "several errors have status 400")
	}
	// What is written loads: a sample of 40 operations (the whole load is in the benchmark).
	set, _ := load(t, m, written[:40]...)
	assert.Len(t, set.Operations(), 40)
}
