package check

// Expect is what the driver knows about the request it sent: valid input, input breaking one
// named rule, or a request with one specific documented outcome.
type Expect struct {
	Kind ExpectKind

	// Invalid: the broken rule, as a specs.Constraint names it (generic path, keyword) and the
	// documented error it earns.
	Path    string // e.g. "$.AssetId", "$.tags[*].key"; "" for request-level rules
	Keyword string // e.g. "maxLength", "required", "type", "uniqueKeys", "json", "contentType", "target"
	Error   string // documented error type, e.g. "ValidationException"
	Status  int    // its documented status, e.g. 400

	// Protocol marks a break of the wire protocol rather than of an operation's member rule
	// (malformed JSON, wrong media type, wrong target, an empty path label): AWS may answer
	// those with an error common to all actions (SerializationException,
	// UnknownOperationException, ...), which is accepted unless Options.Strict.
	Protocol bool
}

// ExpectKind says which kind of expectation an Expect is.
type ExpectKind int

const (
	KindValid   ExpectKind = iota // the input conforms: must not be rejected as invalid
	KindInvalid                   // the input breaks exactly one documented rule
	KindOutcome                   // a specific documented outcome: Error and Status
	KindAny                       // nothing known about the input: only response-shape checks
)

// Valid expects a conforming input to be accepted.
func Valid() Expect { return Expect{Kind: KindValid} }

// Invalid expects the input breaking (path, keyword) to be rejected with error/status.
func Invalid(path, keyword, errorType string, status int) Expect {
	return Expect{Kind: KindInvalid, Path: path, Keyword: keyword, Error: errorType, Status: status}
}

// Outcome expects exactly the documented error type and status.
func Outcome(errorType string, status int) Expect {
	return Expect{Kind: KindOutcome, Error: errorType, Status: status}
}
