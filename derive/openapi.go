package derive

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/plumbhq/plumb/specs"
)

// Options select what OpenAPI writes.
type Options struct {
	// Operations selects operations by name; empty means every operation of the service.
	Operations []string
	// Warn, when set, hears each thing left out of the spec (a map member, a pattern Go cannot
	// compile...), which the spec also records (x-plumb-skipped on the operation).
	Warn func(string)
}

// OpenAPI writes m as an OpenAPI 3.0.3 document in the form plumb's --spec reads.
func (m *Model) OpenAPI(opts Options) ([]byte, error) {
	w := &writer{m: m, opts: opts, schemas: map[string]*yaml.Node{}, skipped: map[string][]string{}, skipsDone: map[string]bool{}, opaque: map[string]map[string]string{}}
	ops, err := m.selected(opts.Operations)
	if err != nil {
		return nil, err
	}
	w.selected, w.ops = len(ops), ops
	doc := w.document()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (m *Model) selected(names []string) ([]*Operation, error) {
	if len(names) == 0 {
		return m.Operations, nil
	}
	var out []*Operation
	for _, op := range m.Operations {
		if slices.Contains(names, op.Name) {
			out = append(out, op)
		}
	}
	for _, n := range names {
		if m.Operation(n) == nil {
			return nil, fmt.Errorf("%s has no operation %q", m.Source, n)
		}
	}
	return out, nil
}

type writer struct {
	m       *Model
	opts    Options
	ops     []*Operation
	schemas map[string]*yaml.Node // component schemas written so far
	queue   []string              // structures referenced, not yet written
	// skipped: what a structure leaves out, by shape; opaque: input members only the
	// service hands out, by shape then member.
	skipped   map[string][]string
	opaque    map[string]map[string]string
	errorBody string
	messages  []string // the error shapes' message member names
	skipsDone map[string]bool
	current   *Operation
	selected  int // how many operations Options.Operations selected (all, when none)
}

func (w *writer) src(where string) string {
	if w.m.Qualified {
		return where
	}
	return w.m.Source + ": " + where
}

func (w *writer) warn(format string, a ...any) {
	if w.opts.Warn != nil {
		w.opts.Warn(fmt.Sprintf(format, a...))
	}
}

func (w *writer) document() *yaml.Node {
	m := w.m
	w.errorBody = "ErrorBody"
	for m.Shapes[w.errorBody] != nil {
		w.errorBody = "Plumb" + w.errorBody
	}
	w.markOpaque()
	names := make([]string, len(w.ops))
	for i, op := range w.ops {
		names[i] = op.Name
	}
	title := m.Title
	if w.selected < len(m.Operations) { // --operation chose some: the title says which
		title += " (" + strings.Join(names, ", ") + ")"
	}
	info := mapping(
		"title", cmpOr(title, m.Name),
		"version", m.APIVersion,
		"description", fmt.Sprintf("Derived by plumb derive from %s. Every schema and member carries x-source naming the model and the shape it came from. Protocol %s.", m.Source, m.Protocol),
		"x-aws-service", m.Name,
		"x-aws-signing-name", cmpOr(m.SigningName, m.Name),
		"x-aws-protocol", m.Protocol,
		"x-aws-api-version", m.APIVersion,
	)
	if m.isJSONRPC() {
		set(info, "x-aws-target-prefix", m.TargetPrefix)
	}
	set(info, "x-source", w.src(cmpOr(m.Where, "metadata")+" (protocol "+m.Protocol+")"))
	doc := mapping(
		"openapi", "3.0.3",
		"info", info,
		"servers", []*yaml.Node{mapping("url", "https://"+m.Name+".us-east-1.amazonaws.com", "x-source", w.src(cmpOr(m.Where, "metadata")+": endpoint prefix "+m.Name))},
	)
	paths := &yaml.Node{Kind: yaml.MappingNode}
	items := map[string]*yaml.Node{}
	var order []string
	seen := map[string]string{}
	for _, op := range w.ops {
		path, method := w.route(op)
		if prev := seen[method+" "+path]; prev != "" {
			w.warn("%s: %s %s is also %s's route: left out", op.Name, method, path, prev)
			continue
		}
		seen[method+" "+path] = op.Name
		if items[path] == nil {
			items[path] = &yaml.Node{Kind: yaml.MappingNode}
			order = append(order, path)
		}
		set(items[path], method, w.operation(op))
	}
	for _, p := range order {
		set(paths, p, items[p])
	}
	set(doc, "paths", paths)
	schemas := &yaml.Node{Kind: yaml.MappingNode}
	set(schemas, w.errorBody, w.errorSchema())
	for len(w.queue) > 0 {
		name := w.queue[0]
		w.queue = w.queue[1:]
		if w.schemas[name] == nil {
			w.schemas[name] = w.structure(m.Shapes[name], nil)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(w.schemas)) {
		set(schemas, n, w.schemas[n])
	}
	set(doc, "components", mapping(
		"headers", mapping("RequestId", mapping(
			"description", "Request id that AWS puts on every response; optional for conformance.",
			"x-source", "the AWS protocols: x-amzn-RequestId on every response",
			"schema", mapping("type", "string"))),
		"schemas", schemas,
	))
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (m *Model) isJSONRPC() bool { return m.Protocol == "awsJson1_0" || m.Protocol == "awsJson1_1" }

func (m *Model) mediaType() string {
	switch m.Protocol {
	case "awsJson1_0":
		return "application/x-amz-json-1.0"
	case "awsJson1_1":
		return "application/x-amz-json-1.1"
	}
	return "application/json"
}

// route is the OpenAPI path and method of op: awsJson operations are all POST /, told apart
// by a fragment the loader strips; restJson1 ones follow the modelled URI.
func (w *writer) route(op *Operation) (string, string) {
	if w.m.isJSONRPC() {
		return "/#" + op.Name, "post"
	}
	path, _, _ := strings.Cut(op.URI, "?") // a literal query (?tagging) is not part of the path
	path = strings.ReplaceAll(path, "+}", "}")
	return path, strings.ToLower(cmpOr(op.Method, "POST"))
}

// markOpaque finds the input members only the service hands out: paginators' input tokens,
// members named NextToken, and resource ids and ARNs (a top-level input member named
// <x>Id(s) or <x>Arn(s) that some operation's output also has): a value of plumb's own names
// nothing, so an input carrying one earns any documented answer rather than a success.
func (w *writer) markOpaque() {
	handedOut := w.outputMemberNames()
	for _, op := range w.ops {
		in := w.m.Shapes[op.Input]
		if in == nil {
			continue
		}
		for _, mb := range in.Members {
			why := w.m.Opaque[op.Name][mb.Name]
			if why == "" && (mb.Name == "NextToken" || mb.Name == "nextToken") {
				why = w.src(mb.Where) + ": named " + mb.Name + ", the pagination token the service hands out"
			}
			if where := handedOut[strings.ToLower(mb.Name)]; why == "" && idName.MatchString(mb.Name) && where != "" {
				why = w.src(mb.Where) + ": names a resource; the service hands its ids out (" + where + "), so one of plumb's own names nothing"
			}
			if why != "" {
				if w.opaque[in.Name] == nil {
					w.opaque[in.Name] = map[string]string{}
				}
				w.opaque[in.Name][mb.Name] = why
			}
		}
	}
}

var idName = regexp.MustCompile(`(Id|Ids|ID|IDs|Arn|Arns|ARN|ARNs)$`)

// outputMemberNames maps each member name (lower case) of a structure some operation's
// output reaches to where one is.
func (w *writer) outputMemberNames() map[string]string {
	out := map[string]string{}
	var roots []string
	for _, op := range w.m.Operations {
		roots = append(roots, op.Output)
	}
	w.m.eachReachable(func(s *Shape) {
		for _, mb := range s.Members {
			if k := strings.ToLower(mb.Name); out[k] == "" {
				out[k] = mb.Where
			}
		}
	}, roots...)
	return out
}

func (w *writer) operation(op *Operation) *yaml.Node {
	m := w.m
	w.current = op
	where := op.Where
	if m.isJSONRPC() {
		where += fmt.Sprintf(" (POST /, X-Amz-Target %s.%s)", m.TargetPrefix, op.Name)
	} else {
		where += fmt.Sprintf(" (%s %s, success %d)", op.Method, op.URI, op.ResponseCode)
	}
	src := w.src(where)
	if op.Doc != "" {
		src += "; " + quote(op.Doc)
	}
	n := mapping("operationId", op.Name)
	if op.Doc != "" {
		set(n, "summary", op.Doc)
	}
	set(n, "x-source", src)
	if m.isJSONRPC() {
		set(n, "x-aws-target", m.TargetPrefix+"."+op.Name)
	}
	if flow := w.statedFlow(op); flow != nil {
		set(n, "x-plumb-created", flow)
	} else if flow := w.flow(op); flow != nil {
		set(n, "x-plumb-created", flow)
	}
	errs := w.errors(op)
	general := generalClientError(errs)
	var errNodes []*yaml.Node
	for i, e := range errs {
		en := mapping("type", e.code, "status", e.status, "member", e.member, "source", e.source)
		if i == general {
			en = mapping("type", e.code, "status", e.status, "validation", true, "member", e.member,
				"source", e.source+"; plumb's reading: of the errors with status 400, the one named as the validation or general client error answers invalid input")
		}
		en.Style = yaml.FlowStyle
		errNodes = append(errNodes, en)
	}
	if general < 0 {
		// None is named so: which error answers invalid input is not documented, and picking
		// one would blame a correct service; a documented (or common) 4xx is what is promised.
		set(n, "x-plumb-validation-unknown", w.src(fmt.Sprintf("%s: of its errors (%s), none is named as a validation or general client error: input breaking a documented constraint earns an error it documents at its status, or one common to all actions", op.Where, errorList(errs))))
	}
	in := m.Shapes[op.Input]
	var params []*yaml.Node
	if m.isJSONRPC() {
		params = append(params, mapping("name", "X-Amz-Target", "in", "header", "required", true,
			"x-source", w.src(cmpOr(m.Where, "metadata")+": target prefix "+quote(m.TargetPrefix)+", protocol "+m.Protocol),
			"schema", mapping("type", "string", "enum", []string{m.TargetPrefix + "." + op.Name})))
	} else if in != nil {
		for _, mb := range in.Members {
			if p := w.parameter(op, mb); p != nil {
				params = append(params, p)
			}
		}
	}
	var body *yaml.Node
	switch {
	case m.isJSONRPC():
		body = w.bodySchema(in, "the JSON body holds the input")
	case in != nil && (in.Payload != "" || hasBodyMembers(in)):
		body = w.bodySchema(in, "the JSON body holds the input's body members")
	}
	var skipped []string
	skipped = append(skipped, w.reachableSkips(op)...)
	set(n, "x-plumb-skipped", skipped)
	set(n, "x-aws-errors", errNodes)
	set(n, "parameters", params)
	if body != nil {
		media := mapping("schema", body)
		w.setExample(media, op, in, "")
		set(n, "requestBody", mapping(
			"required", true,
			"x-source", w.src(where+": input "+cmpOr(op.Input, "(none)")),
			"content", mapping(m.mediaType(), media)))
	}
	responses := &yaml.Node{Kind: yaml.MappingNode}
	out := m.Shapes[op.Output]
	okResp := mapping(
		"description", "Success.",
		"x-source", w.src(fmt.Sprintf("%s: output %s, status %d", op.Where, cmpOr(op.Output, "(none)"), op.ResponseCode)),
		"headers", w.responseHeaders(out),
		"content", mapping(m.mediaType(), mapping("schema", w.bodySchema(out, "the JSON body holds the output"))))
	set(responses, fmt.Sprint(op.ResponseCode), okResp)
	byStatus := map[int][]derivedError{}
	for _, e := range errs {
		byStatus[e.status] = append(byStatus[e.status], e)
	}
	for _, st := range slices.Sorted(maps.Keys(byStatus)) {
		var types, wheres []string
		for _, e := range byStatus[st] {
			types = append(types, e.code)
			wheres = append(wheres, e.where)
		}
		set(responses, fmt.Sprint(st), mapping(
			"description", strings.Join(types, ", ")+".",
			"x-aws-error-types", types,
			"x-source", w.src(strings.Join(wheres, ", ")),
			"headers", mapping("x-amzn-RequestId", mapping("$ref", "#/components/headers/RequestId")),
			"content", mapping(m.mediaType(), mapping("schema", mapping("$ref", "#/components/schemas/"+w.errorBody)))))
	}
	set(n, "responses", responses)
	return n
}

func hasBodyMembers(s *Shape) bool {
	for _, mb := range s.Members {
		if mb.Location == "" {
			return true
		}
	}
	return false
}

// bodySchema is the schema of a request or response body for shape s (nil: no shape).
func (w *writer) bodySchema(s *Shape, what string) *yaml.Node {
	if s == nil {
		return mapping("type", "object", "x-source", w.src(w.current.Where+": no shape; "+what+" (an empty object)"))
	}
	if s.Payload != "" {
		for _, mb := range s.Members {
			if mb.Name == s.Payload {
				t := w.m.Shapes[mb.Target]
				if t != nil && t.Type == "structure" {
					return w.ref(t.Name)
				}
				w.skip(s.Name, fmt.Sprintf("%s: payload %s is a %s, not a JSON object: the body is not described", mb.Where, mb.Name, typeOf(t)))
				return mapping("type", "object", "x-source", w.src(mb.Where+": payload (not JSON; not described)"))
			}
		}
	}
	return w.ref(s.Name)
}

func typeOf(s *Shape) string {
	if s == nil {
		return "missing shape"
	}
	return s.Type
}

func (w *writer) ref(name string) *yaml.Node {
	if w.schemas[name] == nil && !slices.Contains(w.queue, name) {
		w.queue = append(w.queue, name)
	}
	return mapping("$ref", "#/components/schemas/"+name)
}

func (w *writer) skip(shape, note string) {
	if !slices.Contains(w.skipped[shape], note) {
		w.skipped[shape] = append(w.skipped[shape], note)
		w.warn("%s", note)
	}
}

// reachableSkips lists what the structures op's input and output reach leave out.
func (w *writer) reachableSkips(op *Operation) []string {
	var out []string
	w.m.eachReachable(func(s *Shape) {
		if (s.Type == "structure" || s.Type == "union") && !w.skipsDone[s.Name] {
			w.skipsDone[s.Name] = true
			w.structureSkips(s)
		}
		for _, note := range w.skipped[s.Name] {
			out = append(out, w.src(note))
		}
	}, op.Input, op.Output)
	return out
}

// structureSkips computes what a structure's schema will leave out, before it is written.
func (w *writer) structureSkips(s *Shape) {
	for _, mb := range s.Members {
		if _, why := w.memberSchema(mb, s, true); why != "" {
			w.skip(s.Name, why)
		}
	}
}

// structure is the component schema of a structure shape: its body members.
func (w *writer) structure(s *Shape, _ *Member) *yaml.Node {
	src := w.src(s.Where)
	if s.Type == "union" {
		src += " (a union: exactly one member is set; plumb checks each member alone)"
	}
	if s.Doc != "" {
		src += "; " + quote(s.Doc)
	}
	n := mapping("type", "object")
	var req []string
	props := &yaml.Node{Kind: yaml.MappingNode}
	for _, mb := range s.Members {
		if mb.Location != "" {
			continue // travels in the URI, query or headers: a parameter, not a body member
		}
		schema, why := w.memberSchema(mb, s, false)
		if why != "" {
			w.skip(s.Name, why)
			continue
		}
		if mb.Required {
			req = append(req, mb.WireName())
		}
		set(props, mb.WireName(), schema)
	}
	set(n, "required", req)
	set(n, "x-source", src)
	if len(props.Content) > 0 {
		set(n, "properties", props)
	}
	return n
}

// memberSchema is the schema of member mb of structure parent, or why it is left out.
// dry computes the answer without queueing referenced structures.
func (w *writer) memberSchema(mb *Member, parent *Shape, dry bool) (*yaml.Node, string) {
	t := w.m.Shapes[mb.Target]
	if t == nil {
		return nil, fmt.Sprintf("%s: target %s is not in the model: left out", mb.Where, mb.Target)
	}
	src := w.src(mb.Where) + " → " + describe(t, mb)
	if mb.Doc != "" {
		src += "; " + quote(mb.Doc)
	} else if t.Doc != "" {
		src += "; " + quote(t.Doc)
	}
	n, why := w.valueSchema(mb, t, src, dry, map[string]bool{})
	if why != "" {
		return nil, why
	}
	if why := w.opaque[parent.Name][mb.Name]; why != "" {
		set(n, "x-plumb-opaque", why)
	}
	if d := defaultValue(mb); d != nil && n.Kind == yaml.MappingNode && len(n.Content) > 0 && n.Content[0].Value == "type" {
		set(n, "default", d) // informative: the value the service takes when a client leaves it out
	}
	if mb.Disagree != "" {
		set(n, "x-documents-disagree", mb.Disagree)
	}
	if rules := w.rules(mb, t, parent); rules != nil {
		set(n, "x-plumb-rules", rules)
	}
	return n, ""
}

// defaultValue is mb's default (Smithy @default) as a YAML node, nil when it has none.
func defaultValue(mb *Member) *yaml.Node {
	var d yaml.Node
	if mb.Default == "" || yaml.Unmarshal([]byte(mb.Default), &d) != nil || len(d.Content) != 1 {
		return nil
	}
	return d.Content[0]
}

// describe quotes what a member's target says: "TagList {list, min 1}".
func describe(t *Shape, mb *Member) string {
	var parts []string
	parts = append(parts, t.Type)
	c := mb.Effective(t)
	if c.Min != nil {
		parts = append(parts, fmt.Sprintf("min %g", *c.Min))
	}
	if c.Max != nil {
		parts = append(parts, fmt.Sprintf("max %g", *c.Max))
	}
	if c.Pattern != "" {
		parts = append(parts, "pattern "+c.Pattern)
	}
	if len(c.Enum) > 0 {
		parts = append(parts, "enum "+strings.Join(c.Enum, "|"))
	}
	if mb.Required {
		parts = append(parts, "required")
	}
	if mb.Default != "" {
		parts = append(parts, "default "+mb.Default)
	}
	if t.Member != nil {
		parts = append(parts, "of "+t.Member.Target)
	}
	return t.Name + " {" + strings.Join(parts, ", ") + "}"
}

// valueSchema is the schema of a value of shape t reached through member mb.
func (w *writer) valueSchema(mb *Member, t *Shape, src string, dry bool, depth map[string]bool) (*yaml.Node, string) {
	c := mb.Effective(t)
	switch t.Type {
	case "structure", "union":
		if dry {
			return mapping(), ""
		}
		// A $ref's siblings other than extensions are ignored; x-source stays for the reader.
		return mapping("$ref", "#/components/schemas/"+w.queueName(t.Name), "x-source", src), ""
	case "list":
		if t.Member == nil {
			return nil, fmt.Sprintf("%s: list %s has no member shape: left out", mb.Where, t.Name)
		}
		it := w.m.Shapes[t.Member.Target]
		if it == nil {
			return nil, fmt.Sprintf("%s: list item %s is not in the model: left out", mb.Where, t.Member.Target)
		}
		if depth[t.Name] {
			return nil, fmt.Sprintf("%s: list %s nests itself: left out", mb.Where, t.Name)
		}
		depth[t.Name] = true
		itemSrc := w.src(t.Where+".member") + " → " + describe(it, t.Member)
		items, why := w.valueSchema(t.Member, it, itemSrc, dry, depth)
		if why != "" {
			return nil, fmt.Sprintf("%s: list of %s: %s", mb.Where, it.Name, why)
		}
		n := mapping("type", "array", "minItems", c.Min, "maxItems", c.Max, "x-source", src, "items", items)
		return n, ""
	case "map":
		return nil, fmt.Sprintf("%s: %s is a map, which plumb's loader refuses (additionalProperties): member left out", mb.Where, t.Name)
	case "document":
		return nil, fmt.Sprintf("%s: %s is a document (any JSON), which plumb does not check: member left out", mb.Where, t.Name)
	case "string", "enum":
		n := mapping("type", "string", "minLength", c.Min, "maxLength", c.Max)
		if c.Pattern != "" {
			if _, err := specs.CompilePattern(c.Pattern); err != nil {
				if !dry {
					w.warn("%s: pattern %q does not compile in Go: left out (%v)", mb.Where, c.Pattern, err)
				}
				src += " (pattern left out: Go cannot compile it)"
			} else {
				set(n, "pattern", c.Pattern)
			}
		}
		set(n, "enum", c.Enum)
		set(n, "x-source", src)
		return n, ""
	case "blob":
		return mapping("type", "string", "x-source", src+" (a blob: base64 text in JSON; its byte limits are not a length of the text)"), ""
	case "integer", "long", "short", "byte", "bigInteger":
		n := mapping("type", "integer", "minimum", c.Min, "maximum", c.Max)
		if len(c.Enum) > 0 { // an intEnum: its values are integers
			ints := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, v := range c.Enum {
				ints.Content = append(ints.Content, scalar(v, "!!int"))
			}
			set(n, "enum", ints)
		}
		set(n, "x-source", src)
		return n, ""
	case "float", "double", "bigDecimal":
		return mapping("type", "number", "minimum", c.Min, "maximum", c.Max, "x-source", src), ""
	case "boolean":
		return mapping("type", "boolean", "x-source", src), ""
	case "timestamp":
		f := cmpOr(mb.TimestampFormat, t.TimestampFormat)
		if f == "" || f == "unixTimestamp" || f == "epoch-seconds" {
			return mapping("type", "number", "x-source", src+" (JSON protocols: seconds since the epoch, a number)"), ""
		}
		return mapping("type", "string", "x-source", src+" (timestampFormat "+f+": a string; its format is not checked)"), ""
	}
	return nil, fmt.Sprintf("%s: %s has type %s, which plumb does not derive: left out", mb.Where, t.Name, t.Type)
}

func (w *writer) queueName(name string) string {
	w.ref(name)
	return name
}

// parameter is the OpenAPI parameter of a restJson1 input member that travels outside the body.
func (w *writer) parameter(op *Operation, mb *Member) *yaml.Node {
	var in string
	switch mb.Location {
	case "uri":
		in = "path"
	case "querystring":
		in = "query"
	case "header":
		in = "header"
	case "":
		return nil
	default:
		w.skip(op.Input, fmt.Sprintf("%s: location %s (a map of headers or query parameters) is not derived: left out", mb.Where, mb.Location))
		return nil
	}
	t := w.m.Shapes[mb.Target]
	if t == nil {
		return nil
	}
	src := w.src(mb.Where) + fmt.Sprintf(" (location %s, name %s) → %s", mb.Location, cmpOr(mb.LocationName, mb.Name), describe(t, mb))
	if mb.Doc != "" {
		src += "; " + quote(mb.Doc)
	}
	schema, why := w.valueSchema(mb, t, src, false, map[string]bool{})
	if why != "" {
		w.skip(op.Input, why)
		return nil
	}
	name := cmpOr(mb.LocationName, mb.Name)
	p := mapping("name", name, "in", in, "required", mb.Required || in == "path", "x-source", src)
	if mb.Disagree != "" {
		set(p, "x-documents-disagree", mb.Disagree)
	}
	if in == "path" && strings.Contains(op.URI, "{"+name+"+}") {
		set(p, "x-aws-greedy", true) // {Name+}: the label may hold slashes
	}
	set(p, "schema", schema)
	w.setExample(p, op, w.m.Shapes[op.Input], mb.Name)
	return p
}

// setExample sets n's example to the part of op's stated example (Operation.Example) that goes
// there: with name "", the body members, as the request body's example; else the value of that
// member, as its parameter's. The example's why becomes the comment above it.
func (w *writer) setExample(n *yaml.Node, op *Operation, in *Shape, name string) {
	if ex := w.example(op, in, name); ex != nil {
		set(n, "example", ex)
		n.Content[len(n.Content)-2].HeadComment = op.ExampleWhere
	}
}

func (w *writer) example(op *Operation, in *Shape, name string) *yaml.Node {
	if op.Example == nil || in == nil {
		return nil
	}
	var out *yaml.Node
	if name == "" {
		out = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle} // {} when no member is given
	}
	for i := 0; i+1 < len(op.Example.Content); i += 2 {
		k, v := op.Example.Content[i].Value, op.Example.Content[i+1]
		mb := member(in, k)
		switch {
		case name != "" && k == name:
			out = v
		case name == "" && mb != nil && mb.Location == "":
			out.Style = 0
			out.Content = append(out.Content, scalar(mb.WireName(), "!!str"), v)
		}
	}
	return out
}

// responseHeaders documents the output members a restJson1 response carries in headers.
func (w *writer) responseHeaders(out *Shape) *yaml.Node {
	h := mapping("x-amzn-RequestId", mapping("$ref", "#/components/headers/RequestId"))
	if out == nil || w.m.isJSONRPC() {
		return h
	}
	for _, mb := range out.Members {
		if mb.Location != "header" {
			continue
		}
		t := w.m.Shapes[mb.Target]
		if t == nil {
			continue
		}
		schema, why := w.valueSchema(mb, t, w.src(mb.Where)+" → "+describe(t, mb), false, map[string]bool{})
		if why != "" {
			continue
		}
		set(h, cmpOr(mb.LocationName, mb.Name), mapping("x-source", w.src(mb.Where), "schema", schema))
	}
	return h
}

type derivedError struct {
	code, member, source, where string
	status                      int
}

func (w *writer) errors(op *Operation) []derivedError {
	var out []derivedError
	for _, name := range op.Errors {
		s := w.m.Shapes[name]
		e := derivedError{code: name, status: 400, member: "message", where: "shapes." + name}
		doc := ""
		if s != nil {
			if s.Error != nil {
				e.code, e.status, e.where = s.Error.Code, s.Error.Status, s.Error.Where
			}
			for _, mb := range s.Members {
				if strings.EqualFold(mb.Name, "message") {
					e.member = mb.WireName()
				}
			}
			doc = s.Doc
		}
		if !slices.Contains(w.messages, e.member) {
			w.messages = append(w.messages, e.member)
		}
		e.source = w.src(fmt.Sprintf("%s.errors lists %s; %s status %d, message member %s", op.Where, name, e.where, e.status, e.member))
		if doc != "" {
			e.source += "; " + quote(doc)
		}
		out = append(out, e)
	}
	return out
}

func (w *writer) errorSchema() *yaml.Node {
	props := mapping("__type", mapping("type", "string", "x-source", "the AWS JSON protocols: the body field __type (or code) carries the error type"))
	msgs := slices.Clone(w.messages)
	slices.Sort(msgs)
	for _, m := range msgs {
		set(props, m, mapping("type", "string", "x-source", w.src("the error shapes' "+m+" member")))
	}
	return mapping("type", "object", "x-source", w.src("every error shape: a JSON object naming its type, with a message member"), "properties", props)
}

func quote(s string) string { return `"` + s + `"` }

// generalClientError picks the error of status 400 a service answers invalid input with, by
// name: a validation error first, then the service's general client error
// (DirectConnectClientException), then a bad-request or invalid-parameter one. -1 when none is
// named so: the spec then says so (x-plumb-validation-unknown) rather than plumb guessing.
func generalClientError(errs []derivedError) int {
	for _, want := range []string{"Validation", "ClientException", "BadRequest", "InvalidParameter", "InvalidRequest", "InvalidInput"} {
		for i, e := range errs {
			if e.status == 400 && strings.Contains(e.code, want) {
				return i
			}
		}
	}
	return -1
}

// errorList names errs with their statuses: "A 400, B 500", or "none".
func errorList(errs []derivedError) string {
	if len(errs) == 0 {
		return "none"
	}
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = fmt.Sprintf("%s %d", e.code, e.status)
	}
	return strings.Join(parts, ", ")
}
