// Command hostile runs plumb against hostile targets and shows that it stays within its
// bounds: peak memory whatever the target sends, `plumb fuzz --duration` bounding the whole
// command, and a target that never answers (or speaks TLS where the URL says plain HTTP, or the
// other way round) recognised within seconds with exit 3.
//
//	go run ./scripts/hostile [-readme README.md] [-case REGEXP] [-duration 10s] [-timeout 2s]
//
// It builds plumb once, starts each hostile server on 127.0.0.1 in this process, runs
//
//	plumb run  --target URL --timeout 2s --report-dir DIR
//	plumb fuzz --target URL --duration 10s --timeout 2s --report-dir DIR
//
// against each, one at a time, and prints a Markdown table: exit code, wall time, peak RSS
// (the child's rusage), the connections the server accepted, and whether the row is within
// bounds. It exits 1 when a row is not. With -readme it also rewrites the table between the
// README's figures:hostile markers. `make hostile` runs it. Adding a case is one row of cases.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// hostileCase is one hostile target.
type hostileCase struct {
	name  string
	start func() (server, error)
	// silent: the target never answers anything (or speaks the other protocol): plumb must
	// recognise it, exit 3 and be done within silentWall.
	silent bool
	// throttles: the target answers every request "slow down": plumb retries within its bounds
	// and ends inconclusive (exit 4), never failed.
	throttles bool
}

// cases are the hostile targets, in table order.
var cases = []hostileCase{
	{name: "1 GiB body", start: plain(bigBody)},
	{name: "endless chunked body", start: plain(endlessChunked)},
	{name: "50 MB JSON string", start: plain(jsonString)},
	{name: "1 MB of headers", start: plain(hugeHeaders)},
	{name: "gzip bomb (1 GiB of zeros)", start: func() (server, error) { return plain(gzipBomb(bomb(1024)))() }},
	{name: "accepts, never answers", start: silent, silent: true},
	{name: "TLS server, http:// URL", start: func() (server, error) { return httpServer(http.HandlerFunc(ok), true, "http") }, silent: true},
	{name: "plain server, https:// URL", start: func() (server, error) { return httpServer(http.HandlerFunc(ok), false, "https") }, silent: true},
	{name: "429 with Retry-After: 1, always", start: plain(throttleAll), throttles: true},
}

// The bounds a row is judged against.
const (
	maxRSSKiB  = 100 << 10       // peak RSS of any run, KiB
	fuzzGrace  = 3 * time.Second // plumb fuzz may take --duration plus this (start-up, reports)
	silentWall = 15 * time.Second
)

// exitMeaning is plumb's documented exit codes (cmd/plumb/main.go).
var exitMeaning = map[int]string{0: "passed", 1: "non-conformance", 2: "usage error", 3: "target unreachable or not answering",
	4: "inconclusive", 130: "interrupted"}

// row is one measured command.
type row struct {
	Case, Command string
	Exit          int
	Wall          time.Duration
	RSSKiB        int64
	Conns         int64
	Why           string // "" within bounds, else what is out
	Stderr        string // the last line plumb printed on stderr
}

type settings struct {
	duration, timeout time.Duration
}

// judge says what, if anything, puts a row out of bounds.
func judge(r row, c hostileCase, s settings) string {
	var out []string
	if r.RSSKiB >= maxRSSKiB {
		out = append(out, fmt.Sprintf("peak RSS %s ≥ %s", mib(r.RSSKiB), mib(maxRSSKiB)))
	}
	if r.Command == "fuzz" && r.Wall > s.duration+fuzzGrace {
		out = append(out, fmt.Sprintf("took %s > --duration %s + %s", secs(r.Wall), s.duration, fuzzGrace))
	}
	switch {
	case c.silent && r.Exit != 3:
		out = append(out, fmt.Sprintf("exit %d, want 3 (target not answering)", r.Exit))
	case c.silent && r.Wall >= silentWall:
		out = append(out, fmt.Sprintf("took %s ≥ %s to see the target is not answering", secs(r.Wall), silentWall))
	case c.throttles && r.Exit != 4:
		out = append(out, fmt.Sprintf("exit %d, want 4 (inconclusive: throttled)", r.Exit))
	case c.throttles && r.Wall >= silentWall:
		out = append(out, fmt.Sprintf("took %s ≥ %s to see the target throttles everything", secs(r.Wall), silentWall))
	case !c.silent && (r.Exit == 2 || r.Exit == 3 || exitMeaning[r.Exit] == ""):
		out = append(out, fmt.Sprintf("exit %d: a target that answers is judged (0, 1 or 4)", r.Exit))
	}
	return strings.Join(out, "; ")
}

func mib(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// render is the Markdown table of rows.
func render(rows []row, s settings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "`run` is `plumb run --target URL --timeout %s`, `fuzz` is `plumb fuzz --target URL --duration %s --timeout %s`; "+
		"peak RSS is the process's maximum resident set. Bounds: peak RSS under %s; `fuzz` done within its duration + %s; "+
		"a target that never answers: exit 3 within %s.\n\n", s.timeout, s.duration, s.timeout, mib(maxRSSKiB), fuzzGrace, silentWall)
	b.WriteString("| case | command | exit code | wall time | peak RSS | connections | verdict |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		verdict := "within bounds"
		if r.Why != "" {
			verdict = "**out of bounds**: " + r.Why
		}
		fmt.Fprintf(&b, "| %s | %s | %d (%s) | %s | %s | %d | %s |\n", r.Case, r.Command, r.Exit, exitMeaning[r.Exit],
			secs(r.Wall), mib(r.RSSKiB), r.Conns, verdict)
	}
	return b.String()
}

// The markers around the generated section of the README.
const (
	beginMarker = "<!-- figures:hostile:begin -->"
	endMarker   = "<!-- figures:hostile:end -->"
)

// replaceSection puts body between the markers of readme.
func replaceSection(readme, body string) (string, error) {
	i, j := strings.Index(readme, beginMarker), strings.Index(readme, endMarker)
	if i < 0 || j < i || strings.Count(readme, beginMarker) != 1 || strings.Count(readme, endMarker) != 1 {
		return "", fmt.Errorf("want exactly one %s ... %s section", beginMarker, endMarker)
	}
	return readme[:i+len(beginMarker)] + "\n" + strings.TrimSpace(body) + "\n" + readme[j:], nil
}

func main() {
	readme := flag.String("readme", "", "also rewrite the table between this README's figures:hostile markers")
	only := flag.String("case", "", "run only the cases whose name matches this regular expression")
	duration := flag.Duration("duration", 10*time.Second, "plumb fuzz --duration")
	timeout := flag.Duration("timeout", 2*time.Second, "plumb --timeout")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: hostile [-readme README.md] [-case REGEXP] [-duration 10s] [-timeout 2s]")
		os.Exit(2)
	}
	match, err := regexp.Compile(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile: -case:", err)
		os.Exit(2)
	}
	ok, err := run(match, settings{duration: *duration, timeout: *timeout}, *readme)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(2)
	}
	if !ok {
		fmt.Fprintln(os.Stderr, "hostile: some rows are out of bounds")
		os.Exit(1)
	}
}

func run(match *regexp.Regexp, s settings, readme string) (bool, error) {
	tmp, err := os.MkdirTemp("", "plumb-hostile-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "plumb")
	build := exec.Command("go", "build", "-o", bin, "./cmd/plumb")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return false, fmt.Errorf("building plumb (run from the repository root): %w", err)
	}
	var rows []row
	for i, c := range cases {
		if !match.MatchString(c.name) {
			continue
		}
		for _, cmd := range []string{"run", "fuzz"} {
			r, err := measure(bin, filepath.Join(tmp, fmt.Sprintf("case%d-%s", i, cmd)), c, cmd, s)
			if err != nil {
				return false, fmt.Errorf("%s, %s: %w", c.name, cmd, err)
			}
			r.Why = judge(r, c, s)
			fmt.Fprintf(os.Stderr, "%-28s %-4s exit %3d  %6s  %7s  %4d conns  %s\n", c.name, cmd, r.Exit, secs(r.Wall), mib(r.RSSKiB), r.Conns, r.Stderr)
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return false, errors.New("no case matches -case")
	}
	table := render(rows, s)
	fmt.Print(table)
	if readme != "" {
		old, err := os.ReadFile(readme)
		if err != nil {
			return false, err
		}
		updated, err := replaceSection(string(old), table)
		if err != nil {
			return false, fmt.Errorf("%s: %w", readme, err)
		}
		if err := os.WriteFile(readme, []byte(updated), 0o644); err != nil {
			return false, err
		}
		fmt.Fprintf(os.Stderr, "%s: hostile-target table rewritten\n", readme)
	}
	for _, r := range rows {
		if r.Why != "" {
			return false, nil
		}
	}
	return true, nil
}

// measure starts c's server, runs one plumb command against it and measures it.
func measure(bin, dir string, c hostileCase, cmd string, s settings) (row, error) {
	srv, err := c.start()
	if err != nil {
		return row{}, err
	}
	defer srv.stop()
	args := []string{cmd, "--target", srv.url, "--timeout", s.timeout.String(), "--report-dir", dir}
	if cmd == "fuzz" {
		args = append(args, "--duration", s.duration.String())
	}
	var stdout, stderr bytes.Buffer
	p := exec.Command(bin, args...)
	p.Stdout, p.Stderr = &stdout, &stderr
	began := time.Now()
	if err := p.Start(); err != nil {
		return row{}, err
	}
	err = p.Wait()
	wall := time.Since(began)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return row{}, err
	}
	ru, ok := p.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return row{}, errors.New("no rusage: peak RSS is measured on Linux only")
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	return row{Case: c.name, Command: cmd, Exit: p.ProcessState.ExitCode(), Wall: wall, RSSKiB: ru.Maxrss,
		Conns: srv.conns(), Stderr: lines[len(lines)-1]}, nil
}
