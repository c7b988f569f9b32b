package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const widgetsSpec = "../../specs/testdata/widgets-awsjson10.yaml"

// widgetServer is a small, correct awsJson1_0 implementation of the widgets spec's PutWidget,
// written here without plumb's emulator: what --spec must work against.
func widgetServer(t *testing.T, sent *atomic.Int64, maxSize float64) *httptest.Server {
	name := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		fail := func(msg string) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"__type":"com.example#ValidationException","message":%q}`, msg)
		}
		if r.Method != http.MethodPost || r.URL.Path != "/" || r.Header.Get("X-Amz-Target") != "WidgetService.PutWidget" {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"__type":"UnknownOperationException","message":"unknown operation"}`)
			return
		}
		if r.Header.Get("Content-Type") != "application/x-amz-json-1.0" {
			fail("bad content type")
			return
		}
		var in map[string]any
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &in); err != nil || in == nil {
			fail("body is not a JSON object")
			return
		}
		n, ok := in["name"].(string)
		if !ok || n == "" || len([]rune(n)) > 20 || !name.MatchString(n) {
			fail("name is not valid")
			return
		}
		size, ok := in["size"].(float64)
		if !ok || size != float64(int64(size)) || size < 1 || size > maxSize {
			fail("size is not valid")
			return
		}
		if v, present := in["ratio"]; present && v != nil {
			ratio, ok := v.(float64)
			if !ok || ratio < 0 || ratio >= 1 {
				fail("ratio is not valid")
				return
			}
		}
		if v, present := in["colour"]; present && v != nil {
			if c, ok := v.(string); !ok || (c != "red" && c != "green" && c != "blue") {
				fail("colour is not valid")
				return
			}
		}
		fmt.Fprintf(w, `{"widgetId":"w-0123abcd","name":%q,"size":%d}`, n, int(size))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFuzzWithABroughtSpecAgainstAServerOfItsOwn(t *testing.T) {
	var sent atomic.Int64
	srv := widgetServer(t, &sent, 100)
	dir := t.TempDir()
	code, out, errs := plumb(t, "fuzz", "--spec", widgetsSpec, "--target", srv.URL, "--budget", "200", "--seed", "3",
		"--report-dir", dir, "--format", "json")
	assert.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	assert.GreaterOrEqual(t, sent.Load(), int64(200), "the target was exercised")
	doc := readReport(t, dir)
	assert.EqualValues(t, "passed", doc.Verdict)
	require.Len(t, doc.Operations, 1)
	assert.Equal(t, "PutWidget", doc.Operations[0].Operation)
}

func TestRunWithABroughtAWSJSON10Spec(t *testing.T) {
	var sent atomic.Int64
	srv := widgetServer(t, &sent, 100)
	dir := t.TempDir()
	code, out, errs := plumb(t, "run", "--spec", widgetsSpec, "--target", srv.URL, "--report-dir", dir, "--format", "json")
	require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", out, errs)
	assert.Greater(t, sent.Load(), int64(10))
	assert.EqualValues(t, "passed", readReport(t, dir).Verdict)
}

func TestABroughtSpecNeedsATargetTheEmulatorCannotBe(t *testing.T) {
	code, _, errs := plumb(t, "fuzz", "--spec", widgetsSpec, "--budget", "10")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "the embedded emulator does not implement PutWidget")
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
}

func TestASpecUsingWhatPlumbDoesNotCheckIsRefusedWithItsLocation(t *testing.T) {
	b, err := os.ReadFile(widgetsSpec)
	require.NoError(t, err)
	text := strings.Replace(string(b), "        size: {type: integer, minimum: 1, maximum: 100}",
		"        size:\n          anyOf: [{type: integer}, {type: string}]", 1)
	file := filepath.Join(t.TempDir(), "mine.yaml")
	require.NoError(t, os.WriteFile(file, []byte(text), 0o644))
	for _, args := range [][]string{
		{"run", "--spec", file, "--target", "http://127.0.0.1:9"},
		{"fuzz", "--spec", file, "--target", "http://127.0.0.1:9"},
		{"spec", "list", "--spec", file},
	} {
		code, _, errs := plumb(t, args...)
		assert.Equal(t, exitUsage, code, args)
		assert.Contains(t, errs, "spec mine.yaml:56 (PutWidget request application/x-amz-json-1.0.size): anyOf is not checked", args)
	}
}

func TestSpecListReadsABroughtSpec(t *testing.T) {
	code, out, errs := plumb(t, "spec", "list", "--spec", widgetsSpec)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "PutWidget  POST /  (widgets, awsJson1_0")
	assert.Contains(t, out, "exclusiveMaximum")
	assert.NotContains(t, out, "StartConnection", "the brought spec replaces the embedded ones")
}

func TestFuzzWithABroughtSpecFindsTheServersBug(t *testing.T) {
	var sent atomic.Int64
	srv := widgetServer(t, &sent, 1000) // accepts sizes up to 1000, the spec says 100
	dir := t.TempDir()
	code, out, _ := plumb(t, "fuzz", "--spec", widgetsSpec, "--target", srv.URL, "--budget", "300", "--seed", "3",
		"--report-dir", dir, "--format", "json")
	assert.Equal(t, exitNonConform, code, out)
	doc := readReport(t, dir)
	var rules []string
	for _, rc := range doc.RootCauses {
		rules = append(rules, rc.Rules...)
	}
	assert.Contains(t, rules, "$.size maximum", "root causes: %+v", doc.RootCauses)
}
