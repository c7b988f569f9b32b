package protocol

// CommonError is an error AWS documents as common to all actions ("Common Errors" in every
// service's API reference, plus the JSON protocols' own client errors). A target may answer any
// request with one of these; plumb accepts them where a request breaks the protocol rather than
// an operation's own rule, unless --strict demands the operation's documented types.
type CommonError struct {
	Name   string
	Status int // the status AWS documents; 0 when it varies
}

var commonErrors = map[string]CommonError{}

func init() {
	for _, e := range []CommonError{
		{"AccessDeniedException", 400}, {"IncompleteSignature", 400}, {"InternalFailure", 500},
		{"InvalidAction", 400}, {"InvalidClientTokenId", 403}, {"NotAuthorized", 400},
		{"OptInRequired", 403}, {"RequestExpired", 400}, {"ServiceUnavailable", 503},
		{"ThrottlingException", 400}, {"ValidationError", 400},
		// JSON protocols' own client errors, read off AWS responses and the Smithy protocol tests.
		{"SerializationException", 400}, {"UnknownOperationException", 0},
		{"UnrecognizedClientException", 403}, {"MissingAuthenticationTokenException", 403},
		{"UnsupportedMediaTypeException", 415}, {"InvalidSignatureException", 403},
	} {
		commonErrors[e.Name] = e
	}
}

// IsCommonError reports whether name is a common AWS error, and its documented status.
func IsCommonError(name string) (CommonError, bool) {
	e, ok := commonErrors[name]
	return e, ok
}
