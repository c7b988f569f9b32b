package check

import (
	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Which constraints of the spec one judged exchange exercised, and which it broke: the one
// reading both drivers aggregate into their constraint tables (plumb run per scenario, plumb
// fuzz per case), so that "exercised" means the same in every report.

// Touch is one constraint an exchange exercised (an index into op.Constraints()), and whether
// the exchange broke it.
type Touch struct {
	Index  int
	Broken bool
}

// Touched lists the constraints of op that the exchange ex, sent with expectation exp and judged
// as rs (Engine.Check's results), exercised:
//   - the request rule exp names (an invalid case's path and keyword, or a protocol rule),
//     broken when a check about the request's handling failed (a failure of the response's
//     form alone, its media type or body schema, breaks the response rules instead);
//   - on a success answer, every response rule: the status rule broken when the status check
//     failed, a member rule when the schema check named that member and keyword;
//   - on an error answer of a documented type, that error: broken when the error-type check
//     failed.
func Touched(op *specs.Operation, exp Expect, ex target.Exchange, rs []Result) []Touch {
	var out []Touch
	cs := op.Constraints()
	if exp.Keyword != "" {
		path := jsonpath.Generic(exp.Path)
		for i, c := range cs {
			if c.In == "request" && c.Path == path && c.Keyword == exp.Keyword {
				out = append(out, Touch{Index: i, Broken: requestMishandled(rs)})
				break
			}
		}
	}
	resp := ex.Response
	if resp == nil {
		return out
	}
	switch {
	case resp.Status == op.Success():
		var bad []string // "path keyword" of every schema failure
		for _, r := range rs {
			if r.Check == ResponseSchema && r.Status == Fail {
				bad = append(bad, jsonpath.Generic(r.Path)+" "+r.Keyword)
			}
		}
		for i, c := range cs {
			if c.In != "response" {
				continue
			}
			broken := c.Keyword == "status" && failed(rs, StatusCode)
			for _, b := range bad {
				broken = broken || (c.Path != "" && b == c.Path+" "+c.Keyword)
			}
			out = append(out, Touch{Index: i, Broken: broken})
		}
	case resp.Status >= 400:
		name := protocol.ErrorType(op.Protocol(), resp.Header, resp.Body).Name
		for i, c := range cs {
			if c.In == "error" && c.Error == name {
				out = append(out, Touch{Index: i, Broken: failed(rs, ErrorType)})
			}
		}
	}
	return out
}

// requestMishandled reports whether a check about how the target handled the request failed:
// every check but those judging the response's form alone.
func requestMishandled(rs []Result) bool {
	for _, r := range rs {
		if r.Status == Fail && r.Check != ResponseSchema && r.Check != ContentType {
			return true
		}
	}
	return false
}

func failed(rs []Result, n Name) bool {
	for _, r := range rs {
		if r.Check == n && r.Status == Fail {
			return true
		}
	}
	return false
}
