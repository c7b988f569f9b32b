package check_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

var (
	loadOnce sync.Once
	loaded   *specs.Set
	loadErr  error
)

// set loads the real embedded specs once for the whole test binary.
func set(t testing.TB) *specs.Set {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = specs.Load() })
	if loadErr != nil {
		t.Fatalf("specs.Load: %v", loadErr)
	}
	return loaded
}

func op(t testing.TB, id string) *specs.Operation {
	t.Helper()
	o := set(t).Operation(id)
	if o == nil {
		t.Fatalf("no operation %s in the specs", id)
	}
	return o
}

func engine(t testing.TB, strict bool) *check.Engine {
	t.Helper()
	return check.New(set(t), check.Options{Strict: strict})
}

// exchange builds a recorded response by hand: header pairs follow the body.
func exchange(status int, body string, header ...string) target.Exchange {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Add(header[i], header[i+1])
	}
	return target.Exchange{Response: &target.Response{Status: status, Header: h, Body: []byte(body)}}
}

// result returns the verdict of one named check, failing the test if it is absent.
func result(t testing.TB, rs []check.Result, n check.Name) check.Result {
	t.Helper()
	for _, r := range rs {
		if r.Check == n {
			return r
		}
	}
	t.Fatalf("no result for %s in %+v", n, rs)
	return check.Result{}
}

// want asserts a check's status and, for failures, that the message holds every fragment.
func want(t testing.TB, rs []check.Result, n check.Name, st check.Status, fragments ...string) check.Result {
	t.Helper()
	r := result(t, rs, n)
	if r.Status != st {
		t.Fatalf("%s: got %s (%q), want %s\nall: %s", n, r.Status, r.Message, st, dump(rs))
	}
	for _, f := range fragments {
		if !strings.Contains(r.Message, f) {
			t.Errorf("%s message %q does not mention %q", n, r.Message, f)
		}
	}
	return r
}

// noFailures asserts that nothing failed.
func noFailures(t testing.TB, rs []check.Result) {
	t.Helper()
	if check.Failed(rs) {
		t.Fatalf("unexpected failures:\n%s", dump(rs))
	}
}

func dump(rs []check.Result) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString("  " + string(r.Check) + " " + string(r.Status))
		if r.Message != "" {
			b.WriteString(": " + r.Message)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

const (
	ctJSON    = "application/json"
	ctAmzJSON = "application/x-amz-json-1.1"
	key       = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
	otherKey  = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB="

	startOK  = `{"ConnectionId":"abc+/=","UnderlayIpAddress":"10.0.0.1"}`
	getOK    = `{"ConnectionId":"abc+/=","ConnectionDetails":{"ClientPublicKey":"` + key + `","ServerPublicKey":"` + otherKey + `","ServerEndpoint":"10.0.0.1:51820","ClientTunnelAddress":"10.1.0.1/24","ServerTunnelAddress":"10.1.0.2/24","AllowedIps":["10.0.0.0/16","10.2.0.0/16"]}}`
	createOK = `{"ownerAccount":"123456789012","connectionId":"dxcon-fg5678gh","connectionName":"n1","connectionState":"requested","region":"us-east-1","location":"EqDC2","bandwidth":"1Gbps","vlan":0,"loaIssueTime":1717171717.5,"jumboFrameCapable":false,"hasLogicalRedundancy":"unknown","tags":[{"key":"k","value":"v"}],"providerName":"p","macSecCapable":false,"macSecKeys":[{"secretARN":"arn","ckn":"c","state":"associated","startOn":"now"}],"partnerInterconnectMacSecCapable":false}`
)

// createConnectionWith parses the embedded Direct Connect spec with edits (old, new pairs, each
// replacing its first occurrence: CreateConnection's come first), for a test needing a fact the
// embedded specs do not state, and returns CreateConnection and an engine over that spec.
func createConnectionWith(t *testing.T, edits ...string) (*specs.Operation, *check.Engine) {
	t.Helper()
	raw, err := specs.Raw("directconnect.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(doc, edits[i]) {
			t.Fatalf("the spec holds no %q", edits[i])
		}
		doc = strings.Replace(doc, edits[i], edits[i+1], 1)
	}
	s, err := specs.Parse([]string{"dc.yaml"}, map[string][]byte{"dc.yaml": []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	return s.Operation("CreateConnection"), check.New(s, check.Options{})
}

// withError adds a documented error of status 400 to CreateConnection's x-aws-errors.
func withError(t *testing.T, typ string) (*specs.Operation, *check.Engine) {
	t.Helper()
	return createConnectionWith(t, "      x-aws-errors:\n",
		"      x-aws-errors:\n        - {type: "+typ+", status: 400, member: message, source: 'the test'}\n")
}
