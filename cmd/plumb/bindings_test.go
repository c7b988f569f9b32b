package main

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const thingsSpec = "../../specs/testdata/things-restjson1.yaml"

// thingBug is one way a things server departs from the spec.
type thingBug int

const (
	thingsCorrect      thingBug = iota
	thingsAnyDryRun             // takes any text as the dryRun query member, not only true or false
	thingsAnswers200            // answers PutThing with 200, the spec documents 201
	thingsNoVersion             // leaves out the required X-Thing-Version response header
	thingsIgnoresOwner          // does not check the X-Thing-Owner header member
)

// thingsServer is a small restJson1 implementation of the things spec (PutThing with path,
// query, header and body members answering 201 with a header member; DeleteThing answering 204
// without a body; GetFile with a greedy label), written here without plumb's emulator, with the given bug.
func thingsServer(t *testing.T, sent *atomic.Int64, bug thingBug) *httptest.Server {
	lower := regexp.MustCompile(`^[a-z]+$`)
	id := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	runes := func(s string, min, max int) bool {
		n := utf8.RuneCountInString(s)
		return n >= min && n <= max
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fail := func(msg string) {
			w.Header().Set("X-Amzn-ErrorType", "ValidationException")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"message":%q}`, msg)
		}
		if file, ok := strings.CutPrefix(r.URL.Path, "/files/"); ok && r.Method == http.MethodGet {
			if !runes(file, 1, 64) {
				fail("Path is not valid")
				return
			}
			fmt.Fprintf(w, `{"path":%q}`, file)
			return
		}
		thing, ok := strings.CutPrefix(r.URL.Path, "/things/")
		if ok && r.Method == http.MethodDelete {
			if !runes(thing, 1, 20) || !id.MatchString(thing) {
				fail("ThingId is not valid")
				return
			}
			w.Header().Del("Content-Type")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if !ok || r.Method != http.MethodPut {
			w.Header().Set("X-Amzn-ErrorType", "UnknownOperationException")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"no such route"}`)
			return
		}
		if !runes(thing, 1, 20) || !id.MatchString(thing) {
			fail("ThingId is not valid")
			return
		}
		q := r.URL.Query()
		if q.Has("dryRun") && bug != thingsAnyDryRun {
			if v := q.Get("dryRun"); v != "true" && v != "false" {
				fail("dryRun is not a boolean")
				return
			}
		}
		if len(q["tag"]) > 3 {
			fail("too many tags")
			return
		}
		for _, tag := range q["tag"] {
			if !runes(tag, 1, 10) || !lower.MatchString(tag) {
				fail("tag is not valid")
				return
			}
		}
		if owner := r.Header.Get("X-Thing-Owner"); bug != thingsIgnoresOwner && (!runes(owner, 1, 16) || !lower.MatchString(owner)) {
			fail("X-Thing-Owner is not valid")
			return
		}
		if p := r.Header.Get("X-Thing-Priority"); p != "" {
			n, err := strconv.ParseFloat(p, 64)
			if err != nil || n != float64(int64(n)) || n < 1 || n > 5 {
				fail("X-Thing-Priority is not valid")
				return
			}
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			fail("bad content type")
			return
		}
		var in map[string]any
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &in); err != nil || in == nil {
			fail("body is not a JSON object")
			return
		}
		name, ok := in["name"].(string)
		if !ok || !runes(name, 1, 20) {
			fail("name is not valid")
			return
		}
		if v, present := in["size"]; present && v != nil {
			size, ok := v.(float64)
			if !ok || size != float64(int64(size)) || size < 1 || size > 100 {
				fail("size is not valid")
				return
			}
		}
		if bug != thingsNoVersion {
			w.Header().Set("X-Thing-Version", "1")
		}
		if bug == thingsAnswers200 {
			w.WriteHeader(http.StatusOK)
		} else {
			w.WriteHeader(http.StatusCreated)
		}
		fmt.Fprintf(w, `{"thingId":%q,"name":%q}`, thing, name)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRunAndFuzzWithARestJSON1SpecOfQueryHeaderAndGreedyMembers(t *testing.T) {
	for _, args := range [][]string{
		{"run", "--spec", thingsSpec},
		{"fuzz", "--spec", thingsSpec, "--budget", "300", "--seed", "5"},
	} {
		t.Run(args[0], func(t *testing.T) {
			var sent atomic.Int64
			srv := thingsServer(t, &sent, thingsCorrect)
			dir := t.TempDir()
			code, out, errs := plumb(t, append(args, "--target", srv.URL, "--report-dir", dir, "--format", "json")...)
			require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", out, errs)
			assert.Greater(t, sent.Load(), int64(20), "the target was exercised")
			doc := readReport(t, dir)
			assert.EqualValues(t, "passed", doc.Verdict)
			var ops []string
			for _, o := range doc.Operations {
				ops = append(ops, o.Operation)
			}
			assert.ElementsMatch(t, []string{"DeleteThing", "GetFile", "PutThing"}, ops)
		})
	}
}

func TestARestJSON1ServerBreakingABindingFailsWithItsRootCause(t *testing.T) {
	cases := []struct {
		name string
		bug  thingBug
		want string // a root cause's check and cause, or its rule, contains this
	}{
		{"query member's type ignored", thingsAnyDryRun, "$.dryRun type"},
		{"200 instead of 201", thingsAnswers200, "undocumented status 200"},
		{"response header dropped", thingsNoVersion, "201 $.X-Thing-Version required"},
		{"header member not checked", thingsIgnoresOwner, "$.X-Thing-Owner"},
	}
	for _, tc := range cases {
		for _, mode := range []string{"run", "fuzz"} {
			t.Run(tc.name+" "+mode, func(t *testing.T) {
				var sent atomic.Int64
				srv := thingsServer(t, &sent, tc.bug)
				dir := t.TempDir()
				args := []string{mode, "--spec", thingsSpec, "--target", srv.URL, "--report-dir", dir, "--format", "json"}
				if mode == "fuzz" {
					// One rule of a dozen members: enough cases that its break is drawn at any seed.
					args = append(args, "--budget", "1500", "--seed", "5")
				}
				code, out, errs := plumb(t, args...)
				require.Equal(t, exitNonConform, code, "stdout:\n%s\nstderr:\n%s", out, errs)
				doc := readReport(t, dir)
				var causes []string
				for _, rc := range doc.RootCauses {
					causes = append(causes, rc.Check+": "+rc.Cause+" "+strings.Join(rc.Rules, ","))
				}
				assert.True(t, containsAny(causes, tc.want), "root causes %q name %q", causes, tc.want)
			})
		}
	}
}

func containsAny(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestSpecDumpShowsTheBindings(t *testing.T) {
	code, out, errs := plumb(t, "spec", "dump", "--spec", thingsSpec, "PutThing")
	require.Equal(t, exitOK, code, errs)
	var dump struct {
		SuccessStatus int                        `json:"successStatus"`
		InputLocation map[string]string          `json:"inputLocation"`
		OutputHeaders map[string]json.RawMessage `json:"outputHeaders"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &dump))
	assert.Equal(t, 201, dump.SuccessStatus)
	assert.Equal(t, "query", dump.InputLocation["dryRun"])
	assert.Equal(t, "header", dump.InputLocation["X-Thing-Owner"])
	assert.Contains(t, dump.OutputHeaders, "X-Thing-Version")
}
