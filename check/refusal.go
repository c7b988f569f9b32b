package check

import (
	"fmt"
	"strings"

	"github.com/plumbhq/plumb/protocol"
)

// An answer that comes before the target has judged the input (the caller is not
// authenticated or authorized, is throttled, or asked for an operation or route the target
// does not serve) says nothing about the operation's conformance: every check of that exchange
// is Inconclusive, never passed, and the run's verdict says why. The type names are those AWS
// documents as common errors and those its SDKs retry or surface as credential problems.
var (
	authTypes = set("UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch",
		"IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
		"MissingAuthenticationTokenException", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException",
		"AccessDeniedException", "AccessDenied", "NotAuthorized", "AuthFailure", "OptInRequired",
		"RequestExpired", "InvalidAccessKeyId", "UnauthorizedOperation", "UnauthorizedException")
	routeTypes = set("UnknownOperationException", "InvalidAction", "UnknownOperation")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// refusal returns why the exchange is no evidence about the input ("" when it is): the
// response's cause, phrased for the verdict line.
func (f *facts) refusal() string {
	name := f.name.Name
	if f.status < 400 || (f.exp.Error != "" && name == f.exp.Error) {
		return "" // an answer the driver expected by type is evidence
	}
	if f.status == 429 || protocol.IsThrottling(name) {
		// Even at the status the driver expected (AWS throttles with 400 ThrottlingException,
		// the status of most validation errors): the target did not get to the input. The client
		// retried it (target.Retry) and it persisted; say how often.
		if f.retries > 0 {
			return fmt.Sprintf("throttled (retried %s): %s", times(f.retries), f.signature())
		}
		return "throttled: " + f.signature()
	}
	if f.exp.Status != 0 && f.status == f.exp.Status {
		return "" // an answer the driver expected by status is evidence
	}
	_, documented := f.op.Error(name)
	switch {
	case authTypes[name], (f.status == 401 || f.status == 403) && !documented:
		return "refused (authentication or authorization): " + f.signature()
	case f.exp.Protocol:
		// A protocol break (wrong target, media type, malformed body, empty path label) may be
		// answered with a routing error: that answer is judged, not set aside.
		return ""
	case routeTypes[name], (f.status == 404 || f.status == 405) && !documented:
		return "unknown operation or route: " + f.signature()
	case f.exp.Kind == KindValid && (f.status == 404 || documented && notFoundName(name)):
		// A documented not-found for valid input: the resource it names does not exist on the
		// target (real AWS, an asset this account cannot see). Nothing was exercised. The JSON
		// protocols often say it with a 400 (SQS QueueDoesNotExist, DynamoDB's
		// ResourceNotFoundException): a documented error so named is read the same way, which
		// only ever withholds a verdict, never gives one.
		return "not found: " + f.signature()
	case f.exp.Kind == KindValid && f.op.ValidationUnknown != "" && f.status == 400 && f.commonValidation(name):
		// The model names no validation error, nor so every rule the service validates (an
		// expression's grammar, say): a valid input by the spec's constraints may still fail the
		// service's, and the common validation error says so.
		return "rejected by a rule the spec does not state (it names no validation error): " + f.signature()
	case f.exp.Kind == KindValid && f.status < 500 && f.documentedAt(name) && !f.stated(name):
		// A documented error whose condition the spec does not state (SQS EmptyBatchRequest,
		// a limit exceeded): plumb cannot tell the target answered it wrongly, nor that it
		// exercised the operation. Errors the spec ties to a condition (the validation error, a
		// rule's error, a flow's not-found) are judged.
		return "a documented error whose condition the spec does not state: " + f.signature()
	}
	return ""
}

// documentedAt reports whether the operation documents the error name at the response's status.
func (f *facts) documentedAt(name string) bool {
	e, ok := f.op.Error(name)
	return ok && e.Status == f.status
}

// stated reports whether the spec states when the operation answers the documented error name:
// it is the error for invalid input, a constraint's or rule's, or a flow's not-found.
func (f *facts) stated(name string) bool {
	if f.op.ClientError().Type == name {
		return true
	}
	for _, c := range f.op.Constraints() {
		if c.In == "request" && c.Error == name {
			return true
		}
	}
	return f.op.Reads != nil && f.op.Reads.NotFound == name
}

// notFoundName reports whether an error type's name says the resource named does not exist.
func notFoundName(name string) bool {
	for _, w := range []string{"NotFound", "NoSuch", "DoesNotExist", "NotExist"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// habits are request rules that the documents do not promise the service enforces: they say
// what a client sends, not that other forms are refused. Breaking one is a warning.
var habits = map[string]string{
	"contentType": "the documents say which media type clients send, not that the service rejects others",
}

// habit returns why the exchange's failures rest on habit rather than on a document ("" if
// not): the input broke a rule the documents do not promise is enforced, or it broke the wire
// protocol and was rejected (the documents do not say which error, status or body a protocol
// break earns: only that it is not the operation's success).
func (f *facts) habit() string {
	if f.exp.Kind != KindInvalid {
		return ""
	}
	if why := habits[f.exp.Keyword]; why != "" {
		return why
	}
	if f.exp.Keyword == "target" && f.lenientTarget() {
		return "the documents give the exact X-Amz-Target clients send; routing on the operation's name alone, or ignoring its case, is lenient, not wrong"
	}
	if f.exp.Protocol && f.status >= 400 && f.status < 500 {
		return "the input broke the wire protocol and was rejected; the documents do not say with which error"
	}
	return ""
}

// consequence returns why the response's shape is not judged on its own ("" when it is): a
// server error is reported once, by not_a_server_error, not again as an undocumented status,
// media type, body or error type; and a success for input breaking a rule is reported once, by
// negative_data_rejection, not again as a body that echoes the broken input.
func (f *facts) consequence() string {
	switch {
	case f.status >= 500:
		return "server error: see " + string(NotAServerError)
	case f.exp.Kind == KindInvalid && f.status < 300:
		return "the input broke a documented rule and was accepted: see " + string(NegativeDataRejection)
	}
	return ""
}

// protocolAnswer reports whether the error is the wire protocol's own answer to the protocol
// break the input made: an X-Amz-Target naming no operation is an unknown operation, whatever
// errors the operation itself documents, so --strict accepts it too.
func (f *facts) protocolAnswer() bool {
	return f.exp.Protocol && f.exp.Keyword == "target" && strings.EqualFold(f.name.Name, "UnknownOperationException")
}

// lenientTarget reports whether the request's X-Amz-Target still names the operation, by the
// part after its last dot and ignoring case ("Other.PutThing", "PutThing", "Service.putthing"
// for Service.PutThing): serving it as the operation is leniency. A target naming
// another or no operation is not.
func (f *facts) lenientTarget() bool {
	name := f.amzTarget[strings.LastIndexByte(f.amzTarget, '.')+1:]
	want := f.op.Target[strings.LastIndexByte(f.op.Target, '.')+1:]
	return name != "" && strings.EqualFold(name, want)
}

// times renders a retry count: "once", "3 times".
func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
