package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plumbhq/plumb/emulator"
)

const (
	readmePath   = "../../README.md"
	expectedPath = "../../selftest/testdata/expected.json"
)

// tableColumns parses the table of a rendered section into its fault, class and caught columns
// (a fuzz cell "caught (68 ms)" reads as "caught"): the columns that do not depend on timing.
func tableColumns(t *testing.T, sec string) [][4]string {
	t.Helper()
	var out [][4]string
	for _, line := range strings.Split(sec, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) != 4 {
			t.Fatalf("table row with %d cells: %q", len(cells), line)
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		fuzz, _, _ := strings.Cut(cells[3], " ")
		out = append(out, [4]string{strings.Trim(cells[0], "`"), cells[1], cells[2], fuzz})
	}
	return out
}

// fromExpected is the score the checked-in table describes: every fault caught or missed as it
// says, with the catalogue's classes, no timings and no false alarm (the selftest test asserts
// that table and zero false alarms).
func fromExpected(t *testing.T) score {
	t.Helper()
	b, err := os.ReadFile(expectedPath)
	if err != nil {
		t.Fatal(err)
	}
	var table []struct {
		Fault     string `json:"fault"`
		Run, Fuzz bool
	}
	if err := json.Unmarshal(b, &table); err != nil {
		t.Fatalf("%s: %v", expectedPath, err)
	}
	class := map[string]string{}
	for _, f := range emulator.Faults() {
		class[f.Name] = f.Class
	}
	s := score{Seed: defaultSeed, Budget: defaultBudget}
	for _, e := range table {
		c, ok := class[e.Fault]
		if !ok {
			t.Fatalf("%s lists %q, which is not in the emulator's catalogue", expectedPath, e.Fault)
		}
		s.Rows = append(s.Rows, row{Fault: e.Fault, Class: c, Run: e.Run, Fuzz: e.Fuzz})
	}
	return s
}

// diffRows lists the rows only one side has, and says when the same rows are in another order.
func diffRows(readme, table [][4]string) string {
	var b strings.Builder
	for _, r := range table {
		if !slices.Contains(readme, r) {
			fmt.Fprintf(&b, "  README lacks %v\n", r)
		}
	}
	for _, r := range readme {
		if !slices.Contains(table, r) {
			fmt.Fprintf(&b, "  README has %v, the table does not\n", r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("  same rows in another order (by class, then fault)\n")
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The README's mutation-score table says, fault by fault, what the checked-in expected table
// says (timings aside), and its summary states the counts that follow from it.
func TestREADMEScoreMatchesTheExpectedTable(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	sec, err := section(string(b))
	if err != nil {
		t.Fatal(err)
	}
	want := fromExpected(t)
	got, exp := tableColumns(t, sec), tableColumns(t, render(want))
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("README.md's mutation score table differs from selftest/testdata/expected.json (run `make figures`):\n%s", diffRows(got, exp))
	}
	if c := claim(want); !strings.Contains(oneLine(sec), c) {
		t.Errorf("README.md's mutation score does not state %s; run `make figures`", c)
	}
}

func TestRenderAndReplace(t *testing.T) {
	s := score{Seed: 1, Budget: 1500, Duration: 5200 * time.Millisecond, FalseAlarmsFuzz: 2, Rows: []row{
		{Fault: "z-fault", Class: "bound", Run: true, Fuzz: true, RunTime: 90 * time.Millisecond, FuzzTime: 68 * time.Millisecond},
		{Fault: "a-fault", Class: "pattern", Run: true, RunTime: 110 * time.Millisecond},
		{Fault: "b-fault", Class: "bound", Fuzz: true, FuzzTime: 1500 * time.Millisecond},
	}}
	out := render(s)
	for _, want := range []string{
		"**2/3 caught by `plumb run`, 2/3 by `plumb fuzz` (seed 1, at most 1500 cases), 0 false alarms from `plumb run`, 2 from `plumb fuzz`**",
		"in about 5.2 s",
		"median 110 ms per fault",
		"| `b-fault` | bound | missed | caught (1.5 s) |\n| `z-fault` | bound | caught | caught (68 ms) |\n| `a-fault` | pattern | caught | missed |\n",
	} {
		if !strings.Contains(oneLine(out), oneLine(want)) {
			t.Errorf("render lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") && len([]rune(line)) > 100 {
			t.Errorf("line longer than 100 columns: %q", line)
		}
	}

	readme := "# x\n\nbefore\n" + beginMarker + "\nold\n" + endMarker + "\nafter\n"
	got, err := replaceSection(readme, out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# x\n\nbefore\n" + beginMarker + "\n" + strings.TrimSpace(out) + "\n" + endMarker + "\nafter\n"; got != want {
		t.Errorf("replaceSection:\n%s\nwant\n%s", got, want)
	}
	if again, _ := replaceSection(got, out); again != got {
		t.Error("replacing twice changes the README")
	}
	if _, err := replaceSection("no markers", out); err == nil {
		t.Error("a README without markers: no error")
	}
}

func TestReadReport(t *testing.T) {
	in := `{"engine":"selftest","duration_ns":5000000000,"seed":3,"score":{"rows":[` +
		`{"fault":"f","class":"c","caught_by_run":true,"caught_by_fuzz":false,"run_time_ns":1000000,"fuzz_time_ns":0}],` +
		`"false_alarms_run":0,"false_alarms_fuzz":1}}`
	s, err := readReport(strings.NewReader(in), 99)
	if err != nil {
		t.Fatal(err)
	}
	want := score{Rows: []row{{Fault: "f", Class: "c", Run: true, RunTime: time.Millisecond}}, FalseAlarmsFuzz: 1,
		Seed: 3, Budget: 99, Duration: 5 * time.Second}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("readReport = %+v, want %+v", s, want)
	}
	if _, err := readReport(strings.NewReader(`{"engine":"run"}`), 1); err == nil {
		t.Error("a report without a score: no error")
	}
}
