package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/steps"
)

// protocol writes the scenarios of the wire protocol's request rules, as the hand-written
// features test them: a body that is not one JSON object (json), a body without the
// protocol's media type (contentType), a wrong or missing X-Amz-Target (target).
func (g *gen) protocol() []scenario {
	op := g.op
	var out []scenario
	rejected := func(keyword string) []string {
		return []string{fmt.Sprintf("the request is rejected for breaking %q", keyword)}
	}
	send := []string{"I send the request"}
	if c, ok := op.Find("request", "", "json"); ok {
		body := toJSON(g.bodyMembers())
		out = append(out, scenario{
			tags:  []string{"@" + c.ID},
			name:  "A body that is not one JSON object is rejected (<what>)",
			given: []string{"the body is: <body>"}, when: send, then: rejected("json"),
			cols: []string{"what", "body"},
			rows: [][]string{
				{"truncated", body[:len(body)-1]},
				{"trailing garbage", body + " x"},
				{"not JSON", "plumb=1"},
				{"a JSON array", "[]"},
				{"a JSON string", `"plumb"`},
			},
		})
		if req := g.requiredBodyMembers(); len(req) > 0 {
			out = append(out, scenario{
				tags:  append([]string{"@" + c.ID}, req...),
				name:  "An empty body is rejected",
				given: []string{"the body is empty"}, when: send, then: rejected("json"),
			})
		}
		if g.outcome.verb == "is accepted" {
			out = append(out, scenario{
				tags:  []string{steps.CreatesTag, "@" + c.ID},
				name:  "Members the operation does not know are ignored",
				given: []string{`the member "plumbUnknownMember" is set to "ignored"`}, when: send,
				then: slices.Clone(g.outcome.then),
			})
		}
	}
	if c, ok := op.Find("request", "", "contentType"); ok {
		wrong := []string{"text/plain", "application/x-www-form-urlencoded", "application/xml"}
		if op.Protocol().IsAWSJSON() {
			wrong = []string{"application/json", "text/plain"}
			for _, p := range specs.Protocols {
				if p.IsAWSJSON() && p.MediaType() != op.ContentType {
					wrong = append(wrong, p.MediaType())
				}
			}
		}
		rows := make([][]string, len(wrong))
		for i, w := range wrong {
			rows[i] = []string{w}
		}
		out = append(out, scenario{
			tags:  []string{"@" + c.ID},
			name:  fmt.Sprintf("A body without the %s media type is rejected (<content type>)", op.Protocol()),
			given: []string{`the header "Content-Type" is "<content type>"`}, when: send, then: rejected("contentType"),
			cols: []string{"content type"}, rows: rows,
		}, scenario{
			tags:  []string{"@" + c.ID},
			name:  "A body without a Content-Type is rejected",
			given: []string{`the header "Content-Type" is removed`}, when: send, then: rejected("contentType"),
		})
		if !op.Protocol().IsAWSJSON() && g.outcome.verb == "is accepted" {
			out = append(out, scenario{
				tags:  []string{steps.CreatesTag, "@" + c.ID},
				name:  "Media-type parameters and case do not matter (<content type>)",
				given: []string{`the header "Content-Type" is "<content type>"`}, when: send,
				then: slices.Clone(g.outcome.then),
				cols: []string{"content type"},
				rows: [][]string{{op.ContentType + "; charset=utf-8"}, {strings.ToUpper(op.ContentType[:1]) + op.ContentType[1:]}},
			})
		}
	}
	if c, ok := op.Find("request", "", "target"); ok {
		prefix, name, _ := strings.Cut(op.Target, ".")
		out = append(out, scenario{
			tags:  []string{"@" + c.ID},
			name:  fmt.Sprintf("A wrong X-Amz-Target is rejected, never served as %s (<target>)", op.ID),
			given: []string{`the header "X-Amz-Target" is "<target>"`}, when: send, then: rejected("target"),
			cols: []string{"target"},
			rows: [][]string{{op.Target + "X"}, {strings.ToLower(op.Target)}, {name}, {prefix + "."}},
		}, scenario{
			tags:  []string{"@" + c.ID},
			name:  "A missing X-Amz-Target is rejected",
			given: []string{`the header "X-Amz-Target" is removed`}, when: send, then: rejected("target"),
		})
	}
	return out
}

// bodyMembers is the base input's part that travels in the body.
func (g *gen) bodyMembers() map[string]any {
	out := map[string]any{}
	for k, v := range g.base {
		if !g.op.Bound(k) {
			out[k] = v
		}
	}
	return out
}

// requiredBodyMembers are the tags of the required constraints an empty body breaks.
func (g *gen) requiredBodyMembers() []string {
	var out []string
	for _, c := range g.op.Constraints() {
		if c.In == "request" && c.Keyword == "required" && strings.Count(c.Path, ".") == 1 &&
			!g.op.Bound(strings.TrimPrefix(c.Path, "$.")) {
			out = append(out, "@"+c.ID)
		}
	}
	return out
}

// errors writes, for each documented error a member rule's breach earns, a scenario that
// provokes it and judges its type, status and message the protocol's way. Errors no input can
// provoke (a server fault, a permission) are left to the run's observed errors.
func (g *gen) errors() []scenario {
	op := g.op
	var out []scenario
	for _, e := range op.Errors {
		if g.outcome.verb == "is not found" && e.Status == 404 {
			continue // the valid request provokes it
		}
		r, c, ok := g.provoking(e.Type)
		if !ok {
			continue
		}
		sc := scenario{
			tags: []string{"@" + c.ID, "@" + op.ID + ".error." + e.Type},
			name: fmt.Sprintf("%s names its type, status and message the %s way", e.Type, op.Protocol()),
			when: []string{"I send the request"},
			then: []string{fmt.Sprintf("the error type is %q with status %d", e.Type, e.Status)},
		}
		for i, ch := range r.changes {
			sc.given = append(sc.given, memberStep(ch.path, r.tails[i]))
		}
		out = append(out, sc)
	}
	return out
}

// provoking finds the first boundary case breaking a member rule whose breach earns typ.
func (g *gen) provoking(typ string) (expressed, specs.Constraint, bool) {
	for _, c := range g.op.Constraints() {
		if c.In != "request" || c.Error != typ || g.isProtocol(c.Path, c.Keyword) || c.Path == "" {
			continue
		}
		for _, k := range g.cases() {
			if k.Valid || k.Path != c.Path || k.Keyword != c.Keyword {
				continue
			}
			e, ok := express(g.op, g.base, k)
			if ok && len(e.breaks) == 1 && e.breaks[breach{c.Path, c.Keyword}] {
				return e, c, true
			}
		}
	}
	return expressed{}, specs.Constraint{}, false
}
