// Package merge adds up the reports of a sharded run (plumb run or plumb fuzz with --shard K/N,
// then plumb merge DIR...) into the report the unsharded run would have written.
//
// Each part's report carries, besides its scenarios and findings, a report.Shard: which part
// it is, the run's scope, the verdict's evidence per operation and, for fuzz, its case counts
// per (operation, kind). Runs checks the parts are the N parts of one run (same engine, seed,
// N, mode, budget, tags, scope and baseline; every K exactly once; the targets are not compared,
// since each part may start its own emulator, and the merged report names each), then:
//
//   - counts add up (cases, scenario slices, constraint exercise counts; a constraint failed
//     if it failed in any part, passed if it passed in any);
//   - plumb run's scenarios and findings are concatenated (the parts ran disjoint scenarios);
//   - plumb fuzz's findings are deduplicated by root cause as the fuzz driver does: counts add
//     up and the example kept is the one the driver prefers (report.CaseOrigin.Before: the
//     input breaking the least else, then the lowest case index), so that with the same seed
//     the merged findings are the unsharded campaign's;
//   - the evidence is absorbed into one verdict.Evidence and verdict.Decide decides the
//     verdict, the root causes and the baseline comparison again, over the whole run.
//
// What sharding cannot see: checks that compare exchanges across the run (a created id
// returned twice, check/created.go) compare only within a part, so an id repeated across
// two parts goes unseen. An operation a part judged "not implemented by the target" had its
// findings dropped in that part (verdict.Decide) and they cannot be recovered if the whole
// run shows it implemented; a target answering some operations only some of the time is
// better judged unsharded.
package merge
