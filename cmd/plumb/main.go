// Command plumb is a conformance test harness and contract fuzzer for AWS APIs: it turns the
// documents' specs into Gherkin scenarios (plumb run) and property-based cases (plumb fuzz),
// drives any implementation over HTTP, and writes conformance reports. plumb serve runs the
// reference emulator, plumb's default target.
//
// Exit codes: 0 success / everything conforms; 1 non-conformance found; 2 usage or
// configuration error; 3 the target could not be reached at all; 4 inconclusive (the target
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
	"slices"
	"strings"

	"github.com/plumbhq/plumb/target"
)

// Exit codes, shared by every subcommand.
const (
	exitOK           = 0
	exitNonConform   = 1
	exitUsage        = 2
	exitUnreachable  = 3
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
	"spec":     {"list the specs' operations and constraints, or dump one operation", cmdSpec},
	"run":      {"run the Gherkin conformance suite against a target", cmdRun},
	"fuzz":     {"run a property-based contract fuzzing campaign against a target", cmdFuzz},
	"replay":   {"re-run a fuzz finding from its replay file", cmdReplay},
	"selftest": {"measure plumb against the emulator's catalogue of faults (mutation score)", cmdSelftest},
	"version":  {"print plumb's version", cmdVersion},
}

// version is set at link time (-ldflags "-X main.version=...").
var version = "dev"

func main() { os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr)) }

func init() { target.Version = version } // the User-Agent names this build

func realMain(args []string, stdout, stderr io.Writer) int {
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
	return c.run(args[1:], stdout, stderr)
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
	fmt.Fprintln(w, "Run 'plumb COMMAND -h' for a command's flags. Exit codes: 0 conforms, 1 non-conformance,")
	fmt.Fprintln(w, "2 usage or configuration error, 3 target unreachable, 4 inconclusive, 130 interrupted.")
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
		fmt.Fprintf(stderr, "usage: plumb %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns (exit code, done) where done means the caller must return.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true // flag already printed a one-line reason and the usage
	}
	return 0, false
}

// usageError prints a one-line message naming what is wrong and returns exitUsage.
func usageError(stderr io.Writer, cmd string, format string, a ...any) int {
	fmt.Fprintf(stderr, "plumb %s: %s\n", cmd, fmt.Sprintf(format, a...))
	return exitUsage
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "plumb", version)
	return exitOK
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint([]string(*m)) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
