package fuzz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/secret"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// ReplayEmbedded is the Target of a replay recorded against plumb's embedded emulator.
const ReplayEmbedded = "embedded"

// ReplayVersion is the replay file format version.
const ReplayVersion = 1

// Replay is a finding saved so it can be re-sent and re-checked later (`plumb replay`). It holds
// the request as built before signing: no secret header (secret.IsHeader), date or content hash
// ever, and no credential plumb holds anywhere in the file (Write redacts by value).
type Replay struct {
	Version   int           `json:"version"`
	Operation string        `json:"operation"` // the operation whose exchange failed
	Check     string        `json:"check"`
	Rule      string        `json:"rule,omitempty"` // keyword
	Path      string        `json:"path,omitempty"`
	Cause     string        `json:"cause,omitempty"` // the root cause's response-side cause
	Seed      uint64        `json:"seed"`
	Case      int           `json:"case"` // index in the campaign of Seed
	Note      string        `json:"note,omitempty"`
	Expect    check.Expect  `json:"expect"`
	Request   ReplayRequest `json:"request"`
	// ReadBack, when set, says the failure was on reading back what Request created: Replay.Run
	// sends Request, then reads the created resource with this operation and judges the read.
	ReadBack *ReplayReadBack `json:"read_back,omitempty"`
	// Target is where the finding was found: the base URL, or ReplayEmbedded for plumb's
	// embedded emulator with Faults injected. plumb replay uses it when given no target. Never
	// credentials: target URLs cannot carry any.
	Target string   `json:"target,omitempty"`
	Faults []string `json:"faults,omitempty"`

	// Specs resolves operation ids; nil means plumb's embedded specs.
	Specs *specs.Set `json:"-"`
}

// ReplayRequest is an unsigned request.
type ReplayRequest struct {
	Operation string      `json:"operation"`
	Service   string      `json:"service"`
	Method    string      `json:"method"`
	RawPath   string      `json:"raw_path"`
	Header    http.Header `json:"header,omitempty"`
	Body      string      `json:"body,omitempty"`
}

// ReplayReadBack names the read half of a create/read flow (see stateful.go); the flow itself is
// the spec's (x-plumb-created read of the replay's operation).
type ReplayReadBack struct {
	Operation string         `json:"operation"` // the read operationId
	Input     map[string]any `json:"input"`     // the create input members the read must return
}

// signingHeaders are set anew by the signer when a replay is sent: stale in a file, and no
// secret. The secret headers (secret.IsHeader) never go in a replay file either.
var signingHeaders = []string{"X-Amz-Date", "X-Amz-Content-Sha256"}

// replayRequest keeps r for a replay file without the secret and signing headers, whatever a
// caller put in the request, and with the credentials plumb holds redacted by value from the
// remaining headers, the path and the body.
func replayRequest(r target.Request) ReplayRequest {
	held := secret.Held()
	h := make(http.Header, len(r.Header))
	for k, vs := range r.Header {
		if secret.IsHeader(k) || slices.Contains(signingHeaders, http.CanonicalHeaderKey(k)) {
			continue
		}
		cp := make([]string, len(vs))
		for i, v := range vs {
			cp[i] = held.Redact(v)
		}
		h[k] = cp
	}
	if r.Header == nil {
		h = nil
	}
	return ReplayRequest{Operation: r.Operation, Service: r.Service, Method: r.Method, RawPath: held.Redact(r.RawPath),
		Header: h, Body: held.Redact(string(r.Body))}
}

func (r ReplayRequest) request() target.Request {
	return target.Request{Operation: r.Operation, Service: r.Service, Method: r.Method, RawPath: r.RawPath,
		Header: r.Header.Clone(), Body: []byte(r.Body)}
}

// LoadReplay reads a replay file.
func LoadReplay(path string) (*Replay, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	var r Replay
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("replay %s: not a replay file: %w", path, err)
	}
	if r.Version != ReplayVersion {
		return nil, fmt.Errorf("replay %s: version %d, this plumb reads version %d", path, r.Version, ReplayVersion)
	}
	if r.Operation == "" || r.Check == "" || r.Request.Service == "" {
		return nil, fmt.Errorf("replay %s: operation, check and request.service are required", path)
	}
	return &r, nil
}

var (
	embeddedOnce sync.Once
	embeddedSet  *specs.Set
	embeddedErr  error
)

func (r *Replay) specs() (*specs.Set, error) {
	if r.Specs != nil {
		return r.Specs, nil
	}
	embeddedOnce.Do(func() { embeddedSet, embeddedErr = specs.Load() })
	return embeddedSet, embeddedErr
}

// Run re-sends the request and re-checks the response. still reports whether the same check
// still fails (for the same rule and member); results and ex are the fresh verdict and exchange.
func (r *Replay) Run(ctx context.Context, c *target.Client, e *check.Engine) (still bool, results []check.Result, ex target.Exchange, err error) {
	if c == nil || e == nil {
		return false, nil, ex, errors.New("replay: client and engine are required")
	}
	set, err := r.specs()
	if err != nil {
		return false, nil, ex, err
	}
	op := set.Operation(r.Request.Operation)
	if op == nil {
		return false, nil, ex, fmt.Errorf("replay: unknown operation %q", r.Request.Operation)
	}
	ex = c.Do(ctx, r.Request.request())
	if r.ReadBack == nil {
		results = e.Check(op, r.Expect, ex)
		if r.Check == string(check.Stateful) && !r.matches(op.ID, results) && ctx.Err() == nil {
			// A create returning an id it returned before shows only on a second create.
			ex = c.Do(ctx, r.Request.request())
			results = e.Check(op, r.Expect, ex)
		}
	} else {
		f, ok := flowCreating(set, op.ID)
		if !ok || f.Read != r.ReadBack.Operation {
			return false, nil, ex, fmt.Errorf("replay: the specs declare no flow from %s to %s (x-plumb-created read)", op.ID, r.ReadBack.Operation)
		}
		created := ex
		results = e.Check(op, r.Expect, created)
		if check.Failed(results) {
			// The create itself fails now: the read-back cannot be judged.
			return r.matches(op.ID, results), results, created, nil
		}
		read, rex, rs, ok := roundTrip(ctx, c, e, set, f, r.ReadBack.Input, created)
		if !ok {
			return false, results, created, fmt.Errorf("replay: %s did not return a %s to read back", op.ID, op.Created.ID.Member)
		}
		return r.matches(read.ID, rs), rs, rex, nil
	}
	return r.matches(op.ID, results), results, ex, nil
}

// matches reports whether results hold the replay's failure: its check still fails on the
// request. The cause may differ (a target that malforms a member at random breaks its pattern one
// time and its length the next): a replay is fixed only when its check no longer fails.
func (r *Replay) matches(op string, rs []check.Result) bool {
	if op != r.Operation {
		return false
	}
	for _, res := range rs {
		if string(res.Check) == r.Check && (res.Status == check.Fail || res.Status == check.Warn) {
			return true
		}
	}
	return false
}

// newReplay builds the replay of a finding.
func newReplay(seed uint64, f *finding) *Replay {
	ev := f.ev
	r := &Replay{Version: ReplayVersion, Operation: f.key.Operation, Check: f.key.Check, Rule: ev.c.Expect.Keyword,
		Path: jsonpath.Generic(ev.c.Expect.Path), Cause: f.key.Cause, Seed: seed, Case: ev.c.Index, Note: ev.c.Note, Expect: ev.c.Expect,
		Request: replayRequest(ev.c.Request)}
	if ev.flow != nil {
		r.ReadBack = &ReplayReadBack{Operation: ev.flow.Read, Input: echoed(*ev.flow, ev.c.Input)}
	}
	return r
}

// Write saves the replay as indented JSON.
func (r *Replay) Write(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	// A last fence: no credential plumb holds goes into the file, wherever it hid.
	b = []byte(secret.Held().Redact(string(b)))
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	return nil
}

// ReplayFileName names a finding's replay file: operation-check-rootcauseid, with every
// character outside [A-Za-z0-9._-] replaced, so names are portable and stable across runs.
func ReplayFileName(operation, check, cause string) string {
	parts := []string{operation, check, report.RootCauseID(operation, check, cause)}
	var b strings.Builder
	under := false
	for _, ch := range strings.Join(parts, "-") {
		ok := ch == '-' || ch == '.' || ch == '_' || ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'
		if !ok {
			if !under {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		under = false
		b.WriteRune(ch)
	}
	return b.String() + ".json"
}

func writeReplay(dir string, seed uint64, f *finding, where string, faults []string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("replay dir: %w", err)
	}
	path := filepath.Join(dir, ReplayFileName(f.key.Operation, f.key.Check, f.key.Cause))
	r := newReplay(seed, f)
	r.Target, r.Faults = where, faults
	return path, r.Write(path)
}
