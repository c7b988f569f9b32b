// Package specs holds plumb's OpenAPI 3.0.3 descriptions of the operations under test and the
// model the rest of plumb reads them through.
//
// The two YAML files (outposts.yaml, directconnect.yaml) are plumb derive's output (make specs)
// from the sources kept in sources/ (the seed documents, botocore's Direct Connect model) and
// derive/overlay/seeds.yaml (the facts of shared/aws-protocols.md, plumb's example inputs and
// flows); every schema property cites its source in x-source. Do not edit them: change a source
// or the overlay and run make specs. They are embedded in the binary and loaded with kin-openapi.
//
// Index of the public API:
//
//   - Load, LoadFiles, Parse: load and validate specs into a *Set (load.go).
//   - Set, Service, Operation, ErrorShape, Rule: the operation model: wire protocol, HTTP binding,
//     input and output schemas, documented errors, semantic rules (operation.go).
//   - Created, CreatedID, InitialValue (x-plumb-created on an operation): what a create's 200
//     documents about the resource it made: the member naming it (never returned twice) and
//     members with a documented initial value; validated against the 200 body schema at load.
//     ValueAt, MemberName, Operation.MemberNames read member paths and names (created.go).
//   - InBody, InPath, InQuery, InHeader, Operation.Bound, Operation.MembersIn, HeaderMember,
//     Operation.HeaderViolations, ParseText: the HTTP bindings of restJson1 (path, greedy, query
//     and header members; the one 2xx success status; output members bound to its headers),
//     which support.go refuses beyond (binding.go).
//   - Constraint, Operation.Constraints: every documented constraint as a flat, stable list; it
//     drives `plumb spec list`, scenario traceability and the per-constraint report (constraints.go).
//   - Set.Location, Service.Path: the spec file and line stating a constraint (its keyword) or an
//     operation, from kin-openapi's origin tracking, so reports can point into the spec (location.go).
//   - CompilePattern, RegexCompiler, SchemaOptions: the one pattern compiler plumb uses wherever it
//     validates or generates, so patterns RE2 cannot compile verbatim ({1,1024}) still mean exactly
//     what the documents say (pattern.go).
//   - Operation.SameContract: whether two specs of an operation state the same contract, their
//     sources aside (same.go); plumb's own feature files run only for such brought specs.
//   - Validate, Violation: kin-openapi validation of a value against a schema, flattened to
//     (JSON path, keyword) pairs (validate.go).
package specs
