package check

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/plumbhq/plumb/protocol"
)

// errorType judges how an error response names itself. AWS SDKs pick the exception from the
// sanitised type name alone (case-sensitively) and surface a response without one as
// UnknownError, so a missing, misspelt or undocumented type, or one whose documented status is
// not the response's, is what SDK users would see as the wrong exception.
func (f *facts) errorType() Result {
	if f.status < 400 {
		return skip(ErrorType, "not an error response")
	}
	if f.resp.Truncated {
		return skip(ErrorType, "body truncated: see "+string(Reachable))
	}
	if !f.name.Found() {
		return fail(ErrorType, fmt.Sprintf("status %d names no error type", f.status), fmt.Sprintf("status %d names no error type (%s): SDKs surface UnknownError",
			f.status, f.typeSources()))
	}
	name := f.name.Name
	var problems, causes []string
	documented, ok := f.op.Error(name)
	switch {
	case ok:
		if documented.Status != f.status {
			problems = append(problems, fmt.Sprintf("status %d but type %s is documented as %d",
				f.status, name, documented.Status))
			causes = append(causes, fmt.Sprintf("%s at status %d (documented %d)", name, f.status, documented.Status))
		}
	case !f.strict && f.isCommon(name), f.protocolAnswer():
		c, _ := f.common(name)
		if c.Status != 0 && c.Status != f.status {
			problems = append(problems, fmt.Sprintf("status %d but common error %s is documented as %d",
				f.status, name, c.Status))
			causes = append(causes, fmt.Sprintf("%s at status %d (documented %d)", name, f.status, c.Status))
		}
	default:
		msg := fmt.Sprintf("undocumented error type %s for %s (documented: %s)", quote(name), f.op.ID, f.m.errorText)
		if near := f.nearMiss(name); near != "" {
			msg += fmt.Sprintf("; did you mean %s? SDKs match case-sensitively", near)
		} else if f.isCommon(name) {
			msg += "; it is common to all actions, accepted only without --strict"
		}
		problems = append(problems, msg)
		causes = append(causes, "undocumented error type "+name)
	}
	if p, c := f.messageProblem(ok); p != "" {
		problems = append(problems, p)
		causes = append(causes, name+" "+c)
	}
	if len(problems) > 0 {
		r := fail(ErrorType, "", strings.Join(problems, "; "))
		r.Causes = causes
		return r
	}
	return pass(ErrorType)
}

func (f *facts) isCommon(name string) bool {
	_, ok := f.common(name)
	return ok
}

// common reports whether name is an error common to all actions, for this operation, and its
// documented status: AWS's common errors (protocol.IsCommonError), and, where the spec says no
// documented error answers invalid input (specs.Operation.ValidationUnknown), the JSON
// protocols' spelling of the common ValidationError, ValidationException. An operation that
// documents its validation error (DirectConnectClientException) gets no such leniency.
func (f *facts) common(name string) (protocol.CommonError, bool) {
	if c, ok := protocol.IsCommonError(name); ok {
		return c, true
	}
	if f.op.ValidationUnknown != "" && name == validationException {
		return protocol.CommonError{Name: name, Status: 400}, true
	}
	return protocol.CommonError{}, false
}

const validationException = "ValidationException"

// commonValidation reports whether name is the common error for input failing a service's
// constraints (ValidationError, or ValidationException where common), for this operation.
func (f *facts) commonValidation(name string) bool {
	_, ok := f.common(name)
	return ok && (name == "ValidationError" || name == validationException)
}

// typeSources names where the protocol looks for the type, for the "no type" message.
func (f *facts) typeSources() string {
	if f.op.Protocol().IsAWSJSON() {
		return "no body __type, X-Amzn-ErrorType header or body code"
	}
	return "no X-Amzn-ErrorType header, body code or __type"
}

// nearMiss returns the documented type name equal to name but for case, if any.
func (f *facts) nearMiss(name string) string {
	for _, e := range f.op.Errors {
		if strings.EqualFold(e.Type, name) {
			return e.Type
		}
	}
	return ""
}

// messageProblem checks the error body's message member. Documented errors document one, so it
// must be there as a string; for errors common to all actions, whose shape AWS does not document
// per protocol, it need only be a string when present.
// The second result is the problem's cause, in words that do not quote the body.
func (f *facts) messageProblem(documented bool) (string, string) {
	member := f.messageMember()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(f.body, &obj); err != nil || obj == nil {
		if !documented {
			return "", ""
		}
		if len(strings.TrimSpace(string(f.body))) == 0 {
			return fmt.Sprintf("empty error body: expected a JSON object with a %s member", member), "with an empty body"
		}
		return fmt.Sprintf("error body is not a JSON object (starts %s): expected a %s member", quote(string(f.body)), member),
			"body is not a JSON object"
	}
	if f.hasMessage {
		return "", ""
	}
	for k := range obj {
		if strings.EqualFold(k, member) {
			return fmt.Sprintf("error member %s is not a string (got %s)", k, quote(string(obj[k]))), "member " + k + " is not a string"
		}
	}
	if documented {
		return fmt.Sprintf("error body has no %s member", member), "has no " + member + " member"
	}
	return "", ""
}
