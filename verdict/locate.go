package verdict

import (
	"cmp"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
)

// locate says where the spec states what each root cause breaks, so that a report can point at
// the line (SARIF, code scanning): the constraint its example broke — the request rule an input
// check's input broke, or the response member and keyword a schema failure names — at the line of
// its keyword, else the operation's line. It also fills each root cause's help text.
func locate(rcs []report.RootCause, set *specs.Set) {
	for i := range rcs {
		rc := &rcs[i]
		rc.Help = check.Description(check.Name(rc.Check))
		if set == nil {
			continue
		}
		op := set.Operation(rc.Operation)
		if op == nil {
			continue // plumb's own error: no operation, no line
		}
		rc.Constraint = constraintOf(op, rc)
		if file, line, ok := set.Location(cmp.Or(rc.Constraint, op.ID)); ok {
			rc.SpecFile, rc.SpecLine = file, line
		}
	}
}

// constraintOf is the id of the constraint rc's example broke, or "".
func constraintOf(op *specs.Operation, rc *report.RootCause) string {
	in, path, keyword := "request", jsonpath.Generic(rc.Example.Path), rc.Example.Rule
	if keyword == "" && rc.Check == string(check.ResponseSchema) {
		status, p, kw, ok := check.SchemaCause(rc.Cause)
		if !ok || status != op.Success() { // an error body's schema states no constraint of the list
			return ""
		}
		in, path, keyword = "response", p, kw
	}
	if keyword == "" {
		return ""
	}
	for _, c := range op.Constraints() {
		if c.In == in && c.Path == path && c.Keyword == keyword {
			return c.ID
		}
	}
	return ""
}
