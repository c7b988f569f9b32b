package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/plumbhq/plumb/derive"
)

// cmdDerive writes one OpenAPI spec per service of the given models (botocore service-2.json
// or Smithy JSON AST) or seed documents (a directory of them, or .txt pages, read together), in
// the form --spec reads; --compare A B lists where two sources disagree,
// constraint by constraint.
func cmdDerive(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("derive", "[--operation OP]... [--out DIR] SOURCE... | plumb derive --compare A B", stderr)
	var ops multiFlag
	fs.Var(&ops, "operation", "derive only this operation (repeatable)")
	out := fs.String("out", "", "write each service's spec to DIR/<service>.yaml (default: stdout)")
	compare := fs.Bool("compare", false, "compare two sources (models or spec files) constraint by constraint")
	// Flags may follow the sources (plumb derive MODEL --operation OP): parse what each
	// source leaves.
	var sources []string
	for {
		if code, done := parseFlags(fs, args); done {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		sources = append(sources, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if *compare {
		if len(sources) != 2 {
			return usageError(stderr, "derive", "--compare wants two sources, A and B")
		}
		res, err := derive.CompareSources(sources[0], sources[1], ops)
		if err != nil {
			return deriveError(stderr, err)
		}
		fmt.Fprint(stdout, res)
		if len(res.Diffs) > 0 {
			return exitNonConform
		}
		return exitOK
	}
	if len(sources) == 0 {
		return usageError(stderr, "derive", "want at least one SOURCE (a botocore service-2.json[.gz], a Smithy JSON AST model, or seed documents: a directory or .txt pages)")
	}
	code := exitOK
	written := 0
	found := map[string]bool{}
	models, notes, err := derive.ReadAll(sources...)
	if err != nil {
		code = deriveError(stderr, err)
	}
	for _, n := range notes {
		fmt.Fprintf(stderr, "plumb derive: %s\n", n)
	}
	for _, m := range models {
		// --operation selects across every service of every source: each service writes
		// the selected operations it has, and one that has none is not written.
		sel := m.Holding(ops)
		for _, o := range sel {
			found[o] = true
		}
		if len(ops) > 0 && len(sel) == 0 {
			continue
		}
		doc, err := m.OpenAPI(derive.Options{Operations: sel, Warn: func(s string) {
			fmt.Fprintf(stderr, "plumb derive: %s: %s\n", m.Name, s)
		}})
		if err != nil {
			code = deriveError(stderr, err)
			continue
		}
		if *out == "" {
			if written++; written > 1 {
				fmt.Fprintln(stdout, "---") // one YAML stream, a document per service
			}
			fmt.Fprint(stdout, string(doc))
			continue
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return deriveError(stderr, err)
		}
		file := filepath.Join(*out, m.Name+".yaml")
		if err := os.WriteFile(file, doc, 0o644); err != nil {
			return deriveError(stderr, err)
		}
		fmt.Fprintf(stderr, "plumb derive: wrote %s (%s, %s)\n", file, m.Name, m.Protocol)
	}
	for _, o := range ops {
		if !found[o] {
			code = usageError(stderr, "derive", "no source has an operation %q", o)
		}
	}
	return code
}

// deriveError prints err (each of joined errors); a refused protocol or a bad source is a
// configuration error (2).
func deriveError(stderr io.Writer, err error) int {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			deriveError(stderr, e)
		}
		return exitUsage
	}
	var pe *derive.ProtocolError
	if errors.As(err, &pe) {
		fmt.Fprintf(stderr, "plumb derive: %s: refused: protocol %s (plumb checks restJson1, awsJson1_0, awsJson1_1)\n", pe.Service, pe.Protocol)
		return exitUsage
	}
	fmt.Fprintf(stderr, "plumb derive: %s\n", strings.TrimSpace(err.Error()))
	return exitUsage
}
