package derive

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Small builders of yaml.Node trees: the spec is written key by key, so its order is stable
// and reads like the hand-written specs (openapi, info, servers, paths, components).

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		set(n, kv[i].(string), kv[i+1])
	}
	return n
}

// set appends key: v to mapping n; a nil v (or nil node, or empty list) is left out.
func set(n *yaml.Node, key string, v any) {
	vn := node(v)
	if vn == nil {
		return
	}
	n.Content = append(n.Content, scalar(key, "!!str"), vn)
}

func scalar(v, tag string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }

func node(v any) *yaml.Node {
	switch t := v.(type) {
	case nil:
		return nil
	case *yaml.Node:
		return t
	case string:
		return scalar(t, "!!str")
	case int:
		return scalar(strconv.Itoa(t), "!!int")
	case float64:
		if t == float64(int64(t)) {
			return scalar(strconv.FormatInt(int64(t), 10), "!!int")
		}
		return scalar(strconv.FormatFloat(t, 'g', -1, 64), "!!float")
	case *float64:
		if t == nil {
			return nil
		}
		return node(*t)
	case bool:
		return scalar(strconv.FormatBool(t), "!!bool")
	case []string:
		if len(t) == 0 {
			return nil
		}
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range t {
			n.Content = append(n.Content, scalar(s, "!!str"))
		}
		return n
	case []*yaml.Node:
		if len(t) == 0 {
			return nil
		}
		return &yaml.Node{Kind: yaml.SequenceNode, Content: t}
	}
	panic(fmt.Sprintf("derive: no YAML for %T", v))
}
