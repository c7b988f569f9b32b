package steps

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Flows string a create and a read together as the spec declares them (x-plumb-created read,
// specs.ReadBack): the create's id goes to the read's input member, and the read must return
// the resource with the members the create was given. Nothing here names an operation or a
// member.

// flowOf returns the create operation named in a step and the read-back its spec declares.
func (s *scenario) flowOf(create string) (*specs.Operation, *specs.ReadBack, error) {
	op := s.env.Specs.Operation(create)
	if op == nil {
		return nil, nil, s.notInSpecs(create)
	}
	if op.Created == nil || op.Created.Read == nil || op.Created.ID == nil {
		return nil, nil, fmt.Errorf("%s declares no read-back (x-plumb-created id and read), so there is no flow to follow", create)
	}
	return op, op.Created.Read, nil
}

// createOne sends one create with fresh values for the members the read must echo, judges it as
// valid input, and remembers the id it returned.
func (s *scenario) createOne(ctx context.Context, create string) (created, error) {
	op, flow, err := s.flowOf(create)
	if err != nil {
		return created{}, err
	}
	if s.env.guarded() {
		s.st.SkipReason = fmt.Sprintf("the target is real AWS and %s creates a resource; allow live writes to run flows", create)
		return created{}, godog.ErrSkip
	}
	in, err := BaseInput(op)
	if err != nil {
		return created{}, err
	}
	freshen(op, flow, in)
	req, err := protocol.Encode(op, in, protocol.Overrides{})
	if err != nil {
		return created{}, err
	}
	ex, err := s.do(ctx, op.ID, req)
	if err != nil {
		return created{}, err
	}
	rs := s.env.Engine.Check(op, check.Valid(), ex)
	s.st.record(op.ID, check.Valid(), ex, rs)
	if err := failure(rs); err != nil && (ex.Response == nil || ex.Response.Status != op.Success()) {
		return created{}, fmt.Errorf("%s: %w", op.ID, err)
	}
	// A 200 that breaks other rules (its media type, a member's shape) still created something:
	// its failures are recorded, and the flow goes on so that the read-back is judged too.
	v, _ := check.ResponseValue(ex, op.Created.ID.Member)
	id, _ := v.(string)
	if id == "" {
		return created{}, fmt.Errorf("%s returned no %s, so the flow cannot go on", op.ID, op.Created.ID.Member)
	}
	c := created{create: op, flow: flow, id: id, input: in}
	s.st.created = append(s.st.created, c)
	return c, nil
}

// freshen gives the echoed members of in values drawn anew from the spec, so that each create
// of a flow differs in what the read must return (a store that mixes resources up shows).
func freshen(op *specs.Operation, flow *specs.ReadBack, in map[string]any) {
	doc, ok := generators.Valid(op.Input, generators.Options{Rules: op.Rules}).Example(rand.IntN(1 << 30)).(map[string]any)
	if !ok {
		return
	}
	for _, e := range flow.Echo {
		if v, present := jsonpath.Get(doc, e.Request); present {
			_ = jsonpath.Set(in, e.Request, v)
		}
	}
}

func (s *scenario) create(ctx context.Context, op string) error {
	_, err := s.createOne(ctx, op)
	return err
}

// readOne sends the read for a created resource and leaves it as the last exchange.
func (s *scenario) readOne(ctx context.Context, c created) error {
	read := s.env.Specs.Operation(c.flow.Operation)
	if read == nil {
		return s.notInSpecs(c.flow.Operation)
	}
	in := map[string]any{}
	if err := jsonpath.Set(in, c.flow.Input, c.id); err != nil {
		return err
	}
	req, err := protocol.Encode(read, in, protocol.Overrides{})
	if err != nil {
		return err
	}
	ex, err := s.do(ctx, read.ID, req)
	if err != nil {
		return err
	}
	s.st.Operation = read.ID
	s.st.last = &sent{op: read.ID, ex: ex}
	s.st.fetched = &c
	return nil
}

func (s *scenario) readBack(ctx context.Context) error {
	if len(s.st.created) == 0 {
		return fmt.Errorf(`nothing was created: use "I create a resource with a valid "<Operation>" request" first`)
	}
	return s.readOne(ctx, s.st.created[len(s.st.created)-1])
}

func (s *scenario) readsBackAsCreated() error {
	c := s.st.fetched
	if c == nil || s.st.last == nil || s.st.last.op != c.flow.Operation {
		return fmt.Errorf(`nothing was created and read back: use "I create a resource with a valid "<Operation>" request" and "I read it back" first`)
	}
	read := s.env.Specs.Operation(c.flow.Operation)
	rs := s.env.Engine.ReadBack(read, c.flow, c.id, c.input, s.st.last.ex)
	s.st.record(read.ID, check.Valid(), s.st.last.ex, rs)
	return failure(rs)
}

// createMany creates n resources, then reads each back and judges it. It goes on past failures
// so the report shows how many broke, and fails with the first few.
func (s *scenario) createMany(ctx context.Context, n int, op string) error {
	var problems []string
	for i := 0; i < n; i++ {
		if _, err := s.createOne(ctx, op); err != nil {
			if errors.Is(err, godog.ErrSkip) {
				return err
			}
			problems = append(problems, err.Error())
		}
	}
	for _, c := range s.st.created {
		if err := s.readOne(ctx, c); err != nil {
			return err
		}
		if err := s.readsBackAsCreated(); err != nil {
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
	return fmt.Errorf("%d of %d created resources did not read back as created: %s", len(problems), n, strings.Join(shown, " | "))
}

// idsEscaped asks whether the flow exercised percent-encoded path labels at all: otherwise a
// passing read-back says nothing about routing on the escaped path. An id pattern may allow
// bytes that need escaping without requiring them, so a conforming target may never return
// one: ids without them are a warning (recorded as stateful_conformance on the last create),
// and a failure only under the engine's strict option. Ids that do hold them must read back
// (createMany judges each, always as a failure).
func (s *scenario) idsEscaped() error {
	if len(s.st.created) == 0 {
		return fmt.Errorf(`nothing was created: use "I create <n> resources with valid "<Operation>" requests and read each back" first`)
	}
	if s.env.Engine != nil && !s.env.Engine.Enabled(check.Stateful) {
		return nil // excluded by --checks / --exclude-checks
	}
	for _, c := range s.st.created {
		if check.NeedsEscaping(c.id) {
			return nil
		}
	}
	last := s.st.created[len(s.st.created)-1]
	member := last.create.Created.ID.Member
	msg := fmt.Sprintf("none of the %d ids (%s) held a byte that needs percent-encoding in the path, so percent-encoded ids were not exercised", len(s.st.created), member)
	r := check.Result{Check: check.Stateful, Status: check.Fail, Message: msg, Path: member, Keyword: "pattern",
		Causes: []string{"no " + member + " needed percent-encoding"}}
	strict := s.env.Engine != nil && s.env.Engine.Options().Strict
	if !strict {
		r.Status = check.Warn
		r.Message += " (warning: the pattern allows such bytes, it does not require them; --strict fails it)"
	}
	var ex target.Exchange
	for i := len(s.st.Records) - 1; i >= 0; i-- {
		if s.st.Records[i].Operation == last.create.ID {
			ex = s.st.Records[i].Exchange
			break
		}
	}
	s.st.record(last.create.ID, check.Expect{Kind: check.KindAny}, ex, []check.Result{r})
	if strict {
		return fmt.Errorf("%s: %s", r.Check, msg)
	}
	return nil
}
