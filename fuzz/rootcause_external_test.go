package fuzz_test

import (
	"strings"
	"testing"

	"github.com/plumbhq/plumb/report"
)

// Two faults, one hidden behind the other: a 500 for a null DeviceSerialNumber, and AssetIds
// with a dash accepted. Each is one root cause; the 500's example is an input that breaks
// nothing else (a valid one), not an unrelated rule the case happened to break; and the dash
// fault is still found.
func TestRootCausesKeepFaultsApart(t *testing.T) {
	srv := startEmulator(t, "assetid-pattern-dash", "null-500")
	cfg := config(t, srv.URL, 7, 1000, 2)
	cfg.Operations = []string{"StartConnection"}
	r := run(t, cfg)
	var errors []report.RootCause
	for _, rc := range r.RootCauses {
		if rc.Severity != report.SeverityWarning {
			errors = append(errors, rc)
		}
	}
	if len(errors) != 2 {
		t.Fatalf("%d root causes, want 2 (the 500, the dash): %+v", len(errors), errors)
	}
	byCheck := map[string]report.RootCause{}
	for _, rc := range errors {
		byCheck[rc.Check] = rc
	}
	server, ok := byCheck["not_a_server_error"]
	if !ok || !strings.Contains(server.Example.Request, `"DeviceSerialNumber":null`) {
		t.Errorf("the 500's example does not show its cause: %+v", server)
	}
	if !strings.Contains(server.Example.Message, "valid input") {
		t.Errorf("the 500's example carries another breakage: %s", server.Example.Message)
	}
	dash, ok := byCheck["negative_data_rejection"]
	if !ok || len(dash.Rules) != 1 || dash.Rules[0] != "$.AssetId pattern" {
		t.Errorf("the dash fault is not its own root cause naming $.AssetId pattern: %+v", dash)
	}
}
