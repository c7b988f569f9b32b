package derive

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Model is the intermediate form every source parses into (botocore.go, smithy.go) and the
// OpenAPI writer (openapi.go) reads: one AWS service, its operations and the shapes they use,
// each carrying where it came from.
type Model struct {
	Name         string // the endpoint prefix, plumb's x-aws-service
	SigningName  string
	Title        string
	APIVersion   string
	Protocol     string // restJson1, awsJson1_0, awsJson1_1 (or the source's own name when refused)
	TargetPrefix string // awsJson: the X-Amz-Target prefix
	Source       string // names the source: "botocore 1.43.11 data/directconnect/2012-10-25/service-2.json.gz"
	// Qualified says every Where already names its source (a model merged from several,
	// merge.go), so the writer does not prefix Source.
	Qualified  bool
	Where      string // where in the source the service is described: "metadata", a Smithy service shape id
	Operations []*Operation
	Shapes     map[string]*Shape
	// Opaque holds the input members only the service hands out (pagination tokens), by
	// operation name then member name, with why.
	Opaque map[string]map[string]string
}

// Operation is one API operation of a Model.
type Operation struct {
	Name         string
	Method       string
	URI          string // restJson1: the request URI with {Label} and {Label+}; "/" for awsJson
	ResponseCode int    // the success status (200 unless modelled otherwise)
	Input        string // shape name, "" for none
	Output       string // shape name, "" for none
	Errors       []string
	Doc          string // first sentence, HTML stripped
	Where        string // what in the source it was derived from (with Source: the x-source)
	// Example is a valid input a source offers as the operation's base input (a mapping of
	// member names to values; the seeds' overlay): the writer puts the body members in the
	// request's example and the others on their parameters, with ExampleWhere as a comment.
	Example      *yaml.Node
	ExampleWhere string
	// Created is the x-plumb-created a source states outright (the seeds' overlay), written
	// instead of the flow flow.go would derive; its read is left out when the read operation is
	// not among those written.
	Created *yaml.Node
}

// Shape is one named type of a Model.
type Shape struct {
	Name string
	// Type is structure, list, map, string, integer, long, float, double, boolean, timestamp,
	// blob, document or union.
	Type        string
	Members     []*Member // structure/union members in model order
	Member      *Member   // list items
	Constraints           // the shape's own constraints
	// TimestampFormat is the timestamp shape's wire format (epoch-seconds when empty in JSON protocols).
	TimestampFormat string
	Error           *ErrorInfo // set on exception structures
	Payload         string     // the member that is the whole body (restJson1 @httpPayload)
	Doc             string
	Where           string
}

// Constraints are the limits a shape or a member states.
type Constraints struct {
	Min, Max *float64 // length for strings/blobs, size for lists, value for numbers
	Pattern  string
	Enum     []string
}

// Member is a structure member: its name on the wire, its target shape, and where it travels.
type Member struct {
	Name     string
	Target   string
	Required bool
	// Location is "" (body), uri, querystring, header, headers, statusCode; LocationName names
	// the label, query parameter or header.
	Location        string
	LocationName    string
	JSONName        string      // the body key when it differs from Name
	Override        Constraints // member-level constraints (Smithy traits on the member), over the target's
	TimestampFormat string
	// Default is the member's default value as JSON (Smithy @default): a client may leave the
	// member out and the service takes this value.
	Default     string
	Idempotency bool
	Doc         string
	Where       string
	// Disagree says where the source documents disagree on the member (seeds.go), written
	// as x-documents-disagree; the member follows the rule Where names.
	Disagree string
	// Rules are x-plumb-rules a source states outright (the seeds' overlay: a 50-tag limit),
	// beside those the writer makes evident (flow.go).
	Rules []Rule
}

// Rule is one x-plumb-rules entry on a member: Kind maxItems (Value) or uniqueKeys (Key), the
// documented Error a breach earns, and where it is stated.
type Rule struct {
	Kind   string
	Key    string
	Value  int
	Error  string
	Source string
}

// ErrorInfo is what an exception shape says of its error.
type ErrorInfo struct {
	Code   string // the error type on the wire
	Status int
	Fault  string // client or server
	Where  string
}

// WireName is the member's key in a JSON body.
func (m *Member) WireName() string {
	if m.JSONName != "" {
		return m.JSONName
	}
	return m.Name
}

// Effective returns the member's constraints: the member's own, else its target's.
func (m *Member) Effective(target *Shape) Constraints {
	c := target.Constraints
	if m.Override.Min != nil {
		c.Min = m.Override.Min
	}
	if m.Override.Max != nil {
		c.Max = m.Override.Max
	}
	if m.Override.Pattern != "" {
		c.Pattern = m.Override.Pattern
	}
	return c
}

// Holding returns the names among names of the operations m has, in the order given.
func (m *Model) Holding(names []string) []string {
	var out []string
	for _, n := range names {
		if m.Operation(n) != nil {
			out = append(out, n)
		}
	}
	return out
}

// eachReachable calls fn once for every shape the named shapes reach through members and list
// items, the named ones included, in depth-first order.
func (m *Model) eachReachable(fn func(*Shape), names ...string) {
	seen := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		s := m.Shapes[name]
		if s == nil || seen[name] {
			return
		}
		seen[name] = true
		fn(s)
		for _, mb := range s.Members {
			walk(mb.Target)
		}
		if s.Member != nil {
			walk(s.Member.Target)
		}
	}
	for _, n := range names {
		walk(n)
	}
}

// Operation returns the named operation, or nil.
func (m *Model) Operation(name string) *Operation {
	for _, op := range m.Operations {
		if op.Name == name {
			return op
		}
	}
	return nil
}

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// FirstSentence strips HTML from a documentation string and returns its first sentence.
func FirstSentence(doc string) string {
	s := strings.TrimSpace(spaceRE.ReplaceAllString(tagRE.ReplaceAllString(doc, " "), " "))
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&amp;", "&").Replace(s)
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}

func fptr(f float64) *float64 { return &f }
