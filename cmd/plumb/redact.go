package main

import (
	"io"
	"os"

	"github.com/plumbhq/plumb/secret"
)

// redactingWriter removes secrets from every write before it reaches w: the terminal's last
// fence, after the target, check and report packages have redacted what they render. A
// secret split across two writes would pass, which is why it is only the last fence; plumb
// writes whole lines.
type redactingWriter struct {
	w      io.Writer
	redact func(string) string
}

// redacting wraps w so that the credentials the process holds (secret.Held) never reach it.
func redacting(w io.Writer) io.Writer {
	if _, done := w.(redactingWriter); done {
		return w
	}
	return redactingWriter{w: w, redact: func(s string) string { return secret.Held().Redact(s) }}
}

func (r redactingWriter) Write(p []byte) (int, error) {
	s := string(p)
	if out := r.redact(s); out != s {
		_, err := io.WriteString(r.w, out)
		return len(p), err
	}
	return r.w.Write(p)
}

// underlyingFile returns the *os.File under w, through any redacting writers, for terminal detection.
func underlyingFile(w io.Writer) (*os.File, bool) {
	for {
		switch x := w.(type) {
		case *os.File:
			return x, true
		case redactingWriter:
			w = x.w
		default:
			return nil, false
		}
	}
}
