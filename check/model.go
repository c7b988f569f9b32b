package check

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/plumbhq/plumb/specs"
)

// kin-openapi decodes only the media types it knows, so the engine registers the JSON decoder
// for the awsJson media types once, process-wide.

var registerDecoder sync.Once

// opModel is everything the engine derives from an operation once, in New, so that Check
// (called hundreds of thousands of times by the fuzzer) parses and compiles nothing.
type opModel struct {
	// route and request feed openapi3filter.ValidateResponse; they are shared read-only.
	request *openapi3filter.RequestValidationInput
	// responses maps each documented status to its documented media type and body schema.
	responses map[int]response
	// errorMedia lists the media types an error response may carry, lowercased.
	errorMedia []string
	// statuses is op.Statuses(), and statusText its rendering for messages.
	statuses   []int
	statusText string
	// errorText lists the documented error types, for messages.
	errorText string
}

type response struct {
	media  string           // documented media type, e.g. application/json
	schema *openapi3.Schema // documented body schema; nil when the response has no body
}

// filterOptions are the ValidateResponse options: every violation, plumb's pattern compiler, the
// body checked, the status left to status_code_conformance.
var filterOptions = &openapi3filter.Options{
	MultiError:              true,
	RegexCompiler:           specs.RegexCompiler,
	IncludeResponseStatus:   false,
	ExcludeResponseBody:     false,
	SchemaValidationOptions: specs.SchemaOptions(),
}

func buildModel(op *specs.Operation) *opModel {
	registerDecoder.Do(func() {
		openapi3filter.RegisterBodyDecoder(specs.AWSJSON11.MediaType(), openapi3filter.JSONBodyDecoder)
		openapi3filter.RegisterBodyDecoder(specs.AWSJSON10.MediaType(), openapi3filter.JSONBodyDecoder)
	})
	m := &opModel{responses: map[int]response{}, statuses: op.Statuses()}

	var doc *openapi3.T
	if op.Service != nil {
		doc = op.Service.Doc
	}
	var item *openapi3.PathItem
	if doc != nil && doc.Paths != nil {
		item = doc.Paths.Value(op.SpecPath)
	}
	// The dummy request only tells ValidateResponse the method (it skips HEAD); the URL is unused.
	req, _ := http.NewRequest(op.Method, "http://plumb.invalid/", nil)
	if req == nil {
		req, _ = http.NewRequest(http.MethodPost, "http://plumb.invalid/", nil)
	}
	m.request = &openapi3filter.RequestValidationInput{
		Request: req,
		Route: &routers.Route{Spec: doc, Path: op.SpecPath, PathItem: item,
			Method: op.Method, Operation: withoutHeaders(op.Spec)},
		Options: filterOptions,
	}

	if op.Spec != nil && op.Spec.Responses != nil {
		for code, ref := range op.Spec.Responses.Map() {
			status, err := strconv.Atoi(code)
			if err != nil || ref == nil || ref.Value == nil {
				continue // "default" or ranges: AWS documents exact statuses only
			}
			var r response
			for mt, media := range ref.Value.Content {
				r.media = strings.ToLower(mt)
				if media != nil && media.Schema != nil {
					r.schema = media.Schema.Value
				}
				break // one media type per response in AWS protocols
			}
			m.responses[status] = r
		}
	}

	// Error media types: whatever the spec documents for errors, plus the protocol's own.
	// awsJson errors arrive as the protocol's media type or application/json: AWS sends both.
	seen := map[string]bool{}
	addMedia := func(mt string) {
		if mt != "" && !seen[mt] {
			seen[mt] = true
			m.errorMedia = append(m.errorMedia, mt)
		}
	}
	if op.Service != nil && op.Protocol().IsAWSJSON() {
		addMedia(op.Protocol().MediaType())
	}
	addMedia("application/json")
	codes := make([]int, 0, len(m.responses))
	for c := range m.responses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		if c >= 400 {
			addMedia(m.responses[c].media)
		}
	}

	parts := make([]string, len(m.statuses))
	for i, s := range m.statuses {
		parts[i] = strconv.Itoa(s)
	}
	m.statusText = strings.Join(parts, ", ")
	var types []string
	for _, e := range op.Errors {
		types = append(types, e.Type+" "+strconv.Itoa(e.Status))
	}
	m.errorText = strings.Join(types, ", ")
	return m
}

func (m *opModel) documented(status int) bool {
	for _, s := range m.statuses {
		if s == status {
			return true
		}
	}
	return false
}

// withoutHeaders is spec with its responses' headers left out: ValidateResponse stops at the
// first header that breaks its schema, before the body, so the engine judges the header members
// itself (specs.Operation.HeaderViolations) and kin-openapi the body. spec is not modified.
func withoutHeaders(spec *openapi3.Operation) *openapi3.Operation {
	if spec == nil || spec.Responses == nil {
		return spec
	}
	c := *spec
	c.Responses = openapi3.NewResponses()
	for code, ref := range spec.Responses.Map() {
		if ref != nil && ref.Value != nil && len(ref.Value.Headers) > 0 {
			r := *ref.Value
			r.Headers = nil
			ref = &openapi3.ResponseRef{Value: &r}
		}
		c.Responses.Set(code, ref)
	}
	return &c
}
