package check

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/plumbhq/plumb/specs"
)

// FuzzTopMembers: the hand-rolled scan of a create's body reads the same members as
// encoding/json does, on any input (go test -fuzz FuzzTopMembers ./check/).
func FuzzTopMembers(f *testing.F) {
	for _, s := range []string{
		`{"connectionId":"a","connectionState":"requested"}`,
		` { "x" : {"y":["}",{"z":"\"{["}]}, "connectionId" : "b" , "n":-1e3,"t":true,"f":false,"z":null} `,
		`{"conn\u0065ctionId":"c","connectionId":"d"}`,
		`{"connectionState":{"a":1}}`, `[]`, `"s"`, `{}`, `{"a":`, `{"connectionId":"\\"}`,
	} {
		f.Add([]byte(s))
	}
	c := &specs.Created{ID: &specs.CreatedID{Member: "$.connectionId"}, Initial: []specs.InitialValue{{Member: "$.connectionState"}}}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := topMembers(body, c)
		var ref map[string]json.RawMessage
		refOK := json.Unmarshal(body, &ref) == nil && ref != nil
		if ok != refOK {
			t.Fatalf("%q: scanned ok=%v, encoding/json ok=%v", body, ok, refOK)
		}
		if !ok {
			return
		}
		for _, k := range []string{"connectionId", "connectionState"} {
			var a, b any
			ra, ina := got[k]
			rb, inb := ref[k]
			if ina != inb {
				t.Fatalf("%q: member %s present=%v, encoding/json says %v", body, k, ina, inb)
			}
			if ina && (json.Unmarshal(ra, &a) != nil || json.Unmarshal(rb, &b) != nil || !reflect.DeepEqual(a, b)) {
				t.Fatalf("%q: member %s is %s, encoding/json says %s", body, k, ra, rb)
			}
		}
	})
}
