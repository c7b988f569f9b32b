package derive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Read parses a source file (or "botocore:SERVICE", the installed botocore's model of SERVICE) into the models of the services it holds: a botocore model
// (service-2.json or .json.gz), a Smithy JSON AST model, or seed documents (a directory of
// them or one .txt page, read by ReadSeeds with the committed overlay). A service whose protocol plumb does
// not check is refused with a *ProtocolError; the services of the same file plumb does check
// still come back beside it.
func Read(path string) ([]*Model, error) {
	if IsSeedSource(path) {
		return ReadSeeds(path) // seed documents (seeds.go): a directory of them or one page
	}
	path, err := ResolveSource(path)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return nil, fmt.Errorf("%s: an OpenAPI spec is what plumb derive writes (--spec reads it, and so does --compare); give a model: a botocore service-2.json[.gz], a Smithy JSON AST, or seed documents", path)
	}
	raw, err := readMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%s: the file is empty: not a model", path)
	}
	var probe struct {
		Smithy   string          `json:"smithy"`
		Metadata json.RawMessage `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, jsonError(path, raw, "not a JSON model (botocore service-2.json or Smithy JSON AST)", err)
	}
	switch {
	case probe.Smithy != "":
		ms, err := ReadSmithy(path)
		var ok []*Model
		for _, m := range ms {
			if cerr := m.check(); cerr != nil {
				err = errors.Join(err, cerr) // this service is not written; the file's others are
				continue
			}
			ok = append(ok, m)
		}
		return ok, err
	case probe.Metadata != nil:
		m, err := ReadBotocore(path)
		if err != nil {
			return nil, err
		}
		if err := m.check(); err != nil {
			return nil, err
		}
		return []*Model{m}, nil
	}
	return nil, fmt.Errorf("%s: neither a botocore model (metadata, operations, shapes) nor a Smithy JSON AST (smithy, shapes)", path)
}

// ReadAll reads every source into models and merges the models of one service (Merge): seed
// .txt pages given one by one are read together (the documents of one operation merge), and an
// operation several sources give comes from the first of them. With seed documents among the
// sources, the seeds' overlay also gives its examples and flows to the operations merged in
// from the others. A source that cannot be read (or whose protocol is refused) is an error
// joined to the others; what the rest give still comes back. notes say what was skipped (a
// Markdown file among the sources) or left out by the merge.
func ReadAll(sources ...string) (models []*Model, notes []string, err error) {
	var pages, rest []string
	for _, src := range sources {
		switch strings.ToLower(filepath.Ext(src)) {
		case ".txt":
			pages = append(pages, src)
		case ".md":
			// A folder's README beside its documents (plumb derive ../shared/seeds/*): for
			// people, not a source.
			notes = append(notes, src+": a Markdown file, not a source: skipped")
		default:
			rest = append(rest, src)
		}
	}
	var errs []error
	seeds := len(pages) > 0
	if seeds {
		ms, err := ReadSeeds(pages...)
		errs = append(errs, err)
		models = append(models, ms...)
	}
	for _, src := range rest {
		ms, err := Read(src)
		errs = append(errs, err)
		models = append(models, ms...)
		seeds = seeds || IsSeedSource(src)
	}
	models, merged, err := Merge(models)
	notes = append(notes, merged...)
	errs = append(errs, err)
	if seeds {
		// The seeds' overlay states examples and flows for operations merged in beside the
		// seed operations too (DescribeConnections, read back after CreateConnection).
		errs = append(errs, completeFromSeedOverlay(models))
	}
	return models, notes, errors.Join(errs...)
}

// BotocoreData returns the data directory of the botocore the python3 on PATH imports
// (its service models are data/<service>/<version>/service-2.json.gz).
func BotocoreData() (string, error) {
	out, err := exec.Command("python3", "-c", "import importlib.util, os; print(os.path.dirname(importlib.util.find_spec('botocore').origin))").Output()
	if err != nil {
		return "", fmt.Errorf("botocore is not installed for python3: %w", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "data"), nil
}

// ResolveSource turns "botocore:SERVICE" into the path of the installed botocore's model of
// SERVICE (its latest API version); any other source is returned as it is.
func ResolveSource(src string) (string, error) {
	svc, ok := strings.CutPrefix(src, "botocore:")
	if !ok {
		return src, nil
	}
	data, err := BotocoreData()
	if err != nil {
		return "", err
	}
	versions, err := filepath.Glob(filepath.Join(data, svc, "*", "service-2.json*"))
	if err != nil || len(versions) == 0 {
		return "", fmt.Errorf("%s: the installed botocore (%s) has no model of %q", src, data, svc)
	}
	slices.Sort(versions)
	return versions[len(versions)-1], nil
}

// jsonError says where in a source file its JSON broke: line and column (a truncated file ends
// before its JSON does), and the field a value of the wrong type was found in.
func jsonError(path string, raw []byte, what string, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(raw, syn.Offset)
		if syn.Offset >= int64(len(raw)) {
			return fmt.Errorf("%s:%d:%d: %s: the file ends before its JSON does (truncated?)", path, line, col, what)
		}
		return fmt.Errorf("%s:%d:%d: %s: %w", path, line, col, what, err)
	case errors.As(err, &typ):
		line, col := lineCol(raw, typ.Offset)
		return fmt.Errorf("%s:%d:%d: %s: %s is %s, want %s", path, line, col, what, typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF) || err.Error() == "unexpected end of JSON input":
		line, col := lineCol(raw, int64(len(raw)))
		return fmt.Errorf("%s:%d:%d: %s: the file ends before its JSON does (truncated?)", path, line, col, what)
	}
	return fmt.Errorf("%s: %s: %w", path, what, err)
}

// lineCol is the 1-based line and column of byte offset off in raw.
func lineCol(raw []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(raw)))
	line := 1 + bytes.Count(raw[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(raw[:off], '\n')
	return line, col
}

// check refuses a model whose operations name shapes it does not hold: a malformed or cut
// model would otherwise become an operation taking an empty object.
func (m *Model) check() error {
	var errs []error
	for _, op := range m.Operations {
		for what, name := range map[string]string{"input": op.Input, "output": op.Output} {
			if name != "" && m.Shapes[name] == nil {
				errs = append(errs, fmt.Errorf("%s: %s: operation %s: its %s %s is not in the model", m.Source, m.Where, op.Name, what, name))
			}
		}
		for _, e := range op.Errors {
			if m.Shapes[e] == nil {
				errs = append(errs, fmt.Errorf("%s: %s: operation %s: its error %s is not in the model", m.Source, m.Where, op.Name, e))
			}
		}
	}
	return errors.Join(errs...)
}
