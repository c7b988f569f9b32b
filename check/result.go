package check

// Status is a check's outcome.
type Status string

const (
	Pass Status = "passed"
	Fail Status = "failed"
	Skip Status = "skipped" // not applicable to this exchange
)

// Result is one check's verdict on one exchange.
type Result struct {
	Check   Name
	Status  Status
	Message string // for failures: what was expected and what came, naming member and rule
	// The rule a negative/positive data check was about (copied from Expect), and for schema
	// failures the response member and keyword at fault.
	Path    string
	Keyword string
}

// Failed reports whether any result failed.
func Failed(rs []Result) bool {
	for _, r := range rs {
		if r.Status == Fail {
			return true
		}
	}
	return false
}

// Failures returns the failed results.
func Failures(rs []Result) []Result {
	var out []Result
	for _, r := range rs {
		if r.Status == Fail {
			out = append(out, r)
		}
	}
	return out
}
