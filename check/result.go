package check

// Status is a check's outcome.
type Status string

const (
	Pass Status = "passed"
	Fail Status = "failed"
	Skip Status = "skipped" // not applicable to this exchange
	// Warn: the target broke a protocol habit that the documents do not promise (rejecting a
	// request media type other than the one clients send, say). Shown with its reason; it fails
	// nothing unless Options.Strict, under which the engine reports Fail instead.
	Warn Status = "warning"
	// Inconclusive: the target answered before it judged the input (an authentication,
	// authorization, throttling, unknown-operation or no-route answer), so the exchange is no
	// evidence either way about the operation.
	Inconclusive Status = "inconclusive"
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
	// Causes name what the target did wrong on the response side, in words that do not depend
	// on the input that provoked it ("200 with Content-Type text/html", "$.createdAt type",
	// "accepted with 200"): a failure's root cause is (operation, check, cause). A failure
	// always has at least one cause; a response breaking two schema rules has two.
	Causes []string
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

// Refused returns the cause when the exchange was refused before the target judged the input
// (every check Inconclusive), and "" otherwise.
func Refused(rs []Result) string {
	for _, r := range rs {
		if r.Status == Inconclusive && len(r.Causes) > 0 {
			return r.Causes[0]
		}
	}
	return ""
}
