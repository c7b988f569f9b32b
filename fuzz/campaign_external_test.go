package fuzz_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/report"
)

func TestNoFalseAlarmAgainstTheCorrectEmulator(t *testing.T) {
	srv := startEmulator(t)
	r := run(t, config(t, srv.URL, 1, 2000, 4))
	if len(r.Findings) != 0 {
		for _, f := range r.Findings {
			t.Errorf("false alarm: %s %s %s %s (x%d): %s\n%s\n%s", f.Operation, f.Check, f.Rule, f.Path, f.Count, f.Message, f.Request, f.Response)
		}
	}
	if r.Engine != "fuzz" || r.Seed != 1 || r.Cases != 2000 {
		t.Errorf("run header: engine %q seed %d cases %d", r.Engine, r.Seed, r.Cases)
	}
	// Every operation gets every kind of case, and the read-back ran.
	seen := map[string]int{}
	for _, s := range r.Scenarios {
		seen[s.Operation+" "+s.Tags[1]] += 1
		if s.Status != report.Passed {
			t.Errorf("scenario %s is %s", s.Name, s.Status)
		}
	}
	for _, want := range []string{
		"StartConnection @valid", "StartConnection @boundary", "StartConnection @invalid", "StartConnection @protocol",
		"GetConnection @valid", "GetConnection @boundary", "GetConnection @invalid", "GetConnection @protocol", "GetConnection @stateful",
		"CreateConnection @valid", "CreateConnection @boundary", "CreateConnection @invalid", "CreateConnection @protocol",
	} {
		if seen[want] != 1 {
			t.Errorf("no scenario for %s (have %v)", want, seen)
		}
	}
	// Every documented request constraint was exercised.
	for _, c := range r.Constraints {
		if strings.Contains(c.ID, ".response.") || strings.Contains(c.ID, ".error.") {
			continue
		}
		if c.Exercised == 0 && c.Keyword != "type" {
			t.Errorf("request constraint %s never exercised", c.ID)
		}
		if c.Status == report.Failed {
			t.Errorf("constraint %s failed on the correct emulator", c.ID)
		}
	}
}

// faultCase says which finding a fault must produce.
type faultCase struct {
	fault, op, check, rule, path string
	shrunkMax                    int // when > 0: the shrunk value at path is at most this long
}

var faultCases = []faultCase{
	{fault: "assetid-maxlength-missing", op: "StartConnection", check: "negative_data_rejection", rule: "maxLength", path: "$.AssetId", shrunkMax: 110},
	{fault: "validation-status-500", op: "StartConnection", check: "not_a_server_error"},
	{fault: "errortype-missing", op: "StartConnection", check: "error_type_conformance"},
	{fault: "resp-underlay-ip-malformed", op: "StartConnection", check: "response_schema_conformance", path: "$.UnderlayIpAddress"},
	{fault: "lost-connection", op: "GetConnection", check: "stateful_conformance"},
	{fault: "dx-too-many-tags-accepted", op: "CreateConnection", check: "negative_data_rejection", rule: "maxItems", path: "$.tags"},
	{fault: "clientkey-pattern-no-padding", op: "StartConnection", check: "negative_data_rejection", rule: "pattern", path: "$.ClientPublicKey"},
}

func TestFaultsAreFoundShrunkAndReplayed(t *testing.T) {
	correct := startEmulator(t)
	for _, fc := range faultCases {
		t.Run(fc.fault, func(t *testing.T) {
			t.Parallel()
			faulty := startEmulator(t, fc.fault)
			// Nothing below depends on the machine's speed (see patientClient): the campaign is a
			// case budget, every exchange gets an answer, and the assertions hold however far
			// shrinking got within its ShrinkTime.
			cfg := config(t, faulty.URL, 7, 600, 4) // 4 operations share the budget
			cfg.Client = patientClient(t, faulty.URL, 4)
			cfg.ReplayDir = t.TempDir()
			r := run(t, cfg)
			f, ok := findFinding(r, fc.op, fc.check, func(f report.Finding) bool {
				if fc.check == "response_schema_conformance" { // the response member is in the cause
					return strings.Contains(f.Cause, fc.path)
				}
				return (fc.rule == "" || f.Rule == fc.rule) && (fc.path == "" || f.Path == fc.path)
			})
			if !ok {
				t.Fatalf("fault %s: no %s %s finding for %s %s; findings: %q", fc.fault, fc.op, fc.check, fc.rule, fc.path, summary(r))
			}
			if f.Count < 1 || f.Seed != 7 || f.Curl == "" || f.Request == "" || f.Response == "" || f.Replay == "" {
				t.Errorf("finding lacks evidence: %+v", f)
			}
			if strings.Contains(f.Curl, "Signature=") || strings.Contains(f.Request, "Signature=") {
				t.Errorf("finding leaks a signature: %s", f.Curl)
			}

			rp, err := fuzz.LoadReplay(f.Replay)
			if err != nil {
				t.Fatal(err)
			}
			if fc.shrunkMax > 0 { // every input rapid tries for a too-long AssetId is 101 long: true at any shrink progress
				if n := len(memberOf(t, rp.Request.Body, strings.TrimPrefix(fc.path, "$."))); n > fc.shrunkMax || n <= 100 {
					t.Errorf("shrunk %s has length %d, want 101..%d (body %s)", fc.path, n, fc.shrunkMax, rp.Request.Body)
				}
			}
			for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token"} {
				if rp.Request.Header.Get(h) != "" {
					t.Errorf("replay file holds header %s", h)
				}
			}
			still, rs, _, err := rp.Run(t.Context(), patientClient(t, faulty.URL, 1), newEngine())
			if err != nil || !still {
				t.Errorf("replay against the faulty emulator: still=%v err=%v results=%v", still, err, check.Failures(rs))
			}
			still, rs, _, err = rp.Run(t.Context(), patientClient(t, correct.URL, 1), newEngine())
			if err != nil || still {
				t.Errorf("replay against the correct emulator: still=%v err=%v results=%v", still, err, check.Failures(rs))
			}
		})
	}
}

func TestSameSeedSameFindingsWhateverTheWorkers(t *testing.T) {
	srv := startEmulator(t, "assetid-maxlength-off-by-one", "dx-max-tags-off-by-one", "deviceindex-max-2")
	key := func(r *report.Run) string {
		var b strings.Builder
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "%s|%s|%s|%s|%d\n", f.Operation, f.Check, f.Rule, f.Path, f.Count)
		}
		return b.String()
	}
	one := run(t, config(t, srv.URL, 42, 300, 1))
	four := run(t, config(t, srv.URL, 42, 300, 4))
	if len(one.Findings) == 0 {
		t.Fatal("the faulty emulator produced no findings")
	}
	if key(one) != key(four) {
		t.Errorf("1 worker:\n%s\n4 workers:\n%s", key(one), key(four))
	}
	again := run(t, config(t, srv.URL, 42, 300, 3))
	if key(one) != key(again) {
		t.Errorf("same seed, different findings:\n%s\n%s", key(one), key(again))
	}
}

// A target nothing listens on never answered: the campaign runs its budget, and the verdict is
// inconclusive with the cause said once, not a finding per case.
func TestUnreachableTargetIsInconclusive(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close() // nothing listens: every request is refused
	r := run(t, config(t, url, 3, 30, 2))
	if r.Cases != 30 {
		t.Errorf("campaign stopped early: %d cases", r.Cases)
	}
	inconclusiveOnce(t, r, "never answered")
}

func TestConfigErrors(t *testing.T) {
	srv := startEmulator(t)
	good := config(t, srv.URL, 1, 10, 1)
	for name, mutate := range map[string]func(*fuzz.Config){
		"nil specs":         func(c *fuzz.Config) { c.Specs = nil },
		"nil client":        func(c *fuzz.Config) { c.Client = nil },
		"nil engine":        func(c *fuzz.Config) { c.Engine = nil },
		"unknown operation": func(c *fuzz.Config) { c.Operations = []string{"DeleteEverything"} },
		"bad mode":          func(c *fuzz.Config) { c.Mode = "sometimes" },
		"negative budget":   func(c *fuzz.Config) { c.Budget = -1 },
	} {
		cfg := good
		mutate(&cfg)
		if _, err := fuzz.Run(t.Context(), cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestOperationsAndModeRestrictTheCampaign(t *testing.T) {
	srv := startEmulator(t)
	cfg := config(t, srv.URL, 5, 60, 2)
	cfg.Operations = []string{"CreateConnection"}
	cfg.Mode = fuzz.ModeInvalid
	r := run(t, cfg)
	for _, s := range r.Scenarios {
		if s.Operation != "CreateConnection" || s.Tags[1] == "@valid" {
			t.Errorf("unexpected scenario %s", s.Name)
		}
	}
	if len(r.Findings) != 0 {
		t.Errorf("false alarms: %q", summary(r))
	}
}

// Two rules the target fails to enforce show the same response-side cause (accepted with 200):
// one root cause that names both rules; its kept evidence is shrunk to a minimal input breaking
// its own rule, with the optional members gone.
func TestShrinkingMinimisesTheCounterexample(t *testing.T) {
	srv := startEmulator(t, "deviceindex-max-2", "assetid-maxlength-missing")
	cfg := config(t, srv.URL, 11, 800, 2)
	cfg.ReplayDir = t.TempDir()
	r := run(t, cfg)
	f, ok := findFinding(r, "StartConnection", "negative_data_rejection", nil)
	if !ok {
		t.Fatalf("no negative_data_rejection finding: %q", summary(r))
	}
	for _, rule := range []string{"$.NetworkInterfaceDeviceIndex maximum", "$.AssetId maxLength"} {
		if !strings.Contains(f.Message, rule) {
			t.Errorf("the root cause does not name %s: %s", rule, f.Message)
		}
	}
	minimal := map[string]func(v any) bool{
		"$.NetworkInterfaceDeviceIndex": func(v any) bool { return v == 2.0 },
		"$.AssetId":                     func(v any) bool { s, _ := v.(string); return len(s) == 101 },
	}
	rp, err := fuzz.LoadReplay(f.Replay)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(rp.Request.Body), &body); err != nil {
		t.Fatal(err)
	}
	ok2, known := minimal[rp.Path]
	if !known {
		t.Fatalf("kept evidence breaks %s %s, not one of the two faults' rules", rp.Path, rp.Rule)
	}
	if v := body[strings.TrimPrefix(rp.Path, "$.")]; !ok2(v) {
		t.Errorf("%s shrunk to %v, not minimal (body %s)", rp.Path, v, rp.Request.Body)
	}
	if _, present := body["DeviceSerialNumber"]; present {
		t.Errorf("optional DeviceSerialNumber survived shrinking: %s", rp.Request.Body)
	}
}

func TestProgressLine(t *testing.T) {
	srv := startEmulator(t)
	var buf bytes.Buffer
	cfg := config(t, srv.URL, 2, 50, 2)
	cfg.Progress = &buf
	run(t, cfg)
	if !strings.Contains(buf.String(), "plumb fuzz: 50 cases") || !strings.HasSuffix(buf.String(), "\n") {
		t.Errorf("progress output %q", buf.String())
	}
}

func TestDurationStopsTheCampaign(t *testing.T) {
	srv := startEmulator(t)
	cfg := config(t, srv.URL, 9, 0, 2)
	cfg.Duration = 300 * time.Millisecond
	r := run(t, cfg)
	if r.Cases == 0 || len(r.Findings) != 0 {
		t.Errorf("duration campaign: %d cases, findings %q", r.Cases, summary(r))
	}
}
