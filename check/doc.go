// Package check is plumb's one check engine: named, documented checks that judge a single
// exchange with the target (or, for stateful checks, a short sequence of them) against the
// specs. `plumb run` (Gherkin steps) and `plumb fuzz` (generated cases) are two drivers of
// this one engine, so a rule means the same thing in both and in every report.
//
// Index:
//   - Name and the check names (names.go): not_a_server_error, status_code_conformance, ...
//   - Expect, Valid, Invalid, Outcome (expect.go): what the driver knows the input should earn.
//   - Engine, New, Options (engine.go): Engine.Check runs every applicable check on one exchange.
//   - Result, Failed, Failures (result.go).
//   - Stateful checks (stateful.go): RoundTrip, UnknownID.
package check
