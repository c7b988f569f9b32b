// Package conformance drives plumb's Gherkin suite (package features, vocabulary in package
// steps) against a target with godog, and turns what the scenarios saw into a report.Run:
// one report.Scenario per scenario or example row, the constraint table with each
// constraint's aggregated outcome, and every failure as a report.Finding with the exchange's
// redacted request, response and curl line.
//
// Index:
//   - Config (config.go): specs, client, engine, tag expression, scenario name (--scenario),
//     fail-fast, concurrency, live-AWS guard, rerun line and curl options, outputs; Shard and
//     Shards run part K of N of the scenarios (by position in the files), whose report carries
//     what plumb merge needs (report.Shard); feature files (FeatureFilesOnly: no
//     generated features).
//   - QualifiedName, FailFastReason: the unique "Feature: name" a rerun line selects, and why
//     a scenario --fail-fast kept from starting is skipped.
//   - Run (run.go): runs the suite; an error means the run could not be made (configuration,
//     unparsable features, undefined steps, no scenario selected), never that the target failed.
//     A target the client declares not answering (target.Client.NotAnswering) stops the run:
//     the scenarios left are skipped with the cause and the verdict is inconclusive.
//
// Memory: once a scenario is judged, its exchanges are kept as excerpts (target.Exchange.Excerpt)
// and its steps.State is released, so a run's memory does not follow what the target sends.
//
// The suite is the feature files (features.FS, or Config.Features) plus, for every operation of
// the specs that no feature file covers (none is named after it or starts a valid request of it),
// the feature package scenarios generates from its spec (generated.go). plumb's own feature
// files are written for the embedded specs' contracts: with brought specs they run only where
// an operation states the same contract (specs.Operation.SameContract); a file about an
// operation of another contract is left out (that operation's scenarios are generated), and a
// kept file's scenario naming one in passing is skipped, saying why (ownFit).
//
// Internals: catalog.go reads the feature files to name scenarios and example rows; collect.go
// turns one scenario's steps.State into a report.Scenario; constraints.go aggregates the
// constraint table.
package conformance
