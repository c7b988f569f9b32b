// Package features holds plumb's Gherkin conformance suite: the contract of each operation under
// test, written for a reader who knows the API, and run by `plumb run` (package conformance) with
// the step vocabulary of package steps.
//
// Files, embedded in FS:
//
//   - start_connection.feature: Outposts StartConnection (restJson1, POST /connections).
//   - get_connection.feature: Outposts GetConnection (restJson1, GET /connections/{ConnectionId}).
//   - create_connection.feature: Direct Connect CreateConnection (awsJson1_1, POST /).
//   - flows.feature: sequences across operations (start, then get it back).
//
// An operation of the specs with no feature here runs the feature package scenarios generates
// from its spec (`plumb spec features OP` prints it); these files stay hand-written, and the
// generated features tag every constraint they tag (scenarios' coverage test).
//
// Conventions every scenario follows, which the traceability test in package steps enforces:
//
//   - Each scenario is tagged with the ids of the spec constraints it exercises, exactly as
//     specs.Operation.Constraints names them (@StartConnection.AssetId.maxLength); scenarios that
//     judge a response's shape carry @<Operation>.response, scenarios that provoke a documented
//     error carry @<Operation>.error.<Type>.
//   - A scenario sending any request that should be accepted (and so creates a resource on a
//     real service) is tagged @creates; against real AWS those are skipped unless live writes
//     are allowed.
//   - Documented errors, statuses and messages are never written in Go: the steps look them up
//     in the spec from the rule a scenario names.
package features

import "embed"

// FS holds the feature files at its root.
//
//go:embed *.feature
var FS embed.FS
