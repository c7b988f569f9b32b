package check

import (
	"fmt"
)

// negative: input breaking one documented rule is rejected, with that rule's documented type and
// status. A protocol-level break may instead earn any documented 4xx error of the operation or
// an error common to all actions, unless strict.
func (f *facts) negative() Result {
	r := f.negativeVerdict()
	r.Path, r.Keyword = f.exp.Path, f.exp.Keyword
	return r
}

func (f *facts) negativeVerdict() Result {
	if f.status < 400 {
		return fail(NegativeDataRejection, "input breaking a documented rule accepted with "+f.signature(),
			fmt.Sprintf("accepted input breaking %s: got %s", f.rule(), f.describe()))
	}
	if f.status >= 500 {
		// The server failed whatever the input broke: not_a_server_error reports it, once, so
		// that the rule the input happened to break is not blamed for it.
		return skip(NegativeDataRejection, "server error: see "+string(NotAServerError))
	}
	wantType, wantStatus := f.exp.Error, f.exp.Status
	if wantType == "" { // the driver left it to the operation's general client error
		ce := f.op.ClientError()
		wantType, wantStatus = ce.Type, ce.Status
	}
	if wantStatus == 0 {
		if e, ok := f.op.Error(wantType); ok {
			wantStatus = e.Status
		}
	}
	if wantType == "" {
		// No documented error answers invalid input in particular (specs.Operation.ClientError):
		// a rejection with an error the operation documents at its status, or a common one, is
		// what the documents promise.
		if f.protocolRejection() {
			return pass(NegativeDataRejection)
		}
		return fail(NegativeDataRejection, "expected a documented 4xx error, got "+f.signature(),
			fmt.Sprintf("input breaking %s: expected an error the operation documents (4xx) or one common to all actions, got %s",
				f.rule(), f.describe()))
	}
	if f.name.Name == wantType && f.status == wantStatus {
		return pass(NegativeDataRejection)
	}
	if f.exp.Protocol && (!f.strict || f.protocolAnswer()) && f.protocolRejection() {
		return pass(NegativeDataRejection)
	}
	return fail(NegativeDataRejection, fmt.Sprintf("expected %s %d, got %s", wantType, wantStatus, f.signature()),
		fmt.Sprintf("input breaking %s: expected %s %d, got %s",
			f.rule(), wantType, wantStatus, f.describe()))
}

// protocolRejection reports whether the response is an acceptable answer to a protocol-level
// break: a documented 4xx error at its documented status, or a common error at its status.
func (f *facts) protocolRejection() bool {
	if !f.name.Found() {
		return false
	}
	if e, ok := f.op.Error(f.name.Name); ok {
		return e.Status == f.status && e.Status < 500
	}
	c, ok := f.common(f.name.Name)
	return ok && f.status < 500 && (c.Status == 0 || c.Status == f.status)
}

// positive: valid input is not rejected as invalid. Authentication, authorization and not-found
// answers never reach here (they are inconclusive: see refusal), and a 5xx is not a rejection
// at all (not_a_server_error reports it).
func (f *facts) positive() Result {
	r := f.positiveVerdict()
	r.Path, r.Keyword = f.exp.Path, f.exp.Keyword
	return r
}

func (f *facts) positiveVerdict() Result {
	switch {
	case f.status >= 200 && f.status < 300:
		return pass(PositiveDataAcceptance)
	case f.status >= 500:
		return skip(PositiveDataAcceptance, "server error: see "+string(NotAServerError))
	case f.status >= 400:
		return fail(PositiveDataAcceptance, "valid input rejected with "+f.signature(), "valid input rejected: got "+f.describe())
	default:
		return fail(PositiveDataAcceptance, "valid input answered with "+f.signature(), fmt.Sprintf("valid input answered with status %d, expected %d", f.status, f.op.Success()))
	}
}

// outcome: exactly the documented status and (sanitised) error type. A 5xx where the documents
// promise a client error is not_a_server_error's finding, not a second one.
func (f *facts) outcome() Result {
	if f.status >= 500 && f.exp.Status < 500 {
		return skip(ExpectedOutcome, "server error: see "+string(NotAServerError))
	}
	okStatus := f.exp.Status == 0 || f.status == f.exp.Status
	okType := f.exp.Error == "" || f.name.Name == f.exp.Error
	if okStatus && okType {
		r := pass(ExpectedOutcome)
		r.Path, r.Keyword = f.exp.Path, f.exp.Keyword
		return r
	}
	want := f.exp.Error
	if f.exp.Status != 0 {
		want = fmt.Sprintf("%s %d", want, f.exp.Status)
	}
	r := fail(ExpectedOutcome, fmt.Sprintf("expected %s, got %s", want, f.signature()), fmt.Sprintf("expected %s, got %s", want, f.describe()))
	r.Path, r.Keyword = f.exp.Path, f.exp.Keyword
	return r
}
