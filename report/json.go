package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// SchemaVersion names the layout of the JSON report; it changes only when a
// field changes meaning or disappears.
const SchemaVersion = "plumb-report/v1"

// Document is the JSON report: the normalized Run (its fields inline) plus
// the Summary computed from it — counts, the operation × check matrix, per
// operation and per check — so a consumer needs no logic of its own.
// Evidence (request, response, curl) is in Findings and in each failed
// Scenario's Failures. Durations are integer nanoseconds (*_ns).
type Document struct {
	Schema string `json:"schema"`
	Run
	Summary Summary `json:"summary"`
}

// WriteJSON writes r as an indented (2 spaces) Document.
func WriteJSON(w io.Writer, r *Run) error {
	if r == nil {
		return errors.New("report: WriteJSON: nil run")
	}
	n := Normalize(r)
	doc := Document{Schema: SchemaVersion, Run: *n, Summary: n.Summary()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// ReadJSON reads a report written by WriteJSON, so that a saved run can be
// written again in another format. It rejects other schema versions.
func ReadJSON(rd io.Reader) (*Document, error) {
	var doc Document
	if err := json.NewDecoder(rd).Decode(&doc); err != nil {
		return nil, fmt.Errorf("report: reading JSON report: %w", err)
	}
	if doc.Schema != SchemaVersion {
		return nil, fmt.Errorf("report: JSON report has schema %q, want %q", doc.Schema, SchemaVersion)
	}
	return &doc, nil
}
