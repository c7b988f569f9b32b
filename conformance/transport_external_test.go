package conformance_test

import (
	"bytes"
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/target"
)

// TestBrokenTargetIsInconclusiveNotTheRun: a target that drops every connection or answers
// bytes that are not HTTP never answered anything: the run completes, the verdict is
// inconclusive with the cause named once, and its scenarios are skipped with that reason
// rather than failing one by one.
func TestBrokenTargetIsInconclusiveNotTheRun(t *testing.T) {
	for name, answer := range map[string][]byte{"reset": nil, "garbage": []byte("SSH-2.0-OpenSSH\r\n\x00\x01")} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = ln.Close() })
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					_, _ = c.Write(answer)
					_ = c.Close()
				}
			}()
			cfg := emulatorConfig(t)
			cfg.Client, err = target.New(target.Options{Targets: map[string]string{"": "http://" + ln.Addr().String()}, Timeout: 2 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			cfg.Tags = "@GetConnection.ConnectionId.maxLength,@CreateConnection.target"
			r := run(t, cfg)
			if len(r.Scenarios) == 0 || count(r, report.Skipped) != len(r.Scenarios) {
				t.Fatalf("%d of %d scenarios skipped; want all", count(r, report.Skipped), len(r.Scenarios))
			}
			if r.Verdict != report.Inconclusive || !strings.Contains(r.VerdictReason, "never answered") {
				t.Errorf("verdict %s (%s); want inconclusive, never answered", r.Verdict, r.VerdictReason)
			}
			if len(r.Findings) != 0 {
				t.Errorf("%d findings; want none (one cause, said once in the verdict)", len(r.Findings))
			}
		})
	}
}

// TestCucumberJSONAndReportShape: the cucumber formatter's output is JSON with one element per
// scenario; report scenarios keep feature-file order, name example rows, carry tags, checks and
// evidence.
func TestCucumberJSONAndReportShape(t *testing.T) {
	cfg := emulatorConfig(t, "assetid-maxlength-missing")
	var cucumber bytes.Buffer
	var calls, lastDone int
	cfg.CucumberJSON = &cucumber
	cfg.Progress = func(done, failed int) { calls, lastDone = calls+1, done }
	cfg.Tags = "@StartConnection.AssetId.maxLength"
	r := run(t, cfg)

	var doc []struct {
		Name     string `json:"name"`
		Elements []struct {
			Name string `json:"name"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(cucumber.Bytes(), &doc); err != nil {
		t.Fatalf("cucumber output is not JSON: %v\n%s", err, cucumber.String())
	}
	elements := 0
	for _, f := range doc {
		elements += len(f.Elements)
	}
	if elements != len(r.Scenarios) {
		t.Errorf("cucumber JSON has %d scenarios, report has %d", elements, len(r.Scenarios))
	}
	if calls != len(r.Scenarios) || lastDone != len(r.Scenarios) {
		t.Errorf("progress called %d times (last done=%d), want once per scenario (%d)", calls, lastDone, len(r.Scenarios))
	}

	var failed *report.Scenario
	for i, s := range r.Scenarios {
		if s.Feature != "StartConnection" || s.Operation != "StartConnection" || !contains(s.Tags, "@StartConnection.AssetId.maxLength") {
			t.Errorf("scenario %d: feature %q operation %q tags %v", i, s.Feature, s.Operation, s.Tags)
		}
		if s.Status == report.Failed && failed == nil {
			failed = &r.Scenarios[i]
		}
	}
	if failed == nil {
		t.Fatal("no failed scenario with assetid-maxlength-missing")
	}
	f := failed.Failures[0]
	if f.Check != "negative_data_rejection" || f.Path != "$.AssetId" || f.Rule != "maxLength" || f.Curl == "" || f.Response == "" {
		t.Errorf("finding %+v lacks check, rule, path or evidence", f)
	}
	if len(r.Findings) == 0 {
		t.Error("run has no findings")
	}
}
