package fuzz_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/fuzz"
	"github.com/plumbhq/plumb/secret"
)

// A replay file never holds a credential plumb signs with, wherever a caller put it, and
// LoadReplay reads the redacted file back.
func TestReplayFileHoldsNoCredential(t *testing.T) {
	const token = "IQoJb3JpZ2luX2VjREPLAYFILE/token+value=="
	secret.Held().Add(token)
	r := &fuzz.Replay{Version: fuzz.ReplayVersion, Operation: "StartConnection", Check: "negative_data_rejection",
		Note: "note quoting " + token,
		Request: fuzz.ReplayRequest{Operation: "StartConnection", Service: "outposts", Method: "POST", RawPath: "/connections",
			Header: http.Header{"X-Echo": {token}}, Body: `{"AssetId":"` + token + `"}`}}
	path := filepath.Join(t.TempDir(), "r.json")
	if err := r.Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), token) || !strings.Contains(string(b), secret.Redacted) {
		t.Errorf("replay file:\n%s", b)
	}
	back, err := fuzz.LoadReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Request.Body != `{"AssetId":"REDACTED"}` {
		t.Errorf("body read back = %q", back.Request.Body)
	}
}
