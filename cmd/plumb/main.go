// Command plumb is a conformance test harness and contract fuzzer for AWS APIs: it turns the
// documents' specs into Gherkin scenarios (plumb run) and property-based cases (plumb fuzz),
// drives any implementation over HTTP, and writes conformance reports. plumb serve runs the
// reference emulator, plumb's default target.
//
// Exit codes: 0 success / everything conforms; 1 non-conformance found; 2 usage or
// configuration error; 3 the target could not be reached at all, or never answered (a few
// requests in a row got no response, or it speaks TLS where the URL says http:// or the other
// way round: the run stops, the reports are written); 4 inconclusive (the target
// refused, throttled or does not implement what was asked: nothing was proven); 130
// interrupted (the reports are written, marked interrupted).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/plumbhq/plumb/target"
)

// Exit codes, shared by every subcommand.
const (
	exitOK           = 0
	exitNonConform   = 1
	exitUsage        = 2
	exitUnreachable  = 3   // no TCP connection (target.Client.Probe), or target.Client.NotAnswering
	exitInconclusive = 4   // the target was asked, but its answers prove nothing either way
	exitInterrupted  = 130 // SIGINT or SIGTERM stopped the run; the reports are partial
)

// command is one subcommand: it parses its own flags and returns an exit code.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"serve":    {"run the reference emulator of the three operations", cmdServe},
	"derive":   {"write OpenAPI specs plumb reads from AWS service models (botocore, Smithy), or compare two sources", cmdDerive},
	"spec":     {"list the specs' operations and constraints, dump one operation, or print its generated feature", cmdSpec},
	"run":      {"run the Gherkin conformance suite against a target", cmdRun},
	"fuzz":     {"run a property-based contract fuzzing campaign against a target", cmdFuzz},
	"replay":   {"re-run a fuzz finding from its replay file", cmdReplay},
	"merge":    {"add up the report directories of a sharded run (--shard K/N) into the whole run's reports", cmdMerge},
	"selftest": {"measure plumb against the emulator's catalogue of faults (mutation score)", cmdSelftest},
	"version":  {"print plumb's version", cmdVersion},
}

func main() {
	softMemoryLimit()
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

// defaultMemoryLimit is the Go runtime's soft memory limit for plumb unless GOMEMLIMIT says
// otherwise. plumb's live heap stays small whatever a target sends (bodies are read up to 1 MiB
// and kept as 16 KiB excerpts), but with the default GC pacing a run against a target sending
// megabytes on every exchange let garbage double the heap before collecting it; near the limit
// the collector runs sooner. It is soft: a heap that needs more gets it.
const defaultMemoryLimit = 64 << 20

func softMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

func init() { target.Version = currentBuild().userAgentVersion() } // the User-Agent names this build

func realMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		return cmdVersion(args[1:], stdout, stderr)
	}
	if len(args) >= 2 && args[0] == "help" {
		return cmdHelp(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "plumb: unknown command %q (commands: %s)\n", args[0], commandNames())
		return exitUsage
	}
	// Whatever a command prints, no credential plumb holds reaches the terminal.
	return c.run(args[1:], redacting(stdout), redacting(stderr))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: plumb COMMAND [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	names := commandList()
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'plumb help COMMAND' for a command's flags. Exit codes: 0 conforms, 1 non-conformance,")
	fmt.Fprintln(w, "2 usage or configuration error, 3 target unreachable or not answering, 4 inconclusive, 130 interrupted.")
}

func commandList() []string {
	return slices.Sorted(maps.Keys(commands))
}

func commandNames() string { return strings.Join(commandList(), ", ") }

// newFlags returns a flag set that reports errors instead of exiting, with usage on stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("plumb "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, strings.TrimSpace(fmt.Sprintf("usage: plumb %s %s", name, synopsis)))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(stderr, "\nflags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args; it returns (exit code, done) where done means the caller must return.
// -h prints the command's usage and flags; a bad flag prints one line naming it (with a
// suggestion for a misspelt name), not the whole usage.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	if err == nil {
		return 0, false
	}
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return exitOK, true
	}
	cmd := strings.TrimPrefix(fs.Name(), "plumb ")
	msg := flagDashes.ReplaceAllString(err.Error(), "$1--$2")
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		msg = "unknown flag --" + name
		if s := suggestFlag(fs, name); s != "" {
			msg += " (did you mean --" + s + "?)"
		}
	}
	fmt.Fprintf(out, "plumb %s: %s; plumb help %s lists the flags\n", cmd, msg, cmd)
	return exitUsage, true
}

// flagDashes finds the one-dash flag names in the flag package's errors, shown as --name.
var flagDashes = regexp.MustCompile(`(flag |for |: )-([a-z])`)

// suggestFlag returns the defined flag closest to the unknown name: within Levenshtein
// distance 2, or sharing a prefix (one name starts with the other); "" when none is close.
func suggestFlag(fs *flag.FlagSet, name string) string {
	best, bestScore := "", 1<<30
	fs.VisitAll(func(f *flag.Flag) {
		score := levenshtein(name, f.Name)
		if score > 2 {
			if len(name) < 2 || !(strings.HasPrefix(f.Name, name) || strings.HasPrefix(name, f.Name)) {
				return
			}
			score = 3 + abs(len(f.Name)-len(name)) // a prefix match ranks after any close spelling
		}
		if score < bestScore || (score == bestScore && f.Name < best) {
			best, bestScore = f.Name, score
		}
	})
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// levenshtein is the edit distance between a and b (insertions, deletions, substitutions).
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// cmdHelp prints one command's usage and flags on stdout (the same as plumb CMD -h).
func cmdHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		return usageError(stderr, "help", "want one command (commands: %s)", commandNames())
	}
	c, ok := commands[args[0]]
	if !ok {
		return usageError(stderr, "help", "unknown command %q (commands: %s)", args[0], commandNames())
	}
	if code := c.run([]string{"-h"}, stdout, stdout); code != exitOK {
		return code
	}
	return exitOK
}

// usageError prints a one-line message naming what is wrong and returns exitUsage.
func usageError(stderr io.Writer, cmd string, format string, a ...any) int {
	fmt.Fprintf(stderr, "plumb %s: %s\n", cmd, fmt.Sprintf(format, a...))
	return exitUsage
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint([]string(*m)) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
