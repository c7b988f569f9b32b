// Package baseline keeps a team's known root causes in a file, so that CI stays green on the
// deviations a target is known to have and fails on new ones.
//
// A root cause's identity is report.RootCauseID(operation, check, cause): the cause is seen on
// the response side, so the same deviation has the same id whatever the seed or the inputs
// that provoked it. The file is JSON, one root cause per entry, sorted, so that it reads and
// diffs well:
//
//	{
//	  "version": 1,
//	  "rootCauses": [
//	    {"id": "…", "operation": "…", "check": "…", "cause": "…"}
//	  ]
//	}
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/plumbhq/plumb/report"
)

// Version is the only file layout this package reads and writes.
const Version = 1

// Entry is one known root cause.
type Entry struct {
	ID        string `json:"id"`
	Operation string `json:"operation"`
	Check     string `json:"check"`
	Cause     string `json:"cause"`
}

// File is a baseline: the root causes (of severity error) a target is known to have.
type File struct {
	Version    int     `json:"version"`
	RootCauses []Entry `json:"rootCauses"`
}

// Known returns the file's root causes, as package verdict takes them (verdict.Scope.Known):
// the run's verdict is decided knowing them.
func (f *File) Known() []report.RootCause {
	out := make([]report.RootCause, len(f.RootCauses))
	for i, e := range f.RootCauses {
		out[i] = report.RootCause{ID: e.ID, Operation: e.Operation, Check: e.Check, Cause: e.Cause}
	}
	return out
}

// Parse reads a baseline file's content. It rejects malformed JSON, unknown fields, another
// version, and an entry whose id is not the id of its operation, check and cause (an entry
// without an id gets it).
func Parse(data []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a baseline file: %v", err)
	}
	if dec.More() {
		return nil, errors.New("not a baseline file: trailing data after the JSON object")
	}
	if f.Version != Version {
		return nil, fmt.Errorf("baseline version %d is not supported (want %d)", f.Version, Version)
	}
	for i := range f.RootCauses {
		e := &f.RootCauses[i]
		id := report.RootCauseID(e.Operation, e.Check, e.Cause)
		switch {
		case e.Check == "" && e.Cause == "":
			return nil, fmt.Errorf("root cause %d has neither check nor cause", i+1)
		case e.ID == "":
			e.ID = id
		case e.ID != id:
			return nil, fmt.Errorf("root cause %d: id %q is not the id of its operation, check and cause (%q)", i+1, e.ID, id)
		}
	}
	f.sort()
	return &f, nil
}

// Load reads and parses the baseline file at path.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// FromRun makes a baseline of the run's root causes of severity error. With prev (the
// baseline the run was decided with, or nil), prev's root causes are kept unless the run found
// them fixed (run.Baseline.Fixed): a run limited to some operations does not forget the
// others.
func FromRun(run *report.Run, prev *File) *File {
	f := &File{Version: Version, RootCauses: []Entry{}}
	seen := map[string]bool{}
	add := func(e Entry) {
		if !seen[e.ID] {
			seen[e.ID] = true
			f.RootCauses = append(f.RootCauses, e)
		}
	}
	if run != nil {
		for _, rc := range run.RootCauses {
			if rc.Severity == report.SeverityWarning {
				continue
			}
			add(Entry{ID: report.RootCauseID(rc.Operation, rc.Check, rc.Cause), Operation: rc.Operation, Check: rc.Check, Cause: rc.Cause})
		}
	}
	if prev != nil {
		fixed := map[string]bool{}
		if run != nil && run.Baseline != nil {
			for _, rc := range run.Baseline.Fixed {
				fixed[rc.ID] = true
			}
		}
		for _, e := range prev.RootCauses {
			if !fixed[e.ID] {
				add(e)
			}
		}
	}
	f.sort()
	return f
}

// Marshal returns the file as indented JSON, one root cause per line, ending in a newline.
func (f *File) Marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"version\": %d,\n  \"rootCauses\": [", f.Version)
	for i, e := range f.RootCauses {
		line, _ := json.Marshal(e) // strings only: cannot fail
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    ")
		b.Write(line)
	}
	if len(f.RootCauses) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes()
}

// Write writes the file to path (through a temporary file beside it, so a reader never sees
// half a baseline).
func (f *File) Write(path string) error {
	tmp, err := os.CreateTemp(dirOf(path), ".plumb-baseline-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(f.Marshal()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i+1]
	}
	return "."
}

func (f *File) sort() {
	slices.SortFunc(f.RootCauses, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Cause, b.Cause))
	})
}
