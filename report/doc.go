// Package report turns the results of one plumb invocation into the files
// CI systems and people read. It knows nothing about HTTP, specs or godog:
// `plumb run`, `plumb fuzz` and `plumb selftest` each fill the same plain
// model, and every writer takes it read-only.
//
// The model:
//
//   - [Run] — one invocation: engine, target, seed, [Scenario] list,
//     [Constraint] table, deduplicated [Finding] list, optional [Score].
//   - [Scenario], [Check], [Constraint], [Finding], [Score], [ScoreRow],
//     and [Status] ([Passed], [Failed], [Skipped], [Inconclusive],
//     [Interrupted]).
//   - The verdict, filled in by package verdict: [Run.Verdict] and its
//     reason, one [OperationVerdict] per operation, and the failures grouped
//     into [RootCause]s ([GroupRootCauses], [RootCauseID]: operation, check
//     and the response-side cause); a [Finding] of [SeverityWarning] rests
//     on habit and fails nothing.
//   - [Shard] marks a part of a sharded run (plumb --shard K/N) and carries
//     what plumb merge needs: the scope, [OperationEvidence] per operation,
//     fuzz [CaseSlice] counts; a fuzz [Finding] names its [CaseOrigin].
//   - [Run.Summary] counts a run into a [Summary]: [Counts] of scenarios,
//     constraints and findings, the operation × check matrix ([Cell],
//     [Summary.Cell]), [OperationSummary] and [CheckSummary].
//
// The writers:
//
//   - [WriteJUnit] — JUnit XML, one testsuite per feature; findings that no
//     scenario carries (fuzz) become failed test cases.
//   - [WriteJSON] — the machine-readable [Document] (schema [SchemaVersion]);
//     [ReadJSON] reads it back.
//   - [WriteHTML] — one self-contained, printable HTML page.
//   - [WriteMarkdown] — a GitHub step summary ([MarkdownFailureLimit]).
//   - [WriteSARIF] — a SARIF 2.1.0 log for code scanning: one result per
//     root cause, at the spec line of what it breaks ([RootCause.SpecFile]).
//   - [WriteTerminal] — the end-of-run summary on a terminal.
//   - [WriteFiles] writes several of [Formats] into a directory;
//     [FileName] names each file.
//
// Every writer first applies [Normalize]: a deep copy with every list sorted
// (identical runs give identical files, timings aside), every string made
// printable (control bytes and invalid UTF-8 shown as \xNN, so XML stays
// valid and a response body cannot drive a terminal), and every string
// passed through [Scrub], a second fence against credentials after the
// target package's own redaction: by value (the credentials the process
// signs with, package secret) and by the names of the secret headers.
package report
