// Package fuzz is the `plumb fuzz` driver: property-based contract fuzzing of the operations in
// the specs. Each case is a request derived from the operation's input schema (rapid generators
// from package generators), sent to the target, and judged by the one check engine (package
// check) — the same checks `plumb run` uses.
//
// A case is a function of (Seed, index) alone. Out of every ten cases of an operation, three
// are valid inputs, two walk the schema's boundary values in turn, four break exactly one
// documented rule, and one breaks the wire protocol (malformed JSON, wrong or missing
// Content-Type, wrong or missing X-Amz-Target, an empty path label). What an input should earn
// is looked up in the specs (Operation.Find), never hard-coded. A valid create that succeeds is
// read back (stateful.go, the one operation-specific file). One invalid case in three first
// tries an anchor mutation (anchors.go): a pattern member broken at its first or last character
// with a character from its own alphabet (a key of 44 valid characters without its '=').
//
// Findings are deduplicated by (operation, check, keyword, generic path), keep a count and the
// evidence of the lowest case index, so the same seed against the same target gives the same
// findings whatever the number of workers. Each finding that is safe to re-send is then shrunk
// by rapid (shrink.go: rapid searches inputs breaking the same rule and minimises the one that
// fails the same check, within ShrinkTime) and saved as a replay file. With a Duration, the
// whole campaign, shrinking included, ends when the Duration is spent (deadline.go); a target
// declared not answering (target.Client.NotAnswering) stops it early, inconclusive.
//
// Index of the public API:
//
//   - Config, Run: run a campaign and get a *report.Run (config.go, campaign.go);
//     Config.StopOnFinding for plumb fuzz --fail-fast and time-to-finding measurements
//     (selftest); Config.Embedded and Config.Faults for what replay files record as target;
//     Config.Shard and Config.Shards run part K of N of a campaign (case i when
//     i % N == K-1), whose report carries its case counts (report.Shard) and each finding's
//     report.CaseOrigin.
//   - Scenarios: the report scenarios of case counts (tally.go), also for plumb merge.
//   - ModeAll, ModeValid, ModeInvalid; Kind and its values: campaign modes and case kinds.
//   - Planner, NewPlanner, Planner.Case, Case: the deterministic case schedule (plan.go).
//   - Replay, ReplayRequest, ReplayReadBack, ReplayEmbedded, LoadReplay, Replay.Run, Replay.Write,
//     ReplayFileName: replay files (replay.go).
//   - DefaultBudget, DefaultShrinkTime, ReplayVersion.
package fuzz
