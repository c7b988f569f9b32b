package derive

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// The flows the model makes evident: a create (its name starts with Create, Start, Put or
// Allocate) whose output has a string member <x>Id that a Get or Describe operation takes as
// input and answers with the resource. Evident means: <x> is in the create's name, and one
// read is named for it (Get<X>, Describe<X>s or Describe<X>): anything less is left undeclared.

var createVerbs = []string{"Create", "Start", "Put", "Allocate"}

// statedFlow is the flow a source states for op (Operation.Created), without its read when the
// read operation is not among those written (the loader would refuse a read of nothing).
func (w *writer) statedFlow(op *Operation) *yaml.Node {
	if op.Created == nil {
		return nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(op.Created.Content); i += 2 {
		k, v := op.Created.Content[i], op.Created.Content[i+1]
		if k.Value == "read" {
			read := ""
			for j := 0; j+1 < len(v.Content); j += 2 {
				if v.Content[j].Value == "operation" {
					read = v.Content[j+1].Value
				}
			}
			if !slices.ContainsFunc(w.ops, func(o *Operation) bool { return o.Name == read }) {
				w.warn("%s: the stated flow's read %s is not among the operations written: left out", op.Name, read)
				continue
			}
		}
		n.Content = append(n.Content, k, v)
	}
	return n
}

func (w *writer) flow(op *Operation) *yaml.Node {
	if !slices.ContainsFunc(createVerbs, func(v string) bool { return strings.HasPrefix(op.Name, v) }) {
		return nil
	}
	out := w.m.Shapes[op.Output]
	if out == nil || out.Type != "structure" {
		return nil
	}
	var found []*yaml.Node
	for _, idm := range out.Members {
		if idm.Location != "" || !strings.HasSuffix(idm.Name, "Id") || len(idm.Name) < 3 {
			continue
		}
		if t := w.m.Shapes[idm.Target]; t == nil || (t.Type != "string" && t.Type != "enum") {
			continue
		}
		x := upperFirst(strings.TrimSuffix(idm.Name, "Id"))
		if !strings.Contains(op.Name, x) {
			continue
		}
		if n := w.readFlow(op, out, idm, x); n != nil {
			found = append(found, n)
		}
	}
	if len(found) != 1 {
		return nil // none, or several: not evident
	}
	return found[0]
}

func (w *writer) readFlow(op *Operation, out *Shape, idm *Member, x string) *yaml.Node {
	names := []string{"Get" + x, "Describe" + x + "s", "Describe" + x}
	var read *Operation
	for _, r := range w.ops {
		if slices.Contains(names, r.Name) {
			read = r
			break
		}
	}
	if read == nil {
		return nil
	}
	in, rout := w.m.Shapes[read.Input], w.m.Shapes[read.Output]
	if in == nil || rout == nil {
		return nil
	}
	var inMember *Member
	for _, mb := range in.Members {
		if strings.EqualFold(mb.Name, idm.Name) {
			inMember = mb
		} else if mb.Required {
			return nil // the read needs more than the id
		}
	}
	if inMember == nil {
		return nil
	}
	inName := inMember.WireName()
	if inMember.Location == "uri" {
		inName = cmpOr(inMember.LocationName, inMember.Name)
	}
	if inMember.Location == "querystring" || inMember.Location == "header" {
		return nil // plumb's flows fill body members and path labels
	}
	// Where the read's answer holds the resource: its top level, or a list of structures.
	resource, resShape, resPath := (*Shape)(nil), "$", ""
	if member(rout, idm.Name) != nil {
		resource, resPath = rout, "$"
	} else {
		for _, mb := range rout.Members {
			lt := w.m.Shapes[mb.Target]
			if mb.Location != "" || lt == nil || lt.Type != "list" || lt.Member == nil {
				continue
			}
			if it := w.m.Shapes[lt.Member.Target]; it != nil && member(it, idm.Name) != nil {
				resource, resPath = it, "$."+mb.WireName()+"[*]"
				break
			}
		}
	}
	if resource == nil {
		return nil
	}
	_ = resShape
	rid := member(resource, idm.Name)
	cin := w.m.Shapes[op.Input]
	var echo []*yaml.Node
	if cin != nil {
		for _, cm := range cin.Members {
			rm := member(resource, cm.Name)
			if cm.Location != "" || rm == nil || rm.Target != cm.Target || rm.Location != "" {
				continue
			}
			if strings.EqualFold(cm.Name, idm.Name) {
				continue // the create takes another resource's id by that name (a hosted connection's parent): the new one's id differs
			}
			if _, why := w.memberSchema(cm, cin, true); why != "" {
				continue
			}
			echo = append(echo, mapping(
				"request", "$."+cm.WireName(),
				"response", "$."+rm.WireName(),
				"source", w.src(fmt.Sprintf("%s and %s both target %s: the read returns what the create was given", cm.Where, rm.Where, cm.Target))))
		}
	}
	src := w.src(fmt.Sprintf("%s is a create (its name starts with %s) whose output %s has %s; %s takes %s (%s) and answers with the resource at %s (%s)",
		op.Name, verbOf(op.Name), out.Name, idm.Name, read.Name, idm.Name, inMember.Where, resPath, rid.Where))
	readNode := mapping(
		"operation", read.Name,
		"input", "$."+inName,
	)
	if resPath != "$" {
		set(readNode, "resource", resPath)
	}
	set(readNode, "id", "$."+rid.WireName())
	set(readNode, "echo", echo)
	set(readNode, "source", src+". No answer for an id nobody created is derived.")
	return mapping(
		"source", src+"; every successful create makes a new one (derived from the name: plumb derive's flow rule)",
		"id", mapping("member", "$."+idm.WireName(), "source", w.src(idm.Where)+": the id of what the create made"),
		"read", readNode,
	)
}

func member(s *Shape, name string) *Member {
	for _, mb := range s.Members {
		if mb.Name == name {
			return mb
		}
	}
	return nil
}

func verbOf(name string) string {
	for _, v := range createVerbs {
		if strings.HasPrefix(name, v) {
			return v
		}
	}
	return ""
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// rules are the x-plumb-rules the model makes evident on member mb of parent: a list of
// key/value structures in an input whose operation documents DuplicateTagKeysException must
// have unique keys. Only on a structure one operation takes as its input (a rule names an
// error of that operation).
func (w *writer) rules(mb *Member, t *Shape, parent *Shape) *yaml.Node {
	evident := w.evidentRules(mb, t, parent)
	var stated []*yaml.Node
	for _, r := range mb.Rules {
		n := mapping("rule", r.Kind)
		if r.Kind == "uniqueKeys" {
			set(n, "key", r.Key)
		} else {
			set(n, "value", r.Value)
		}
		set(n, "error", r.Error)
		set(n, "source", w.src(r.Source))
		stated = append(stated, n)
	}
	if len(stated) == 0 {
		return evident
	}
	if evident != nil {
		stated = append(evident.Content, stated...)
	}
	return node(stated)
}

func (w *writer) evidentRules(mb *Member, t *Shape, parent *Shape) *yaml.Node {
	if t.Type != "list" || t.Member == nil {
		return nil
	}
	var owner *Operation
	for _, op := range w.ops {
		if op.Input == parent.Name {
			if owner != nil {
				return nil
			}
			owner = op
		}
	}
	if owner == nil {
		return nil
	}
	it := w.m.Shapes[t.Member.Target]
	if it == nil || it.Type != "structure" {
		return nil
	}
	key := member(it, "key")
	if key == nil {
		key = member(it, "Key")
	}
	if key == nil {
		return nil
	}
	for _, e := range owner.Errors {
		code := e
		if s := w.m.Shapes[e]; s != nil && s.Error != nil {
			code = s.Error.Code
		}
		if strings.Contains(code, "Duplicate") && strings.Contains(code, "Key") {
			r := mapping("rule", "uniqueKeys", "key", key.WireName(), "error", code,
				"source", w.src(fmt.Sprintf("%s.errors lists %s; %s is a list of %s keyed by %s", owner.Where, e, mb.Where, it.Name, key.Name)))
			return node([]*yaml.Node{r})
		}
	}
	return nil
}
