package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/cucumber/godog"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// request is the request a scenario is building: a structured input, or a body given verbatim,
// plus header edits applied after the protocol encoded it.
type request struct {
	op      *specs.Operation
	input   map[string]any
	raw     []byte // used instead of input's body members when rawSet
	rawSet  bool
	headers []headerEdit
}

type headerEdit struct {
	name, value string
	remove      bool
}

// build encodes the request the way the operation's protocol does, then applies header edits.
func (r *request) build() (target.Request, error) {
	var (
		req target.Request
		err error
	)
	if r.rawSet {
		req = protocol.EncodeRaw(r.op, r.raw, r.input, protocol.Overrides{}) // path, query and header members as Encode sends them
	} else if req, err = protocol.Encode(r.op, r.input, protocol.Overrides{}); err != nil {
		return target.Request{}, err
	}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	for _, h := range r.headers {
		if h.remove {
			req.Header.Del(h.name)
		} else {
			req.Header.Set(h.name, h.value)
		}
	}
	return req, nil
}

// specValid reports whether the spec says the input is valid: such a request, if it writes,
// creates a resource on a conforming target whatever else the scenario meant by it.
func (r *request) specValid() bool {
	if r.rawSet {
		return false
	}
	return len(specs.Validate(r.op.Input, r.input)) == 0 && len(r.op.CheckRules(r.input)) == 0
}

func (s *scenario) validRequest(op string) error {
	o := s.env.Specs.Operation(op)
	if o == nil {
		return s.notInSpecs(op)
	}
	in, err := BaseInput(o)
	if err != nil {
		return err
	}
	s.st.req = &request{op: o, input: in}
	s.st.Operation = op
	return nil
}

func (s *scenario) building() (*request, error) {
	if s.st.req == nil {
		return nil, fmt.Errorf(`no request to change: start with a valid "<Operation>" request`)
	}
	return s.st.req, nil
}

func (s *scenario) set(path string, v any) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	return jsonpath.Set(r.input, path, v)
}

func (s *scenario) setLength(path string, n int) error {
	return s.set(path, strings.Repeat("a", n))
}

func (s *scenario) setRepeat(path string, n int, unit string) error {
	return s.set(path, strings.Repeat(unit, n))
}

func (s *scenario) setRepeatSuffix(path string, n int, unit, suffix string) error {
	return s.set(path, strings.Repeat(unit, n)+suffix)
}

func (s *scenario) setJSON(path, raw string) error {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return fmt.Errorf("the member %q: %q is not a JSON value: %v", path, raw, err)
	}
	return s.set(path, v)
}

func (s *scenario) setText(path, text string) error { return s.set(path, text) }

// remove takes a member out of the request; one already absent stays absent. But the object
// that would hold it must be there: removing tags[0].key from a request with no tags would send
// the request unchanged while the scenario claims it breaks the key's rule.
func (s *scenario) remove(path string) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	steps, err := jsonpath.Parse(path)
	if err != nil {
		return err
	}
	if len(steps) > 1 {
		parent := jsonpath.String(steps[:len(steps)-1])
		if _, ok := jsonpath.Get(r.input, parent); !ok {
			return fmt.Errorf("%s's request has no %s: %q cannot be removed from it", r.op.ID, parent, path)
		}
	}
	return jsonpath.Delete(r.input, path)
}

func (s *scenario) distinctItems(path string, n int) error { return s.setItems(path, n, false) }

func (s *scenario) sameKeyItems(path string, n int) error {
	if n < 2 {
		return fmt.Errorf("%d items cannot repeat a key; use 2 or more", n)
	}
	return s.setItems(path, n, true)
}

func (s *scenario) setItems(path string, n int, sameKey bool) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	items, err := ItemList(r.op, path, n, sameKey)
	if err != nil {
		return err
	}
	return jsonpath.Set(r.input, path, items)
}

func (s *scenario) body(text string) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	r.raw, r.rawSet = []byte(text), true
	return nil
}

func (s *scenario) bodyEmpty() error { return s.body("") }

func (s *scenario) header(name, value string) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	r.headers = append(r.headers, headerEdit{name: name, value: value})
	return nil
}

func (s *scenario) headerRemoved(name string) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	r.headers = append(r.headers, headerEdit{name: name, remove: true})
	return nil
}

// send encodes and sends the request. Against real AWS without live writes it refuses, before
// anything goes out, any request that could be accepted: one the scenario expects accepted, or
// a write whose input the spec calls valid.
func (s *scenario) send(ctx context.Context) error {
	r, err := s.building()
	if err != nil {
		return err
	}
	req, err := r.build()
	if err != nil {
		return err
	}
	if s.env.guarded() && (s.expectsAcceptance() || (r.op.Method != http.MethodGet && r.specValid())) {
		s.st.SkipReason = fmt.Sprintf("the target is real AWS and this %s request could be accepted (creating a resource); allow live writes to send it", r.op.ID)
		return godog.ErrSkip
	}
	ex, err := s.do(ctx, r.op.ID, req)
	if err != nil {
		return err
	}
	s.st.Operation = r.op.ID
	s.st.last = &sent{op: r.op.ID, ex: ex}
	return nil
}

// expectsAcceptance reports whether any step of the scenario expects a request accepted.
func (s *scenario) expectsAcceptance() bool {
	for _, text := range s.st.steps {
		for _, p := range acceptancePatterns {
			if p.MatchString(text) {
				return true
			}
		}
	}
	return false
}

// do sends req to operation, unless the operation is out of the run's scope: then the
// scenario is skipped with the reason, before anything is sent.
func (s *scenario) do(ctx context.Context, operation string, req target.Request) (target.Exchange, error) {
	if s.env.OutOfScope != nil {
		if why := s.env.OutOfScope(operation); why != "" {
			s.st.SkipReason = operation + " is out of scope: " + why
			return target.Exchange{}, godog.ErrSkip
		}
	}
	return s.env.Client.Do(ctx, req), nil
}

// notInSpecs skips a scenario about an operation the specs under test do not have (plumb's own
// features run with --spec naming other operations): skipped with the reason, which the reports
// show, never passed and never a finding against the target.
func (s *scenario) notInSpecs(op string) error {
	s.st.SkipReason = fmt.Sprintf("the specs under test have no operation %q", op)
	return godog.ErrSkip
}
