package main_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/derive"
)

func runPlumb(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(plumbBinary(t), args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return stdout.String(), stderr.String(), exit.ExitCode()
	}
	require.NoError(t, err)
	return stdout.String(), stderr.String(), 0
}

// plumb derive writes whole Direct Connect, which plumb spec list --spec reads; a restXml
// model (S3) is refused by name with exit 2.
func TestDeriveWholeServiceAndRefuseRestXML(t *testing.T) {
	if _, err := derive.ResolveSource("botocore:directconnect"); err != nil {
		t.Skipf("NOTICE: %v", err)
	}
	dir := t.TempDir()
	_, stderr, code := runPlumb(t, "derive", "--out", dir, "botocore:directconnect")
	require.Equal(t, 0, code, stderr)
	out, stderr, code := runPlumb(t, "spec", "list", "--spec", filepath.Join(dir, "directconnect.yaml"))
	require.Equal(t, 0, code, stderr)
	m := regexp.MustCompile(`(\d+) operations, (\d+) constraints`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	ops, _ := strconv.Atoi(m[1])
	assert.Greater(t, ops, 50)

	_, stderr, code = runPlumb(t, "derive", "botocore:s3")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "s3: refused: protocol restXml")

	out, _, code = runPlumb(t, "derive", "--compare", "botocore:outposts", "../../specs/outposts.yaml")
	assert.Equal(t, 1, code, "disagreements exit 1")
	assert.Contains(t, out, "StartConnection  flow")
}

// Flags may follow the source; several services on stdout are one YAML stream.
func TestDeriveFlagsAfterTheSourceAndAStream(t *testing.T) {
	out, stderr, code := runPlumb(t, "derive", "../../derive/testdata/widgets.smithy.json", "--operation", "GetWidget")
	assert.Equal(t, 2, code, "the file's awsQuery service is refused")
	assert.Contains(t, stderr, "legacy: refused: protocol awsQuery")
	assert.Contains(t, out, "operationId: GetWidget")
	assert.NotContains(t, out, "operationId: CreateWidget")
	assert.NotContains(t, stderr, "unknown flag")
	assert.NotContains(t, stderr, "gadgets", "a service without the operation is left out, not an error")

	out, _, _ = runPlumb(t, "derive", "../../derive/testdata/widgets.smithy.json")
	assert.Equal(t, 1, strings.Count(out, "\n---\n"), "two services, two documents")
}

// The seed documents: a folder or its pages one by one (read together, so the two pages of
// StartConnection merge), and --compare against a model takes the operations they describe.
func TestDeriveFromTheSeeds(t *testing.T) {
	seeds := cmp.Or(os.Getenv("PLUMB_SEEDS"), filepath.Join("..", "..", "specs", "sources", "seeds"))
	dir := t.TempDir()
	_, stderr, code := runPlumb(t, "derive", "--out", dir, seeds)
	require.Equal(t, 0, code, stderr)
	for _, svc := range []string{"outposts", "directconnect"} {
		out, stderr, code := runPlumb(t, "spec", "list", "--spec", filepath.Join(dir, svc+".yaml"))
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, out, "constraints", svc)
	}
	// plumb derive SEEDS/*: the pages, and the folder's README skipped, said so; Outposts comes
	// out as the committed spec.
	all, err := filepath.Glob(filepath.Join(seeds, "*"))
	require.NoError(t, err)
	globbed := t.TempDir()
	_, stderr, code = runPlumb(t, append([]string{"derive", "--out", globbed}, all...)...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "README.md: a Markdown file, not a source: skipped")
	want, err := os.ReadFile("../../specs/outposts.yaml")
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(globbed, "outposts.yaml"))
	require.NoError(t, err)
	assert.True(t, string(want) == string(got), "plumb derive SEEDS/* writes specs/outposts.yaml as committed")

	out, stderr, code := runPlumb(t, "derive", filepath.Join(seeds, "001_9da61a4b654333d2.txt"), filepath.Join(seeds, "000_7eefd29f3cf92c3e.txt"))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "x-documents-disagree")
	_, stderr, code = runPlumb(t, "derive", filepath.Join(seeds, "001_9da61a4b654333d2.txt"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "without its boto3 page")

	if _, err := derive.ResolveSource("botocore:outposts"); err != nil {
		t.Skipf("NOTICE: %v", err)
	}
	out, _, code = runPlumb(t, "derive", "--compare", seeds, "botocore:outposts")
	assert.Equal(t, 1, code, "disagreements exit 1")
	assert.Contains(t, out, "StartConnection  request  $.AssetId  x-plumb-opaque")
	assert.NotContains(t, out, "operation", "only the operations both sides hold")
}

// make specs: plumb derive, from the sources kept in specs/sources, writes the committed specs
// as they are, and says which source gave the operation two of them describe.
func TestDeriveWritesTheCommittedSpecs(t *testing.T) {
	dir := t.TempDir()
	plumbBinary(t)   // built here, before the working directory moves
	t.Chdir("../..") // the sources named as the Makefile names them
	_, stderr, code := runPlumb(t, "derive", "--out", dir,
		"specs/sources/seeds", "specs/sources/botocore/data/directconnect/2012-10-25/service-2.json.gz",
		"--operation", "StartConnection", "--operation", "GetConnection", "--operation", "CreateConnection", "--operation", "DescribeConnections")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "CreateConnection is taken from shared/seeds")
	for _, f := range []string{"outposts.yaml", "directconnect.yaml"} {
		want, err := os.ReadFile(filepath.Join("specs", f))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.True(t, string(want) == string(got), "%s differs from what make specs writes", f)
	}
}

// The specs derived from either model route, the installed botocore's or AWS's Smithy models,
// are used by plumb run --spec and plumb fuzz --spec as they are: against the embedded emulator
// (a correct implementation of the four operations) both pass, every operation exercised, no
// false alarm. plumb's own feature files state the embedded specs' contract, not these, so the
// scenarios are generated from the derived specs.
func TestDerivedSpecsRunAndFuzzAsTheyAre(t *testing.T) {
	ops := []string{"--operation", "StartConnection", "--operation", "GetConnection", "--operation", "CreateConnection", "--operation", "DescribeConnections"}
	routes := map[string][]string{
		"smithy": {"../../derive/testdata/models/direct-connect-2012-10-25.smithy.json.gz", "../../derive/testdata/models/outposts-2019-12-03.smithy.json.gz"},
	}
	if _, err := derive.ResolveSource("botocore:directconnect"); err == nil {
		routes["botocore"] = []string{"botocore:directconnect", "botocore:outposts"}
	} else {
		t.Logf("NOTICE: %v: the botocore route is not run here", err)
	}
	for route, sources := range routes {
		t.Run(route, func(t *testing.T) {
			dir := t.TempDir()
			_, stderr, code := runPlumb(t, append(append([]string{"derive", "--out", dir}, sources...), ops...)...)
			require.Equal(t, 0, code, stderr)
			spec := []string{"--spec", filepath.Join(dir, "directconnect.yaml"), "--spec", filepath.Join(dir, "outposts.yaml")}
			out, stderr, code := runPlumb(t, append([]string{"run", "--report-dir", t.TempDir()}, spec...)...)
			assert.Equal(t, 0, code, "plumb run --spec (derived from %s):\n%s%s", route, out, stderr)
			assert.Contains(t, out, "verdict: PASSED  4 operations exercised")
			assert.Regexp(t, `scenarios: +[1-9][0-9]* passed, 0 failed, 0 skipped`, out)
			out, stderr, code = runPlumb(t, append([]string{"fuzz", "--seed", "1", "--budget", "400", "--report-dir", t.TempDir()}, spec...)...)
			assert.Equal(t, 0, code, "plumb fuzz --spec (derived from %s):\n%s%s", route, out, stderr)
			assert.Contains(t, out, "verdict: PASSED  4 operations exercised")
		})
	}
}

// The specs the seed documents alone give: Outposts states the embedded contract, so plumb's
// own features run for it, flows included; CreateConnection states another (no read-back
// through DescribeConnections, which no seed describes), so its scenarios are generated from the
// brought spec and plumb's own flow scenarios about it are skipped, saying why. Nothing fails.
func TestRunWithTheSeedsAloneUsesOwnFeaturesWhereTheyFit(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runPlumb(t, "derive", "--out", dir, "../../specs/sources/seeds")
	require.Equal(t, 0, code, stderr)
	reports := t.TempDir()
	out, stderr, code := runPlumb(t, "run", "--spec", filepath.Join(dir, "outposts.yaml"), "--spec", filepath.Join(dir, "directconnect.yaml"),
		"--report-dir", reports, "--format", "json")
	require.Equal(t, 0, code, "%s%s", out, stderr)
	var rep struct {
		Scenarios []struct {
			Feature    string `json:"feature"`
			Status     string `json:"status"`
			SkipReason string `json:"skip_reason"`
		} `json:"scenarios"`
	}
	b, err := os.ReadFile(filepath.Join(reports, "plumb-report.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rep))
	features := map[string]int{}
	var skipped []string
	for _, sc := range rep.Scenarios {
		features[sc.Feature]++
		if sc.Status == "skipped" {
			skipped = append(skipped, sc.SkipReason)
		}
	}
	assert.NotEmpty(t, skipped)
	for _, why := range skipped {
		assert.Contains(t, why, "written for the embedded spec of CreateConnection")
	}
	assert.Positive(t, features["StartConnection"], "plumb's own StartConnection feature runs: %v", features)
	assert.Positive(t, features["CreateConnection"], "CreateConnection is exercised (generated scenarios): %v", features)
	assert.Positive(t, features["Connection flows"], "plumb's own flows run where they fit: %v", features)
}
