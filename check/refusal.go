package check

import "strings"

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
	throttleTypes = set("ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
		"SlowDown", "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException")
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
	if f.status < 400 || (f.exp.Error != "" && name == f.exp.Error) || (f.exp.Status != 0 && f.status == f.exp.Status) {
		return "" // an answer the driver expected (by type or by status) is evidence
	}
	_, documented := f.op.Error(name)
	switch {
	case f.status == 429 || throttleTypes[name]:
		return "throttled: " + f.signature()
	case authTypes[name], (f.status == 401 || f.status == 403) && !documented:
		return "refused (authentication or authorization): " + f.signature()
	case f.exp.Protocol:
		// A protocol break (wrong target, media type, malformed body, empty path label) may be
		// answered with a routing error: that answer is judged, not set aside.
		return ""
	case routeTypes[name], (f.status == 404 || f.status == 405) && !documented:
		return "unknown operation or route: " + f.signature()
	case f.exp.Kind == KindValid && f.status == 404:
		// A documented not-found for valid input: the resource it names does not exist on the
		// target (real AWS, an asset this account cannot see). Nothing was exercised.
		return "not found: " + f.signature()
	}
	return ""
}

// habits are request rules that the documents do not promise the service enforces: they say
// what a client sends, not that other forms are refused. Breaking one is a warning.
var habits = map[string]string{
	"contentType": "the documents say which media type clients send, not that the service rejects others",
}

// habit returns why a failed data check rests on habit rather than on a document ("" if not).
func (f *facts) habit() string {
	if f.exp.Kind != KindInvalid {
		return ""
	}
	return habits[f.exp.Keyword]
}

// protocolAnswer reports whether the error is the wire protocol's own answer to the protocol
// break the input made: an X-Amz-Target naming no operation is an unknown operation, whatever
// errors the operation itself documents, so --strict accepts it too.
func (f *facts) protocolAnswer() bool {
	return f.exp.Protocol && f.exp.Keyword == "target" && strings.EqualFold(f.name.Name, "UnknownOperationException")
}
