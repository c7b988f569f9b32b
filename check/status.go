package check

import (
	"fmt"
)

// notAServerError: plumb never sends input that should make a server fail, so any 5xx is a
// finding, even a documented 500 InternalServerException.
func (f *facts) notAServerError() Result {
	if f.status >= 500 {
		return fail(NotAServerError, "server error "+f.signature(), "server error: "+f.describe())
	}
	return pass(NotAServerError)
}

// statusCode: the status is 200 or a documented error's. Unless strict, a status AWS documents
// for an error common to all actions is accepted when the response names that error.
func (f *facts) statusCode() Result {
	if f.m.documented(f.status) {
		return pass(StatusCode)
	}
	if !f.strict && f.commonStatusOK() {
		return pass(StatusCode)
	}
	return fail(StatusCode, "undocumented status "+f.signature(), fmt.Sprintf("status %d is not documented for %s (documented: %s); got %s",
		f.status, f.op.ID, f.m.statusText, f.describe()))
}

// commonStatusOK reports whether the response names a common AWS error whose documented status
// is the response's (or varies, for a 4xx/5xx).
func (f *facts) commonStatusOK() bool {
	if f.status < 400 || !f.name.Found() {
		return false
	}
	if _, documented := f.op.Error(f.name.Name); documented {
		return false // the operation's own type at a status it does not document
	}
	c, ok := f.common(f.name.Name)
	return ok && (c.Status == 0 || c.Status == f.status)
}
