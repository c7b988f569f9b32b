package derive

import (
	"encoding/json"
	"fmt"
)

// Read parses a source file into the models of the services it holds: a botocore model
// (service-2.json or .json.gz) or a Smithy JSON AST model. A service whose protocol plumb does
// not check is refused with a *ProtocolError.
func Read(path string) ([]*Model, error) {
	raw, err := readMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Smithy   string          `json:"smithy"`
		Metadata json.RawMessage `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("%s: not a JSON model (botocore service-2.json or Smithy JSON AST): %w", path, err)
	}
	switch {
	case probe.Smithy != "":
		return ReadSmithy(path)
	case probe.Metadata != nil:
		m, err := ReadBotocore(path)
		if err != nil {
			return nil, err
		}
		return []*Model{m}, nil
	}
	return nil, fmt.Errorf("%s: neither a botocore model (metadata, operations, shapes) nor a Smithy JSON AST (smithy, shapes)", path)
}
