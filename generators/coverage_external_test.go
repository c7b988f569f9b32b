package generators_test

import (
	"reflect"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/plumbhq/plumb/generators"
)

// pairsOf draws n Invalid cases with fixed seeds and returns the (path, keyword) pairs seen.
func pairsOf(s subject, n int) map[[2]string]bool {
	gen := generators.Invalid(s.schema, s.opts())
	seen := map[[2]string]bool{}
	for i := 0; i < n; i++ {
		c := gen.Example(i)
		seen[[2]string{c.Path, c.Keyword}] = true
	}
	return seen
}

// Every documented request constraint of every operation is broken by some Invalid draw.
func TestInvalidCoversEveryRequestConstraint(t *testing.T) {
	for _, op := range loadSet(t).Operations() {
		s := subject{op.ID, op.Input, op.Rules}
		seen := pairsOf(s, 600)
		for _, c := range op.Constraints() {
			if c.In != "request" || c.Path == "" {
				continue // json, contentType, target: protocol constraints, not members
			}
			if !seen[[2]string{c.Path, c.Keyword}] {
				t.Errorf("%s: no Invalid case for %s %s (saw %v)", op.ID, c.Path, c.Keyword, sortedPairs(seen))
			}
		}
	}
}

func TestInvalidPairsForStartConnection(t *testing.T) {
	op := loadSet(t).Operation("StartConnection")
	seen := pairsOf(subject{op.ID, op.Input, op.Rules}, 600)
	want := map[string][]string{
		"$.AssetId":                     {"minLength", "maxLength", "pattern", "type", "required"},
		"$.ClientPublicKey":             {"minLength", "maxLength", "pattern", "type", "required"},
		"$.NetworkInterfaceDeviceIndex": {"minimum", "maximum", "type", "required"},
		"$.DeviceSerialNumber":          {"minLength", "maxLength", "pattern", "type"},
	}
	var wantPairs [][2]string
	for p, kws := range want {
		for _, kw := range kws {
			wantPairs = append(wantPairs, [2]string{p, kw})
		}
	}
	sort.Slice(wantPairs, func(i, j int) bool { return less(wantPairs[i], wantPairs[j]) })
	if got := sortedPairs(seen); !reflect.DeepEqual(got, wantPairs) {
		t.Fatalf("pairs:\n got %v\nwant %v", got, wantPairs)
	}
}

// Null for an optional member is legal (AWS reads it as absent): it may appear around a case's
// broken rule, but is never the rule a case claims to break.
func TestInvalidNeverBlamesANullOptionalMember(t *testing.T) {
	op := loadSet(t).Operation("StartConnection")
	gen := generators.Invalid(op.Input, generators.Options{})
	nulls := 0
	for i := 0; i < 300; i++ {
		c := gen.Example(i)
		m, _ := c.Value.(map[string]any)
		if v, ok := m["DeviceSerialNumber"]; ok && v == nil {
			nulls++
			if c.Path == "$.DeviceSerialNumber" {
				t.Fatalf("case blames a null optional member: %+v", c)
			}
		}
	}
	if nulls == 0 {
		t.Fatal("no case sent the optional DeviceSerialNumber as null; valid surroundings should sometimes")
	}
}

func TestBoundaryHitsLengthAndCountBoundsExactly(t *testing.T) {
	set := loadSet(t)
	type want struct {
		op, member string
		length     int
		valid      bool
	}
	for _, w := range []want{
		{"StartConnection", "AssetId", 100, true},
		{"StartConnection", "AssetId", 101, false},
		{"StartConnection", "ClientPublicKey", 44, true},
		{"GetConnection", "ConnectionId", 1024, true},
		{"GetConnection", "ConnectionId", 1025, false},
	} {
		op := set.Operation(w.op)
		found := false
		for _, c := range generators.Boundary(op.Input, generators.Options{Rules: op.Rules}) {
			m, _ := c.Value.(map[string]any)
			s, ok := m[w.member].(string)
			if ok && c.Path == "$."+w.member && c.Valid == w.valid && utf8.RuneCountInString(s) == w.length {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no Boundary case with %s of length %d (valid %v)", w.op, w.member, w.length, w.valid)
		}
	}
	op := set.Operation("CreateConnection")
	counts := map[int]bool{}
	for _, c := range generators.Boundary(op.Input, generators.Options{Rules: op.Rules}) {
		if c.Path == "$.tags" && c.Keyword == "maxItems" {
			tags, _ := c.Value.(map[string]any)["tags"].([]any)
			counts[len(tags)] = c.Valid
		}
	}
	if v, ok := counts[50]; !ok || !v {
		t.Errorf("no valid 50-tag case: %v", counts)
	}
	if v, ok := counts[51]; !ok || v {
		t.Errorf("no invalid 51-tag case: %v", counts)
	}
}

// The pattern of tag keys allows \p{L}, \p{Z}, \p{N}: valid values must use them.
func TestValidDrawsUnicodeForUnicodeClasses(t *testing.T) {
	op := loadSet(t).Operation("CreateConnection")
	gen := generators.Valid(op.Input, generators.Options{Rules: op.Rules})
	for i := 0; i < 100; i++ {
		tags, _ := gen.Example(i).(map[string]any)["tags"].([]any)
		for _, tag := range tags {
			k, _ := tag.(map[string]any)["key"].(string)
			if utf8.RuneCountInString(k) != len(k) {
				return
			}
		}
	}
	t.Fatal("no tag key with a non-ASCII character in 100 draws")
}

func TestSameSeedSameValues(t *testing.T) {
	for _, s := range subjects(t) {
		valid, invalid := generators.Valid(s.schema, s.opts()), generators.Invalid(s.schema, s.opts())
		for seed := 0; seed < 20; seed++ {
			if a, b := valid.Example(seed), valid.Example(seed); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: Valid seed %d: %v then %v", s.name, seed, a, b)
			}
			if a, b := invalid.Example(seed), invalid.Example(seed); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: Invalid seed %d: %v then %v", s.name, seed, a, b)
			}
		}
		if a, b := generators.Boundary(s.schema, s.opts()), generators.Boundary(s.schema, s.opts()); !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: Boundary differs between calls", s.name)
		}
	}
}

func sortedPairs(m map[[2]string]bool) [][2]string {
	out := make([][2]string, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

func less(a, b [2]string) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}
