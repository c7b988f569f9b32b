package moto_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/thirdparty/moto"
)

// sharedDir is the documents' folder: the repository's parent's shared/, seen from this
// package's directory (the working directory of its tests).
var sharedDir = filepath.Join("..", "..", "..", "shared")

// The operations whose service moto 5.2 does not implement (AWS Outposts).
var outpostsOps = []string{"StartConnection", "GetConnection"}

// The deviations a plumb run must see: the two that only a stateful reading of the documents
// catches.
var mustSee = []string{"connection-id-collision", "initial-state-available", "describe-returns-other-tags"}

type deviation struct {
	ID        string `json:"id"`
	Operation string `json:"operation"`
	Check     string `json:"check"`
	Match     string `json:"match"`
	Moto      string `json:"moto"`
	Document  string `json:"document"`
	Quote     string `json:"quote"`

	re *regexp.Regexp
}

// report is the part of plumb-report.json this test reads.
type report struct {
	Verdict       string `json:"verdict"`
	VerdictReason string `json:"verdictReason"`
	Operations    []struct {
		Operation string `json:"operation"`
		Verdict   string `json:"verdict"`
		Reason    string `json:"reason"`
	} `json:"operations"`
	RootCauses []rootCause `json:"rootCauses"`
	Findings   []finding   `json:"findings"`
}

// finding is one finding of the report: its root cause's key, and the request rule it broke.
type finding struct {
	Operation string `json:"operation"`
	Check     string `json:"check"`
	Message   string `json:"message"`
	Cause     string `json:"cause"`
	Severity  string `json:"severity"`
	Path      string `json:"path"`
	Rule      string `json:"rule"`
}

type rootCause struct {
	Operation string   `json:"operation"`
	Check     string   `json:"check"`
	Cause     string   `json:"cause"`
	Severity  string   `json:"severity"`
	Count     int      `json:"count"`
	Rules     []string `json:"rules"`
	Example   struct {
		Message string `json:"message"`
		Request string `json:"request"`
		Curl    string `json:"curl"`
	} `json:"example"`
}

// ---- shared fixtures: one plumb binary and one moto_server for the whole package ----

var (
	tmpRoot string

	buildOnce sync.Once
	plumbBin  string
	buildErr  error

	motoOnce sync.Once
	motoURL  string
	motoStop func()
	motoErr  error
	motoLog  *os.File
)

func TestMain(m *testing.M) {
	flag.Parse()
	var err error
	if tmpRoot, err = os.MkdirTemp("", "plumb-moto-test-"); err != nil {
		fmt.Fprintln(os.Stderr, "temp dir:", err)
		os.Exit(2)
	}
	code := m.Run()
	if motoStop != nil {
		motoStop()
	}
	if motoLog != nil {
		_ = motoLog.Close()
	}
	_ = os.RemoveAll(tmpRoot)
	os.Exit(code)
}

// fixtures returns the built plumb binary and a running moto's URL, skipping the test when it
// is short or moto_server is not installed.
func fixtures(t *testing.T) (bin, url string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the plumb binary and starts moto_server")
	}
	motoOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		// moto logs every request and each traceback; kept beside the binary for a debugging
		// session (the folder goes when the tests end).
		if motoLog, motoErr = os.Create(filepath.Join(tmpRoot, "moto_server.log")); motoErr != nil {
			return
		}
		motoURL, motoStop, motoErr = moto.Start(ctx, moto.Options{Log: motoLog})
	})
	if errors.Is(motoErr, moto.ErrNotFound) {
		t.Skipf("NOTICE: moto_server not found; install moto (pip install 'moto[server]') to run plumb against it: %v", motoErr)
	}
	require.NoError(t, motoErr, "moto_server is installed but did not start")

	buildOnce.Do(func() {
		plumbBin = filepath.Join(tmpRoot, "plumb")
		cmd := exec.Command("go", "build", "-o", plumbBin, "github.com/plumbhq/plumb/cmd/plumb")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/plumb: %v\n%s", err, stderr.String())
		}
	})
	require.NoError(t, buildErr)
	return plumbBin, motoURL
}

// plumb runs the binary and returns its exit code and stdout.
func plumb(t *testing.T, bin string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("plumb %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String()
	case errors.As(err, &exit) && ctx.Err() == nil:
		return exit.ExitCode(), stdout.String()
	}
	t.Fatalf("plumb %s: %v (stderr: %s)", strings.Join(args, " "), err, tail(stderr.String(), 2000))
	return 0, ""
}

func readReport(t *testing.T, dir string) report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "plumb-report.json"))
	require.NoError(t, err)
	var r report
	require.NoError(t, json.Unmarshal(b, &r), "plumb-report.json does not parse")
	return r
}

func loadDeviations(t *testing.T) []deviation {
	t.Helper()
	b, err := os.ReadFile("deviations.json")
	require.NoError(t, err)
	var ds []deviation
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&ds), "deviations.json does not parse")
	for i := range ds {
		re, err := regexp.Compile("(?i)" + ds[i].Match)
		require.NoError(t, err, "deviation %s: match", ds[i].ID)
		ds[i].re = re
	}
	return ds
}

// ---- matching root causes to deviations ----

// rulesFrom collects, per root cause (operation, check, cause, severity), the request rules its
// findings broke ("$.tags maxItems", "target"): the report's rootCauses list cuts them at 20.
func rulesFrom(fs []finding) map[string][]string {
	out := map[string][]string{}
	for _, f := range fs {
		cause := f.Cause
		if cause == "" {
			cause, _, _ = strings.Cut(f.Message, "\n")
		}
		r := strings.TrimSpace(f.Path + " " + f.Rule)
		k := rootKey(f.Operation, f.Check, cause, isError(f.Severity))
		if r != "" && !slices.Contains(out[k], r) {
			out[k] = append(out[k], r)
		}
	}
	return out
}

func rootKey(op, check, cause string, isErr bool) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%v", op, check, cause, isErr)
}

func isError(severity string) bool { return severity == "" || strings.EqualFold(severity, "error") }

// matching returns the ids of the deviations of rc's operation and check whose regexp matches s.
func matching(rc rootCause, s string, ds []deviation) []string {
	var ids []string
	for _, d := range ds {
		if d.Operation == rc.Operation && d.Check == rc.Check && d.re.MatchString(s) {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

// explain returns the ids of the deviations explaining rc, and what none explains. A root cause
// is explained by a deviation matching its cause. Failing that, a negative_data_rejection root
// cause whose cause is generic ("input breaking a documented rule accepted with 200") is
// explained rule by rule: every request rule its inputs broke must be matched (cause + " " +
// rule). Other checks' rules are not consulted: they name what the request broke, not what the
// response did wrong, so they cannot explain a response's fault.
func explain(rc rootCause, rules []string, ds []deviation) (ids, unexplained []string) {
	if ids = matching(rc, rc.Cause, ds); len(ids) > 0 {
		return ids, nil
	}
	if rc.Check != string(check.NegativeDataRejection) || len(rules) == 0 {
		return nil, []string{rc.Cause}
	}
	for _, r := range rules {
		s := rc.Cause + " " + r
		hit := matching(rc, s, ds)
		if len(hit) == 0 {
			unexplained = append(unexplained, s)
		}
		for _, id := range hit {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids, unexplained
}

// assertExplained demands that every error-severity root cause is a known moto deviation and
// returns the ids of the deviations seen.
func assertExplained(t *testing.T, r report, ds []deviation) map[string]bool {
	t.Helper()
	all := rulesFrom(r.Findings)
	seen := map[string]bool{}
	errorsSeen := 0
	for _, rc := range r.RootCauses {
		if !isError(rc.Severity) {
			continue
		}
		errorsSeen++
		rules := all[rootKey(rc.Operation, rc.Check, rc.Cause, true)]
		for _, x := range rc.Rules {
			if x = strings.TrimSpace(x); x != "" && x != "…" && x != "..." && !slices.Contains(rules, x) {
				rules = append(rules, x)
			}
		}
		ids, unexplained := explain(rc, rules, ds)
		for _, id := range ids {
			seen[id] = true
		}
		if len(unexplained) > 0 {
			t.Errorf("root cause not in deviations.json (a moto change, or a plumb false alarm):\n"+
				"  operation: %s\n  check: %s\n  cause: %s\n  unexplained: %q\n  count: %d\n  example: %s\n  curl: %s",
				rc.Operation, rc.Check, rc.Cause, unexplained, rc.Count,
				tail(rc.Example.Message, 600), tail(rc.Example.Curl, 600))
		}
	}
	assert.Positive(t, errorsSeen, "no error-severity root cause: moto deviates, plumb must say so")
	var unseen []string
	for _, d := range ds {
		if !seen[d.ID] {
			unseen = append(unseen, d.ID)
		}
	}
	t.Logf("deviations seen: %d of %d; not seen in this run: %v", len(seen), len(ds), unseen)
	return seen
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// ---- the tests ----

// deviations.json is well formed, and each deviation quotes its document verbatim.
func TestDeviationsQuoteTheirDocuments(t *testing.T) {
	ds := loadDeviations(t)
	require.NotEmpty(t, ds)
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	checks := map[string]bool{}
	for _, n := range check.All {
		checks[string(n)] = true
	}
	ids := map[string]bool{}
	for _, d := range ds {
		assert.Regexp(t, kebab, d.ID)
		assert.False(t, ids[d.ID], "duplicate id %s", d.ID)
		ids[d.ID] = true
		assert.Contains(t, []string{"StartConnection", "GetConnection", "CreateConnection", "DescribeConnections"}, d.Operation, d.ID)
		assert.True(t, checks[d.Check], "deviation %s: %q is not a plumb check (check/names.go)", d.ID, d.Check)
		assert.NotEmpty(t, d.Match, d.ID)
		assert.NotEmpty(t, d.Moto, d.ID)
		assert.NotEmpty(t, d.Quote, d.ID)
		doc, _ := strings.CutPrefix(d.Document, "botocore:")
		assert.True(t, filepath.IsLocal(doc), "deviation %s: document %q must be a path under shared/ or botocore:<service>/<version>/<file>", d.ID, d.Document)
	}
	for _, id := range mustSee {
		assert.True(t, ids[id], "deviations.json lacks %s", id)
	}

	t.Run("quotes", func(t *testing.T) {
		if st, err := os.Stat(sharedDir); err != nil || !st.IsDir() {
			t.Skipf("NOTICE: the documents' folder %s is absent; the quotes are not checked", sharedDir)
		}
		for _, d := range ds {
			if model, ok := strings.CutPrefix(d.Document, "botocore:"); ok {
				text, found := botocoreModel(t, model)
				if !found {
					t.Logf("NOTICE: botocore's %s is not installed; the quote of %s is not checked", model, d.ID)
					continue
				}
				// A model is JSON: its layout is not its text, so both sides lose it.
				assert.True(t, strings.Contains(compactJSON(text), compactJSON(d.Quote)),
					"deviation %s: %s does not contain the quote %q", d.ID, d.Document, d.Quote)
				continue
			}
			b, err := os.ReadFile(filepath.Join(sharedDir, d.Document))
			if !assert.NoError(t, err, "deviation %s", d.ID) {
				continue
			}
			assert.True(t, strings.Contains(string(b), d.Quote),
				"deviation %s: %s does not contain the quote %q", d.ID, d.Document, d.Quote)
		}
	})
}

// plumb run with moto as the Direct Connect target: non-conformance (exit 1), every error is a
// known moto deviation, the Outposts operations (no target) are skipped, and the terminal output
// stays readable.
func TestRunDirectConnectAtMoto(t *testing.T) {
	bin, url := fixtures(t)
	ds := loadDeviations(t)
	dir := t.TempDir()

	code, stdout := plumb(t, bin, "run", "--target", "directconnect="+url, "--report-dir", dir)
	assert.Equal(t, 1, code, "plumb run against moto must exit 1 (non-conformance)")
	lines := strings.Count(stdout, "\n")
	assert.Less(t, lines, 300, "terminal output has %d lines; it ends:\n%s", lines, tail(stdout, 3000))

	r := readReport(t, dir)
	assert.Equal(t, "failed", r.Verdict, "verdictReason: %s", r.VerdictReason)
	require.NotEmpty(t, r.RootCauses, "plumb-report.json has no rootCauses")
	seen := assertExplained(t, r, ds)
	for _, rc := range r.RootCauses {
		assert.NotContains(t, outpostsOps, rc.Operation,
			"%s has no target and must be skipped, not a root cause (%s: %s)", rc.Operation, rc.Check, rc.Cause)
	}
	for _, o := range r.Operations {
		if slices.Contains(outpostsOps, o.Operation) {
			assert.Equal(t, "skipped", o.Verdict, "%s has no target: reason %q", o.Operation, o.Reason)
		}
	}
	for _, id := range mustSee {
		assert.True(t, seen[id], "plumb run did not report moto's deviation %s", id)
	}
}

// plumb run with moto as the target of every service: moto 5.2 has no Outposts, so
// StartConnection and GetConnection are each reported once as not implemented (inconclusive),
// never as root causes.
func TestRunEveryServiceAtMoto(t *testing.T) {
	bin, url := fixtures(t)
	ds := loadDeviations(t)
	dir := t.TempDir()

	code, _ := plumb(t, bin, "run", "--target", url, "--report-dir", dir)
	assert.Equal(t, 1, code, "plumb run against moto must exit 1 (CreateConnection deviates)")

	r := readReport(t, dir)
	for _, op := range outpostsOps {
		var found int
		for _, o := range r.Operations {
			if o.Operation != op {
				continue
			}
			found++
			assert.Equal(t, "inconclusive", o.Verdict, "%s: reason %q", op, o.Reason)
			assert.Regexp(t, `(?i)not implemented`, o.Reason, op)
		}
		assert.Equal(t, 1, found, "%s must appear once in the report's operations", op)
		for _, rc := range r.RootCauses {
			assert.NotEqual(t, op, rc.Operation, "%s is not implemented by moto: no root cause expected (%s: %s)",
				op, rc.Check, rc.Cause)
		}
	}
	assertExplained(t, r, ds)
}

// plumb fuzz of CreateConnection at moto: every error it finds is a known moto deviation.
func TestFuzzCreateConnectionAtMoto(t *testing.T) {
	bin, url := fixtures(t)
	ds := loadDeviations(t)
	dir := t.TempDir()

	// Shrinking is capped short: what is checked is the root causes, and a full shrink of every
	// finding against moto would take most of a minute.
	code, _ := plumb(t, bin, "fuzz", "--target", "directconnect="+url, "--operation", "CreateConnection",
		"--seed", "1", "--budget", "1500", "--shrink-time", "200ms", "--report-dir", dir)
	assert.Equal(t, 1, code, "plumb fuzz against moto must exit 1 (non-conformance)")

	r := readReport(t, dir)
	require.NotEmpty(t, r.RootCauses, "plumb-report.json has no rootCauses")
	assertExplained(t, r, ds)
}

// botocoreModel reads an installed botocore model (path under botocore/data, e.g.
// directconnect/2012-10-25/service-2.json.gz), found through the python3 on PATH.
func botocoreModel(t *testing.T, path string) (string, bool) {
	t.Helper()
	out, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		return "", false
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "data", path))
	if err != nil {
		return "", false
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return "", false
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	return string(b), err == nil
}

var jsonLayout = regexp.MustCompile(`\s*([\[\]{}:,])\s*`)

// compactJSON drops the white space around JSON's structural characters.
func compactJSON(s string) string { return jsonLayout.ReplaceAllString(s, "$1") }
