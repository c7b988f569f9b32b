package fuzz_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
)

// Every case the fuzzer sends for an operation of query and header members is what it claims
// once the target reads it back: a wrong JSON type of a string member travels as valid text, so
// it is never sent as a type break; a header carries printable ASCII only.
func TestCasesOfBoundMembersSurviveTheTrip(t *testing.T) {
	set, err := specs.LoadFiles("../specs/testdata/things-restjson1.yaml")
	require.NoError(t, err)
	p, err := fuzz.NewPlanner(fuzz.Config{Specs: set, Seed: 11})
	require.NoError(t, err)
	put := set.Operation("PutThing")
	kinds := map[check.ExpectKind]int{}
	typeBreaks := map[string]int{}
	for i := 0; i < 600; i++ {
		c, err := p.Case(i)
		require.NoError(t, err)
		if c.Operation != put.ID || c.Input == nil || c.Expect.Protocol {
			continue
		}
		got, ok := protocol.Received(put, c.Input)
		require.True(t, ok, "case %d (%s) cannot travel: %v", i, c.Note, c.Input)
		invalid := len(specs.Validate(put.Input, got)) > 0
		switch c.Expect.Kind {
		case check.KindValid:
			assert.False(t, invalid, "case %d (%s) is sent as valid but arrives invalid: %v", i, c.Note, got)
		case check.KindInvalid:
			assert.True(t, invalid, "case %d (%s) is sent as invalid but arrives valid: %v", i, c.Note, got)
			if c.Expect.Keyword == "type" {
				typeBreaks[strings.TrimPrefix(c.Expect.Path, "$.")]++
			}
		}
		kinds[c.Expect.Kind]++
		for _, v := range c.Request.Header {
			for _, s := range v {
				assert.Equal(t, strings.TrimSpace(s), s)
			}
		}
	}
	assert.Positive(t, kinds[check.KindValid])
	assert.Positive(t, kinds[check.KindInvalid])
	for _, m := range []string{"ThingId", "X-Thing-Owner"} {
		assert.Zero(t, typeBreaks[m], "%s is a string: a wrong type arrives as its text", m)
	}
	assert.Positive(t, typeBreaks["X-Thing-Priority"]+typeBreaks["dryRun"], "a non-string member's type break travels: %v", typeBreaks)
}
