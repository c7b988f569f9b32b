package specs

import (
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// Protocol names an AWS wire protocol.
type Protocol string

const (
	RestJSON1 Protocol = "restJson1"  // Outposts: HTTP binding per operation, X-Amzn-ErrorType errors
	AWSJSON11 Protocol = "awsJson1_1" // Direct Connect: POST /, X-Amz-Target, __type errors
	AWSJSON10 Protocol = "awsJson1_0" // as awsJson1_1, with media type application/x-amz-json-1.0
)

// Protocols lists the protocols plumb checks, in the order an error message names them.
var Protocols = []Protocol{RestJSON1, AWSJSON10, AWSJSON11}

// IsAWSJSON says whether p is one of the awsJson protocols (POST /, X-Amz-Target, body __type
// first), which differ only in their media type.
func (p Protocol) IsAWSJSON() bool { return p == AWSJSON10 || p == AWSJSON11 }

// MediaType is the protocol's request and response media type.
func (p Protocol) MediaType() string {
	switch p {
	case AWSJSON10:
		return "application/x-amz-json-1.0"
	case AWSJSON11:
		return "application/x-amz-json-1.1"
	}
	return "application/json"
}

// Set is a loaded group of specs: every operation plumb can exercise.
type Set struct {
	Services   []*Service
	operations []*Operation
	byID       map[string]*Operation
}

// Operations returns the operations in a stable order (by service file, then path order).
func (s *Set) Operations() []*Operation { return s.operations }

// Operation returns the operation with the given operationId, or nil.
func (s *Set) Operation(id string) *Operation { return s.byID[id] }

// Service returns the service with the given name ("outposts", "directconnect"), or nil.
func (s *Set) Service(name string) *Service {
	for _, svc := range s.Services {
		if svc.Name == name {
			return svc
		}
	}
	return nil
}

// Service is one spec document: an AWS service and its protocol.
type Service struct {
	Name         string   // x-aws-service, e.g. "outposts"; also the --target key
	SigningName  string   // SigV4 signing name
	Protocol     Protocol // x-aws-protocol
	APIVersion   string
	TargetPrefix string // awsJson1_1 X-Amz-Target prefix, e.g. "OvertureService"
	File         string // the spec's file name
	// Path is the spec file as reports cite it: specs/outposts.yaml for an embedded spec (its
	// path in plumb's repository), the path given to LoadFiles otherwise, File for Parse.
	Path string
	Doc  *openapi3.T
}

// Operation is one operation with everything plumb needs to encode requests and judge responses.
type Operation struct {
	ID          string // operationId
	Service     *Service
	Method      string
	Path        string // the wire path template, e.g. /connections/{ConnectionId}; awsJson: /
	SpecPath    string // the OpenAPI path key: Path, or for awsJson "/#Operation" (see load.go)
	Target      string // awsJson1_1: X-Amz-Target value; "" for restJson1
	ContentType string // request media type ("" when the operation takes no body)
	Spec        *openapi3.Operation

	// Input is the operation's input as one object schema, whatever the HTTP binding: the request
	// body schema, or for operations bound to path labels an object holding those labels, so that
	// generators and checks treat every input member alike. InputIn says where each member travels.
	Input   *openapi3.Schema
	InputIn map[string]string // member -> InBody, InPath, InQuery or InHeader (binding.go)
	// Greedy names the path labels that take several segments ({Key+}: "/" kept); Path writes
	// them {Key}.
	Greedy map[string]bool

	// SuccessStatus is the one 2xx status the operation documents (200, 201, 202 or 204).
	SuccessStatus int
	// Output is the success response's body schema (an empty object for 204, which has no body);
	// OutputContentType its media type. OutputHeaders are the output members bound to headers of
	// the success response.
	Output            *openapi3.Schema
	OutputContentType string
	OutputHeaders     []HeaderMember

	Errors []ErrorShape // documented errors (x-aws-errors)
	// ValidationUnknown says why no documented error is the one that answers invalid input
	// (x-plumb-validation-unknown): then input breaking a constraint must be rejected with a 4xx
	// error the operation documents at its status, or one common to all actions, of any type.
	ValidationUnknown string
	Rules             []Rule // semantic rules JSON Schema cannot state (x-plumb-rules)

	// Created is what the 200 response documents about the resource the operation creates
	// (x-plumb-created, created.go); nil for an operation that creates nothing.
	Created *Created
	// Reads is set when the operation is the read of a flow another operation declares
	// (x-plumb-created read): how an id reaches it, and its answer for an id nobody created.
	Reads *ReadBack
	// Opaque lists the input members (JSON paths) whose values only the service hands out, such
	// as pagination tokens (x-plumb-opaque): a value of plumb's own names nothing, so an input
	// carrying one has no documented outcome beyond "a documented answer".
	Opaque []string

	outputHeaders *openapi3.Schema // OutputHeaders as one object schema (binding.go); nil when none
	constraints   []Constraint
	lines         map[string]int // constraint id -> line of the spec stating it (location.go)
	example       map[string]any // the documented example input (example.go); nil when none
}

// Protocol is the operation's wire protocol.
func (o *Operation) Protocol() Protocol { return o.Service.Protocol }

// PathMembers returns the input members bound to path labels, sorted.
func (o *Operation) PathMembers() []string { return o.MembersIn(InPath) }

// Error returns the documented error with the given type name.
func (o *Operation) Error(name string) (ErrorShape, bool) {
	for _, e := range o.Errors {
		if e.Type == name {
			return e, true
		}
	}
	return ErrorShape{}, false
}

// ClientError is the operation's documented error for invalid input: the x-aws-errors entry
// marked validation, else its only 400 (the loader refuses several 400s with none marked). It
// is the zero ErrorShape where the spec says none is documented (ValidationUnknown) or the
// operation documents no 400: invalid input then earns any documented or common 4xx.
func (o *Operation) ClientError() ErrorShape {
	if o.ValidationUnknown != "" {
		return ErrorShape{}
	}
	var only ErrorShape
	n := 0
	for _, e := range o.Errors {
		if e.Validation {
			return e
		}
		if e.Status == 400 {
			only, n = e, n+1
		}
	}
	if n == 1 {
		return only
	}
	return ErrorShape{}
}

// Success is the operation's success status: SuccessStatus, or 200 for an operation modelled
// without one (not built by the loader).
func (o *Operation) Success() int {
	if o.SuccessStatus == 0 {
		return 200
	}
	return o.SuccessStatus
}

// Statuses returns the documented HTTP statuses: the success status plus every error's.
func (o *Operation) Statuses() []int {
	seen := map[int]bool{o.Success(): true}
	out := []int{o.Success()}
	for _, e := range o.Errors {
		if !seen[e.Status] {
			seen[e.Status] = true
			out = append(out, e.Status)
		}
	}
	sort.Ints(out)
	return out
}

// ErrorShape is one documented error: its type name, status and message member.
type ErrorShape struct {
	Type          string `json:"type"`
	Status        int    `json:"status"`
	MessageMember string `json:"member"`
	Source        string `json:"source"`
	// Validation marks the error that answers input breaking a documented constraint (the
	// operation's general client error), where several errors share its status.
	Validation bool `json:"validation,omitempty"`
}

// Rule is a documented semantic rule on a list that JSON Schema cannot state, declared once in
// the spec (x-plumb-rules) and read by generators, checks and scenarios alike.
type Rule struct {
	Kind   string `json:"rule"`  // "uniqueKeys" (items unique by Key) or "maxItems" (at most Value items)
	Path   string `json:"path"`  // JSON path of the list, e.g. $.tags
	Key    string `json:"key"`   // uniqueKeys: the item member that must be unique
	Value  int    `json:"value"` // maxItems: the limit
	Error  string `json:"error"` // the documented error type a breach earns
	Source string `json:"source"`
}
