package derive

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// botocore's service-2.json, the parts plumb reads.
type bcModel struct {
	Metadata struct {
		APIVersion      string   `json:"apiVersion"`
		EndpointPrefix  string   `json:"endpointPrefix"`
		JSONVersion     string   `json:"jsonVersion"`
		Protocol        string   `json:"protocol"`
		Protocols       []string `json:"protocols"`
		ServiceFullName string   `json:"serviceFullName"`
		SigningName     string   `json:"signingName"`
		TargetPrefix    string   `json:"targetPrefix"`
	} `json:"metadata"`
	Operations map[string]struct {
		Name string `json:"name"`
		HTTP struct {
			Method       string `json:"method"`
			RequestURI   string `json:"requestUri"`
			ResponseCode int    `json:"responseCode"`
		} `json:"http"`
		Input         *bcRef  `json:"input"`
		Output        *bcRef  `json:"output"`
		Errors        []bcRef `json:"errors"`
		Documentation string  `json:"documentation"`
		Deprecated    bool    `json:"deprecated"`
	} `json:"operations"`
	Shapes map[string]bcShape `json:"shapes"`
}

type bcRef struct {
	Shape           string `json:"shape"`
	Location        string `json:"location"`
	LocationName    string `json:"locationName"`
	IdempotencyTok  bool   `json:"idempotencyToken"`
	TimestampFormat string `json:"timestampFormat"`
	Documentation   string `json:"documentation"`
}

type bcShape struct {
	Type            string          `json:"type"`
	Members         json.RawMessage `json:"members"` // kept raw: the members' order is the model's
	Member          *bcRef          `json:"member"`
	Required        []string        `json:"required"`
	Min             *float64        `json:"min"`
	Max             *float64        `json:"max"`
	Pattern         string          `json:"pattern"`
	Enum            []string        `json:"enum"`
	TimestampFormat string          `json:"timestampFormat"`
	Exception       bool            `json:"exception"`
	Fault           bool            `json:"fault"`
	Union           bool            `json:"union"`
	Document        bool            `json:"document"`
	Payload         string          `json:"payload"`
	Error           *struct {
		Code           string `json:"code"`
		HTTPStatusCode int    `json:"httpStatusCode"`
		SenderFault    bool   `json:"senderFault"`
	} `json:"error"`
	Documentation string `json:"documentation"`
}

// ProtocolError refuses a service whose protocol plumb does not speak.
type ProtocolError struct {
	Service, Protocol, Source string
}

func (e *ProtocolError) Error() string {
	return fmt.Sprintf("%s: protocol %s is not one plumb checks (restJson1, awsJson1_0, awsJson1_1); %s refused", e.Source, e.Protocol, e.Service)
}

// botocore protocol names → Smithy's.
var bcProtocols = map[string]string{
	"json": "", "rest-json": "restJson1", "rest-xml": "restXml", "query": "awsQuery", "ec2": "ec2Query", "smithy-rpc-v2-cbor": "smithyRpcv2Cbor",
}

// ReadBotocore parses a botocore service model (service-2.json or service-2.json.gz) and the
// paginators-1.json beside it, if any.
func ReadBotocore(path string) (*Model, error) {
	raw, err := readMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	var bc bcModel
	if err := json.Unmarshal(raw, &bc); err != nil {
		return nil, jsonError(path, raw, "not a botocore model", err)
	}
	if len(bc.Operations) == 0 || bc.Metadata.EndpointPrefix == "" {
		return nil, fmt.Errorf("%s: not a botocore model (no metadata.endpointPrefix or operations)", path)
	}
	md := bc.Metadata
	source := botocoreSource(path)
	m := &Model{
		Name: md.EndpointPrefix, SigningName: md.SigningName, Title: md.ServiceFullName, APIVersion: md.APIVersion,
		TargetPrefix: md.TargetPrefix, Source: source, Where: "metadata", Shapes: map[string]*Shape{}, Opaque: map[string]map[string]string{},
	}
	protos := md.Protocols
	if len(protos) == 0 {
		protos = []string{md.Protocol}
	}
	// A service several protocols serve is checked in the first JSON one it lists.
	for _, p := range protos {
		if p == "json" || p == "rest-json" {
			m.Protocol = p
			break
		}
	}
	if m.Protocol == "" {
		name := bcProtocols[protos[0]]
		if name == "" {
			name = protos[0]
		}
		return nil, &ProtocolError{Service: md.EndpointPrefix, Protocol: name, Source: source}
	}
	if m.Protocol == "json" {
		m.Protocol = "awsJson1_0"
		if md.JSONVersion == "1.1" {
			m.Protocol = "awsJson1_1"
		}
	} else {
		m.Protocol = "restJson1"
	}
	for name, s := range bc.Shapes {
		sh, err := bcShapeOf(name, s, source)
		if err != nil {
			return nil, fmt.Errorf("%s: shapes.%s: %w", path, name, err)
		}
		m.Shapes[name] = sh
	}
	for _, name := range slices.Sorted(maps.Keys(bc.Operations)) {
		o := bc.Operations[name]
		op := &Operation{
			Name: name, Method: o.HTTP.Method, URI: o.HTTP.RequestURI, ResponseCode: o.HTTP.ResponseCode,
			Doc: FirstSentence(o.Documentation), Where: "operations." + name,
		}
		if op.ResponseCode == 0 {
			op.ResponseCode = 200
		}
		if o.Input != nil {
			op.Input = o.Input.Shape
		}
		if o.Output != nil {
			op.Output = o.Output.Shape
		}
		for _, e := range o.Errors {
			op.Errors = append(op.Errors, e.Shape)
		}
		m.Operations = append(m.Operations, op)
	}
	readPaginators(m, filepath.Join(filepath.Dir(path), "paginators-1.json"))
	return m, nil
}

func bcShapeOf(name string, s bcShape, source string) (*Shape, error) {
	sh := &Shape{
		Name: name, Type: s.Type, TimestampFormat: s.TimestampFormat, Payload: s.Payload,
		Doc: FirstSentence(s.Documentation), Where: "shapes." + name,
		Constraints: Constraints{Min: s.Min, Max: s.Max, Pattern: s.Pattern, Enum: s.Enum},
	}
	switch {
	case s.Union:
		sh.Type = "union"
	case s.Document:
		sh.Type = "document"
	}
	if s.Member != nil {
		sh.Member = &Member{Name: "member", Target: s.Member.Shape, Doc: FirstSentence(s.Member.Documentation), Where: "shapes." + name + ".member"}
	}
	if len(s.Members) > 0 {
		names, err := orderedKeys(s.Members)
		if err != nil {
			return nil, err
		}
		var refs map[string]bcRef
		if err := json.Unmarshal(s.Members, &refs); err != nil {
			return nil, err
		}
		for _, n := range names {
			r := refs[n]
			mb := &Member{
				Name: n, Target: r.Shape, Required: slices.Contains(s.Required, n), Location: r.Location,
				LocationName: r.LocationName, TimestampFormat: r.TimestampFormat, Idempotency: r.IdempotencyTok,
				Doc: FirstSentence(r.Documentation), Where: "shapes." + name + ".members." + n,
			}
			if r.Location == "" && r.LocationName != "" {
				mb.JSONName = r.LocationName // a body member renamed on the wire
			}
			sh.Members = append(sh.Members, mb)
		}
	}
	if s.Exception {
		e := &ErrorInfo{Code: name, Status: 400, Fault: "client", Where: "shapes." + name + ".exception"}
		switch {
		case s.Fault:
			e.Status, e.Fault = 500, "server"
		case s.Error == nil && (strings.HasSuffix(name, "ServerException") || strings.HasPrefix(name, "InternalServer")):
			// botocore drops Smithy's @error("server"); the name is what is left of it.
			e.Status, e.Fault, e.Where = 500, "server", "shapes."+name+".exception (no status in the model; a server fault by its name: 500)"
		}
		if s.Error != nil {
			e.Where = "shapes." + name + ".error"
			if s.Error.Code != "" {
				e.Code = s.Error.Code
			}
			if s.Error.HTTPStatusCode != 0 {
				e.Status = s.Error.HTTPStatusCode
			}
			if s.Error.HTTPStatusCode >= 500 {
				e.Fault = "server"
			}
		}
		sh.Error = e
	}
	return sh, nil
}

// readPaginators marks each paginated operation's input token opaque.
func readPaginators(m *Model, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return // no paginators: the tokens are still found by name (openapi.go)
	}
	var p struct {
		Pagination map[string]struct {
			InputToken any `json:"input_token"`
		} `json:"pagination"`
	}
	if json.Unmarshal(b, &p) != nil {
		return
	}
	for op, pg := range p.Pagination {
		var toks []string
		switch t := pg.InputToken.(type) {
		case string:
			toks = []string{t}
		case []any:
			for _, x := range t {
				if s, ok := x.(string); ok {
					toks = append(toks, s)
				}
			}
		}
		for _, t := range toks {
			if m.Opaque[op] == nil {
				m.Opaque[op] = map[string]string{}
			}
			m.Opaque[op][t] = fmt.Sprintf("%s paginators-1.json: pagination.%s.input_token %q: a token only the service hands out",
				strings.TrimSuffix(m.Source, "service-2.json.gz"), op, t)
		}
	}
}

var botocoreVersionRE = regexp.MustCompile(`__version__\s*=\s*['"]([^'"]+)['"]`)

// botocoreSource names a model file the way x-source quotes it: "botocore VERSION
// data/<svc>/<ver>/service-2.json.gz" inside an installed botocore, else the path as given.
func botocoreSource(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	abs = filepath.ToSlash(abs)
	i := strings.LastIndex(abs, "/botocore/data/")
	if i < 0 {
		return "botocore " + filepath.ToSlash(path)
	}
	version := ""
	if b, err := os.ReadFile(filepath.FromSlash(abs[:i] + "/botocore/__init__.py")); err == nil {
		if m := botocoreVersionRE.FindSubmatch(b); m != nil {
			version = string(m[1]) + " "
		}
	}
	return "botocore " + version + abs[i+len("/botocore/"):]
}

func readMaybeGzip(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w", path, err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w, after %d bytes of its JSON (truncated?)", path, err, len(out))
		}
		return out, nil
	}
	return b, nil
}

// orderedKeys returns a JSON object's keys in document order.
func orderedKeys(raw json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}
