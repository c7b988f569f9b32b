package report

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// sarifInformationURI is where a SARIF consumer sends a reader who asks what plumb is.
const sarifInformationURI = "https://github.com/plumbhq/plumb"

// sarifFingerprint names the partial fingerprint that carries a root cause's stable id, so that
// code scanning keeps one alert per root cause across runs even when the spec's lines move.
const sarifFingerprint = "plumbRootCause/v1"

// WriteSARIF writes r as a SARIF 2.1.0 log (go-sarif) for code scanning (GitHub's
// upload-sarif): one result per root cause, its ruleId the check that failed (described in
// tool.driver.rules by the check's help text), its level error or warning, located at the spec
// line of the constraint the cause breaks (or of its operation; RootCause.SpecFile, SpecLine),
// its message the cause and one example. When the run was compared with a baseline, a known root
// cause has baselineState "unchanged" and a new one "new". Everything written comes from
// Normalize, so it is scrubbed like every other report.
func WriteSARIF(w io.Writer, r *Run) error {
	if r == nil {
		return errors.New("report: WriteSARIF: nil run")
	}
	n := Normalize(r)
	log := sarif.NewReport()
	run := sarif.NewRunWithInformationURI(cmp.Or(n.Tool, "plumb"), sarifInformationURI)
	// The category code scanning files the results under: a run's and a fuzz campaign's uploads
	// of one repository then do not close each other's alerts.
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID("plumb-" + cmp.Or(n.Engine, "run") + "/"))
	props := sarif.NewPropertyBag().Add("engine", n.Engine).Add("target", n.Target).
		Add("verdict", string(n.Verdict)).Add("verdictReason", n.VerdictReason)
	if n.Engine == "fuzz" {
		props.Add("seed", n.Seed).Add("cases", n.Cases)
	}
	run.WithProperties(props)

	help := map[string]string{} // check -> its description, from any root cause carrying it
	for _, rc := range n.RootCauses {
		help[rc.Check] = cmp.Or(help[rc.Check], rc.Help)
	}
	for _, rc := range n.RootCauses {
		ruleID := cmp.Or(rc.Check, "plumb")
		if run.GetRuleIndex(ruleID) < 0 {
			help := cmp.Or(help[rc.Check], "plumb check "+ruleID+".")
			run.AddRule(ruleID).WithName(sarifRuleName(ruleID)).
				WithShortDescription(sarif.NewMultiformatMessageString().WithText(help)).
				WithFullDescription(sarif.NewMultiformatMessageString().WithText(help)).
				WithHelp(sarif.NewMultiformatMessageString().WithText(help)).
				WithHelpURI(sarifInformationURI + "#checks")
		}
		res := run.CreateResultForRule(ruleID).
			WithLevel(sarifLevel(rc)).
			WithMessage(sarif.NewTextMessage(sarifMessage(rc))).
			WithOccurrenceCount(max(1, rc.Count)).
			WithPartialFingerprints(map[string]string{sarifFingerprint: rc.ID})
		loc := sarif.NewLocation()
		if rc.SpecFile != "" && rc.SpecLine > 0 {
			loc.WithPhysicalLocation(sarif.NewPhysicalLocation().
				WithArtifactLocation(sarif.NewSimpleArtifactLocation(sarifURI(rc.SpecFile))).
				WithRegion(sarif.NewRegion().WithStartLine(rc.SpecLine)))
		}
		if rc.Operation != "" {
			loc.AddLogicalLocation(sarif.NewLogicalLocation().WithName(rc.Operation).WithFullyQualifiedName(rc.Operation))
		}
		if loc.PhysicalLocation != nil || len(loc.LogicalLocations) > 0 {
			res.AddLocation(loc)
		}
		if n.Baseline != nil {
			switch rc.Baseline {
			case "known":
				res.WithBaselineState("unchanged")
			case "new":
				res.WithBaselineState("new")
			}
		}
		rp := sarif.NewPropertyBag().Add("rootCauseId", rc.ID).Add("operation", rc.Operation).
			Add("cause", rc.Cause).Add("count", rc.Count)
		if rc.Constraint != "" {
			rp.Add("constraint", rc.Constraint)
		}
		if len(rc.Rules) > 0 {
			rp.Add("rules", rc.Rules)
		}
		res.WithProperties(rp)
	}
	log.AddRun(run)
	return log.PrettyWrite(w)
}

// sarifRuleName is a check's name in SARIF's style for rule names: not_a_server_error becomes
// NotAServerError.
func sarifRuleName(check string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(check, func(r rune) bool { return r == '_' || r == '-' || r == ' ' }) {
		b.WriteString(strings.ToUpper(word[:1]) + word[1:])
	}
	return b.String()
}

func sarifLevel(rc RootCause) string {
	if rc.Severity == SeverityWarning {
		return "warning"
	}
	return "error"
}

// sarifMessage is the cause, how many failures it explains, and one example: what was expected
// and what came, and the curl line reproducing it.
func sarifMessage(rc RootCause) string {
	var b strings.Builder
	if rc.Operation != "" {
		b.WriteString(rc.Operation + ": ")
	}
	b.WriteString(rc.Cause)
	if rc.Count > 1 {
		fmt.Fprintf(&b, " (%d failures)", rc.Count)
	}
	if rc.Constraint != "" {
		b.WriteString("; breaks " + rc.Constraint)
	}
	if ex := strings.TrimSpace(rc.Example.Message); ex != "" {
		b.WriteString("\nExample: " + ex)
	}
	if rc.Example.Curl != "" {
		b.WriteString("\n" + rc.Example.Curl)
	}
	return b.String()
}

// sarifURI is a spec file as an artifact URI: a relative path stays relative to the repository
// root (code scanning's convention), an absolute one becomes a file URI.
func sarifURI(path string) string {
	if filepath.IsAbs(path) {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	}
	return filepath.ToSlash(path)
}
