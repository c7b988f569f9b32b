package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
)

// defaultMaxBody is the request body cap when Config.MaxBodyBytes is 0.
const defaultMaxBody = 1 << 20

// mediaTypeError reports whether the request's Content-Type is not the
// documented media type; parameters such as charset are fine.
func mediaTypeError(r *http.Request, want string) (string, bool) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return fmt.Sprintf("Content-Type header is missing; expected %s", want), true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !strings.EqualFold(mt, want) {
		return fmt.Sprintf("Content-Type '%s' is not supported; expected %s", echo(ct), want), true
	}
	return "", false
}

// errBodyTooLarge marks a body over the configured cap.
var errBodyTooLarge = errors.New("request body too large")

// bodyBuffers recycles the buffers bodies are read into, so a steady stream of 1 MiB bodies
// does not allocate (and grow by doubling) a fresh buffer per request. Buffers larger than
// maxPooledBuffer (a MaxBodyBytes far above the default) are left to the collector.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 2 * defaultMaxBody

// readBody reads at most limit bytes into buf; a longer body is errBodyTooLarge.
// The Content-Length is checked first so a huge declared body is refused
// without being read.
func readBody(r *http.Request, limit int64, buf *bytes.Buffer) error {
	if r.ContentLength > limit {
		return errBodyTooLarge
	}
	if r.Body == nil {
		return nil
	}
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + 1) // +1: room to see a body longer than declared
	}
	if _, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1)); err != nil {
		return fmt.Errorf("reading request body: %w", err)
	}
	if int64(buf.Len()) > limit {
		return errBodyTooLarge
	}
	return nil
}

// parseObject decodes a JSON document that must be exactly one object:
// no trailing data, not an array or scalar. Numbers stay json.Number so an
// integer member can tell 1 from 1.5 and from 1e400.
func parseObject(b []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errors.New("request body is empty but the operation has required members")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("request body is not valid JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("request body is not valid JSON: unexpected data after the top-level value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("request body must be a JSON object")
	}
	return obj, nil
}
