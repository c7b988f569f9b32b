package report_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/report"
)

// Two identical runs whose lists arrive in different orders (godog runs
// scenarios concurrently) produce identical files.
func TestWritersAreDeterministic(t *testing.T) {
	writers := map[string]func(io.Writer, *report.Run) error{
		"junit": report.WriteJUnit, "json": report.WriteJSON, "html": report.WriteHTML, "markdown": report.WriteMarkdown, "sarif": report.WriteSARIF,
		"terminal": func(w io.Writer, r *report.Run) error { return report.WriteTerminal(w, r, true) },
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			require.NoError(t, write(&want, sampleRun()))
			rng := rand.New(rand.NewPCG(1, 2))
			for range 5 {
				r := sampleRun()
				shuffle(rng, r.Scenarios)
				shuffle(rng, r.Constraints)
				shuffle(rng, r.Scenarios[0].Checks)
				shuffle(rng, r.Scenarios[0].Tags)
				var got bytes.Buffer
				require.NoError(t, write(&got, r))
				assert.Equal(t, want.String(), got.String())
			}
		})
	}
}

func shuffle[T any](rng *rand.Rand, s []T) {
	rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
}

func TestNormalizeDoesNotModifyItsInput(t *testing.T) {
	r, pristine := fuzzRun(), fuzzRun()
	n := report.Normalize(r)
	assert.Equal(t, pristine, r)
	assert.NotEqual(t, r.Findings[1].Request, n.Findings[1].Request, "the copy is scrubbed")
	n.Findings[0].Message = "changed"
	assert.Equal(t, pristine.Findings, r.Findings, "the copy shares no slices")
}

func TestNormalizeMakesTextPrintable(t *testing.T) {
	n := report.Normalize(&report.Run{Target: "a\x00b\xffc\td\ne"})
	assert.Equal(t, `a\x00b\xffc`+"\td\ne", n.Target)
	assert.Equal(t, &report.Run{Scenarios: []report.Scenario{}, Constraints: []report.Constraint{}, Findings: []report.Finding{},
		Operations: []report.OperationVerdict{}, RootCauses: []report.RootCause{}},
		report.Normalize(nil))
}
