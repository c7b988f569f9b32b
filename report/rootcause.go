package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// maxRules bounds how many request rules a root cause lists.
const maxRules = 20

// RootCauseID is a root cause's stable identity: the same operation, check and cause give the
// same id in every run, whatever the seed or the inputs (a baseline can rely on it).
func RootCauseID(operation, check, cause string) string {
	sum := sha256.Sum256([]byte(operation + "\x00" + check + "\x00" + cause))
	return hex.EncodeToString(sum[:6])
}

// GroupRootCauses folds findings into root causes: errors first, then by how many failures each
// explains, most first. A finding without a cause is its own cause (its message's first line).
func GroupRootCauses(findings []Finding) []RootCause {
	type key struct{ op, check, cause, severity string }
	by := map[key]*RootCause{}
	rules := map[key]map[string]bool{}
	var order []key
	for _, f := range findings {
		cause := f.Cause
		if cause == "" {
			cause, _, _ = strings.Cut(f.Message, "\n")
		}
		sev := "error"
		if f.IsWarning() {
			sev = SeverityWarning
		}
		k := key{f.Operation, f.Check, cause, sev}
		rc := by[k]
		if rc == nil {
			rc = &RootCause{ID: RootCauseID(f.Operation, f.Check, cause), Operation: f.Operation,
				Check: f.Check, Cause: cause, Severity: sev, Example: f}
			by[k], rules[k] = rc, map[string]bool{}
			order = append(order, k)
		}
		rc.Count += max(1, f.Count)
		if r := strings.TrimSpace(f.Path + " " + f.Rule); r != "" {
			rules[k][r] = true
		}
	}
	out := make([]RootCause, 0, len(order))
	for _, k := range order {
		rc := by[k]
		rs := make([]string, 0, len(rules[k]))
		for r := range rules[k] {
			rs = append(rs, r)
		}
		slices.Sort(rs)
		if len(rs) > maxRules {
			rs = append(rs[:maxRules], "…")
		}
		if len(rs) > 0 {
			rc.Rules = rs
		}
		out = append(out, *rc)
	}
	slices.SortStableFunc(out, func(a, b RootCause) int {
		return cmp.Or(cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)), cmp.Compare(b.Count, a.Count),
			cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Cause, b.Cause))
	})
	return out
}

func severityRank(s string) int {
	if s == SeverityWarning {
		return 1
	}
	return 0
}
