package specs_test

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/plumbhq/plumb/specs"
)

const connectionIDPattern = `^[a-zA-Z0-9+/=]{1,1024}$`

func TestCompilePatternAcceptsTheDocumentedRepeat(t *testing.T) {
	re, err := specs.CompilePattern(connectionIDPattern)
	require.NoError(t, err)
	assert.True(t, re.MatchString(strings.Repeat("a+/=", 256)))
	assert.False(t, re.MatchString(""))
	assert.False(t, re.MatchString("ab-c"))
}

// The documented pattern and maxLength together accept exactly the language of the pattern as
// written: a string is accepted iff it has 1..1024 characters from the class.
func TestConnectionIDLanguageIsExact(t *testing.T) {
	schema := load(t).Operation("GetConnection").Input.Properties["ConnectionId"].Value
	alphabet := []rune("aZ09+/=-_é ")
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 1030).Draw(t, "n")
		var b strings.Builder
		inClass := true
		for i := 0; i < n; i++ {
			r := rapid.SampledFrom(alphabet).Draw(t, "r")
			if strings.ContainsRune("-_é ", r) {
				inClass = false
			}
			b.WriteRune(r)
		}
		want := n >= 1 && n <= 1024 && inClass
		got := len(specs.Validate(schema, b.String())) == 0
		if got != want {
			t.Fatalf("len %d inClass %v: schema accepts=%v, documented language accepts=%v", n, inClass, got, want)
		}
	})
}

func TestCompilePatternLeavesLiteralBracesAlone(t *testing.T) {
	// Escaped braces and braces inside a class are literals, not quantifiers.
	for p, literal := range map[string]string{`^a\{1,2000\}$`: "a{1,2000}", `^[{]1,2000}$`: "{1,2000}"} {
		re, err := specs.CompilePattern(p)
		require.NoError(t, err, p)
		assert.True(t, re.MatchString(literal), p)
	}
	_, err := specs.CompilePattern(`^a{2000}$`)
	assert.Error(t, err, "a lower bound above 1000 cannot be rewritten exactly")
	_, err = specs.CompilePattern(`^(unclosed$`)
	assert.Error(t, err)
}

// kin-openapi keeps one process-wide cache of compiled patterns keyed by pattern text. Load
// primes it with plumb's compiler, so even a validation that forgets plumb's options neither
// fails to compile the documented pattern nor applies a different one.
func TestKinOpenAPIPatternCacheIsPrimed(t *testing.T) {
	schema := load(t).Operation("GetConnection").Input.Properties["ConnectionId"].Value
	assert.NoError(t, schema.VisitJSON("abc+/="))
	assert.Error(t, schema.VisitJSON("abc-"))
	assert.NoError(t, schema.VisitJSON(strings.Repeat("a", 1024), openapi3.MultiErrors()))
}
