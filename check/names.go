package check

// Name names a check. The names are part of plumb's interface: they appear in reports, in
// replay files and in the README.
type Name string

const (
	// Reachable: the target answered with an HTTP response within the timeout (no reset,
	// refusal, timeout or garbage).
	Reachable Name = "response_received"
	// NotAServerError: no 5xx for any input.
	NotAServerError Name = "not_a_server_error"
	// StatusCode: the status is documented for the operation (200 or a documented error's).
	StatusCode Name = "status_code_conformance"
	// ContentType: the response media type is the one the protocol documents.
	ContentType Name = "content_type_conformance"
	// ResponseSchema: the body conforms to the documented schema for its status (kin-openapi).
	ResponseSchema Name = "response_schema_conformance"
	// ErrorType: an error response names its type the protocol's way; the type is documented for
	// the operation (or common to all actions, unless strict) and its documented status is the
	// response's status; the message member is present.
	ErrorType Name = "error_type_conformance"
	// NegativeDataRejection: an input breaking a documented rule is rejected with that rule's
	// documented status and error type.
	NegativeDataRejection Name = "negative_data_rejection"
	// PositiveDataAcceptance: a valid input is not rejected as invalid.
	PositiveDataAcceptance Name = "positive_data_acceptance"
	// ExpectedOutcome: a specific documented outcome (e.g. unknown id -> NotFoundException 404).
	ExpectedOutcome Name = "expected_outcome"
	// Stateful: what one request created, the next returns (a created resource reads back by its
	// id with the members it was given, whatever characters the id holds), and what a
	// create's 200 documents about the new resource (x-plumb-created: its documented initial
	// values, an id no earlier create of the run returned).
	Stateful Name = "stateful_conformance"
)

// All lists every check name in report order.
var All = []Name{Reachable, NotAServerError, StatusCode, ContentType, ResponseSchema, ErrorType,
	NegativeDataRejection, PositiveDataAcceptance, ExpectedOutcome, Stateful}
