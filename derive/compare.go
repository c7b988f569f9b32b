package derive

// Diff is one constraint two sources disagree on.
type Diff struct{}

// Compare is not written yet.
func Compare(a, b string, ops []string) ([]Diff, error) { return nil, nil }

// FormatDiffs renders diffs.
func FormatDiffs(a, b string, d []Diff) string { return "" }
