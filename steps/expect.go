package steps

import (
	"fmt"
	"strings"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
)

// protocolKeywords are request rules of the wire protocol rather than of a member: a target may
// answer their breach with an error common to all actions (check.Expect.Protocol).
var protocolKeywords = map[string]bool{"json": true, "contentType": true, "target": true}

// judge runs the engine on the last exchange sent, records the results, and fails the step
// when a check failed.
func (s *scenario) judge(exp check.Expect) error {
	if s.st.last == nil {
		return fmt.Errorf("nothing was sent: use \"I send the request\" first")
	}
	op := s.env.Specs.Operation(s.st.last.op)
	rs := s.env.Engine.Check(op, exp, s.st.last.ex)
	s.st.record(s.st.last.op, exp, s.st.last.ex, rs)
	return failure(rs)
}

// failure turns failed results into one step error naming every failed check.
func failure(rs []check.Result) error {
	fs := check.Failures(rs)
	if len(fs) == 0 {
		return nil
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = string(f.Check) + ": " + f.Message
	}
	return fmt.Errorf("%s", strings.Join(parts, "; "))
}

func (s *scenario) lastOp() (*specs.Operation, error) {
	if s.st.last == nil {
		return nil, fmt.Errorf("nothing was sent: use \"I send the request\" first")
	}
	return s.env.Specs.Operation(s.st.last.op), nil
}

func (s *scenario) accepted() error { return s.judge(check.Valid()) }

func (s *scenario) conforms() error { return s.judge(check.Expect{Kind: check.KindAny}) }

// createdNew judges the last exchange as the answer to valid input of an operation that creates
// a resource: besides every check "accepted" runs, the engine compares what the spec documents
// about the new resource (x-plumb-created: its initial values, an id no earlier create of the
// run returned). The spec must declare something, or the step would assert nothing.
func (s *scenario) createdNew() error {
	op, err := s.lastOp()
	if err != nil {
		return err
	}
	if op.Created == nil {
		msg := fmt.Sprintf("the spec of %s documents no resource it creates (x-plumb-created)", op.ID)
		s.st.Errors = append(s.st.Errors, msg)
		return fmt.Errorf("%s", msg)
	}
	return s.judge(check.Valid())
}

func (s *scenario) rejected(keyword string) error { return s.rejectedAt(keyword, "") }

// rejectedAt expects the rule (path, keyword) broken; the error and status it earns come from
// the spec's constraint, never from the feature file or from Go.
func (s *scenario) rejectedAt(keyword, path string) error {
	op, err := s.lastOp()
	if err != nil {
		return err
	}
	if path != "" && !strings.HasPrefix(path, "$") {
		path = "$." + path
	}
	c, ok := op.Find("request", path, keyword)
	if !ok {
		msg := fmt.Sprintf("the spec of %s documents no request rule %q on %q", op.ID, keyword, path)
		s.st.Errors = append(s.st.Errors, msg)
		return fmt.Errorf("%s", msg)
	}
	exp := check.Invalid(c.Path, c.Keyword, c.Error, c.Status)
	member := strings.TrimPrefix(c.Path, "$.")
	exp.Protocol = protocolKeywords[c.Keyword] ||
		(op.InputIn[member] == "path" && (c.Keyword == "minLength" || c.Keyword == "required")) // an empty path label breaks the route
	return s.judge(exp)
}

// errorType expects one documented outcome. The feature states the status for its reader; the
// step refuses a status the spec does not document for that type, so the two cannot drift.
func (s *scenario) errorType(typ string, status int) error {
	op, err := s.lastOp()
	if err != nil {
		return err
	}
	e, ok := op.Error(typ)
	if !ok || e.Status != status {
		msg := fmt.Sprintf("the scenario expects %s with status %d, but the spec of %s documents %s", typ, status, op.ID, documented(op))
		s.st.Errors = append(s.st.Errors, msg)
		return fmt.Errorf("%s", msg)
	}
	return s.judge(check.Outcome(e.Type, e.Status))
}

func documented(op *specs.Operation) string {
	parts := make([]string, len(op.Errors))
	for i, e := range op.Errors {
		parts[i] = fmt.Sprintf("%s %d", e.Type, e.Status)
	}
	return strings.Join(parts, ", ")
}
