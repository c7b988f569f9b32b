package conformance_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plumbhq/plumb/conformance"
)

func TestRunRefusesBadConfiguration(t *testing.T) {
	good := emulatorConfig(t)
	feature := func(text string) fstest.MapFS {
		return fstest.MapFS{"x.feature": {Data: []byte(text)}}
	}
	cases := []struct {
		name string
		edit func(*conformance.Config)
		want string
	}{
		{"no specs", func(c *conformance.Config) { c.Specs = nil }, "Specs"},
		{"no client", func(c *conformance.Config) { c.Client = nil }, "Client"},
		{"no engine", func(c *conformance.Config) { c.Engine = nil }, "Engine"},
		{"no feature files", func(c *conformance.Config) {
			c.Features, c.FeatureFilesOnly = fstest.MapFS{"README": {Data: []byte("x")}}, true
		}, "no .feature files"},
		{"unparsable feature", func(c *conformance.Config) {
			c.Features = feature("Feature: x\n  Scenario: y\n    Given a\n    this is not a step\n")
		}, "x.feature"},
		{"undefined step", func(c *conformance.Config) {
			c.Features = feature("Feature: x\n  Scenario: y\n    Given a valid \"StartConnection\" request\n    When I dance\n")
		}, "I dance"},
		{"tags select nothing", func(c *conformance.Config) { c.Tags = "@NoSuchConstraint" }, "no scenario matches"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.edit(&cfg)
			r, err := conformance.Run(context.Background(), cfg)
			if err == nil {
				t.Fatalf("Run succeeded with %d scenarios; want an error mentioning %q", len(r.Scenarios), tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}
