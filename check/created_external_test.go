package check_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/plumbhq/plumb/check"
)

// dxBody is a conforming CreateConnection 200 body with the given id and state.
func dxBody(id, state string) string {
	return strings.NewReplacer("dxcon-fg5678gh", id, `"connectionState":"requested"`, `"connectionState":"`+state+`"`).Replace(createOK)
}

func createExchange(id, state, requestID string) []string {
	return []string{dxBody(id, state), "Content-Type", ctAmzJSON, "x-amzn-RequestId", requestID}
}

func judgeCreate(t *testing.T, e *check.Engine, exp check.Expect, parts []string) []check.Result {
	t.Helper()
	return e.Check(op(t, "CreateConnection"), exp, exchange(200, parts[0], parts[1:]...))
}

func TestCreatedSpecDeclarations(t *testing.T) {
	create := op(t, "CreateConnection")
	if create.Created == nil || create.Created.ID == nil || create.Created.ID.Member != "$.connectionId" {
		t.Fatalf("CreateConnection declares no x-plumb-created id $.connectionId: %+v", create.Created)
	}
	if len(create.Created.Initial) != 1 || create.Created.Initial[0].Member != "$.connectionState" || create.Created.Initial[0].Value != "requested" {
		t.Fatalf("CreateConnection's initial values: %+v", create.Created.Initial)
	}
	if s := op(t, "StartConnection").Created; s == nil || s.ID == nil || s.ID.Member != "$.ConnectionId" {
		t.Fatalf("StartConnection declares no x-plumb-created id $.ConnectionId: %+v", s)
	}
	if op(t, "GetConnection").Created != nil {
		t.Fatal("GetConnection reads; it creates nothing")
	}
}

func TestNewResourceStartsInItsDocumentedState(t *testing.T) {
	e := engine(t, false)
	noFailures(t, judgeCreate(t, e, check.Valid(), createExchange("dxcon-aaaa0001", "requested", "r1")))

	rs := judgeCreate(t, e, check.Valid(), createExchange("dxcon-aaaa0002", "available", "r2"))
	r := want(t, rs, check.Stateful, check.Fail, "connectionState", `"available"`, `"requested"`)
	if len(r.Causes) != 1 || r.Causes[0] != "new resource has connectionState available (documented requested)" {
		t.Errorf("causes %q", r.Causes)
	}
	if r.Path != "$.connectionState" || r.Keyword != "initial" {
		t.Errorf("path/keyword %s %s", r.Path, r.Keyword)
	}
	want(t, rs, check.ResponseSchema, check.Pass) // available is a documented state, just not a new one's

	// A state outside the enum is the schema's finding alone, not counted twice.
	rs = judgeCreate(t, e, check.Valid(), createExchange("dxcon-aaaa0003", "new", "r3"))
	want(t, rs, check.ResponseSchema, check.Fail, "$.connectionState enum")
	want(t, rs, check.Stateful, check.Pass)

	// Response members are optional: a response without them is not judged.
	rs = e.Check(op(t, "CreateConnection"), check.Valid(), exchange(200, `{"ownerAccount":"123456789012"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.Stateful, check.Skip)
	rs = e.Check(op(t, "CreateConnection"), check.Valid(), exchange(200, `{"connectionId":"dxcon-aaaa0004"}`, "Content-Type", ctAmzJSON))
	want(t, rs, check.Stateful, check.Pass)

	// Only answers to valid input are judged: an invalid input accepted is negative_data_rejection's.
	rs = judgeCreate(t, e, check.Invalid("$.tags", "maxItems", "TooManyTagsException", 400), createExchange("dxcon-aaaa0005", "available", "r5"))
	want(t, rs, check.Stateful, check.Skip)
	want(t, rs, check.NegativeDataRejection, check.Fail)
}

func TestCreatedIDsAreDistinct(t *testing.T) {
	e := engine(t, false)
	first := createExchange("dxcon-same0001", "requested", "r1")
	noFailures(t, judgeCreate(t, e, check.Valid(), first))
	// The same response judged again (two Then steps on one exchange) is not a second create.
	noFailures(t, judgeCreate(t, e, check.Valid(), first))
	noFailures(t, e.Check(op(t, "CreateConnection"), check.Expect{Kind: check.KindAny}, exchange(200, first[0], first[1:]...)))

	rs := judgeCreate(t, e, check.Valid(), createExchange("dxcon-same0001", "requested", "r2"))
	r := want(t, rs, check.Stateful, check.Fail, `"dxcon-same0001"`, "CreateConnection")
	if len(r.Causes) != 1 || r.Causes[0] != "created id returned twice" || r.Path != "$.connectionId" || r.Keyword != "unique" {
		t.Errorf("result %+v", r)
	}
	// Both problems in one response: two causes.
	rs = judgeCreate(t, e, check.Valid(), createExchange("dxcon-same0001", "available", "r3"))
	if r := want(t, rs, check.Stateful, check.Fail); len(r.Causes) != 2 {
		t.Errorf("causes %q, want the state and the id", r.Causes)
	}

	// Reads never count: GetConnection returning a started id is the point of reading it.
	start, get := op(t, "StartConnection"), op(t, "GetConnection")
	noFailures(t, e.Check(start, check.Valid(), exchange(200, startOK, "Content-Type", ctJSON)))
	noFailures(t, e.Check(get, check.Valid(), exchange(200, getOK, "Content-Type", ctJSON)))
	noFailures(t, e.Check(get, check.Valid(), exchange(200, getOK, "Content-Type", ctJSON, "Date", "later")))
	// Ids are per operation: a StartConnection id a CreateConnection also returned is no repeat.
	noFailures(t, judgeCreate(t, e, check.Valid(), createExchange("sharedid0001", "requested", "r9")))
	noFailures(t, e.Check(start, check.Valid(), exchange(200, `{"ConnectionId":"sharedid0001"}`, "Content-Type", ctJSON)))
	rs = e.Check(start, check.Valid(), exchange(200, startOK, "Content-Type", ctJSON, "Date", "later"))
	want(t, rs, check.Stateful, check.Fail, `"abc+/="`, "StartConnection")

	e.ForgetCreated()
	noFailures(t, judgeCreate(t, e, check.Valid(), createExchange("dxcon-same0001", "requested", "r4")))
}

func TestCreatedIDsConcurrently(t *testing.T) {
	e := engine(t, false)
	const n = 64
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Distinct ids never fail; one id shared by n responses fails n-1 times.
			distinct := judgeCreate(t, e, check.Valid(), createExchange(fmt.Sprintf("dxcon-d%07d", i), "requested", fmt.Sprint("d", i)))
			shared := judgeCreate(t, e, check.Valid(), createExchange("dxcon-shared00", "requested", fmt.Sprint("s", i)))
			mu.Lock()
			defer mu.Unlock()
			if check.Failed(distinct) {
				t.Errorf("distinct id %d failed: %s", i, dump(distinct))
			}
			if check.Failed(shared) {
				failed++
			}
		}(i)
	}
	wg.Wait()
	if failed != n-1 {
		t.Errorf("%d of %d creates sharing one id failed, want %d", failed, n, n-1)
	}
}

// The reference emulator's creates pass; its faults that report a new connection as available
// or reuse the previous connection's id are found.
func TestCreatedAgainstTheEmulator(t *testing.T) {
	create := op(t, "CreateConnection")
	in := func(name string) map[string]any {
		return map[string]any{"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": name,
			"tags": []any{map[string]any{"key": "k", "value": name}}}
	}
	e := engine(t, false)
	h := emu(t)
	for i := 0; i < 50; i++ {
		noFailures(t, e.Check(create, check.Valid(), send(t, h, create, in(fmt.Sprint("c", i)))))
	}

	h = emu(t, "dx-initial-state-available")
	want(t, e.Check(create, check.Valid(), send(t, h, create, in("x"))), check.Stateful, check.Fail, "connectionState")

	e.ForgetCreated()
	h = emu(t, "dx-connectionid-reused")
	noFailures(t, e.Check(create, check.Valid(), send(t, h, create, in("first"))))
	want(t, e.Check(create, check.Valid(), send(t, h, create, in("second"))), check.Stateful, check.Fail, "already returned")
}

// The members the spec names are read wherever they sit in the body: after nested values holding
// braces, brackets and escaped quotes, behind escaped key spellings, amid any whitespace.
func TestCreatedReadsMembersAnywhereInTheBody(t *testing.T) {
	e := engine(t, false)
	body := " {\n\t\"partnerName\" : \"a}\\\"]{[\", \"tags\":[{\"key\":\"k\"}],\"x\":{\"y\":[1,{\"z\":\"\\\\\"}]},\"n\":-1.5e3,\"b\":true," +
		"\"conn\\u0065ctionId\" : \"dxcon-esc00001\" ,\r\n\"connectionState\":\"available\", \"z\": null }\n"
	rs := e.Check(op(t, "CreateConnection"), check.Valid(), exchange(200, body, "Content-Type", ctAmzJSON, "x-amzn-RequestId", "a"))
	want(t, rs, check.ResponseSchema, check.Pass)
	r := want(t, rs, check.Stateful, check.Fail, "available")
	if len(r.Causes) != 1 {
		t.Fatalf("causes %q: want the state alone", r.Causes)
	}
	rs = judgeCreate(t, e, check.Valid(), createExchange("dxcon-esc00001", "requested", "b"))
	want(t, rs, check.Stateful, check.Fail, "dxcon-esc00001", "already returned")

	// Not an object, or not JSON: nothing to judge here (the schema check says so).
	for _, b := range []string{`[]`, `{"connectionId":`, `"x"`} {
		rs := e.Check(op(t, "CreateConnection"), check.Valid(), exchange(200, b, "Content-Type", ctAmzJSON))
		want(t, rs, check.Stateful, check.Skip)
	}
}
