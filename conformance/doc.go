// Package conformance drives plumb's Gherkin suite (package features, vocabulary in package
// steps) against a target with godog, and turns what the scenarios saw into a report.Run:
// one report.Scenario per scenario or example row, the constraint table with each
// constraint's aggregated outcome, and every failure as a report.Finding with the exchange's
// redacted request, response and curl line.
//
// Index:
//   - Config (config.go): specs, client, engine, tag expression, concurrency, live-AWS guard,
//     outputs.
//   - Run (run.go): runs the suite; an error means the run could not be made (configuration,
//     unparsable features, undefined steps, no scenario selected), never that the target failed.
//     A target the client declares not answering (target.Client.NotAnswering) stops the run:
//     the scenarios left are skipped with the cause and the verdict is inconclusive.
//
// Memory: once a scenario is judged, its exchanges are kept as excerpts (target.Exchange.Excerpt)
// and its steps.State is released, so a run's memory does not follow what the target sends.
//
// Internals: catalog.go reads the feature files to name scenarios and example rows; collect.go
// turns one scenario's steps.State into a report.Scenario; constraints.go aggregates the
// constraint table.
package conformance
