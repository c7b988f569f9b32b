// Package verdict decides what a run proved. Both drivers (plumb run and plumb fuzz) feed it
// every judged exchange (Evidence.Add) and hand it their report.Run at the end (Decide); it
// fills in the run's verdict, one line saying why, each operation's verdict, and the failures
// grouped into root causes.
//
// The rules, in one place:
//
//   - A root cause is (operation, check, cause): the same operation failing the same check for
//     the same response-side cause (status, error type, media type, the response rule it
//     breaks), whatever input provoked it. One root cause is one line, however many scenarios
//     or cases it failed. Given the specs (Scope.Specs), each root cause is located at the spec
//     line stating the constraint its example broke (the request rule, or the response member's
//     keyword), else at its operation's line, and carries its check's description (locate.go).
//   - An operation passed only when the target was exercised on it (some answer showed the
//     target implements it: a success, or an error type the operation documents), nothing
//     failed, and nothing was refused. Refusals (authentication, throttling, unknown operation
//     or route) make it inconclusive; so does never having been exercised.
//   - An operation every valid request of which (every request, when the selection sent no
//     valid one) got one and the same answer a target gives for an operation it does not serve
//     (no HTTP response of any kind, a refusal, a 404, 405 or 501, UnknownOperationException, a
//     server error with no documented type) is not implemented by the target: reported once,
//     its scenarios skipped with that reason, its findings dropped.
//   - Operations out of scope (not selected, no target for their service) are skipped and do
//     not count.
//   - The run is interrupted if it was stopped; else failed if any operation failed; else
//     inconclusive if any operation in scope was inconclusive or none was in scope; else passed.
//     Warnings (habits the documents do not state) never fail a run.
//
// A part of a sharded run (plumb --shard K/N) records its scope and evidence in its report
// (Shard, Evidence.Export); plumb merge absorbs every part's (Evidence.Absorb, ScopeOf) and
// decides again over the whole run.
package verdict
