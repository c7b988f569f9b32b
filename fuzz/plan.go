package fuzz

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"pgregory.net/rapid"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/generators"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Case is one generated request with what it should earn. A case is a function of the
// campaign's (Seed, Index) and the specs alone: the same pair always gives the same Case.
type Case struct {
	Index     int
	Operation string
	Kind      Kind
	Note      string         // what the case is about, e.g. "invalid: $.name maxLength"
	Input     map[string]any // the decoded input; nil when the body is not a JSON object
	Request   target.Request // the request before signing
	Expect    check.Expect
	raw       bool     // Request is not protocol.Encode(Input): a protocol break, not shrinkable
	also      []string // keywords the input cannot help breaking beside Expect.Keyword (generators.Case.Also)
}

// Planner turns case indexes into cases. It is safe for concurrent use.
type Planner struct {
	seed  uint64
	slots []slot
	ops   []*opPlan
	set   *specs.Set
}

// Case weights in the schedule: out of every 10 cases of an operation, 3 valid, 2 boundary,
// 4 invalid, 1 protocol break.
var weights = []struct {
	kind Kind
	n    int
}{{KindValid, 3}, {KindBoundary, 2}, {KindInvalid, 4}, {KindProtocol, 1}}

type opPlan struct {
	op       *specs.Operation
	gens     *opGens
	boundary []generators.Case // filtered by mode
	breaks   []protocolBreak
	validOK  bool // valid inputs may be sent (mode and live-write guard)
	invalid  bool // invalid inputs may be sent
	// breakable: the input has a member rule to break (an operation with no input members,
	// such as a derived DescribeLocations, has protocol breaks only).
	breakable bool

	forms *rapid.Generator[any] // valid cases: gens.valid's documents, some with an unknown member
}

// slot is one place in the schedule: which operation and kind, and the slot's ordinal among the
// operation's slots of that kind (so boundary and protocol cases cycle through their lists).
type slot struct {
	op     *opPlan
	kind   Kind
	ord, n int
	off    uint64 // where in its list this slot starts, from the seed
}

// NewPlanner builds the case schedule for cfg's specs, operations, mode and live-AWS guard.
// Only Specs, Seed, Operations, Mode, LiveAWS and AllowLiveWrites are read.
func NewPlanner(cfg Config) (*Planner, error) {
	if cfg.Specs == nil {
		return nil, errors.New("fuzz: Config.Specs is nil")
	}
	cfg = cfg.withDefaults()
	ops := cfg.Specs.Operations()
	if len(cfg.Operations) > 0 {
		ops = nil
		for _, id := range cfg.Operations {
			op := cfg.Specs.Operation(id)
			if op == nil {
				return nil, fmt.Errorf("fuzz: unknown operation %q", id)
			}
			ops = append(ops, op)
		}
	}
	p := &Planner{seed: cfg.Seed, set: cfg.Specs}
	for _, op := range ops {
		g, err := newOpGens(op)
		if err != nil {
			return nil, err
		}
		// A request that may create something is one that is not a read (GET).
		safe := op.Method == http.MethodGet
		plan := &opPlan{op: op, gens: g,
			forms:   generators.ValidWithUnknown(op.Input, generators.Options{Rules: op.Rules}, op.MemberNames()),
			validOK: cfg.Mode != ModeInvalid && (safe || !cfg.liveWritesForbidden()),
			invalid: cfg.Mode != ModeValid,
		}
		for _, c := range op.Constraints() {
			plan.breakable = plan.breakable || (c.In == "request" && c.Path != "")
		}
		if op.ContentType == "" {
			plan.forms = g.valid // no body: nowhere to send an unknown member
		}
		for _, bc := range g.boundary {
			if (bc.Valid && plan.validOK) || (!bc.Valid && plan.invalid && usable(op, bc)) {
				plan.boundary = append(plan.boundary, bc)
			}
		}
		if plan.invalid {
			plan.breaks = protocolBreaks(op)
		}
		p.ops = append(p.ops, plan)
		for k, w := range weights {
			if !plan.has(w.kind) {
				continue
			}
			off := mix(cfg.Seed^mix(uint64(len(p.ops)*16+k))) % 4096
			for i := 0; i < w.n; i++ {
				p.slots = append(p.slots, slot{op: plan, kind: w.kind, ord: i, n: w.n, off: off})
			}
		}
	}
	if len(p.slots) == 0 {
		return nil, fmt.Errorf("fuzz: nothing to send in mode %q (live AWS without live writes sends only invalid inputs)", cfg.Mode)
	}
	return p, nil
}

func (o *opPlan) has(k Kind) bool {
	switch k {
	case KindValid:
		return o.validOK
	case KindBoundary:
		return len(o.boundary) > 0
	case KindInvalid:
		return o.invalid && o.breakable
	case KindProtocol:
		return len(o.breaks) > 0
	}
	return false
}

// Case returns the case with the given index.
func (p *Planner) Case(index int) (Case, error) {
	seed := caseSeed(p.seed, index)
	pos := uint64(index) + mix(p.seed)%uint64(len(p.slots))
	s := p.slots[pos%uint64(len(p.slots))]
	// n counts how often this (operation, kind) came up before: lists are walked in turn.
	n := (pos/uint64(len(p.slots)))*uint64(s.n) + uint64(s.ord) + s.off
	op := s.op.op
	c := Case{Index: index, Operation: op.ID, Kind: s.kind}
	var err error
	switch s.kind {
	case KindValid:
		err = p.valid(s.op, seed, &c)
	case KindBoundary:
		bc := s.op.boundary[n%uint64(len(s.op.boundary))]
		err = wireCase(s.op.op, bc, &c)
	case KindInvalid:
		err = p.invalid(s.op, seed, &c)
	case KindProtocol:
		err = p.protocolBreak(s.op, s.op.breaks[n%uint64(len(s.op.breaks))], seed, &c)
	}
	if err != nil {
		return Case{}, fmt.Errorf("fuzz: case %d (%s %s): %w", index, op.ID, s.kind, err)
	}
	return c, nil
}

// validInput draws one valid input document of o's operation.
func validInput(o *opPlan, seed uint64) (map[string]any, error) { return drawInput(o.gens.valid, seed) }

func drawInput(g *rapid.Generator[any], seed uint64) (map[string]any, error) {
	v, err := example(g, seed)
	if err != nil {
		return nil, err
	}
	in, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("valid generator gave %T, not an object", v)
	}
	return in, nil
}

// valid sends the legitimate forms a conforming target accepts, as the run's positive scenarios
// do: optional members present, absent or null, and sometimes a member the operation does not
// know (generators.ValidWithUnknown).
func (p *Planner) valid(o *opPlan, seed uint64, c *Case) error {
	in, err := drawInput(o.forms, seed)
	// A valid input whose header members a header cannot carry (see usable): draw again.
	for i := uint64(1); err == nil && i < 16 && !usable(o.op, generators.Case{Value: in, Valid: true}); i++ {
		in, err = drawInput(o.forms, mix(seed+i))
	}
	if err != nil {
		return err
	}
	c.Input, c.Note = in, "valid input"
	for name := range in {
		if o.op.InputIn[name] == "" {
			c.Note = "valid input with a member the operation does not know (" + name + ")"
		}
	}
	c.Expect = validExpect(o.op, in)
	c.Request, err = protocol.Encode(o.op, in, protocol.Overrides{})
	return err
}

// invalid draws until the generator gives a case that can travel on the wire (see usable).
// One invalid case in three first tries an anchor mutation (anchors.go).
func (p *Planner) invalid(o *opPlan, seed uint64, c *Case) error {
	if seed%3 == 0 {
		if valid, err := validInput(o, mix(seed)); err == nil {
			if in, path, ok := anchorMutation(o.op, valid, mix(seed^1)); ok {
				gc := generators.Case{Value: in, Path: path, Keyword: "pattern", Note: member(path) + " broken at one end of its pattern"}
				if usable(o.op, gc) {
					return wireCase(o.op, gc, c)
				}
			}
		}
	}
	var last error
	for try := uint64(0); try < 16; try++ {
		gc, err := example(o.gens.invalid, mix(seed+try))
		if err != nil {
			last = err
			continue
		}
		if !usable(o.op, gc) {
			continue
		}
		return wireCase(o.op, gc, c)
	}
	// Rare (an operation whose input is mostly path labels draws many type breaks, which a
	// label cannot carry): fall back on the operation's invalid boundary cases.
	var edges []generators.Case
	for _, bc := range o.gens.boundary {
		if !bc.Valid && usable(o.op, bc) {
			edges = append(edges, bc)
		}
	}
	if len(edges) > 0 {
		return wireCase(o.op, edges[seed%uint64(len(edges))], c)
	}
	if last == nil {
		last = errors.New("no usable invalid case in 16 draws")
	}
	return last
}

// usable reports whether a case can be sent as what it claims: a path label, query or header
// member carries text only, so a wrong JSON type for a string one arrives as valid text and is
// not a type break; a null or empty optional query or header member is not sent, so breaks
// nothing; and a header can carry printable ASCII only. What the target reads back
// (protocol.Received) must be as valid, or as invalid, as the case says.
func usable(op *specs.Operation, gc generators.Case) bool {
	if in, isObject := gc.Value.(map[string]any); isObject && hasBound(op, in) {
		got, ok := protocol.Received(op, in)
		if !ok {
			return false
		}
		vs := append(specs.Validate(op.Input, got), op.CheckRules(got)...)
		if broken := len(vs) > 0; broken != !gc.Valid {
			return false
		}
		// A break of a bound member must arrive as that break: a wrong JSON type of a string
		// member arrives as text breaking, at most, its pattern or length.
		if !gc.Valid && op.Bound(member(gc.Path)) && !slices.ContainsFunc(vs, func(v specs.Violation) bool {
			return jsonpath.Generic(v.Path) == jsonpath.Generic(gc.Path) && v.Keyword == gc.Keyword
		}) {
			return false
		}
	}
	if gc.Valid {
		return true
	}
	if m := member(gc.Path); op.InputIn[m] == "path" && gc.Keyword == "type" {
		return false
	}
	if gc.Path == "" || gc.Path == "$" { // the whole input is not an object
		return op.ContentType != "" && len(op.PathMembers()) == 0
	}
	return true
}

// hasBound reports whether the input holds a member bound outside the body.
func hasBound(op *specs.Operation, in map[string]any) bool {
	for name := range in {
		if op.Bound(name) {
			return true
		}
	}
	return false
}

// wireCase turns a generators.Case (valid, boundary or invalid) into a wire case: the request,
// and the expectation looked up from the spec.
func wireCase(op *specs.Operation, gc generators.Case, c *Case) error {
	c.Note = gc.Note
	if c.Note == "" {
		c.Note = fmt.Sprintf("%s %s", gc.Path, gc.Keyword)
	}
	in, isObject := gc.Value.(map[string]any)
	if !isObject {
		// The input is not an object: the body is that JSON value, which breaks "body is a JSON
		// object" (the json constraint), a protocol-level break.
		body, err := json.Marshal(gc.Value)
		if err != nil {
			return err
		}
		c.raw = true
		c.Request = protocol.EncodeRaw(op, body, nil, protocol.Overrides{})
		c.Expect = invalidExpect(op, "", "json")
		c.Expect.Protocol = true
		return nil
	}
	c.Input = in
	var err error
	if c.Request, err = protocol.Encode(op, in, protocol.Overrides{}); err != nil {
		return err
	}
	if gc.Valid {
		c.Expect = validExpect(op, in)
		return nil
	}
	c.Expect = invalidExpect(op, gc.Path, gc.Keyword)
	c.also = gc.Also
	// An empty (or absent, or null) path label changes the request line itself: a protocol-level
	// break that AWS may answer with a routing error common to all actions.
	if m := member(gc.Path); op.InputIn[m] == "path" {
		if s, _ := in[m].(string); s == "" {
			c.Expect.Protocol = true
		}
	}
	return nil
}

func (p *Planner) protocolBreak(o *opPlan, b protocolBreak, seed uint64, c *Case) error {
	in, err := validInput(o, seed)
	if err != nil {
		return err
	}
	if c.Request, err = b.build(o.op, in); err != nil {
		return err
	}
	c.Input, c.Note, c.raw = in, b.note, true
	c.Expect = invalidExpect(o.op, b.path, b.keyword)
	c.Expect.Protocol = true
	return nil
}

// invalidExpect looks up the documented error for breaking (path, keyword): never hard-coded.
// A break the constraint list does not name on its own (a list item of the wrong type) earns
// the operation's documented client error, which is what the specs give for any invalid input.
func invalidExpect(op *specs.Operation, path, keyword string) check.Expect {
	if con, ok := op.Find("request", path, keyword); ok {
		return check.Invalid(con.Path, con.Keyword, con.Error, con.Status)
	}
	if e := op.ClientError(); e.Type != "" {
		return check.Invalid(jsonpath.Generic(path), keyword, e.Type, e.Status)
	}
	return check.Expect{Kind: check.KindAny, Path: jsonpath.Generic(path), Keyword: keyword}
}

// member returns the top-level member a JSON path starts with: "$.tags[*].key" -> "tags".
func member(path string) string {
	s := path
	if len(s) >= 2 && s[:2] == "$." {
		s = s[2:]
	} else {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == '[' {
			return s[:i]
		}
	}
	return s
}
