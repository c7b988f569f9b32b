// Package check is plumb's one check engine: named, documented checks that judge a single
// exchange with the target (or, for stateful checks, a short sequence of them) against the
// specs. `plumb run` (Gherkin steps) and `plumb fuzz` (generated cases) are two drivers of
// this one engine, so a rule means the same thing in both and in every report.
//
// Index:
//   - Name and the check names (names.go): not_a_server_error, status_code_conformance, ...
//   - Expect, Valid, Invalid, Outcome (expect.go): what the driver knows the input should earn.
//   - Engine, New, Options (engine.go): Engine.Check runs every applicable check on one exchange
//     and returns one Result per name in All, in All order (Skip where a check does not apply).
//   - Result, Failed, Failures, Refused (result.go). A Result's Status is Pass, Fail, Skip, Warn
//     (a habit the documents do not state: fails only under Options.Strict) or Inconclusive (the
//     target answered before judging the input); a failure's Causes name what went wrong on the
//     response side, input-independently: a root cause is (operation, check, cause).
//   - Refusals, habits and consequences (refusal.go): authentication, throttling (even at the
//     status the input should earn, and saying how often the client retried it), unknown
//     operation or route, and a not-found for valid input are inconclusive; a request media type
//     accepted, a protocol break rejected with an undocumented error, or an X-Amz-Target still
//     naming the operation are warnings; a 5xx, or a success for input breaking a rule, is judged
//     once (not again as a status, media type or body).
//   - AboutInput (input.go): which checks judge the input's rule.
//   - Flows (stateful.go), as the spec declares them (x-plumb-created read): Engine.ReadBack (a
//     created resource reads back by its id with the members it was given), Engine.UnknownID (an
//     id no create returned earns the read's documented not-found answer).
//   - What a create made (created.go): for a success answer to valid input of an operation with
//     x-plumb-created, Check fills stateful_conformance: documented initial values, and an id no
//     earlier create returned (Engine keeps a bounded record; Engine.ForgetCreated clears it).
//   - Engine.Options (options.go): the options an engine was built with; Engine.Enabled: whether
//     a check is evaluated (Options.Disabled, plumb --checks / --exclude-checks).
//
// One file per check family: status.go (not_a_server_error, status_code_conformance), media.go
// (content_type_conformance), schema.go (response_schema_conformance, kin-openapi
// ValidateResponse; duplicates.go scans the body once for what decoding hides: a number beyond
// float64 is a failure at its path, a member name given twice a warning, RFC 8259's SHOULD;
// the success's header members are judged from their text, specs.Operation.HeaderViolations),
// errortype.go (error_type_conformance), data.go (negative_data_rejection,
// positive_data_acceptance, expected_outcome). model.go holds what New derives from each
// operation once, so that Check parses and compiles nothing per call. Text a target sent that
// is not UTF-8 is quoted as \xNN, never as U+FFFD (rawbytes.go).
//
// No false alarms: extra headers, extra JSON members, key order, omitted optional members,
// media type parameters and case, long error type forms (`Name:http://...`, `ns#Name`), the type
// in any place the protocol reads it and a lowercase message member all conform.
package check
