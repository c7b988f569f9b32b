package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/plumbhq/plumb/check"
)

// checkFlags select the checks a run evaluates, by the names the reports use.
type checkFlags struct {
	only, exclude string
}

func (c *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.only, "checks", "", "evaluate only these checks (comma-separated names, e.g. not_a_server_error,response_schema_conformance)")
	fs.StringVar(&c.exclude, "exclude-checks", "", "do not evaluate these checks (comma-separated names)")
}

// disabled returns the checks not to evaluate: those --checks leaves out, and those
// --exclude-checks names. An unknown name is an error naming the checks, with a suggestion.
func (c *checkFlags) disabled() ([]check.Name, error) {
	only, err := parseCheckNames("--checks", c.only)
	if err != nil {
		return nil, err
	}
	excluded, err := parseCheckNames("--exclude-checks", c.exclude)
	if err != nil {
		return nil, err
	}
	off := map[check.Name]bool{}
	for _, n := range excluded {
		off[n] = true
	}
	if len(only) > 0 {
		on := map[check.Name]bool{}
		for _, n := range only {
			on[n] = true
		}
		for _, n := range check.All {
			if !on[n] {
				off[n] = true
			}
		}
	}
	var out []check.Name
	for _, n := range check.All {
		if off[n] {
			out = append(out, n)
		}
	}
	if len(out) == len(check.All) {
		return nil, fmt.Errorf("--checks and --exclude-checks leave no check to evaluate")
	}
	return out, nil
}

// parseCheckNames reads a comma-separated list of check names.
func parseCheckNames(flagName, list string) ([]check.Name, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	known := map[string]bool{}
	var names []string
	for _, n := range check.All {
		known[string(n)] = true
		names = append(names, string(n))
	}
	var out []check.Name
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !known[s] {
			msg := fmt.Sprintf("%s: unknown check %q", flagName, s)
			if sug := closest(s, names); sug != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", sug)
			}
			return nil, fmt.Errorf("%s; checks: %s", msg, strings.Join(names, ", "))
		}
		out = append(out, check.Name(s))
	}
	return out, nil
}

// closest returns the candidate nearest to s: within Levenshtein distance 3, or one holding s
// (a check named by a part of its name, "schema"); "" when none is close.
func closest(s string, candidates []string) string {
	best, bestScore := "", 1<<30
	for _, c := range candidates {
		score := levenshtein(s, c)
		if score > 3 {
			if len(s) < 3 || !strings.Contains(c, s) {
				continue
			}
			score = 4 + len(c) - len(s)
		}
		if score < bestScore {
			best, bestScore = c, score
		}
	}
	return best
}
