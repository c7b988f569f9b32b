package fuzz_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/specs"
)

func planner(t *testing.T, cfg fuzz.Config) *fuzz.Planner {
	t.Helper()
	cfg.Specs = testSpecs
	p, err := fuzz.NewPlanner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func cases(t *testing.T, p *fuzz.Planner, n int) []fuzz.Case {
	t.Helper()
	out := make([]fuzz.Case, n)
	for i := range out {
		c, err := p.Case(i)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = c
	}
	return out
}

func TestSameSeedSameRequests(t *testing.T) {
	a := cases(t, planner(t, fuzz.Config{Seed: 99}), 200)
	b := cases(t, planner(t, fuzz.Config{Seed: 99}), 200)
	for i := range a {
		if !reflect.DeepEqual(a[i].Request, b[i].Request) || !reflect.DeepEqual(a[i].Expect, b[i].Expect) {
			t.Fatalf("case %d differs:\n%+v\n%+v", i, a[i].Request, b[i].Request)
		}
	}
	// Out of order, one at a time: a case depends on (seed, index) only.
	p := planner(t, fuzz.Config{Seed: 99})
	for _, i := range []int{150, 3, 77} {
		c, err := p.Case(i)
		if err != nil || !reflect.DeepEqual(c.Request, a[i].Request) {
			t.Errorf("case %d drawn alone differs: %v", i, err)
		}
	}
	c := cases(t, planner(t, fuzz.Config{Seed: 100}), 200)
	same := 0
	for i := range a {
		if reflect.DeepEqual(a[i].Request, c[i].Request) {
			same++
		}
	}
	if same > 20 {
		t.Errorf("seeds 99 and 100 share %d of 200 requests", same)
	}
}

func TestScheduleCoversEveryKindAndExpectation(t *testing.T) {
	kinds := map[string]map[fuzz.Kind]int{}
	for _, c := range cases(t, planner(t, fuzz.Config{Seed: 1}), 300) {
		if kinds[c.Operation] == nil {
			kinds[c.Operation] = map[fuzz.Kind]int{}
		}
		kinds[c.Operation][c.Kind]++
		switch c.Kind {
		case fuzz.KindInvalid, fuzz.KindProtocol:
			if c.Expect.Kind != check.KindInvalid || c.Expect.Error == "" || c.Expect.Status < 400 {
				t.Errorf("case %d (%s %s) expects %+v", c.Index, c.Operation, c.Note, c.Expect)
			}
		case fuzz.KindValid:
			if c.Operation == "GetConnection" {
				// A generated id is unknown: the documented not-found outcome.
				if c.Expect.Kind != check.KindOutcome || c.Expect.Error != "NotFoundException" || c.Expect.Status != 404 {
					t.Errorf("GetConnection valid case expects %+v", c.Expect)
				}
			} else if want := check.ValidExpect(testSpecs.Operation(c.Operation), c.Input); c.Expect != want {
				// An input naming an id or a token only the service hands out (x-plumb-opaque)
				// earns any documented answer.
				t.Errorf("%s valid case %v expects %+v, want %+v", c.Operation, c.Input, c.Expect, want)
			} else if !namesOpaque(testSpecs.Operation(c.Operation), c.Input) && c.Expect.Kind != check.KindValid {
				t.Errorf("%s valid case %v names nothing only the service hands out, yet expects %+v", c.Operation, c.Input, c.Expect)
			}
		}
		if c.Kind == fuzz.KindProtocol && !c.Expect.Protocol {
			t.Errorf("protocol case %q not marked Protocol", c.Note)
		}
	}
	for _, op := range []string{"StartConnection", "GetConnection", "CreateConnection"} {
		for _, k := range []fuzz.Kind{fuzz.KindValid, fuzz.KindBoundary, fuzz.KindInvalid, fuzz.KindProtocol} {
			if kinds[op][k] == 0 {
				t.Errorf("no %s %s case in 300", op, k)
			}
		}
	}
}

func TestLiveAWSWithoutWritesSendsNothingThatCreates(t *testing.T) {
	p := planner(t, fuzz.Config{Seed: 4, LiveAWS: true})
	for _, c := range cases(t, p, 500) {
		creates := c.Request.Method != http.MethodGet && c.Expect.Kind != check.KindInvalid
		if creates {
			t.Fatalf("case %d (%s %s: %s) may create a resource: %+v", c.Index, c.Operation, c.Kind, c.Note, c.Expect)
		}
	}
	if _, err := fuzz.NewPlanner(fuzz.Config{Specs: testSpecs, LiveAWS: true, Mode: fuzz.ModeValid, Operations: []string{"StartConnection"}}); err == nil {
		t.Error("valid-only StartConnection on live AWS without live writes: no error")
	}
}

// Valid cases send the legitimate forms the run's positive scenarios send: some carry a member
// the operation does not know (which a server must ignore), for every operation with a body.
func TestValidCasesSometimesCarryAnUnknownMember(t *testing.T) {
	withUnknown := map[string]int{}
	valid := map[string]int{}
	for _, c := range cases(t, planner(t, fuzz.Config{Seed: 5, Mode: fuzz.ModeValid}), 600) {
		if c.Kind != fuzz.KindValid {
			continue
		}
		valid[c.Operation]++
		op := testSpecs.Operation(c.Operation)
		var body map[string]any
		if len(c.Request.Body) > 0 {
			if err := json.Unmarshal(c.Request.Body, &body); err != nil {
				t.Fatalf("case %d: body %s: %v", c.Index, c.Request.Body, err)
			}
		}
		for name := range body {
			if op.InputIn[name] == "" {
				withUnknown[c.Operation]++
				if !strings.Contains(c.Note, name) {
					t.Errorf("case %d sends unknown member %s but its note says %q", c.Index, name, c.Note)
				}
				if op.MemberNames()[name] {
					t.Errorf("case %d: %s is a member the operation knows", c.Index, name)
				}
			}
		}
	}
	for _, op := range []string{"StartConnection", "CreateConnection"} {
		if withUnknown[op] == 0 || withUnknown[op] == valid[op] {
			t.Errorf("%s: %d of %d valid cases carry an unknown member; want some, not all", op, withUnknown[op], valid[op])
		}
	}
	if withUnknown["GetConnection"] != 0 {
		t.Errorf("GetConnection has no body, yet %d cases carry an unknown member", withUnknown["GetConnection"])
	}
}

// namesOpaque: input gives a member only the service hands out (op.Opaque, top-level paths).
func namesOpaque(op *specs.Operation, input any) bool {
	m, _ := input.(map[string]any)
	for _, p := range op.Opaque {
		if _, ok := m[strings.TrimPrefix(p, "$.")]; ok {
			return true
		}
	}
	return false
}
