package main

import (
	"io"

	"github.com/plumbhq/plumb/merge"
	"github.com/plumbhq/plumb/report"
)

// cmdMerge adds up the report directories of the N parts of a sharded run (plumb run or fuzz
// with --shard K/N) into the whole run's reports, its verdict decided over every part's
// evidence; the exit code is the whole run's, as if it had run unsharded.
func cmdMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", "[--report-dir DIR] [--format LIST] DIR...", stderr)
	var rf reportFlags
	rf.register(fs, "plumb-reports", report.Formats)
	// Flags may come before, between or after the directories.
	var dirs []string
	for rest := args; ; {
		if code, done := parseFlags(fs, rest); done {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		dirs, rest = append(dirs, fs.Arg(0)), fs.Args()[1:]
	}
	if len(dirs) == 0 {
		return usageError(stderr, "merge", "want the report directories of every part (DIR...), each holding %s", merge.ReportFile)
	}
	formats, err := rf.formats()
	if err != nil {
		return usageError(stderr, "merge", "%v", err)
	}
	parts, err := merge.Read(dirs)
	if err != nil {
		return usageError(stderr, "merge", "%v", err)
	}
	run, err := merge.Runs(parts)
	if err != nil {
		return usageError(stderr, "merge", "%v", err)
	}
	if err := rf.checkWritable(); err != nil {
		return usageError(stderr, "merge", "%v", err)
	}
	if err := merge.CopyReplays(run, rf.dir); err != nil {
		return usageError(stderr, "merge", "copying replay files: %v", err)
	}
	rf.say(stdout, "plumb merge: %d parts of plumb %s (seed %d) against %s", len(parts), run.Engine, run.Seed, run.Target)
	return finish("merge", run, formats, &rf, nil, stdout, stderr)
}
