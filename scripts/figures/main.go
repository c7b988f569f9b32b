// Command figures rewrites the mutation-score figures in README.md from a selftest JSON report,
// so the numbers the README states are the numbers a command produced:
//
//	plumb selftest --format json --report-dir DIR
//	go run ./scripts/figures -report DIR/plumb-report.json [-readme README.md] [-budget 1500]
//
// It replaces what lies between the markers
//
//	<!-- figures:selftest:begin -->
//	<!-- figures:selftest:end -->
//
// (the summary sentence and the per-fault table) and nothing else. `make figures` runs both
// steps. Standard library only: it reads the report's JSON, not plumb's types.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// The markers around the generated section of the README.
const (
	beginMarker = "<!-- figures:selftest:begin -->"
	endMarker   = "<!-- figures:selftest:end -->"
)

// The selftest's defaults (cmd/plumb/selftest.go), which `make figures` runs with.
const (
	defaultSeed   = 1
	defaultBudget = 1500
)

// row is one fault of the score: whether each engine caught it, and how fast.
type row struct {
	Fault    string        `json:"fault"`
	Class    string        `json:"class"`
	Run      bool          `json:"caught_by_run"`
	Fuzz     bool          `json:"caught_by_fuzz"`
	RunTime  time.Duration `json:"run_time_ns"`
	FuzzTime time.Duration `json:"fuzz_time_ns"`
}

// score is what the section is written from: the report's score, and the campaign settings.
type score struct {
	Rows            []row
	FalseAlarmsRun  int
	FalseAlarmsFuzz int
	Seed            uint64
	Budget          int
	Duration        time.Duration // the whole selftest; 0 leaves the sentence without it
}

// readReport reads the fields of a plumb selftest JSON report (report.Run) the section needs.
func readReport(r io.Reader, budget int) (score, error) {
	var rep struct {
		Engine   string        `json:"engine"`
		Duration time.Duration `json:"duration_ns"`
		Seed     uint64        `json:"seed"`
		Score    *struct {
			Rows            []row `json:"rows"`
			FalseAlarmsRun  int   `json:"false_alarms_run"`
			FalseAlarmsFuzz int   `json:"false_alarms_fuzz"`
		} `json:"score"`
	}
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return score{}, fmt.Errorf("reading the report: %w", err)
	}
	if rep.Score == nil || len(rep.Score.Rows) == 0 {
		return score{}, fmt.Errorf("the report (engine %q) has no score rows: is it plumb selftest's JSON report?", rep.Engine)
	}
	return score{Rows: rep.Score.Rows, FalseAlarmsRun: rep.Score.FalseAlarmsRun, FalseAlarmsFuzz: rep.Score.FalseAlarmsFuzz,
		Seed: rep.Seed, Budget: budget, Duration: rep.Duration}, nil
}

// sortRows orders rows by class, then fault.
func sortRows(rows []row) []row {
	out := slices.Clone(rows)
	slices.SortFunc(out, func(a, b row) int {
		if c := strings.Compare(a.Class, b.Class); c != 0 {
			return c
		}
		return strings.Compare(a.Fault, b.Fault)
	})
	return out
}

// claim is the summary sentence's bold part: the counts, which follow from the caught columns.
func claim(s score) string {
	run, fuzz := 0, 0
	for _, r := range s.Rows {
		if r.Run {
			run++
		}
		if r.Fuzz {
			fuzz++
		}
	}
	alarms := "0 false alarms from either"
	if s.FalseAlarmsRun != 0 || s.FalseAlarmsFuzz != 0 {
		alarms = fmt.Sprintf("%d false alarms from `plumb run`, %d from `plumb fuzz`", s.FalseAlarmsRun, s.FalseAlarmsFuzz)
	}
	return fmt.Sprintf("**%d/%d caught by `plumb run`, %d/%d by `plumb fuzz` (seed %d, at most %d cases), %s**",
		run, len(s.Rows), fuzz, len(s.Rows), s.Seed, s.Budget, alarms)
}

// render writes the section between the markers: the summary paragraph and the table.
func render(s score) string {
	var runTimes []time.Duration
	for _, r := range s.Rows {
		if r.Run {
			runTimes = append(runTimes, r.RunTime)
		}
	}
	text := fmt.Sprintf("Both engines against the correct emulator and each of the emulator's %d faults "+
		"(`plumb serve --list-faults`), in process: %s", len(s.Rows), claim(s))
	if s.Duration > 0 {
		text += ", in about " + seconds(s.Duration)
	}
	text += "."
	if len(runTimes) > 0 {
		slices.Sort(runTimes)
		text += fmt.Sprintf(" `plumb run`'s time is that of the whole suite (median %s per fault);", short(runTimes[len(runTimes)/2]))
	}
	text += " fuzz stops at its first finding, and its time is the time to that finding (no shrinking)."

	var b strings.Builder
	b.WriteString(wrap(text, 100))
	b.WriteString("\n\n| fault | class | plumb run | plumb fuzz (time to first finding) |\n| --- | --- | --- | --- |\n")
	for _, r := range sortRows(s.Rows) {
		run, fuzz := "missed", "missed"
		if r.Run {
			run = "caught"
		}
		if r.Fuzz {
			fuzz = "caught"
			if r.FuzzTime > 0 {
				fuzz += " (" + short(r.FuzzTime) + ")"
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Fault, r.Class, run, fuzz)
	}
	return b.String()
}

// short formats a duration as the README does: "68 ms", "1.2 s".
func short(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", max(1, d.Round(time.Millisecond).Milliseconds()))
	}
	return seconds(d)
}

func seconds(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f s", d.Seconds())
}

// wrap breaks text into lines of at most width columns at spaces outside `code spans`.
func wrap(text string, width int) string {
	var words []string
	start, inCode := 0, false
	for i, c := range text {
		switch {
		case c == '`':
			inCode = !inCode
		case c == ' ' && !inCode:
			words = append(words, text[start:i])
			start = i + 1
		}
	}
	words = append(words, text[start:])
	var lines []string
	line := ""
	for _, w := range words {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// section returns what lies between the markers of readme.
func section(readme string) (string, error) {
	i := strings.Index(readme, beginMarker)
	j := strings.Index(readme, endMarker)
	if i < 0 || j < 0 || j < i {
		return "", fmt.Errorf("README has no %s ... %s section", beginMarker, endMarker)
	}
	if strings.Count(readme, beginMarker) != 1 || strings.Count(readme, endMarker) != 1 {
		return "", errors.New("README has more than one figures:selftest section")
	}
	return readme[i+len(beginMarker) : j], nil
}

// replaceSection puts body between the markers of readme.
func replaceSection(readme, body string) (string, error) {
	old, err := section(readme)
	if err != nil {
		return "", err
	}
	i := strings.Index(readme, beginMarker) + len(beginMarker)
	return readme[:i] + "\n" + strings.TrimSpace(body) + "\n" + readme[i+len(old):], nil
}

func main() {
	report := flag.String("report", "", "plumb selftest's JSON report (plumb-report.json)")
	readme := flag.String("readme", "README.md", "the README to rewrite")
	budget := flag.Int("budget", defaultBudget, "the fuzz budget the selftest ran with (--budget)")
	flag.Parse()
	if *report == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: figures -report DIR/plumb-report.json [-readme README.md] [-budget N]")
		os.Exit(2)
	}
	if err := run(*report, *readme, *budget); err != nil {
		fmt.Fprintln(os.Stderr, "figures:", err)
		os.Exit(1)
	}
}

func run(reportPath, readmePath string, budget int) error {
	f, err := os.Open(reportPath)
	if err != nil {
		return err
	}
	defer f.Close()
	s, err := readReport(f, budget)
	if err != nil {
		return fmt.Errorf("%s: %w", reportPath, err)
	}
	old, err := os.ReadFile(readmePath)
	if err != nil {
		return err
	}
	updated, err := replaceSection(string(old), render(s))
	if err != nil {
		return fmt.Errorf("%s: %w", readmePath, err)
	}
	if updated == string(old) {
		fmt.Printf("%s: figures unchanged\n", readmePath)
		return nil
	}
	if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: mutation score rewritten from %s (%d faults)\n", readmePath, reportPath, len(s.Rows))
	return nil
}
