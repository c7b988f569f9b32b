package derive

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
)

// The Smithy JSON AST (https://smithy.io/2.0/spec/json-ast.html), the parts plumb reads.
type smModel struct {
	Smithy string             `json:"smithy"`
	Shapes map[string]smShape `json:"shapes"`
}

type smShape struct {
	Type       string                     `json:"type"`
	Version    string                     `json:"version"`
	Operations []smTarget                 `json:"operations"`
	Resources  []smTarget                 `json:"resources"`
	Create     *smTarget                  `json:"create"`
	Put        *smTarget                  `json:"put"`
	Read       *smTarget                  `json:"read"`
	Update     *smTarget                  `json:"update"`
	Delete     *smTarget                  `json:"delete"`
	List       *smTarget                  `json:"list"`
	Input      *smTarget                  `json:"input"`
	Output     *smTarget                  `json:"output"`
	Errors     []smTarget                 `json:"errors"`
	Member     *smMember                  `json:"member"`
	Key        *smMember                  `json:"key"`
	Value      *smMember                  `json:"value"`
	Members    json.RawMessage            `json:"members"` // raw: the members' order is the model's
	Traits     map[string]json.RawMessage `json:"traits"`
}

type smTarget struct {
	Target string `json:"target"`
}

type smMember struct {
	Target string                     `json:"target"`
	Traits map[string]json.RawMessage `json:"traits"`
}

// smithyProtocols are the protocol traits a service shape may carry, in Smithy's names.
var smithyProtocols = map[string]string{
	"aws.protocols#restJson1": "restJson1", "aws.protocols#awsJson1_0": "awsJson1_0", "aws.protocols#awsJson1_1": "awsJson1_1",
	"aws.protocols#restXml": "restXml", "aws.protocols#awsQuery": "awsQuery", "aws.protocols#ec2Query": "ec2Query",
	"smithy.protocols#rpcv2Cbor": "rpcv2Cbor",
}

// ReadSmithy parses a Smithy JSON AST model into one Model per service shape it holds.
func ReadSmithy(path string) ([]*Model, error) {
	raw, err := readMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	var sm smModel
	if err := json.Unmarshal(raw, &sm); err != nil {
		return nil, jsonError(path, raw, "not a Smithy JSON AST", err)
	}
	source := "smithy " + filepath.Base(path)
	var out []*Model
	var services []string
	for id, s := range sm.Shapes {
		if s.Type == "service" {
			services = append(services, id)
		}
	}
	slices.Sort(services)
	if len(services) == 0 {
		return nil, fmt.Errorf("%s: no service shape", path)
	}
	// A refused service does not keep the others from being derived: their models come back
	// with the refusals joined.
	var errs []error
	for _, id := range services {
		m, err := smithyService(&sm, id, source)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, m)
	}
	return out, errors.Join(errs...)
}

func smithyService(sm *smModel, id, source string) (*Model, error) {
	svc := sm.Shapes[id]
	m := &Model{
		APIVersion: svc.Version, Source: source, Where: id, Shapes: map[string]*Shape{}, Opaque: map[string]map[string]string{},
		TargetPrefix: localName(id),
	}
	var api struct {
		EndpointPrefix string `json:"endpointPrefix"`
		SdkID          string `json:"sdkId"`
		ArnNamespace   string `json:"arnNamespace"`
	}
	traitInto(svc.Traits, "aws.api#service", &api)
	var sigv4 struct {
		Name string `json:"name"`
	}
	traitInto(svc.Traits, "aws.auth#sigv4", &sigv4)
	m.Name = cmpOr(api.EndpointPrefix, cmpOr(api.ArnNamespace, strings.ToLower(localName(id))))
	m.SigningName = sigv4.Name
	traitInto(svc.Traits, "smithy.api#title", &m.Title)
	m.Title = cmpOr(m.Title, cmpOr(api.SdkID, localName(id)))
	for _, t := range slices.Sorted(maps.Keys(svc.Traits)) {
		if p, ok := smithyProtocols[t]; ok {
			if m.Protocol == "" || strings.HasPrefix(m.Protocol, "rest") && p != "restJson1" && !isChecked(m.Protocol) {
				m.Protocol = p
			}
			if isChecked(p) {
				m.Protocol = p
				break
			}
		}
	}
	if m.Protocol == "" {
		return nil, &ProtocolError{Service: m.Name, Protocol: "(none)", Source: source}
	}
	if !isChecked(m.Protocol) {
		return nil, &ProtocolError{Service: m.Name, Protocol: m.Protocol, Source: source}
	}
	var svcPage struct {
		InputToken string `json:"inputToken"`
	}
	traitInto(svc.Traits, "smithy.api#paginated", &svcPage)

	// Every operation the service binds, directly or through its resources.
	var opIDs []string
	seen := map[string]bool{}
	var visit func(t string)
	visit = func(t string) {
		if seen[t] {
			return
		}
		seen[t] = true
		s, ok := sm.Shapes[t]
		if !ok {
			return
		}
		if s.Type == "operation" {
			opIDs = append(opIDs, t)
			return
		}
		for _, o := range s.Operations {
			visit(o.Target)
		}
		for _, r := range s.Resources {
			visit(r.Target)
		}
		for _, o := range []*smTarget{s.Create, s.Put, s.Read, s.Update, s.Delete, s.List} {
			if o != nil {
				visit(o.Target)
			}
		}
	}
	visit(id)
	slices.SortFunc(opIDs, func(a, b string) int { return strings.Compare(localName(a), localName(b)) })
	conv := &smithyConv{sm: sm, m: m}
	for _, oid := range opIDs {
		s := sm.Shapes[oid]
		op := &Operation{Name: localName(oid), Method: "POST", URI: "/", ResponseCode: 200, Where: oid}
		var doc string
		traitInto(s.Traits, "smithy.api#documentation", &doc)
		op.Doc = FirstSentence(doc)
		var http struct {
			Method string `json:"method"`
			URI    string `json:"uri"`
			Code   int    `json:"code"`
		}
		if traitInto(s.Traits, "smithy.api#http", &http) {
			op.Method, op.URI = http.Method, http.URI
			if http.Code != 0 {
				op.ResponseCode = http.Code
			}
		}
		if s.Input != nil && s.Input.Target != "smithy.api#Unit" {
			op.Input = conv.shape(s.Input.Target)
		}
		if s.Output != nil && s.Output.Target != "smithy.api#Unit" {
			op.Output = conv.shape(s.Output.Target)
		}
		for _, e := range append(slices.Clone(s.Errors), svcErrors(svc)...) {
			if n := conv.shape(e.Target); !slices.Contains(op.Errors, n) {
				op.Errors = append(op.Errors, n)
			}
		}
		page := svcPage
		traitInto(s.Traits, "smithy.api#paginated", &page)
		if page.InputToken != "" {
			m.Opaque[op.Name] = map[string]string{page.InputToken: fmt.Sprintf("%s: %s smithy.api#paginated inputToken %q: a token only the service hands out", source, oid, page.InputToken)}
		}
		m.Operations = append(m.Operations, op)
	}
	return m, nil
}

// svcErrors are the errors a service shape binds to every operation.
func svcErrors(svc smShape) []smTarget { return svc.Errors }

func isChecked(p string) bool { return p == "restJson1" || p == "awsJson1_0" || p == "awsJson1_1" }

func localName(id string) string {
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		return id[i+1:]
	}
	return id
}

func traitInto(traits map[string]json.RawMessage, name string, out any) bool {
	raw, ok := traits[name]
	if !ok {
		return false
	}
	return json.Unmarshal(raw, out) == nil
}

// smithyConv converts the shapes an operation reaches into the Model, once each.
type smithyConv struct {
	sm *smModel
	m  *Model
}

// preludeTypes are smithy.api's simple shapes.
var preludeTypes = map[string]string{
	"String": "string", "Blob": "blob", "Boolean": "boolean", "PrimitiveBoolean": "boolean", "Byte": "byte", "PrimitiveByte": "byte",
	"Short": "short", "PrimitiveShort": "short", "Integer": "integer", "PrimitiveInteger": "integer", "Long": "long", "PrimitiveLong": "long",
	"Float": "float", "PrimitiveFloat": "float", "Double": "double", "PrimitiveDouble": "double", "BigInteger": "bigInteger",
	"BigDecimal": "bigDecimal", "Timestamp": "timestamp", "Document": "document",
}

// shape converts the shape id and returns its name in the Model.
func (c *smithyConv) shape(id string) string {
	name := localName(id)
	if strings.HasPrefix(id, "smithy.api#") {
		name = id
	}
	if c.m.Shapes[name] != nil {
		return name
	}
	s, ok := c.sm.Shapes[id]
	if !ok {
		if t, ok := preludeTypes[localName(id)]; ok && strings.HasPrefix(id, "smithy.api#") {
			c.m.Shapes[name] = &Shape{Name: name, Type: t, Where: id}
		}
		return name
	}
	sh := &Shape{Name: name, Type: s.Type, Where: id}
	c.m.Shapes[name] = sh // before the members: recursive shapes end here
	var doc string
	traitInto(s.Traits, "smithy.api#documentation", &doc)
	sh.Doc = FirstSentence(doc)
	sh.Constraints, sh.Where = smithyConstraints(s.Traits, id)
	traitInto(s.Traits, "smithy.api#timestampFormat", &sh.TimestampFormat)
	switch s.Type {
	case "set":
		sh.Type = "list"
	case "enum":
		sh.Type = "string"
	case "intEnum":
		sh.Type = "integer"
	}
	// Smithy 1.0 enums: a string with the enum trait.
	var enum1 []struct {
		Value string `json:"value"`
	}
	if traitInto(s.Traits, "smithy.api#enum", &enum1) {
		for _, e := range enum1 {
			sh.Enum = append(sh.Enum, e.Value)
		}
	}
	if s.Member != nil {
		sh.Member = c.member(id, "member", *s.Member)
	}
	var fault string
	if traitInto(s.Traits, "smithy.api#error", &fault) {
		e := &ErrorInfo{Code: name, Status: 400, Fault: fault, Where: fmt.Sprintf("%s smithy.api#error %q", id, fault)}
		if fault == "server" {
			e.Status = 500
		}
		var status int
		if traitInto(s.Traits, "smithy.api#httpError", &status) {
			e.Status = status
			e.Where += fmt.Sprintf(", smithy.api#httpError %d", status)
		}
		sh.Error = e
	}
	if len(s.Members) > 0 {
		names, err := orderedKeys(s.Members)
		if err == nil {
			var ms map[string]smMember
			_ = json.Unmarshal(s.Members, &ms)
			for _, n := range names {
				mb := c.member(id, n, ms[n])
				if s.Type == "enum" || s.Type == "intEnum" {
					var v any
					if traitInto(ms[n].Traits, "smithy.api#enumValue", &v) {
						sh.Enum = append(sh.Enum, fmt.Sprint(v))
					} else {
						sh.Enum = append(sh.Enum, n)
					}
					continue
				}
				if _, ok := ms[n].Traits["smithy.api#httpPayload"]; ok {
					sh.Payload = n
				}
				sh.Members = append(sh.Members, mb)
			}
		}
	}
	return name
}

func (c *smithyConv) member(parent, name string, sm smMember) *Member {
	where := parent + "$" + name
	mb := &Member{Name: name, Target: c.shape(sm.Target), Where: where}
	var doc string
	traitInto(sm.Traits, "smithy.api#documentation", &doc)
	mb.Doc = FirstSentence(doc)
	_, mb.Required = sm.Traits["smithy.api#required"]
	mb.Override, _ = smithyConstraints(sm.Traits, where)
	traitInto(sm.Traits, "smithy.api#timestampFormat", &mb.TimestampFormat)
	traitInto(sm.Traits, "smithy.api#jsonName", &mb.JSONName)
	_, mb.Idempotency = sm.Traits["smithy.api#idempotencyToken"]
	if raw, ok := sm.Traits["smithy.api#default"]; ok {
		mb.Default = compactJSON(raw)
	}
	var loc string
	switch {
	case has(sm.Traits, "smithy.api#httpLabel"):
		mb.Location, mb.LocationName = "uri", name
	case traitInto(sm.Traits, "smithy.api#httpQuery", &loc):
		mb.Location, mb.LocationName = "querystring", loc
	case traitInto(sm.Traits, "smithy.api#httpHeader", &loc):
		mb.Location, mb.LocationName = "header", loc
	case has(sm.Traits, "smithy.api#httpPrefixHeaders"), has(sm.Traits, "smithy.api#httpQueryParams"):
		mb.Location = "headers"
	case has(sm.Traits, "smithy.api#httpResponseCode"):
		mb.Location = "statusCode"
	}
	for _, t := range []string{"smithy.api#required", "smithy.api#default", "smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpHeader", "smithy.api#length", "smithy.api#pattern", "smithy.api#range"} {
		if raw, ok := sm.Traits[t]; ok {
			mb.Where += " " + t
			if string(raw) != "{}" {
				mb.Where += " " + compactJSON(raw)
			}
		}
	}
	return mb
}

func has(traits map[string]json.RawMessage, t string) bool { _, ok := traits[t]; return ok }

// smithyConstraints reads @length, @range and @pattern, and says where they came from.
func smithyConstraints(traits map[string]json.RawMessage, id string) (Constraints, string) {
	var c Constraints
	var bounds struct {
		Min *float64 `json:"min"`
		Max *float64 `json:"max"`
	}
	where := id
	for _, t := range []string{"smithy.api#length", "smithy.api#range"} {
		bounds.Min, bounds.Max = nil, nil
		if traitInto(traits, t, &bounds) {
			c.Min, c.Max = bounds.Min, bounds.Max
			if !strings.Contains(id, "$") {
				where += " " + t + " " + compactJSON(traits[t])
			}
		}
	}
	if traitInto(traits, "smithy.api#pattern", &c.Pattern) && !strings.Contains(id, "$") {
		where += " smithy.api#pattern"
	}
	return c, where
}

func compactJSON(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
