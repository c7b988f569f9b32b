package conformance_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/report"
)

// TestFaultsAreCaught runs the suite against emulators with one seeded fault each: the run must
// fail, and the failing scenarios must point at the broken rule (a constraint tag) and the check
// that noticed.
func TestFaultsAreCaught(t *testing.T) {
	cases := []struct {
		fault string
		tag   string // a failing scenario carries this tag
		check string // and fails this check
	}{
		{"assetid-maxlength-missing", "@StartConnection.AssetId.maxLength", "negative_data_rejection"},
		{"validation-status-500", "@StartConnection.error.ValidationException", "not_a_server_error"},
		{"errortype-missing", "@GetConnection.error.NotFoundException", "error_type_conformance"},
		{"resp-underlay-ip-malformed", "@StartConnection.response", "response_schema_conformance"},
		{"lost-connection", "@GetConnection.response", "stateful_conformance"},
		{"dx-too-many-tags-accepted", "@CreateConnection.tags.maxItems", "negative_data_rejection"},
	}
	for _, c := range cases {
		t.Run(c.fault, func(t *testing.T) {
			t.Parallel()
			r := run(t, emulatorConfig(t, c.fault))
			if count(r, report.Failed) == 0 {
				t.Fatalf("no scenario failed with fault %s", c.fault)
			}
			if len(r.Findings) == 0 {
				t.Errorf("failed scenarios but no findings")
			}
			if !failedWith(r, c.tag, c.check) {
				t.Errorf("no failed scenario tagged %s failed check %s; failures:\n%s", c.tag, c.check, describeFailures(r, 10))
			}
		})
	}
}

// failedWith reports whether a failed scenario tagged tag carries a failure of check.
func failedWith(r *report.Run, tag, check string) bool {
	for _, s := range r.Scenarios {
		if s.Status != report.Failed || !contains(s.Tags, tag) {
			continue
		}
		for _, f := range s.Failures {
			if f.Check == check && f.Request != "" && strings.Contains(f.Curl, "curl") {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
