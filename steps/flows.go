package steps

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/target"
)

// The operations a flow strings together and the member that links them, as the Outposts
// documents name them (001_9da61a4b654333d2.txt, 002_2df9347421f683ac.txt).
const (
	opStart            = "StartConnection"
	opGet              = "GetConnection"
	memberConnectionID = "ConnectionId"
	memberClientKey    = "ClientPublicKey"
	memberAssetID      = "AssetId"
)

// start sends one StartConnection with a fresh key and asset id, judges it as valid input, and
// remembers the id it returned.
func (s *scenario) startOne(ctx context.Context) (started, error) {
	if s.env.guarded() {
		s.st.SkipReason = "the target is real AWS and starting a connection creates one; allow live writes to run flows"
		return started{}, godog.ErrSkip
	}
	op := s.env.Specs.Operation(opStart)
	if op == nil {
		return started{}, fmt.Errorf("the spec has no operation %s", opStart)
	}
	in, err := BaseInput(op)
	if err != nil {
		return started{}, err
	}
	key, asset := newKey(), "plumbFlow"+randomHex(6)
	in[memberClientKey], in[memberAssetID] = key, asset
	req, err := protocol.Encode(op, in, protocol.Overrides{})
	if err != nil {
		return started{}, err
	}
	ex, err := s.do(ctx, opStart, req)
	if err != nil {
		return started{}, err
	}
	rs := s.env.Engine.Check(op, check.Valid(), ex)
	s.st.record(opStart, check.Valid(), ex, rs)
	if err := failure(rs); err != nil {
		return started{}, fmt.Errorf("StartConnection: %w", err)
	}
	var body map[string]any
	_ = json.Unmarshal(ex.Response.Body, &body) // the schema check has judged the body already
	id, _ := body[memberConnectionID].(string)
	if id == "" {
		return started{}, fmt.Errorf("StartConnection returned no %s, so the flow cannot go on", memberConnectionID)
	}
	c := started{id: id, key: key}
	s.st.started = append(s.st.started, c)
	return c, nil
}

func (s *scenario) start(ctx context.Context) error {
	_, err := s.startOne(ctx)
	return err
}

// getOne sends GetConnection for a started connection and leaves it as the last exchange.
func (s *scenario) getOne(ctx context.Context, c started) error {
	op := s.env.Specs.Operation(opGet)
	if op == nil {
		return fmt.Errorf("the spec has no operation %s", opGet)
	}
	req, err := protocol.Encode(op, map[string]any{memberConnectionID: c.id}, protocol.Overrides{})
	if err != nil {
		return err
	}
	ex, err := s.do(ctx, opGet, req)
	if err != nil {
		return err
	}
	s.st.Operation = opGet
	s.st.last = &sent{op: opGet, ex: ex}
	s.st.fetched = &c
	return nil
}

func (s *scenario) get(ctx context.Context) error {
	if len(s.st.started) == 0 {
		return fmt.Errorf("no connection was started: use \"I start a connection\" first")
	}
	return s.getOne(ctx, s.st.started[len(s.st.started)-1])
}

func (s *scenario) roundTrips() error {
	c := s.st.fetched
	if c == nil || s.st.last == nil || s.st.last.op != opGet {
		return fmt.Errorf("no connection was started and fetched: use \"I start a connection\" and \"I get that connection\" first")
	}
	rs := s.env.Engine.RoundTrip(s.env.Specs.Operation(opGet), c.id, c.key, s.st.last.ex)
	s.st.record(opGet, check.Valid(), s.st.last.ex, rs)
	return failure(rs)
}

// startMany starts n connections, then gets each back and judges the round trip. It goes on
// past failures so the report shows how many broke, and fails with the first few.
func (s *scenario) startMany(ctx context.Context, n int) error {
	var problems []string
	for i := 0; i < n; i++ {
		if _, err := s.startOne(ctx); err != nil {
			if errors.Is(err, godog.ErrSkip) {
				return err
			}
			problems = append(problems, err.Error())
		}
	}
	for _, c := range s.st.started {
		if err := s.getOne(ctx, c); err != nil {
			return err
		}
		if err := s.roundTrips(); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) == 0 {
		return nil
	}
	shown := problems
	if len(shown) > 3 {
		shown = shown[:3]
	}
	return fmt.Errorf("%d of %d connections did not round-trip: %s", len(problems), n, strings.Join(shown, " | "))
}

// idsHeld asks whether the flow exercised percent-encoded path labels at all: otherwise a
// passing round trip says nothing about routing on the escaped path. The ConnectionId pattern
// allows '+', '/' and '=', it does not require them, so a conforming target may never return
// one: ids without them are a warning (recorded as stateful_conformance on the last start),
// and a failure only under the engine's strict option. Ids that do hold them must round-trip
// (startMany judges each, always as a failure).
func (s *scenario) idsHeld() error {
	if len(s.st.started) == 0 {
		return fmt.Errorf("no connection was started: use \"I start <n> connections and get each back\" first")
	}
	for _, c := range s.st.started {
		if strings.ContainsAny(c.id, "+/=") {
			return nil
		}
	}
	msg := fmt.Sprintf("none of the %d connection ids held '+', '/' or '=', so percent-encoded ids were not exercised", len(s.st.started))
	r := check.Result{Check: check.Stateful, Status: check.Fail, Message: msg, Path: "$." + memberConnectionID, Keyword: "pattern",
		Causes: []string{"no " + memberConnectionID + " held '+', '/' or '='"}}
	strict := s.env.Engine != nil && s.env.Engine.Options().Strict
	if !strict {
		r.Status = check.Warn
		r.Message += " (warning: the pattern allows those characters, it does not require them; --strict fails it)"
	}
	var ex target.Exchange
	for i := len(s.st.Records) - 1; i >= 0; i-- {
		if s.st.Records[i].Operation == opStart {
			ex = s.st.Records[i].Exchange
			break
		}
	}
	s.st.record(opStart, check.Expect{Kind: check.KindAny}, ex, []check.Result{r})
	if strict {
		return fmt.Errorf("%s: %s", r.Check, msg)
	}
	return nil
}

// newKey returns a fresh WireGuard-shaped public key: 32 random bytes in standard base64, 44
// characters ending in "=", as ^[a-zA-Z0-9/+]{43}=$ demands.
func newKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
