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

// The largest JSON-protocol model derives whole, every operation written, and loads as plumb
// loads specs. 104 of SageMaker's operations document two errors of status 400 and name none
// as the one answering invalid input: they say so (x-plumb-validation-unknown), and invalid input
// then earns any error they document. Its time and peak memory are measured by
// BenchmarkDeriveLargestJSONModel (make bench).
func TestLargestJSONModelDerives(t *testing.T) {
	m := readOne(t, botocoreModel(t, largestJSONModel))
	require.Greater(t, len(m.Operations), 300)
	doc, err := m.OpenAPI(derive.Options{})
	require.NoError(t, err)
	var spec struct {
		Info struct {
			Title string `yaml:"title"`
		} `yaml:"info"`
		Paths map[string]map[string]struct {
			ID      string `yaml:"operationId"`
			Unknown string `yaml:"x-plumb-validation-unknown"`
		} `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(doc, &spec))
	var written []string
	unknown := 0
	for _, item := range spec.Paths {
		for _, op := range item {
			written = append(written, op.ID)
			if op.Unknown != "" {
				unknown++
				assert.Contains(t, op.Unknown, "none is named as a validation or general client error")
			}
		}
	}
	assert.Len(t, written, len(m.Operations), "every operation is written")
	assert.Positive(t, unknown)
	assert.NotContains(t, spec.Info.Title, "(", "no operation was selected: the title lists none")
	// What is written loads: a sample of 40 operations (the whole load is in the benchmark).
	set, _ := load(t, m, written[:40]...)
	assert.Len(t, set.Operations(), 40)
}
