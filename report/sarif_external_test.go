package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 JSON schema (errata 01), as go-sarif v3.3.1 ships it.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

var (
	sarifSchemaOnce sync.Once
	sarifSchema     *jsonschema.Schema
	sarifSchemaErr  error
)

// validSARIF fails the test unless doc validates against the SARIF 2.1.0 schema.
func validSARIF(t *testing.T, doc []byte) {
	t.Helper()
	require.NoError(t, sarifSchemaErrors(t, doc), "the SARIF log breaks the SARIF 2.1.0 schema:\n%s", doc)
}

// sarifSchemaErrors validates doc against the SARIF 2.1.0 schema.
func sarifSchemaErrors(t *testing.T, doc []byte) error {
	t.Helper()
	sarifSchemaOnce.Do(func() {
		f, err := os.Open(sarifSchemaFile)
		if err != nil {
			sarifSchemaErr = err
			return
		}
		defer f.Close()
		schema, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			sarifSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if sarifSchemaErr = c.AddResource("sarif-schema-2.1.0.json", schema); sarifSchemaErr == nil {
			sarifSchema, sarifSchemaErr = c.Compile("sarif-schema-2.1.0.json")
		}
	})
	require.NoError(t, sarifSchemaErr)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	return sarifSchema.Validate(inst)
}

// The validation can fail: a log breaking the schema in small ways is caught.
func TestSARIFSchemaCatchesInvalidLogs(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteSARIF(&buf, fuzzRun()))
	doc := buf.String()
	require.NoError(t, sarifSchemaErrors(t, []byte(doc)))
	for _, c := range []struct{ from, to string }{
		{`"level": "error"`, `"level": "fatal"`},
		{`"version": "2.1.0"`, `"version": "2.0.0"`},
		{`"occurrenceCount": 12`, `"occurrenceCount": 0`},
		{`"ruleId": `, `"no such property": `},
	} {
		require.Contains(t, doc, c.from)
		assert.Error(t, sarifSchemaErrors(t, []byte(strings.Replace(doc, c.from, c.to, 1))), "%s -> %s", c.from, c.to)
	}
}

// The parts of a SARIF log the tests read.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []sarifResult `json:"results"`
	} `json:"runs"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex int    `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []struct {
		PhysicalLocation *struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
		LogicalLocations []struct {
			Name string `json:"name"`
		} `json:"logicalLocations"`
	} `json:"locations"`
	BaselineState       string            `json:"baselineState"`
	OccurrenceCount     int               `json:"occurrenceCount"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties"`
}

func writeSARIF(t *testing.T, r *report.Run) ([]byte, sarifLog) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteSARIF(&buf, r))
	validSARIF(t, buf.Bytes())
	var log sarifLog
	require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
	require.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	return buf.Bytes(), log
}

// Every fixture run gives a valid SARIF 2.1.0 log, with one result per root cause.
func TestSARIFIsValid(t *testing.T) {
	for name, r := range map[string]*report.Run{"run": sampleRun(), "fuzz": fuzzRun(), "selftest": selftestRun(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			_, log := writeSARIF(t, r)
			assert.Equal(t, "plumb", log.Runs[0].Tool.Driver.Name)
			assert.Len(t, log.Runs[0].Results, len(report.Normalize(r).RootCauses))
		})
	}
	assert.Error(t, report.WriteSARIF(&bytes.Buffer{}, nil))
}

// A root cause's rule, level, baseline state, message and location, from the model.
func TestSARIFResultFromRootCause(t *testing.T) {
	r := sampleRun()
	ff := failedFinding()
	r.RootCauses = []report.RootCause{
		{ID: "aaaaaaaaaaaa", Operation: "StartConnection", Check: "negative_data_rejection",
			Cause: "input breaking a documented rule accepted with 200", Severity: "error", Count: 3,
			Rules: []string{"$.AssetId maxLength"}, Example: ff, Baseline: "known",
			Constraint: "StartConnection.AssetId.maxLength", SpecFile: "specs/outposts.yaml", SpecLine: 168,
			Help: "An input breaking a documented rule is rejected."},
		{ID: "bbbbbbbbbbbb", Operation: "GetConnection", Check: "not_a_server_error", Cause: "server error 500",
			Severity: "error", Count: 1, Example: report.Finding{Message: "500"}, Baseline: "new",
			SpecFile: "specs/outposts.yaml", SpecLine: 58},
		{ID: "cccccccccccc", Operation: "GetConnection", Check: "negative_data_rejection", Cause: "habit",
			Severity: report.SeverityWarning, Count: 2, Example: report.Finding{Message: "warned"}},
		{ID: "dddddddddddd", Check: "plumb_internal_error", Cause: "cases could not be generated", Severity: "error", Count: 1},
		{ID: "eeeeeeeeeeee", Operation: "StartConnection", Check: "not_a_server_error", Cause: "server error 503",
			Severity: "error", Count: 1, SpecFile: "/home/me/my specs/outposts.yaml", SpecLine: 21, Baseline: "new"},
	}
	r.Baseline = &report.BaselineSummary{File: "plumb-baseline.json", Known: 1, New: 1}
	out, log := writeSARIF(t, r)
	run := log.Runs[0]
	require.Len(t, run.Results, 5, "one result per root cause")

	ids := []string{}
	for _, rule := range run.Tool.Driver.Rules {
		ids = append(ids, rule.ID)
	}
	assert.Equal(t, []string{"negative_data_rejection", "not_a_server_error", "plumb_internal_error"}, ids, "one rule per check, once")
	assert.Equal(t, "NegativeDataRejection", run.Tool.Driver.Rules[0].Name)
	assert.Equal(t, "An input breaking a documented rule is rejected.", run.Tool.Driver.Rules[0].ShortDescription.Text)
	assert.Equal(t, "An input breaking a documented rule is rejected.", run.Tool.Driver.Rules[0].Help.Text)
	assert.NotEmpty(t, run.Tool.Driver.Rules[1].Help.Text, "a check without help text still has some")

	first := run.Results[0]
	assert.Equal(t, "negative_data_rejection", first.RuleID)
	assert.Equal(t, 0, first.RuleIndex)
	assert.Equal(t, "error", first.Level)
	assert.Equal(t, "unchanged", first.BaselineState, "known in the baseline")
	assert.Equal(t, 3, first.OccurrenceCount)
	assert.Equal(t, "aaaaaaaaaaaa", first.PartialFingerprints["plumbRootCause/v1"])
	assert.Equal(t, "StartConnection.AssetId.maxLength", first.Properties["constraint"])
	require.Len(t, first.Locations, 1)
	require.NotNil(t, first.Locations[0].PhysicalLocation)
	assert.Equal(t, "specs/outposts.yaml", first.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, 168, first.Locations[0].PhysicalLocation.Region.StartLine)
	assert.Equal(t, "StartConnection", first.Locations[0].LogicalLocations[0].Name)
	assert.True(t, strings.HasPrefix(first.Message.Text, "StartConnection: input breaking a documented rule accepted with 200"), first.Message.Text)
	assert.Contains(t, first.Message.Text, "expected 400 ValidationException, got 200", "the example")
	assert.Contains(t, first.Message.Text, "curl -X POST", "how to reproduce it")

	assert.Equal(t, "not_a_server_error", run.Results[1].RuleID)
	assert.Equal(t, 1, run.Results[1].RuleIndex)
	assert.Equal(t, "new", run.Results[1].BaselineState)

	assert.Equal(t, "warning", run.Results[2].Level)
	assert.Empty(t, run.Results[2].BaselineState, "a baseline holds errors only: a warning is neither known nor new")
	assert.Empty(t, run.Results[2].Locations[0].PhysicalLocation, "not located")

	assert.Empty(t, run.Results[3].Locations, "plumb's own error has no place in a spec")
	assert.Equal(t, 2, run.Results[3].RuleIndex)

	assert.Equal(t, 1, run.Results[4].RuleIndex, "a check's second root cause, the same rule")
	assert.Equal(t, "file:///home/me/my%20specs/outposts.yaml", run.Results[4].Locations[0].PhysicalLocation.ArtifactLocation.URI,
		"a spec outside the repository: an absolute file URI")

	for _, s := range secrets {
		assert.NotContains(t, string(out), s)
	}

	r.Baseline = nil
	_, log = writeSARIF(t, r)
	for _, res := range log.Runs[0].Results {
		assert.Empty(t, res.BaselineState, "no baseline, no baseline state")
	}
}

// A run against an emulator with seeded faults: each result is located in the spec file at a
// line that really holds what the root cause breaks — the constraint's keyword, or its operation.
func TestSARIFLocatesSeededFaultsAtTheirSpecLines(t *testing.T) {
	set, err := specs.Load()
	require.NoError(t, err)
	srv, err := emulator.Start(emulator.Config{Faults: []string{"assetid-maxlength-missing", "resp-underlay-ip-malformed",
		"dx-too-many-tags-accepted"}}, "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	client, err := target.New(target.Options{Targets: map[string]string{"": srv.URL}, Timeout: 5 * time.Second, Concurrency: 2})
	require.NoError(t, err)
	t.Cleanup(client.CloseIdleConnections)
	cfg := conformance.Config{Specs: set, Client: client, Engine: check.New(set, check.Options{}), Concurrency: 2,
		Target: "emulator with faults"}
	r, err := conformance.Run(context.Background(), cfg)
	require.NoError(t, err)
	require.NotEmpty(t, r.RootCauses)

	_, log := writeSARIF(t, r)
	results := log.Runs[0].Results
	require.Len(t, results, len(r.RootCauses), "one result per root cause")

	lines := map[string][]string{}
	lineAt := func(uri string, n int) string {
		if lines[uri] == nil {
			b, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(uri))) // the module root
			require.NoError(t, err, uri)
			lines[uri] = strings.Split(string(b), "\n")
		}
		require.True(t, n >= 1 && n <= len(lines[uri]), "%s:%d", uri, n)
		return lines[uri][n-1]
	}
	keywords := map[string]string{} // constraint -> the line that states it
	for i, res := range results {
		rc := r.RootCauses[i]
		assert.Equal(t, rc.ID, res.PartialFingerprints["plumbRootCause/v1"], "results in root-cause order")
		assert.Equal(t, rc.Check, res.RuleID)
		require.Len(t, res.Locations, 1, rc.ID)
		pl := res.Locations[0].PhysicalLocation
		require.NotNil(t, pl, "%s %s is located", rc.Operation, rc.Cause)
		assert.Contains(t, []string{"specs/outposts.yaml", "specs/directconnect.yaml"}, pl.ArtifactLocation.URI)
		text := lineAt(pl.ArtifactLocation.URI, pl.Region.StartLine)
		constraint, _ := res.Properties["constraint"].(string)
		if constraint == "" {
			assert.Contains(t, text, "operationId: "+rc.Operation, "a cause breaking no one constraint points at its operation")
			continue
		}
		keyword := constraint[strings.LastIndex(constraint, ".")+1:]
		if keyword != "maxItems" { // a list rule of x-plumb-rules
			assert.Contains(t, text, keyword+":", "%s at %s:%d", constraint, pl.ArtifactLocation.URI, pl.Region.StartLine)
		}
		keywords[constraint] = text
	}
	require.Contains(t, keywords, "StartConnection.AssetId.maxLength", "the seeded fault's root cause names its constraint")
	assert.Contains(t, keywords["StartConnection.AssetId.maxLength"], "maxLength: 100")
	require.Contains(t, keywords, "StartConnection.response.UnderlayIpAddress.pattern", "a response member's keyword")
	assert.Contains(t, keywords["StartConnection.response.UnderlayIpAddress.pattern"], "pattern:")
	require.Contains(t, keywords, "CreateConnection.tags.maxItems")
	assert.Contains(t, keywords["CreateConnection.tags.maxItems"], "x-plumb-rules:")
}
