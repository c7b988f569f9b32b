package derive

import (
	_ "embed"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The seed documents (shared/seeds) in their two forms, read into the intermediate model:
//
//   - a boto3 reference page (reStructuredText): the request syntax (member names, types,
//     nesting, enum values such as 'a'|'b'), [REQUIRED] marks, the response syntax and
//     structure, the exceptions list, and the "See also" link naming service, API version and
//     operation;
//   - an AWS API Reference page as text: method and path, the request and response syntax,
//     per-member Type/Length Constraints/Pattern/Valid Range/Required lines, and the errors
//     with their HTTP status codes.
//
// The text form loses the member and error names: the member blocks are aligned by order with
// the keys of the page's own Request (Response) Syntax, and the error blocks with the boto3
// page's exceptions sorted by name (the API Reference lists errors alphabetically); every
// x-source that relies on the alignment says so. Documents of one operation merge into one
// operation; where they disagree the member records both (x-documents-disagree) and follows the
// overlay (overlay/seeds.yaml, facts quoted from aws-protocols.md), else the boto3 page, which
// is generated from the current service model.

//go:embed overlay/seeds.yaml
var seedOverlayYAML []byte

// SeedOverlay is the path of the committed overlay, as x-source names it.
const SeedOverlay = "derive/overlay/seeds.yaml"

type seedOverlay struct {
	Services map[string]struct {
		Title        string `yaml:"title"`
		SigningName  string `yaml:"signing-name"`
		Protocol     string `yaml:"protocol"`
		TargetPrefix string `yaml:"target-prefix"`
		Source       string `yaml:"source"`
		Operations   map[string]struct {
			Method string `yaml:"method"`
			URI    string `yaml:"uri"`
			Status int    `yaml:"status"`
			Source string `yaml:"source"`
			// Example: a valid base input (member name → value), plumb's choice, with why.
			// (yaml.Node values: yaml.v3 leaves a *yaml.Node in a map's struct empty.)
			Example       yaml.Node `yaml:"example"`
			ExampleSource string    `yaml:"example-source"`
			// Created: the x-plumb-created the documents and aws-protocols.md make of the
			// operation, each part quoting them (specs/created.go says the form).
			Created yaml.Node `yaml:"created"`
		} `yaml:"operations"`
		Members []struct {
			At       string   `yaml:"at"`
			Location string   `yaml:"location"`
			Required *bool    `yaml:"required"`
			Min      *float64 `yaml:"min"`
			Max      *float64 `yaml:"max"`
			Pattern  string   `yaml:"pattern"`
			Rule     *struct {
				Kind  string `yaml:"kind"`
				Value int    `yaml:"value"`
				Key   string `yaml:"key"`
				Error string `yaml:"error"`
			} `yaml:"rule"`
			Source string `yaml:"source"`
		} `yaml:"members"`
		Errors map[string]struct {
			Status int    `yaml:"status"`
			Member string `yaml:"member"`
			Source string `yaml:"source"`
		} `yaml:"errors"`
	} `yaml:"services"`
}

// readSeedOverlay is the embedded overlay, parsed once. Its nodes (examples, flows) are shared
// by every model given them, and only ever read.
var readSeedOverlay = sync.OnceValues(func() (*seedOverlay, error) {
	var ov seedOverlay
	if err := yaml.Unmarshal(seedOverlayYAML, &ov); err != nil {
		return nil, fmt.Errorf("%s: %w", SeedOverlay, err)
	}
	return &ov, nil
})

// IsSeedSource reports whether src names seed documents: a directory or a .txt file.
func IsSeedSource(src string) bool {
	if strings.EqualFold(filepath.Ext(src), ".txt") {
		return true
	}
	st, err := os.Stat(src)
	return err == nil && st.IsDir()
}

// sNode is a value as the documents describe it, before it becomes shapes.
type sNode struct {
	typ     string // structure, list, string, integer, double, boolean, timestamp, blob
	enum    []string
	fields  []*sField
	item    *sNode
	c       Constraints
	where   []string // for a list item: what states its constraints
	shaping string   // the shape name it became
}

type sField struct {
	name     string
	node     *sNode
	required bool
	location string
	decided  string // what settled a disagreement (the overlay), "" for the boto3 page
	rules    []Rule
	doc      string
	where    []string
	disagree []string
}

func (n *sNode) field(name string) *sField {
	for _, f := range n.fields {
		if f.name == name {
			return f
		}
	}
	return nil
}

// seedOp is one operation as the documents of it, merged, say.
type seedOp struct {
	service, version, name, doc string
	botoFile                    string
	method, uri                 string
	status                      int
	where                       []string
	input, output               *sNode
	errors                      []string
	errWhere                    map[string][]string
	errStatus                   map[string]int
	errDoc                      map[string]string
}

// ReadSeeds reads seed documents (directories are read for their *.txt files) and the
// committed overlay into one model per service.
func ReadSeeds(paths ...string) ([]*Model, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			fs, _ := filepath.Glob(filepath.Join(p, "*.txt"))
			slices.Sort(fs)
			files = append(files, fs...)
			continue
		}
		files = append(files, p)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no seed documents (*.txt)", strings.Join(paths, ", "))
	}
	ov, err := readSeedOverlay()
	if err != nil {
		return nil, err
	}
	var botos []*boto3Page
	var refs []*refPage
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		text := strings.ReplaceAll(string(b), "\r\n", "\n")
		name := filepath.Base(f)
		switch {
		case strings.Contains(text, ".. py:method::"):
			p, err := parseBoto3(name, text)
			if err != nil {
				return nil, err
			}
			botos = append(botos, p)
		case strings.Contains(text, "HTTP/1.1") && strings.Contains(text, "Request Syntax"):
			p, err := parseRefPage(name, text)
			if err != nil {
				return nil, err
			}
			refs = append(refs, p)
		default:
			return nil, fmt.Errorf("%s: neither a boto3 reference page nor an AWS API Reference page", f)
		}
	}
	ops := map[string]*seedOp{}
	var order []string
	for _, p := range botos {
		if ops[p.op] != nil {
			return nil, fmt.Errorf("%s: a second boto3 page of %s", p.file, p.op)
		}
		ops[p.op] = p.seedOp()
		order = append(order, p.op)
	}
	for _, r := range refs {
		op := ops[r.op]
		if op == nil {
			return nil, fmt.Errorf("%s: an API Reference page of %s without its boto3 page: the text form has no member or error names of its own", r.file, r.op)
		}
		if err := r.mergeInto(op); err != nil {
			return nil, err
		}
	}
	bySvc := map[string][]*seedOp{}
	for _, n := range order {
		bySvc[ops[n].service] = append(bySvc[ops[n].service], ops[n])
	}
	var models []*Model
	for _, svc := range slices.Sorted(maps.Keys(bySvc)) {
		m, err := seedModel(svc, bySvc[svc], ov)
		if err != nil {
			return nil, err
		}
		models = append(models, m)
	}
	return models, nil
}

// ---- boto3 reference pages ----

type boto3Page struct {
	file, service, version, op, doc string
	input, output                   *sNode
	errors                          []string
}

var (
	webAPIRE     = regexp.MustCompile(`WebAPI/([a-z0-9-]+)-(\d{4}-\d{2}-\d{2})/(\w+)`)
	callRE       = regexp.MustCompile(`response = client\.\w+\(`)
	paramRE      = regexp.MustCompile(`(?m)^\s*:param (\w+):(.*)$`)
	nestedRE     = regexp.MustCompile(`(?m)^\s*- \*\*(\w+)\*\* \*\((\w+)\) --\*(.*)$`)
	exceptionRE  = regexp.MustCompile(`exceptions\.(\w+)`)
	requiredMark = "**[REQUIRED]**"
)

func parseBoto3(file, text string) (*boto3Page, error) {
	p := &boto3Page{file: file}
	m := webAPIRE.FindStringSubmatch(text)
	if m == nil {
		return nil, fmt.Errorf("%s: a boto3 page without its \"AWS API Documentation\" link (WebAPI/<service>-<version>/<Operation>)", file)
	}
	p.service, p.version, p.op = m[1], m[2], m[3]
	p.doc = boto3Summary(text)
	req, resp, _ := strings.Cut(text, ":rtype:")
	loc := callRE.FindStringIndex(req)
	if loc == nil {
		return nil, fmt.Errorf("%s: no Request Syntax (response = client.op(...))", file)
	}
	toks := tokenize(req[loc[1]:])
	in, _, err := parseKwargs(toks)
	if err != nil {
		return nil, fmt.Errorf("%s: Request Syntax: %w", file, err)
	}
	p.input = in
	// [REQUIRED] and docs: top-level members from :param lines, nested ones from "- **name**".
	params := paramRE.FindAllStringSubmatchIndex(req, -1)
	for i, pm := range params {
		name := req[pm[2]:pm[3]]
		end := len(req)
		if i+1 < len(params) {
			end = params[i+1][0]
		}
		block := req[pm[1]:end]
		f := in.field(name)
		if f == nil {
			return nil, fmt.Errorf("%s: :param %s is not in the Request Syntax", file, name)
		}
		f.doc = firstParagraph(req[pm[4]:pm[5]] + "\n" + block)
		f.required = strings.Contains(req[pm[4]:pm[5]], requiredMark)
		q := fmt.Sprintf("%s: Request Syntax %s=…", file, name)
		if f.required {
			q += "; \":param " + name + ": [REQUIRED]\""
		}
		f.where = append(f.where, q)
		for _, nm := range nestedRE.FindAllStringSubmatch(block, -1) {
			forEachNested(f.node, nm[1], func(nf *sField) {
				nf.required = nf.required || strings.Contains(nm[3], requiredMark)
				nf.where = append(nf.where, fmt.Sprintf("%s: :param %s: \"- %s (%s)%s\"", file, name, nm[1], nm[2], map[bool]string{true: " [REQUIRED]"}[strings.Contains(nm[3], requiredMark)]))
			})
		}
	}
	for _, f := range in.fields {
		if len(f.where) == 0 {
			f.where = append(f.where, fmt.Sprintf("%s: Request Syntax %s=…", file, f.name))
		}
	}
	if _, after, ok := strings.Cut(resp, "**Response Syntax**"); ok {
		i := strings.Index(after, "{")
		if i < 0 {
			return nil, fmt.Errorf("%s: Response Syntax without a dict", file)
		}
		toks := tokenize(after[i:])
		out, _, err := parseValue(toks)
		if err != nil {
			return nil, fmt.Errorf("%s: Response Syntax: %w", file, err)
		}
		p.output = out
		structure, _, _ := strings.Cut(after, "**Exceptions**")
		docs := nestedDocs(structure)
		var walk func(n *sNode, path string)
		walk = func(n *sNode, path string) {
			for _, f := range n.fields {
				f.where = append(f.where, fmt.Sprintf("%s: Response Syntax %s", file, path+"'"+f.name+"'"))
				if f.doc == "" {
					f.doc = docs[f.name]
				}
				walk(f.node, path+"'"+f.name+"'.")
			}
			if n.item != nil {
				walk(n.item, path+"[].")
			}
		}
		walk(out, "")
	}
	if _, exc, ok := strings.Cut(resp, "**Exceptions**"); ok {
		for _, e := range exceptionRE.FindAllStringSubmatch(exc, -1) {
			p.errors = append(p.errors, e[1])
		}
	}
	return p, nil
}

// forEachNested calls fn on every nested field named name below n.
func forEachNested(n *sNode, name string, fn func(*sField)) {
	for _, f := range n.fields {
		if f.name == name {
			fn(f)
		}
		forEachNested(f.node, name, fn)
	}
	if n.item != nil {
		forEachNested(n.item, name, fn)
	}
}

// nestedDocs maps each "- **Name** *(type) --*" of a Response Structure to its first sentence.
func nestedDocs(s string) map[string]string {
	out := map[string]string{}
	idx := nestedRE.FindAllStringSubmatchIndex(s, -1)
	for i, m := range idx {
		end := len(s)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		name := s[m[2]:m[3]]
		if _, dup := out[name]; !dup {
			out[name] = firstParagraph(s[m[6]:m[7]] + "\n" + s[m[1]:end])
		}
	}
	return out
}

// firstParagraph is the first sentence of the first prose line of s (marks and list items
// skipped).
func firstParagraph(s string) string {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.ReplaceAll(l, requiredMark, ""))
		if l == "" || strings.HasPrefix(l, "-") || strings.HasPrefix(l, "*") || strings.HasPrefix(l, ":") {
			continue
		}
		return FirstSentence(l)
	}
	return ""
}

// boto3Summary is the operation's first paragraph after the method directive, notes skipped
// (the page's own prose is indented two spaces; a note's body deeper).
func boto3Summary(text string) string {
	_, after, _ := strings.Cut(text, ".. py:method::")
	lines := strings.Split(after, "\n")
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   ") {
			t := strings.TrimSpace(l)
			if t == "" || strings.HasPrefix(t, "..") || strings.HasPrefix(t, "**") {
				continue
			}
			return FirstSentence(t)
		}
	}
	return ""
}

func (p *boto3Page) seedOp() *seedOp {
	op := &seedOp{
		service: p.service, version: p.version, name: p.op, doc: p.doc, input: p.input, output: p.output, botoFile: p.file,
		errors: p.errors, errWhere: map[string][]string{}, errStatus: map[string]int{}, errDoc: map[string]string{},
		where: []string{fmt.Sprintf("%s: boto3 page of %s (WebAPI/%s-%s/%s)", p.file, p.op, p.service, p.version, p.op)},
	}
	for _, e := range p.errors {
		op.errWhere[e] = append(op.errWhere[e], p.file+" lists "+e)
	}
	if op.output == nil {
		op.output = &sNode{typ: "structure"}
	}
	return op
}

// ---- the Python-literal syntax of boto3 pages ----

type token struct {
	kind byte // s: 'string', i: identifier, n: number, p: punctuation
	text string
}

func tokenize(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return out
			}
			out = append(out, token{'s', s[i+1 : i+1+j]})
			i += j + 2
		case c >= '0' && c <= '9' || c == '-' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i + 1
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			out = append(out, token{'n', s[i:j]})
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			out = append(out, token{'i', s[i:j]})
			i = j
		default:
			out = append(out, token{'p', string(c)})
			i++
		}
	}
	return out
}

func isPunct(t []token, p string) bool { return len(t) > 0 && t[0].kind == 'p' && t[0].text == p }

// parseKwargs parses "Name=value, ... )" (a call's arguments) into a structure.
func parseKwargs(t []token) (*sNode, []token, error) {
	return parseFields(t, ")", 'i', "=", "Name=value")
}

// parseFields reads name-value fields up to and past closer: a call's keyword arguments
// (Name=value, up to ")") or a dict's entries ('Name': value, up to "}").
func parseFields(t []token, closer string, nameKind byte, sep, want string) (*sNode, []token, error) {
	n := &sNode{typ: "structure"}
	for !isPunct(t, closer) {
		if len(t) < 2 || t[0].kind != nameKind || !isPunct(t[1:], sep) {
			return nil, nil, fmt.Errorf("want %s, got %v", want, head(t))
		}
		name := t[0].text
		v, rest, err := parseValue(t[2:])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		n.fields = append(n.fields, &sField{name: name, node: v})
		t = rest
		if isPunct(t, ",") {
			t = t[1:]
		}
	}
	return n, t[1:], nil
}

func head(t []token) string {
	var s []string
	for i := 0; i < len(t) && i < 4; i++ {
		s = append(s, t[i].text)
	}
	return strings.Join(s, " ")
}

// parseValue parses one value of the syntax: 'string', 'a'|'b' (an enum), 123, 123.0,
// True|False, datetime(...), b'bytes', [value, ], {'Name': value, ...}.
func parseValue(t []token) (*sNode, []token, error) {
	if len(t) == 0 {
		return nil, nil, fmt.Errorf("unexpected end")
	}
	switch tk := t[0]; {
	case tk.kind == 's':
		vals := []string{tk.text}
		t = t[1:]
		for isPunct(t, "|") && len(t) > 1 && t[1].kind == 's' {
			vals = append(vals, t[1].text)
			t = t[2:]
		}
		if len(vals) == 1 && vals[0] == "string" {
			return &sNode{typ: "string"}, t, nil
		}
		return &sNode{typ: "string", enum: vals}, t, nil
	case tk.kind == 'n':
		if strings.Contains(tk.text, ".") {
			return &sNode{typ: "double"}, t[1:], nil
		}
		return &sNode{typ: "integer"}, t[1:], nil
	case tk.kind == 'i' && (tk.text == "True" || tk.text == "False"):
		t = t[1:]
		for isPunct(t, "|") && len(t) > 1 && t[1].kind == 'i' {
			t = t[2:]
		}
		return &sNode{typ: "boolean"}, t, nil
	case tk.kind == 'i' && tk.text == "datetime":
		t = t[1:]
		if isPunct(t, "(") {
			for len(t) > 0 && !isPunct(t, ")") {
				t = t[1:]
			}
			if len(t) > 0 {
				t = t[1:]
			}
		}
		return &sNode{typ: "timestamp"}, t, nil
	case tk.kind == 'i' && tk.text == "b" && len(t) > 1 && t[1].kind == 's':
		return &sNode{typ: "blob"}, t[2:], nil
	case isPunct(t, "["):
		item, rest, err := parseValue(t[1:])
		if err != nil {
			return nil, nil, err
		}
		if isPunct(rest, ",") {
			rest = rest[1:]
		}
		if !isPunct(rest, "]") {
			return nil, nil, fmt.Errorf("want ] after a list's item, got %v", head(rest))
		}
		return &sNode{typ: "list", item: item}, rest[1:], nil
	case isPunct(t, "{"):
		return parseFields(t[1:], "}", 's', ":", "'Name': value")
	}
	return nil, nil, fmt.Errorf("unexpected %q", t[0].text)
}

// ---- AWS API Reference pages as text ----

type refPage struct {
	file, op, title, method, uri, boto string
	status                             int
	syntaxIn, syntaxOut                string
	inKeys, outKeys                    []string
	in, out                            []*refMember
	errs                               []*refMember
}

// refMember is one block of the text form: its prose, then its Type/Length/Pattern/... lines.
type refMember struct {
	doc   []string
	attrs []string // "Key: value" lines in order
}

func (r *refMember) attr(key string) (string, bool) {
	for _, a := range r.attrs {
		if v, ok := strings.CutPrefix(a, key+":"); ok {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

var (
	refTitleRE  = regexp.MustCompile(`^\s*(\w+) - (.+?)\s*$`)
	refReqRE    = regexp.MustCompile(`^(GET|POST|PUT|DELETE|PATCH|HEAD) (\S+) HTTP/1\.1`)
	refRespRE   = regexp.MustCompile(`^HTTP/1\.1 (\d{3})`)
	refAttrRE   = regexp.MustCompile(`^(Type|Length Constraints|Pattern|Valid Range|Required|Array Members|Valid Values|HTTP Status Code):`)
	minLenRE    = regexp.MustCompile(`Minimum length of (\d+)`)
	maxLenRE    = regexp.MustCompile(`Maximum length of (\d+)`)
	fixedLenRE  = regexp.MustCompile(`Fixed length of (\d+)`)
	minValRE    = regexp.MustCompile(`Minimum value of (-?[0-9.]+)`)
	maxValRE    = regexp.MustCompile(`Maximum value of (-?[0-9.]+)`)
	minItemsRE  = regexp.MustCompile(`Minimum number of (\d+) item`)
	maxItemsRE  = regexp.MustCompile(`Maximum number of (\d+) item`)
	errsStartRE = regexp.MustCompile(`^For information about the errors that are common to all actions`)
)

func parseRefPage(file, text string) (*refPage, error) {
	lines := strings.Split(text, "\n")
	p := &refPage{file: file}
	section := "head"
	var cur *[]*refMember
	var block *refMember
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		if p.op == "" {
			if m := refTitleRE.FindStringSubmatch(l); m != nil {
				p.op, p.title = m[1], m[2]
				continue
			}
		}
		switch {
		case l == "Request Syntax" || l == "Response Syntax" || l == "URI Request Parameters" || l == "See Also":
			section, cur, block = l, nil, nil
			continue
		case l == "Request Body":
			section, cur, block = l, &p.in, nil
			continue
		case l == "Response Elements":
			section, cur, block = l, &p.out, nil
			continue
		case errsStartRE.MatchString(l):
			section, cur, block = "Errors", &p.errs, nil
			continue
		case l == "":
			continue
		}
		switch section {
		case "Request Syntax":
			if m := refReqRE.FindStringSubmatch(l); m != nil {
				p.method, p.uri, p.syntaxIn = m[1], m[2], l
				p.inKeys = topKeys(l)
			}
		case "Response Syntax":
			if m := refRespRE.FindStringSubmatch(l); m != nil {
				p.status, _ = strconv.Atoi(m[1])
				p.syntaxOut = l
				p.outKeys = topKeys(l)
			}
		case "Request Body", "Response Elements", "Errors":
			if refAttrRE.MatchString(l) {
				if block == nil {
					block = &refMember{}
					*cur = append(*cur, block)
				}
				block.attrs = append(block.attrs, l)
				continue
			}
			if strings.HasPrefix(l, "The request accepts the following data") || strings.HasPrefix(l, "If the action is successful") || strings.HasPrefix(l, "The following data is returned") {
				continue
			}
			if block == nil || len(block.attrs) > 0 {
				block = &refMember{}
				*cur = append(*cur, block)
			}
			block.doc = append(block.doc, l)
		}
	}
	if p.op == "" || p.method == "" {
		return nil, fmt.Errorf("%s: no \"<Operation> - <Service>\" title or no \"METHOD /path HTTP/1.1\" Request Syntax", file)
	}
	if len(p.in) != len(p.inKeys) {
		return nil, fmt.Errorf("%s: %d request member blocks but the Request Syntax has %d keys: cannot align them", file, len(p.in), len(p.inKeys))
	}
	if len(p.out) != len(p.outKeys) {
		return nil, fmt.Errorf("%s: %d response element blocks but the Response Syntax has %d keys: cannot align them", file, len(p.out), len(p.outKeys))
	}
	return p, nil
}

// topKeys lists the keys of the outermost JSON object on a syntax line, in order.
func topKeys(line string) []string {
	var out []string
	depth := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				return out
			}
			key := line[i+1 : i+1+j]
			i += j + 1
			rest := strings.TrimLeft(line[i+1:], " ")
			if depth == 1 && strings.HasPrefix(rest, ":") {
				out = append(out, key)
			}
		}
	}
	return out
}

// mergeInto adds what the text page says to the operation its boto3 page described.
func (r *refPage) mergeInto(op *seedOp) error {
	op.method, op.uri = r.method, r.uri
	op.where = append(op.where, fmt.Sprintf("%s: %q", r.file, strings.SplitN(r.syntaxIn, " {", 2)[0]))
	if r.status != 0 {
		op.status = r.status
	}
	r.boto = op.botoFile
	apply := func(root *sNode, keys []string, blocks []*refMember, what string) {
		for i, k := range keys {
			f := root.field(k)
			if f == nil {
				f = &sField{name: k, node: &sNode{typ: refType(blocks[i])}}
				root.fields = append(root.fields, f)
				f.disagree = append(f.disagree, fmt.Sprintf("member: %s has it, the boto3 page does not", r.file))
			}
			r.applyMember(f, blocks[i], i, what)
		}
	}
	apply(op.input, r.inKeys, r.in, "Request")
	apply(op.output, r.outKeys, r.out, "Response")
	if len(r.errs) > 0 {
		names := slices.Sorted(slices.Values(op.errors))
		if len(names) != len(r.errs) {
			return fmt.Errorf("%s: %d error blocks but the boto3 page lists %d exceptions: cannot align them", r.file, len(r.errs), len(names))
		}
		for i, e := range r.errs {
			st, _ := e.attr("HTTP Status Code")
			n, err := strconv.Atoi(st)
			if err != nil {
				return fmt.Errorf("%s: error block %d: no HTTP Status Code", r.file, i+1)
			}
			name := names[i]
			op.errStatus[name] = n
			op.errDoc[name] = strings.Join(e.doc, " ")
			op.errWhere[name] = append(op.errWhere[name], fmt.Sprintf("%s: %q (error block %d of %d, names lost in the text form: aligned with the boto3 exceptions sorted by name, as the API Reference lists errors)",
				r.file, strings.Join(e.doc, " ")+" HTTP Status Code: "+st, i+1, len(r.errs)))
		}
	}
	return nil
}

func refType(b *refMember) string {
	t, _ := b.attr("Type")
	switch strings.ToLower(t) {
	case "integer", "long":
		return "integer"
	case "boolean":
		return "boolean"
	case "timestamp":
		return "timestamp"
	case "double", "float":
		return "double"
	}
	if strings.HasPrefix(t, "Array of") {
		return "list"
	}
	return "string"
}

func (r *refPage) applyMember(f *sField, b *refMember, i int, what string) {
	quoted := strings.Join(b.attrs, " ")
	f.where = append(f.where, fmt.Sprintf("%s: %q (block %d of %d, its name lost in the text form: aligned by order with the %s Syntax key %q)",
		r.file, quoted, i+1, map[string]int{"Request": len(r.inKeys), "Response": len(r.outKeys)}[what], what, f.name))
	if f.doc == "" {
		f.doc = FirstSentence(strings.Join(b.doc, " "))
	}
	if t := refType(b); t != f.node.typ && !(t == "string" && f.node.typ == "structure") {
		f.disagree = append(f.disagree, fmt.Sprintf("type: %s says %s; %s says %s", r.file, t, r.boto, f.node.typ))
	}
	n := f.node
	if v, ok := b.attr("Length Constraints"); ok {
		if m := fixedLenRE.FindStringSubmatch(v); m != nil {
			x, _ := strconv.ParseFloat(m[1], 64)
			n.c.Min, n.c.Max = fptr(x), fptr(x)
		}
		readBounds(v, minLenRE, maxLenRE, &n.c.Min, &n.c.Max)
	}
	if v, ok := b.attr("Valid Range"); ok {
		readBounds(v, minValRE, maxValRE, &n.c.Min, &n.c.Max)
	}
	if v, ok := b.attr("Array Members"); ok {
		readBounds(v, minItemsRE, maxItemsRE, &n.c.Min, &n.c.Max)
	}
	if v, ok := b.attr("Pattern"); ok {
		n.c.Pattern = v
	}
	if v, ok := b.attr("Valid Values"); ok {
		var vals []string
		for _, s := range strings.Split(v, "|") {
			vals = append(vals, strings.TrimSpace(s))
		}
		if len(n.enum) > 0 && !slices.Equal(vals, n.enum) {
			f.disagree = append(f.disagree, fmt.Sprintf("enum: %s says %s; %s says %s", r.file, strings.Join(vals, "|"), r.boto, strings.Join(n.enum, "|")))
		}
		n.enum = vals
	}
	if v, ok := b.attr("Required"); ok && what == "Request" {
		req := strings.EqualFold(v, "Yes")
		if req != f.required {
			// The boto3 page stays followed (it is generated from the current service model)
			// unless the overlay decides otherwise; both sides stay visible.
			f.disagree = append(f.disagree, fmt.Sprintf("required: %s says %s; %s %s", r.file, v, r.boto,
				map[bool]string{true: "marks it [REQUIRED]", false: "does not mark it [REQUIRED]"}[f.required]))
		}
	}
}

// ---- the model ----

func seedModel(svc string, ops []*seedOp, ov *seedOverlay) (*Model, error) {
	o, ok := ov.Services[svc]
	if !ok {
		return nil, fmt.Errorf("%s has no service %q: the documents do not give its protocol", SeedOverlay, svc)
	}
	m := &Model{
		Name: svc, SigningName: cmpOr(o.SigningName, svc), Title: o.Title, APIVersion: ops[0].version,
		Protocol: o.Protocol, TargetPrefix: o.TargetPrefix, Source: "shared/seeds",
		Where:  SeedOverlay + ": " + o.Source,
		Shapes: map[string]*Shape{}, Opaque: map[string]map[string]string{},
	}
	for _, op := range ops {
		if oo, ok := o.Operations[op.name]; ok {
			if oo.Method != "" && op.method == "" {
				op.method, op.uri = oo.Method, oo.URI
			}
			if oo.Status != 0 && op.status == 0 {
				op.status = oo.Status
			}
			if oo.Source != "" {
				op.where = append(op.where, SeedOverlay+": "+oo.Source)
			}
		}
		if m.isJSONRPC() {
			op.method, op.uri = "POST", "/"
		}
		if op.method == "" {
			return nil, fmt.Errorf("%s: no document gives %s's method and path, nor does %s", svc, op.name, SeedOverlay)
		}
		if op.status == 0 {
			op.status = 200
		}
	}
	for _, om := range o.Members {
		if err := applyOverlayMember(ops, om.At, func(f *sField) {
			n := f.node
			if om.Min != nil {
				n.c.Min = om.Min
			}
			if om.Max != nil {
				n.c.Max = om.Max
			}
			if om.Pattern != "" {
				n.c.Pattern = om.Pattern
			}
			if om.Location != "" {
				f.location = om.Location
			}
			if om.Required != nil {
				f.required = *om.Required
				f.decided = fmt.Sprintf("%s (%s) makes it %s", SeedOverlay, "aws-protocols.md", map[bool]string{true: "required", false: "optional"}[f.required])
			}
			if r := om.Rule; r != nil {
				f.rules = append(f.rules, Rule{Kind: r.Kind, Key: r.Key, Value: r.Value, Error: r.Error, Source: SeedOverlay + ": " + om.Source})
				return // a rule only: the member's own x-source stays as the documents give it
			}
			f.where = append(f.where, SeedOverlay+": "+om.Source)
		}); err != nil {
			return nil, err
		}
	}
	b := &seedBuilder{m: m}
	m.Shapes["ErrorMessage"] = &Shape{Name: "ErrorMessage", Type: "string", Where: "every error's message member"}
	for _, op := range ops {
		mop := &Operation{
			Name: op.name, Method: op.method, URI: op.uri, ResponseCode: op.status, Doc: op.doc,
			Input:  b.structure(op.name+"Request", op.input, op.botoFile+": Request Syntax of "+op.name),
			Output: b.structure(op.name+"Response", op.output, op.botoFile+": Response Syntax of "+op.name),
			Where:  strings.Join(op.where, "; "),
		}
		for _, e := range op.errors {
			oe := o.Errors[e]
			st, where := op.errStatus[e], op.errWhere[e]
			if oe.Source != "" {
				where = append(where, SeedOverlay+": "+oe.Source)
			}
			if st == 0 {
				st = oe.Status
			}
			if st == 0 {
				return nil, fmt.Errorf("%s: no document gives %s's status, nor does %s", op.name, e, SeedOverlay)
			}
			if oe.Status != 0 && oe.Status != st {
				where = append(where, fmt.Sprintf("the documents say %d, the overlay %d: the documents followed", st, oe.Status))
			}
			if m.Shapes[e] == nil {
				fault := "client"
				if st >= 500 {
					fault = "server"
				}
				m.Shapes[e] = &Shape{Name: e, Type: "structure", Doc: FirstSentence(op.errDoc[e]), Where: e,
					Members: []*Member{{Name: cmpOr(oe.Member, "message"), Target: "ErrorMessage", Where: e + " message member"}},
					Error:   &ErrorInfo{Code: e, Status: st, Fault: fault, Where: strings.Join(where, "; ")}}
			}
			mop.Errors = append(mop.Errors, e)
		}
		m.Operations = append(m.Operations, mop)
	}
	return m, ov.complete(m)
}

// complete gives m's operations the examples and flows the overlay states for them, where
// they have none: the seed operations, and the operations of the same services merged in from
// other sources (ReadAll), for which the seeds' overlay states them too.
func (ov *seedOverlay) complete(m *Model) error {
	o, ok := ov.Services[m.Name]
	if !ok {
		return nil
	}
	for _, op := range m.Operations {
		oo, ok := o.Operations[op.Name]
		if !ok {
			continue
		}
		if k := oo.Example.Kind; k != 0 && k != yaml.MappingNode {
			return fmt.Errorf("%s:%d: %s example: want a mapping of member names to values", SeedOverlay, oo.Example.Line, op.Name)
		}
		if k := oo.Created.Kind; k != 0 && k != yaml.MappingNode {
			return fmt.Errorf("%s:%d: %s created: want a mapping (specs/created.go says the form)", SeedOverlay, oo.Created.Line, op.Name)
		}
		if op.Example == nil && oo.Example.Kind != 0 {
			op.Example, op.ExampleWhere = &oo.Example, oo.ExampleSource
		}
		if op.Created == nil && oo.Created.Kind != 0 {
			op.Created = &oo.Created
		}
	}
	return nil
}

// completeFromSeedOverlay completes every model of a service the seeds' overlay knows
// (seedOverlay.complete).
func completeFromSeedOverlay(models []*Model) error {
	ov, err := readSeedOverlay()
	if err != nil {
		return err
	}
	for _, m := range models {
		if err := ov.complete(m); err != nil {
			return err
		}
	}
	return nil
}

// applyOverlayMember finds "<Operation> request|response $.a.b[*].c" and calls fn on it.
func applyOverlayMember(ops []*seedOp, at string, fn func(*sField)) error {
	parts := strings.Fields(at)
	if len(parts) != 3 || !strings.HasPrefix(parts[2], "$.") {
		return fmt.Errorf("%s: %q: want \"<Operation> request|response $.path\"", SeedOverlay, at)
	}
	var op *seedOp
	for _, o := range ops {
		if o.name == parts[0] {
			op = o
		}
	}
	if op == nil {
		return nil // an operation these documents do not hold
	}
	n := op.input
	if parts[1] == "response" {
		n = op.output
	}
	var f *sField
	for _, seg := range strings.Split(strings.TrimPrefix(parts[2], "$."), ".") {
		name, items := strings.CutSuffix(seg, "[*]")
		if f = n.field(name); f == nil {
			return fmt.Errorf("%s: %q: the documents have no member %s", SeedOverlay, at, name)
		}
		n = f.node
		if items {
			if n.item == nil {
				return fmt.Errorf("%s: %q: %s is not a list", SeedOverlay, at, name)
			}
			// A list's items: a field standing for them.
			f = &sField{name: name + "[*]", node: n.item}
			n = n.item
			defer func(item *sNode, f *sField) { item.where = append(item.where, f.where...) }(n, f)
		}
	}
	fn(f)
	return nil
}

type seedBuilder struct{ m *Model }

// structure makes the shape of a structure node: one shape per name, so a structure the
// documents use twice (same name, same members) is one shape.
func (b *seedBuilder) structure(name string, n *sNode, where string) string {
	if n.shaping != "" {
		return n.shaping
	}
	if old := b.m.Shapes[name]; old != nil {
		if sameMembers(old, n) {
			n.shaping = name
			return name
		}
		for i := 2; b.m.Shapes[name] != nil; i++ {
			name = fmt.Sprintf("%s%d", strings.TrimRight(name, "0123456789"), i)
		}
	}
	s := &Shape{Name: name, Type: "structure", Where: where}
	b.m.Shapes[name] = s
	n.shaping = name
	for _, f := range n.fields {
		mb := &Member{Name: f.name, Required: f.required, Doc: f.doc, Where: strings.Join(f.where, "; "), Rules: f.rules}
		if f.location == "uri" {
			mb.Location, mb.LocationName = "uri", f.name
		}
		if len(f.disagree) > 0 {
			mb.Disagree = strings.Join(f.disagree, "; ") + "; followed: " + cmpOr(f.decided, "the boto3 page (generated from the current service model)")
		}
		mb.Target = b.value(name, f, f.node)
		s.Members = append(s.Members, mb)
	}
	return name
}

func sameMembers(s *Shape, n *sNode) bool {
	if len(s.Members) != len(n.fields) {
		return false
	}
	for i, f := range n.fields {
		if s.Members[i].Name != f.name {
			return false
		}
	}
	return true
}

func (b *seedBuilder) value(parent string, f *sField, n *sNode) string {
	member := f.name
	where := "the structure of " + member
	if len(f.where) > 0 {
		where = f.where[0]
	}
	switch n.typ {
	case "structure":
		return b.structure(upperFirst(member), n, where)
	case "list":
		if n.shaping != "" {
			return n.shaping
		}
		name := parent + "." + member
		var item string
		if n.item.typ == "structure" {
			// A list of structures is named for its member, so the same list used twice (the
			// same member name, items of one shape) is one shape, as its items are.
			item = b.structure(upperFirst(member)+"Item", n.item, where+": its items")
			name = upperFirst(member)
			if old := b.m.Shapes[name]; old != nil && old.Type == "list" && old.Member.Target == item {
				n.shaping = name
				return name
			}
			for i := 2; b.m.Shapes[name] != nil; i++ {
				name = fmt.Sprintf("%s%d", upperFirst(member), i)
			}
		}
		n.shaping = name
		s := &Shape{Name: name, Type: "list", Constraints: n.c, Where: "list " + name}
		b.m.Shapes[name] = s
		s.Member = &Member{Name: "member", Where: cmpOr(strings.Join(n.item.where, "; "), "its items")}
		if item != "" {
			s.Member.Target = item
		} else {
			s.Member.Target = b.value(name, &sField{name: "member", where: f.where}, n.item)
		}
		return name
	}
	name := parent + "." + member
	if n.shaping != "" {
		return n.shaping
	}
	n.shaping = name
	b.m.Shapes[name] = &Shape{Name: name, Type: n.typ, Constraints: Constraints{Min: n.c.Min, Max: n.c.Max, Pattern: n.c.Pattern, Enum: n.enum}, Where: n.typ}
	return name
}

// readBounds sets *lo and *hi from the numbers a text page's "Minimum ... Maximum ..." sentence
// gives (each regexp's first group), leaving a bound the sentence does not state as it was.
func readBounds(v string, minRE, maxRE *regexp.Regexp, lo, hi **float64) {
	if m := minRE.FindStringSubmatch(v); m != nil {
		x, _ := strconv.ParseFloat(m[1], 64)
		*lo = fptr(x)
	}
	if m := maxRE.FindStringSubmatch(v); m != nil {
		x, _ := strconv.ParseFloat(m[1], 64)
		*hi = fptr(x)
	}
}
