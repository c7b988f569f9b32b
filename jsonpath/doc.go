// Package jsonpath is plumb's one reading of the JSON paths that specs, checks, steps, the
// fuzzer and the reports use to name a member of a decoded JSON document:
//
//	$.name              an object member
//	$.a.b               a member of a member
//	$.list[3].key       a member of one item of a list (concrete)
//	$.list[*].key       the same member of every item (generic: the form constraints use)
//
// The leading "$" and "$." may be left out ("tags[0].key"), as Gherkin steps write paths.
// Documents are decoded-JSON shaped: map[string]any, []any, string, float64 or json.Number,
// bool, nil. A JSON null member counts as absent, as the AWS JSON protocols read it.
//
// Index of the API:
//
//   - Step, Parse, String (path.go): a path as steps, and back.
//   - Generic, Member, Join, FromPointer (path.go): [n] to [*], the top-level member, a child
//     path, and kin-openapi's JSON pointer segments as a path.
//   - Get, Set, Delete (value.go): read, write and remove the value at a concrete path.
package jsonpath
