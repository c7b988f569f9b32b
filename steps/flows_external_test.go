package steps_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/steps"
	"github.com/plumbhq/plumb/target"
)

// plainIDs is a conforming Outposts target whose ConnectionIds are letters and digits only: the
// pattern allows '+', '/' and '=', it does not require them.
func plainIDs(t *testing.T) string {
	t.Helper()
	var mu sync.Mutex
	keys := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost && r.URL.Path == "/connections" {
			var in map[string]any
			_ = json.NewDecoder(r.Body).Decode(&in)
			id := fmt.Sprintf("plainConnection%04d", len(keys))
			keys[id], _ = in["ClientPublicKey"].(string)
			_ = json.NewEncoder(w).Encode(map[string]any{"ConnectionId": id, "UnderlayIpAddress": "10.0.0.1"})
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/connections/")
		key, ok := keys[id]
		if r.Method != http.MethodGet || !ok {
			w.Header().Set("X-Amzn-ErrorType", "NotFoundException")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"Message":"not found"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"ConnectionId": id, "ConnectionDetails": map[string]any{"ClientPublicKey": key}})
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// runFeature runs one feature file against url and returns each scenario's State and whether
// the suite passed.
func runFeature(t *testing.T, url, feature string, strict bool) ([]*steps.State, bool) {
	t.Helper()
	set, err := specs.Load()
	if err != nil {
		t.Fatal(err)
	}
	client, err := target.New(target.Options{Targets: map[string]string{"": url}, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.CloseIdleConnections)
	env := &steps.Env{Specs: set, Client: client, Engine: check.New(set, check.Options{Strict: strict})}
	var mu sync.Mutex
	var states []*steps.State
	suite := godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			st := steps.Register(sc, env)
			mu.Lock()
			states = append(states, st)
			mu.Unlock()
		},
		Options: &godog.Options{Format: "progress", Output: &strings.Builder{}, Strict: true, Paths: []string{"f.feature"},
			FS: fstest.MapFS{"f.feature": {Data: []byte(feature)}}, DefaultContext: context.Background()},
	}
	return states, suite.Run() == 0
}

const idsFeature = `Feature: ids
  Scenario: ids
    When I create 5 resources with valid "StartConnection" requests and read each back
    Then some ids needed percent-encoding in the path
`

// Ids without '+', '/' or '=' are a warning, not a failure, unless strict; the round trips stay
// hard checks either way.
func TestIDsWithoutSpecialCharactersWarn(t *testing.T) {
	url := plainIDs(t)
	for _, strict := range []bool{false, true} {
		states, passed := runFeature(t, url, idsFeature, strict)
		if passed == strict {
			t.Errorf("strict=%v: suite passed=%v", strict, passed)
		}
		if len(states) != 1 {
			t.Fatalf("%d scenarios", len(states))
		}
		var got *check.Result
		for _, rec := range states[0].Records {
			for i, r := range rec.Results {
				if check.Failed(rec.Results) && r.Status == check.Fail && r.Check != check.Stateful {
					t.Errorf("strict=%v: %s failed: %s", strict, r.Check, r.Message)
				}
				if r.Check == check.Stateful && (r.Status == check.Warn || r.Status == check.Fail) {
					got = &rec.Results[i]
				}
			}
		}
		want := check.Warn
		if strict {
			want = check.Fail
		}
		if got == nil || got.Status != want || !strings.Contains(got.Message, "needs percent-encoding") || len(got.Causes) != 1 {
			t.Errorf("strict=%v: stateful result %+v, want %s naming the characters", strict, got, want)
		}
		if len(states[0].Errors) != 0 {
			t.Errorf("strict=%v: step errors %v", strict, states[0].Errors)
		}
	}
}

const createdFeature = `Feature: created
  Scenario: two creates
    Given a valid "CreateConnection" request
    When I send the request
    Then the created resource is new and in its documented initial state
    When I send the request
    Then the created resource is new and in its documented initial state
`

// The created-resource step judges x-plumb-created: it passes on the correct emulator, fails on
// one that reuses ids or reports a new connection available, and refuses an operation whose
// spec documents no created resource.
func TestCreatedResourceStep(t *testing.T) {
	for _, c := range []struct {
		fault, feature string
		pass           bool
		error          string
	}{
		{"", createdFeature, true, ""},
		{"dx-connectionid-reused", createdFeature, false, ""},
		{"dx-initial-state-available", createdFeature, false, ""},
		{"", strings.NewReplacer("CreateConnection", "GetConnection").Replace(createdFeature), false, "documents no resource it creates"},
	} {
		var faults []string
		if c.fault != "" {
			faults = []string{c.fault}
		}
		srv, err := emulator.Start(emulator.Config{Faults: faults}, "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		states, passed := runFeature(t, srv.URL, c.feature, false)
		if passed != c.pass {
			t.Errorf("fault %q: passed=%v, want %v", c.fault, passed, c.pass)
		}
		if c.error != "" && (len(states) != 1 || len(states[0].Errors) == 0 || !strings.Contains(states[0].Errors[0], c.error)) {
			t.Errorf("fault %q: errors %v, want %q", c.fault, states[0].Errors, c.error)
		}
		_ = srv.Close()
	}
}

// Removing a member from an object the request does not hold fails the step and sends nothing:
// sent unchanged, the request would be judged as breaking the member's rule, which it does not.
func TestRemovingFromAnAbsentObjectSendsNothing(t *testing.T) {
	srv, err := emulator.Start(emulator.Config{}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Close() }()
	const feature = `Feature: CreateConnection
  Scenario: A tag without a key
    Given a valid "CreateConnection" request
    And the member "tags" is removed
    And the member "tags[0].key" is removed
    When I send the request
    Then the request is rejected for breaking "required" of "$.tags[*].key"
`
	states, passed := runFeature(t, srv.URL, feature, false)
	if passed {
		t.Fatal("the scenario passed, yet its request could not be made")
	}
	if len(states) != 1 || len(states[0].Records) != 0 {
		t.Fatalf("sent %d requests; want none", len(states[0].Records))
	}
	// An optional member already absent stays absent: that removal is no error.
	const optional = `Feature: CreateConnection
  Scenario: no lag
    Given a valid "CreateConnection" request
    And the member "lagId" is removed
    When I send the request
    Then the request is accepted
`
	if _, passed := runFeature(t, srv.URL, optional, false); !passed {
		t.Error("removing an absent optional member failed the scenario")
	}
}
