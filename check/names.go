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
	// StatusCode: the status is documented for the operation (its success status, or a documented error's).
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

// descriptions say in one sentence what each check demands (the README's table of checks says
// the same); reports show them as a check's help text.
var descriptions = map[Name]string{
	Reachable:       "The target answers with an HTTP response within the timeout: no reset, refusal, hang or garbage.",
	NotAServerError: "No input earns a 5xx: a server error is never a documented answer.",
	StatusCode:      "The response status is documented for the operation: its success status (200, or the 201, 202 or 204 its spec documents) or the status of one of its documented errors.",
	ContentType:     "The response carries the media type the operation's protocol documents.",
	ResponseSchema:  "The response body conforms to the schema documented for its status.",
	ErrorType: "An error response names its type the protocol's way, the type is documented for the operation " +
		"(or common to all actions, unless strict), its documented status is the response's, and the message member is there.",
	NegativeDataRejection:  "An input breaking a documented rule is rejected with that rule's documented status and error type.",
	PositiveDataAcceptance: "A valid input is not rejected as invalid.",
	ExpectedOutcome:        "A specific documented outcome happens (e.g. an unknown id earns NotFoundException 404).",
	Stateful: "What one request created, the next returns (a created resource reads back by its id with the members it was given, " +
		"as the spec's x-plumb-created read declares), and a create's 200 shows the documented initial values and never an id an earlier create returned.",
}

// Description says in one sentence what the check demands; "" for a name that is no check.
func Description(n Name) string { return descriptions[n] }
