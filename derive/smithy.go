package derive

import "fmt"

// ReadSmithy parses a Smithy JSON AST model.
func ReadSmithy(path string) ([]*Model, error) {
	return nil, fmt.Errorf("%s: Smithy models are not read yet", path)
}
