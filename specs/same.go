package specs

import (
	"encoding/json"
	"reflect"
)

// SameContract reports whether o and p state the same contract: the same binding, constraints,
// documented errors, rules, flow, opaque members and example input, whatever their sources say.
// plumb's own feature files are written against its embedded specs; they run for a brought
// spec's operation only when it states the same contract (conformance), else the operation's
// scenarios are generated from the brought spec.
func (o *Operation) SameContract(p *Operation) bool {
	if o == nil || p == nil {
		return o == p
	}
	return reflect.DeepEqual(o.contract(), p.contract())
}

// contract is the operation's facts as JSON values, every "source" left out.
func (o *Operation) contract() any {
	cs := make([]Constraint, len(o.constraints))
	copy(cs, o.constraints)
	for i := range cs {
		cs[i].Source = ""
	}
	b, err := json.Marshal(map[string]any{
		"binding":     []any{o.Method, o.Path, o.Target, o.ContentType, o.SuccessStatus},
		"constraints": cs, "errors": o.Errors, "rules": o.Rules, "created": o.Created,
		"opaque": o.Opaque, "example": o.example, "validationUnknown": o.ValidationUnknown != "",
	})
	if err != nil {
		return err.Error()
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err.Error()
	}
	return withoutSources(v)
}

func withoutSources(v any) any {
	switch t := v.(type) {
	case map[string]any:
		delete(t, "source")
		for k, x := range t {
			t[k] = withoutSources(x)
		}
	case []any:
		for i, x := range t {
			t[i] = withoutSources(x)
		}
	}
	return v
}
