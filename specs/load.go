package specs

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed outposts.yaml directconnect.yaml
var embedded embed.FS

// Files are the embedded spec files, in load order.
var Files = []string{"outposts.yaml", "directconnect.yaml"}

// Load loads and validates plumb's embedded specs.
func Load() (*Set, error) {
	docs := map[string][]byte{}
	for _, f := range Files {
		b, err := embedded.ReadFile(f)
		if err != nil {
			return nil, err
		}
		docs[f] = b
	}
	set, err := Parse(Files, docs)
	if err != nil {
		return nil, err
	}
	for _, svc := range set.Services {
		svc.Path = "specs/" + svc.File // where the embedded file lives in plumb's repository
	}
	return set, nil
}

// Raw returns the text of an embedded spec file.
func Raw(name string) ([]byte, error) { return embedded.ReadFile(name) }

// LoadFiles loads and validates specs from disk (for users who bring their own).
func LoadFiles(paths ...string) (*Set, error) {
	docs := map[string][]byte{}
	var names []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("spec: %w", err)
		}
		name := filepath.Base(p)
		names = append(names, name)
		docs[name] = b
	}
	set, err := Parse(names, docs)
	if err != nil {
		return nil, err
	}
	for i, svc := range set.Services {
		svc.Path = filepath.ToSlash(paths[i])
	}
	return set, nil
}

// Parse loads, validates and models the given spec documents (name -> YAML or JSON).
func Parse(names []string, docs map[string][]byte) (*Set, error) {
	set := &Set{byID: map[string]*Operation{}}
	for _, name := range names {
		svc, err := parseService(name, docs[name])
		if err != nil {
			return nil, err
		}
		set.Services = append(set.Services, svc)
		ops, err := modelOperations(svc)
		if err != nil {
			return nil, fmt.Errorf("spec %s: %w", name, err)
		}
		for _, op := range ops {
			if set.byID[op.ID] != nil {
				return nil, fmt.Errorf("spec %s: operationId %s defined twice", name, op.ID)
			}
			set.byID[op.ID] = op
			set.operations = append(set.operations, op)
		}
	}
	if err := set.linkFlows(); err != nil {
		return nil, err
	}
	return set, nil
}

func parseService(name string, data []byte) (*Service, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // the line of each keyword: reports point into the spec (Set.Location), refusals say where (support.go)
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("spec %s: does not parse: %w", name, err)
	}
	// Validating with plumb's pattern compiler also primes kin-openapi's process-wide pattern
	// cache with patterns compiled the one way plumb compiles them (see RegexCompiler).
	if err := doc.Validate(context.Background(), openapi3.SetRegexCompiler(RegexCompiler)); err != nil {
		return nil, fmt.Errorf("spec %s: invalid OpenAPI: %w", name, err)
	}
	if doc.Info == nil {
		return nil, fmt.Errorf("spec %s: no info section", name)
	}
	svc := &Service{File: name, Doc: doc, APIVersion: doc.Info.Version}
	svc.Name = extString(doc.Info.Extensions, "x-aws-service")
	svc.SigningName = extString(doc.Info.Extensions, "x-aws-signing-name")
	svc.Protocol = Protocol(extString(doc.Info.Extensions, "x-aws-protocol"))
	svc.TargetPrefix = extString(doc.Info.Extensions, "x-aws-target-prefix")
	if svc.Name == "" {
		return nil, fmt.Errorf("spec %s: info.x-aws-service is missing", name)
	}
	if svc.SigningName == "" {
		svc.SigningName = svc.Name
	}
	if !slices.Contains(Protocols, svc.Protocol) {
		return nil, fmt.Errorf("spec %s: info.x-aws-protocol %q: plumb checks %s only", name, svc.Protocol, protocolNames())
	}
	if err := checkSupported(svc); err != nil {
		return nil, err
	}
	return svc, nil
}

func modelOperations(svc *Service) ([]*Operation, error) {
	var ops []*Operation
	err := eachOperation(svc, func(method, path string, item *openapi3.PathItem, spec *openapi3.Operation) error {
		op, err := modelOperation(svc, method, path, item, spec)
		if err == nil {
			ops = append(ops, op)
		}
		return err
	})
	return ops, err
}

// eachOperation calls fn for every operation of svc's document, by path then method: the one
// order the loader and its support check read them in. It stops at fn's first error.
func eachOperation(svc *Service, fn func(method, path string, item *openapi3.PathItem, op *openapi3.Operation) error) error {
	paths := svc.Doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	for _, path := range paths {
		item := svc.Doc.Paths.Value(path)
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			if err := fn(method, path, item, item.GetOperation(method)); err != nil {
				return err
			}
		}
	}
	return nil
}

func modelOperation(svc *Service, method, path string, item *openapi3.PathItem, spec *openapi3.Operation) (*Operation, error) {
	if spec.OperationID == "" {
		return nil, fmt.Errorf("%s %s: operationId is missing", method, path)
	}
	// awsJson operations all are POST /, which an OpenAPI document can hold once: a spec of
	// several names each "/#<Operation>", a fragment no client sends.
	wire := path
	if svc.Protocol.IsAWSJSON() {
		wire, _, _ = strings.Cut(path, "#")
		if wire != "/" || method != http.MethodPost {
			return nil, fmt.Errorf("%s %s (%s): %s operations are POST / (several in one spec: POST /#Operation)", method, path, spec.OperationID, svc.Protocol)
		}
	}
	op := &Operation{
		ID: spec.OperationID, Service: svc, Method: method, Path: wire, SpecPath: path, Spec: spec,
		Target:  extString(spec.Extensions, "x-aws-target"),
		InputIn: map[string]string{},
	}
	if svc.Protocol.IsAWSJSON() && op.Target == "" {
		return nil, fmt.Errorf("%s: %s operation without x-aws-target", op.ID, svc.Protocol)
	}

	// Input: the body schema, plus path labels folded in as members.
	input := openapi3.NewObjectSchema()
	if rb := spec.RequestBody; rb != nil && rb.Value != nil {
		for mt, media := range rb.Value.Content {
			op.ContentType = mt
			if media.Schema == nil || media.Schema.Value == nil {
				return nil, fmt.Errorf("%s: request body %s has no schema", op.ID, mt)
			}
			input = media.Schema.Value
			break // one media type per operation in AWS protocols
		}
		for name := range input.Properties {
			op.InputIn[name] = "body"
		}
	}
	params := append(openapi3.Parameters{}, item.Parameters...)
	params = append(params, spec.Parameters...)
	copied := false
	for _, p := range params {
		in, name, greedy, ok := binding(svc, p)
		if !ok {
			continue
		}
		if op.InputIn[name] != "" {
			return nil, fmt.Errorf("%s: %s member %s clashes with a %s member", op.ID, in, name, op.InputIn[name])
		}
		if !copied { // never write into a schema the document shares
			c := *input
			c.Properties = openapi3.Schemas{}
			for k, v := range input.Properties {
				c.Properties[k] = v
			}
			c.Required = append([]string(nil), input.Required...)
			input, copied = &c, true
		}
		input.WithPropertyRef(name, p.Value.Schema)
		if in == "path" || p.Value.Required {
			input.Required = append(input.Required, name)
		}
		op.InputIn[name] = in
		if greedy {
			if op.Greedy == nil {
				op.Greedy = map[string]bool{}
			}
			op.Greedy[name] = true
			op.Path = strings.ReplaceAll(op.Path, "{"+name+"+}", "{"+name+"}")
		}
	}
	op.Input = input

	// Output: the one 2xx response the operation documents (support.go refuses two), its body
	// and the headers bound to output members.
	status, ok := successStatus(spec.Responses)
	if !ok {
		return nil, fmt.Errorf("%s: no 2xx response", op.ID)
	}
	op.SuccessStatus = status
	success := spec.Responses.Status(status)
	for mt, media := range success.Value.Content {
		op.OutputContentType = mt
		if media.Schema != nil {
			op.Output = media.Schema.Value
		}
		break
	}
	if op.Output == nil {
		if status != http.StatusNoContent {
			return nil, fmt.Errorf("%s: %d response has no schema", op.ID, status)
		}
		op.Output = openapi3.NewObjectSchema() // 204: no body, nothing to check in it
	}
	op.OutputHeaders = outputHeaders(success.Value)
	op.outputHeaders = outputHeaderSchema(op.OutputHeaders)
	for _, h := range op.OutputHeaders {
		if op.Output.Properties[h.Name] != nil {
			return nil, fmt.Errorf("%s: response header %s has the name of a body member", op.ID, h.Name)
		}
	}
	created, err := parseCreated(spec.Extensions, op.Output)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.ID, err)
	}
	op.Created = created

	// Errors: x-aws-errors, each checked against the responses it claims.
	if err := decodeExt(spec.Extensions, "x-aws-errors", &op.Errors); err != nil {
		return nil, fmt.Errorf("%s: x-aws-errors: %w", op.ID, err)
	}
	for _, e := range op.Errors {
		if e.Type == "" || e.Status < 400 || e.Status > 599 {
			return nil, fmt.Errorf("%s: x-aws-errors entry %+v needs a type and a 4xx/5xx status", op.ID, e)
		}
		if spec.Responses.Status(e.Status) == nil {
			return nil, fmt.Errorf("%s: error %s has status %d, which the responses do not document", op.ID, e.Type, e.Status)
		}
	}
	op.ValidationUnknown = extString(spec.Extensions, "x-plumb-validation-unknown")
	if err := checkClientError(op.Errors, op.ValidationUnknown != ""); err != nil {
		return nil, fmt.Errorf("%s: x-aws-errors: %w", op.ID, err)
	}
	rules, err := collectRules(input, "$")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.ID, err)
	}
	op.Rules = rules
	walkSchema(input, "$", nil, func(p string, member *openapi3.Schema, _ bool, _ *openapi3.Schema) {
		if why := extString(member.Extensions, "x-plumb-opaque"); why != "" {
			op.Opaque = append(op.Opaque, p)
		}
	})
	for _, r := range op.Rules {
		if _, ok := op.Error(r.Error); !ok {
			return nil, fmt.Errorf("%s: rule %s on %s names error %s, which x-aws-errors does not document", op.ID, r.Kind, r.Path, r.Error)
		}
	}
	ex, err := parseExample(op, params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.ID, err)
	}
	op.example = ex
	op.constraints = op.buildConstraints()
	return op, nil
}

// collectRules gathers the x-plumb-rules declared on any member below s.
func collectRules(s *openapi3.Schema, path string) ([]Rule, error) {
	var out []Rule
	var errs []error
	walkSchema(s, path, nil, func(p string, member *openapi3.Schema, _ bool, _ *openapi3.Schema) {
		var rules []Rule
		if err := decodeExt(member.Extensions, "x-plumb-rules", &rules); err != nil {
			errs = append(errs, fmt.Errorf("%s x-plumb-rules: %w", p, err))
			return
		}
		for i := range rules {
			rules[i].Path = p
			switch rules[i].Kind {
			case "uniqueKeys":
				if rules[i].Key == "" {
					errs = append(errs, fmt.Errorf("%s: uniqueKeys rule needs a key", p))
				}
			case "maxItems":
				if rules[i].Value <= 0 {
					errs = append(errs, fmt.Errorf("%s: maxItems rule needs a positive value", p))
				}
			default:
				errs = append(errs, fmt.Errorf("%s: unknown rule %q (want uniqueKeys or maxItems)", p, rules[i].Kind))
			}
		}
		out = append(out, rules...)
	})
	return out, errors.Join(errs...)
}

func extString(ext map[string]any, key string) string {
	if v, ok := ext[key].(string); ok {
		return strings.TrimSpace(v)
	}
	return ""
}

// decodeExt re-decodes an extension value (already parsed into generic JSON) into out.
func decodeExt(ext map[string]any, key string, out any) error {
	v, ok := ext[key]
	if !ok {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// checkClientError makes sure the spec says which error answers invalid input: at most one entry
// is marked validation (a 4xx), and where none is, at most one error has status 400, unless the
// operation says no documented error is that one (unknown: x-plumb-validation-unknown, which
// excludes a mark). Guessing (the first listed, say) would judge a target by an order no
// document gives.
func checkClientError(errs []ErrorShape, unknown bool) error {
	var marked, fours []string
	for _, e := range errs {
		if e.Validation {
			marked = append(marked, e.Type)
			if e.Status < 400 || e.Status > 499 {
				return fmt.Errorf("%s is marked validation but has status %d: invalid input earns a 4xx", e.Type, e.Status)
			}
		}
		if e.Status == 400 {
			fours = append(fours, e.Type)
		}
	}
	switch {
	case unknown && len(marked) > 0:
		return fmt.Errorf("%s is marked validation, yet x-plumb-validation-unknown says no documented error answers invalid input: keep one", marked[0])
	case unknown:
		return nil
	case len(marked) > 1:
		return fmt.Errorf("%s are all marked validation: mark the one error that answers invalid input", strings.Join(marked, ", "))
	case len(marked) == 0 && len(fours) > 1:
		return fmt.Errorf("several errors have status 400 (%s): mark the one that answers invalid input with validation: true, or say why none does with x-plumb-validation-unknown on the operation", strings.Join(fours, ", "))
	}
	return nil
}
