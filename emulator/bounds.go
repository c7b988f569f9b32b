package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Bounds on the shape of a request body, checked by a streaming token walk before the body
// is decoded into maps (parseObject). Without them one 1 MiB body of 80,000 members made the
// emulator build an 80,000-key map, and fifty such requests at once held a gigabyte; the walk
// stops at the first token past a bound, so a request costs at most maxValues tokens of work
// beyond reading its (capped) body.
//
// The largest documented input is a CreateConnection with 50 tags (TooManyTagsException is
// about the 51st): 1 object of 7 members, a list of 50 tag objects of 2 members each, about
// 160 values in all, nested 3 deep ({"tags":[{"key":...}]}). StartConnection is one flat
// object of 4 members. The bounds are far above that, so no documented or merely unusual
// request comes near them: a fuzzer's unknown members (ignored, not rejected), or 3,000
// malformed tags (6,000 values; the test of the bounded error message sends that).
const (
	// maxDepth is the deepest nesting of objects and arrays; the documented shapes need 3.
	maxDepth = 32
	// maxMembers is the most members one object may hold; the documented shapes need 7.
	maxMembers = 100
	// maxValues is the most JSON values in the whole body (every member value, every array
	// element, the top-level value); the documented shapes need about 160.
	maxValues = 10000
)

// boundsError describes the first bound a body breaks.
func boundsError(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // numbers stay text: no float parsing for a walk
	type frame struct {
		object  bool
		wantKey bool // in an object: the next token is a member name or '}'
		members int
	}
	stack := make([]frame, 0, maxDepth)
	values := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			// io.EOF: the body is within bounds. Anything else is a syntax error, which
			// parseObject reports in its own words.
			return nil
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if tok == json.Delim('}') || tok == json.Delim(']') {
				stack = stack[:n-1]
				continue
			}
			if top.object && top.wantKey {
				top.wantKey = false
				if top.members++; top.members > maxMembers {
					return fmt.Errorf("request body has an object with more than %d members, the emulator's limit", maxMembers)
				}
				continue
			}
			if top.object {
				top.wantKey = true
			}
		}
		if values++; values > maxValues {
			return fmt.Errorf("request body holds more than %d JSON values, the emulator's limit", maxValues)
		}
		if d, ok := tok.(json.Delim); ok {
			if len(stack) == maxDepth {
				return fmt.Errorf("request body nests objects and arrays more than %d deep, the emulator's limit", maxDepth)
			}
			stack = append(stack, frame{object: d == '{', wantKey: d == '{'})
		}
	}
}
