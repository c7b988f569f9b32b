package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/plumbhq/plumb/scenarios"
	"github.com/plumbhq/plumb/specs"
)

func cmdSpec(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "list" && args[0] != "dump" && args[0] != "features") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(stdout, "usage: plumb spec list [--json] [--operation OP] | plumb spec dump OPERATION | plumb spec features [--spec FILE]... OPERATION")
			return exitOK
		}
		return usageError(stderr, "spec", "want a subcommand: list, dump or features (usage: plumb spec list | plumb spec dump OPERATION | plumb spec features OPERATION)")
	}
	if args[0] == "features" {
		return specFeatures(args[1:], stdout, stderr)
	}
	files, args, err := specFlags(args)
	if err != nil {
		return usageError(stderr, "spec", "%v", err)
	}
	set, err := loadSpecs(files)
	if err != nil {
		return usageError(stderr, "spec", "%v", err)
	}
	if args[0] == "dump" {
		return specDump(set, args[1:], stdout, stderr)
	}
	return specList(set, args[1:], stdout, stderr)
}

func specList(set *specs.Set, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("spec list", "[--json] [--operation OP]", stderr)
	asJSON := fs.Bool("json", false, "print the constraints as JSON")
	only := fs.String("operation", "", "list only this operation")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	ops := set.Operations()
	if *only != "" {
		op := set.Operation(*only)
		if op == nil {
			return usageError(stderr, "spec list", "unknown operation %q (operations: %s)", *only, opNames(set))
		}
		ops = []*specs.Operation{op}
	}
	if *asJSON {
		var all []specs.Constraint
		for _, op := range ops {
			all = append(all, op.Constraints()...)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			fmt.Fprintf(stderr, "plumb spec list: %v\n", err)
			return exitNonConform
		}
		return exitOK
	}
	total := 0
	for _, op := range ops {
		cs := op.Constraints()
		total += len(cs)
		fmt.Fprintf(stdout, "%s  %s %s  (%s, %s%s)  %d constraints\n", op.ID, op.Method, op.Path, op.Service.Name,
			op.Protocol(), targetNote(op), len(cs))
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  IN\tPATH\tKEYWORD\tVALUE\tBREACH EARNS")
		for _, c := range cs {
			path := c.Path
			if path == "" {
				path = "(request)"
			}
			earns := ""
			if c.In == "request" && c.Error == "" {
				earns = "a documented 4xx" // no documented error answers invalid input in particular
			} else if c.In == "request" {
				earns = fmt.Sprintf("%d %s", c.Status, c.Error)
			} else if c.In == "error" {
				earns = fmt.Sprintf("status %d", c.Status)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", c.In, path, c.Keyword, clip(c.Value, 60), earns)
		}
		tw.Flush()
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "%d operations, %d constraints. Sources: plumb spec dump OPERATION (x-source on every member).\n", len(ops), total)
	return exitOK
}

func targetNote(op *specs.Operation) string {
	if op.Target != "" {
		return ", X-Amz-Target " + op.Target
	}
	return ""
}

func specDump(set *specs.Set, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		return usageError(stderr, "spec dump", "want exactly one OPERATION (operations: %s)", opNames(set))
	}
	op := set.Operation(args[0])
	if op == nil {
		return usageError(stderr, "spec dump", "unknown operation %q (operations: %s)", args[0], opNames(set))
	}
	dump := map[string]any{
		"operationId":         op.ID,
		"service":             op.Service.Name,
		"protocol":            op.Protocol(),
		"method":              op.Method,
		"path":                op.Path,
		"target":              op.Target,
		"requestContentType":  op.ContentType,
		"responseContentType": op.OutputContentType,
		"input":               op.Input,
		"inputLocation":       op.InputIn,
		"successStatus":       op.Success(),
		"output":              op.Output,
		"errors":              op.Errors,
		"rules":               op.Rules,
	}
	if len(op.Greedy) > 0 {
		dump["greedyLabels"] = op.Greedy // {Key+}: the label keeps its slashes
	}
	if len(op.OutputHeaders) > 0 {
		headers := map[string]any{}
		for _, h := range op.OutputHeaders {
			headers[h.Name] = map[string]any{"required": h.Required, "schema": h.Schema}
		}
		dump["outputHeaders"] = headers // output members bound to the success's headers
	}
	if op.Created != nil {
		dump["created"] = op.Created // x-plumb-created: the created resource's id and initial values
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(dump); err != nil {
		fmt.Fprintf(stderr, "plumb spec dump: %v\n", err)
		return exitNonConform
	}
	return exitOK
}

// specFeatures prints the Gherkin feature plumb run generates for an operation no feature file
// covers (package scenarios), for the user to commit and edit: saved among the feature files,
// it replaces the generated one.
func specFeatures(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("spec features", "[--spec FILE]... OPERATION", stderr)
	var files multiFlag
	fs.Var(&files, "spec", "read the operation from this OpenAPI spec file instead of the embedded specs (repeatable)")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	var (
		set *specs.Set
		err error
	)
	if len(files) > 0 {
		set, err = specs.LoadFiles(files...)
	} else {
		set, err = specs.Load()
	}
	if err != nil {
		return usageError(stderr, "spec features", "%v", err)
	}
	if fs.NArg() != 1 {
		return usageError(stderr, "spec features", "want exactly one OPERATION (operations: %s)", opNames(set))
	}
	op := set.Operation(fs.Arg(0))
	if op == nil {
		return usageError(stderr, "spec features", "unknown operation %q (operations: %s)", fs.Arg(0), opNames(set))
	}
	text, err := scenarios.Feature(op)
	if err != nil {
		return usageError(stderr, "spec features", "%s: %v", op.ID, err)
	}
	fmt.Fprint(stdout, text)
	return exitOK
}

func opNames(set *specs.Set) string {
	var names []string
	for _, op := range set.Operations() {
		names = append(names, op.ID)
	}
	return strings.Join(names, ", ")
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// specFlags takes every --spec FILE (or --spec=FILE) out of args, wherever it stands, so that
// each spec subcommand reads the same specs.
func specFlags(args []string) (files, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--spec" || a == "-spec":
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("--spec needs a FILE")
			}
			files = append(files, args[i+1])
			i++
		case strings.HasPrefix(a, "--spec=") || strings.HasPrefix(a, "-spec="):
			files = append(files, a[strings.Index(a, "=")+1:])
		default:
			rest = append(rest, a)
		}
	}
	return files, rest, nil
}
