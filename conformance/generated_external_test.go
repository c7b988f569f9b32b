package conformance_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/scenarios"
)

// generatedOnly aims a run at the emulator with no feature file, so that every operation runs
// the scenarios generated from its spec.
func generatedOnly(t *testing.T, faults ...string) *report.Run {
	t.Helper()
	cfg := emulatorConfig(t, faults...)
	cfg.Features = fstest.MapFS{}
	return run(t, cfg)
}

// TestGeneratedScenariosPassOnTheEmulator: the generated features of the three operations pass
// against the correct emulator, with every operation exercised.
func TestGeneratedScenariosPassOnTheEmulator(t *testing.T) {
	r := generatedOnly(t)
	if r.Verdict != report.Passed {
		t.Fatalf("verdict %s (%s), want passed; failures:\n%s", r.Verdict, r.VerdictReason, describeFailures(r, 10))
	}
	s, _ := loaded(t)
	files := map[string]bool{}
	for _, sc := range r.Scenarios {
		files[sc.Feature] = true
		if sc.Status != report.Passed {
			t.Errorf("%s: %s: %s, want passed", sc.Feature, sc.Name, sc.Status)
		}
	}
	for _, op := range s.Operations() {
		if !files[op.ID] {
			t.Errorf("no generated scenario of %s ran (features: %v)", op.ID, files)
		}
	}
	if n := count(r, report.Passed); n < 100 {
		t.Errorf("only %d scenarios passed; the generated features should hold well over 100", n)
	} else {
		t.Logf("%d generated scenarios passed", n)
	}
}

// TestGeneratedScenariosCatchAFault: a seeded fault (AssetId's maxLength not enforced) fails
// the generated AssetId maxLength scenario, with the check that noticed.
func TestGeneratedScenariosCatchAFault(t *testing.T) {
	r := generatedOnly(t, "assetid-maxlength-missing")
	if r.Verdict != report.Failed {
		t.Fatalf("verdict %s (%s), want failed", r.Verdict, r.VerdictReason)
	}
	if !failedWith(r, "@StartConnection.AssetId.maxLength", "negative_data_rejection") {
		t.Errorf("no failed generated scenario tagged @StartConnection.AssetId.maxLength; failures:\n%s", describeFailures(r, 10))
	}
}

// TestFeatureFilesReplaceGeneratedOnes: an operation a feature file covers runs that file, not
// its generated feature; the others still run generated ones.
func TestFeatureFilesReplaceGeneratedOnes(t *testing.T) {
	cfg := emulatorConfig(t)
	cfg.Features = fstest.MapFS{"mine.feature": {Data: []byte(`Feature: My own
  Scenario: a valid start
    Given a valid "StartConnection" request
    When I send the request
    Then the response conforms to the spec
`)}}
	r := run(t, cfg)
	byFeature := map[string]int{}
	for _, sc := range r.Scenarios {
		byFeature[sc.Feature]++
	}
	if byFeature["My own"] != 1 || byFeature["StartConnection"] != 0 {
		t.Errorf("scenarios per feature %v: want My own's one scenario and no generated StartConnection", byFeature)
	}
	if byFeature["GetConnection"] == 0 || byFeature["CreateConnection"] == 0 {
		t.Errorf("scenarios per feature %v: want generated GetConnection and CreateConnection", byFeature)
	}
	s, _ := loaded(t)
	if !strings.HasSuffix(scenarios.FileName(s.Operation("GetConnection")), ".feature") {
		t.Errorf("generated file name %q is not a .feature", scenarios.FileName(s.Operation("GetConnection")))
	}
}
