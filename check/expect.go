package check

import (
	"fmt"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

// Expect is what the driver knows about the request it sent: valid input, input breaking one
// named rule, or a request with one specific documented outcome.
type Expect struct {
	Kind ExpectKind `json:"kind"`

	// Invalid: the broken rule, as a specs.Constraint names it (generic path, keyword) and the
	// documented error it earns.
	Path    string `json:"path,omitempty"`    // e.g. "$.name", "$.list[*].key"; "" for request-level rules
	Keyword string `json:"keyword,omitempty"` // e.g. "maxLength", "required", "type", "uniqueKeys", "json", "contentType", "target"
	Error   string `json:"error,omitempty"`   // documented error type, e.g. "ValidationException"
	Status  int    `json:"status,omitempty"`  // its documented status, e.g. 400

	// Protocol marks a break of the wire protocol rather than of an operation's member rule
	// (malformed JSON, wrong media type, wrong target, an empty path label): AWS may answer
	// those with an error common to all actions (SerializationException,
	// UnknownOperationException, ...), which is accepted unless Options.Strict.
	Protocol bool `json:"protocol,omitempty"`
}

// ExpectKind says which kind of expectation an Expect is.
type ExpectKind int

const (
	KindValid   ExpectKind = iota // the input conforms: must not be rejected as invalid
	KindInvalid                   // the input breaks exactly one documented rule
	KindOutcome                   // a specific documented outcome: Error and Status
	KindAny                       // nothing known about the input: only response-shape checks
)

var kindNames = map[ExpectKind]string{KindValid: "valid", KindInvalid: "invalid", KindOutcome: "outcome", KindAny: "any"}

// MarshalText writes the kind by name, so replay files read as what they mean.
func (k ExpectKind) MarshalText() ([]byte, error) {
	if n, ok := kindNames[k]; ok {
		return []byte(n), nil
	}
	return nil, fmt.Errorf("check: unknown expectation kind %d", int(k))
}

// UnmarshalText reads a kind written by MarshalText.
func (k *ExpectKind) UnmarshalText(b []byte) error {
	for kind, n := range kindNames {
		if n == string(b) {
			*k = kind
			return nil
		}
	}
	return fmt.Errorf("check: unknown expectation kind %q (want valid, invalid, outcome or any)", b)
}

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

// ValidExpect is what a schema-valid input of op earns, as its spec says: a read given an id
// nobody created earns the read's documented not-found answer (x-plumb-created read notFound),
// or any documented answer when none is declared; an input carrying a value only the service
// hands out (x-plumb-opaque) earns any documented answer; anything else is accepted (Valid).
func ValidExpect(op *specs.Operation, input map[string]any) Expect {
	if r := op.Reads; r != nil {
		if _, hasID := jsonpath.Get(input, r.Input); hasID {
			if e, ok := op.Error(r.NotFound); ok {
				return Outcome(e.Type, e.Status)
			}
			return Expect{Kind: KindAny}
		}
	}
	for _, p := range op.Opaque {
		if _, present := jsonpath.Get(input, p); present {
			return Expect{Kind: KindAny}
		}
	}
	return Valid()
}
