package emulator_test

import (
	"fmt"
	"net/http"
	"testing"
)

func describe(t testing.TB, h http.Handler, in map[string]any) result {
	t.Helper()
	return serve(t, h, http.MethodPost, "/", map[string]string{
		"Content-Type": "application/x-amz-json-1.1",
		"X-Amz-Target": "OvertureService.DescribeConnections",
	}, mustJSON(t, in))
}

// describedAs creates a connection with one tag, describes it by its id and says what the
// listing shows with say ("not listed" when it is not, the status and type on an error).
func describedAs(t testing.TB, h http.Handler, say func(list []map[string]any) string) string {
	id := create(t, h, createWith1Tag("first", "1")).obj["connectionId"]
	r := describe(t, h, map[string]any{"connectionId": id})
	if r.status != http.StatusOK {
		return r.summary()
	}
	raw, _ := r.obj["connections"].([]any)
	var list []map[string]any
	for _, c := range raw {
		if m, ok := c.(map[string]any); ok {
			list = append(list, m)
		}
	}
	if len(list) == 0 {
		return "not listed"
	}
	return say(list)
}

// describedOnce creates a connection with one tag and describes it by its id: how many times
// the answer lists it, and the tag keys of the first listing.
func describedOnce(t testing.TB, h http.Handler) string {
	id := create(t, h, createWith1Tag("first", "1")).obj["connectionId"]
	r := describe(t, h, map[string]any{"connectionId": id})
	if r.status != http.StatusOK {
		return r.summary()
	}
	list, _ := r.obj["connections"].([]any)
	if len(list) == 0 {
		return "not listed"
	}
	first, _ := list[0].(map[string]any)
	return fmt.Sprintf("listed %d, tags %s", len(list), tagKeys(first))
}

func TestDescribeConnections(t *testing.T) {
	h := newEmulator(t)
	if got := describedOnce(t, h); got != "listed 1, tags first" {
		t.Errorf("described by id: %s", got)
	}
	create(t, h, createBody())
	all := describe(t, h, map[string]any{})
	if list, _ := all.obj["connections"].([]any); all.status != http.StatusOK || len(list) != 2 {
		t.Errorf("no id: %s, %d connections; want every connection (2)", all.summary(), len(list))
	}
	page := describe(t, h, map[string]any{"maxResults": 1})
	if list, _ := page.obj["connections"].([]any); len(list) != 1 || page.obj["nextToken"] == nil {
		t.Fatalf("maxResults 1: %d connections, nextToken %v", len(list), page.obj["nextToken"])
	}
	rest := describe(t, h, map[string]any{"maxResults": 1, "nextToken": page.obj["nextToken"]})
	if list, _ := rest.obj["connections"].([]any); len(list) != 1 || rest.obj["nextToken"] != nil {
		t.Errorf("second page: %d connections, nextToken %v", len(list), rest.obj["nextToken"])
	}
	for _, bad := range []map[string]any{
		{"connectionId": "dxcon-nobody00"}, {"nextToken": "not-a-token"}, {"maxResults": "10"}, {"connectionId": 7},
	} {
		if got := describe(t, h, bad).summary(); got != "400 DirectConnectClientException" {
			t.Errorf("%v: %s, want 400 DirectConnectClientException", bad, got)
		}
	}
}
