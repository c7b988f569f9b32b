package specs_test

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/jsonpath"
	"github.com/plumbhq/plumb/specs"
)

func load(t *testing.T) *specs.Set {
	t.Helper()
	set, err := specs.Load()
	require.NoError(t, err)
	return set
}

func TestLoadModelsTheThreeOperations(t *testing.T) {
	set := load(t)
	var ids []string
	for _, op := range set.Operations() {
		ids = append(ids, op.ID)
	}
	assert.ElementsMatch(t, []string{"StartConnection", "GetConnection", "CreateConnection", "DescribeConnections"}, ids)

	start := set.Operation("StartConnection")
	assert.Equal(t, specs.RestJSON1, start.Protocol())
	assert.Equal(t, "POST", start.Method)
	assert.Equal(t, "/connections", start.Path)
	assert.Equal(t, "application/json", start.ContentType)
	assert.ElementsMatch(t, []string{"AssetId", "ClientPublicKey", "NetworkInterfaceDeviceIndex"}, start.Input.Required,
		"DeviceSerialNumber is optional, as aws-protocols.md rules")
	assert.Equal(t, []int{200, 400, 403, 404, 500}, start.Statuses())

	get := set.Operation("GetConnection")
	assert.Equal(t, "GET", get.Method)
	assert.Equal(t, []string{"ConnectionId"}, get.PathMembers())
	assert.Equal(t, []string{"ConnectionId"}, get.Input.Required)
	assert.Empty(t, get.ContentType, "GetConnection has no body")

	create := set.Operation("CreateConnection")
	assert.Equal(t, specs.AWSJSON11, create.Protocol())
	assert.Equal(t, "OvertureService.CreateConnection", create.Target)
	assert.Equal(t, "application/x-amz-json-1.1", create.ContentType)
	assert.Equal(t, "application/x-amz-json-1.1", create.OutputContentType)
	assert.Equal(t, "DirectConnectClientException", create.ClientError().Type)
	require.Len(t, create.Rules, 2)
	e, ok := create.Error("TooManyTagsException")
	require.True(t, ok)
	assert.Equal(t, 400, e.Status)
	assert.Equal(t, "directconnect", create.Service.SigningName)
}

// Every property of every schema says where it comes from.
func TestEverySchemaPropertyCitesItsSource(t *testing.T) {
	set := load(t)
	for _, svc := range set.Services {
		for name, ref := range svc.Doc.Components.Schemas {
			requireSourced(t, svc.File+" "+name, ref.Value)
		}
	}
}

func requireSourced(t *testing.T, where string, s *openapi3.Schema) {
	t.Helper()
	if _, ok := s.Extensions["x-source"]; !ok {
		t.Errorf("%s has no x-source", where)
	}
	for n, p := range s.Properties {
		if p.Ref != "" {
			continue // the referenced component carries its own x-source
		}
		requireSourced(t, where+"."+n, p.Value)
		if p.Value.Items != nil && p.Value.Items.Ref == "" {
			requireSourced(t, where+"."+n+"[*]", p.Value.Items.Value)
		}
	}
}

func TestTheDocumentsDisagreementStaysVisible(t *testing.T) {
	set := load(t)
	serial := set.Operation("StartConnection").Input.Properties["DeviceSerialNumber"].Value
	src, _ := serial.Extensions["x-source"].(string)
	assert.Contains(t, src, "001_9da61a4b654333d2.txt")
	assert.Contains(t, src, "000_7eefd29f3cf92c3e.txt")
	assert.Contains(t, src, "aws-protocols.md")
	assert.Contains(t, serial.Extensions, "x-documents-disagree")
}

func TestConstraintIDsAreUniqueAndCoverEveryClass(t *testing.T) {
	set := load(t)
	seen := map[string]bool{}
	keywords := map[string]bool{}
	for _, op := range set.Operations() {
		for _, c := range op.Constraints() {
			assert.False(t, seen[c.ID], "duplicate constraint id %s", c.ID)
			seen[c.ID] = true
			assert.NotContains(t, c.ID, " ")
			keywords[c.Keyword] = true
			if c.In == "request" {
				assert.NotEmpty(t, c.Error, c.ID)
				assert.Equal(t, 400, c.Status, c.ID)
			}
		}
	}
	for _, kw := range []string{"required", "type", "minLength", "maxLength", "pattern", "minimum", "maximum",
		"enum", "minItems", "uniqueKeys", "maxItems", "json", "contentType", "target", "error", "status"} {
		assert.True(t, keywords[kw], "no constraint uses %s", kw)
	}
	for _, id := range []string{"StartConnection.AssetId.maxLength", "GetConnection.ConnectionId.pattern",
		"CreateConnection.tags.key.pattern", "CreateConnection.tags.maxItems", "CreateConnection.error.TooManyTagsException",
		"GetConnection.response.ConnectionDetails.AllowedIps.item.pattern"} {
		assert.True(t, seen[id], "missing %s", id)
	}
	c, ok := set.Operation("CreateConnection").Find("request", "$.tags[7].key", "maxLength")
	require.True(t, ok)
	assert.Equal(t, "128", c.Value)
}

func TestValidateNamesPathAndKeyword(t *testing.T) {
	set := load(t)
	start := set.Operation("StartConnection").Input
	v := specs.Validate(start, map[string]any{
		"AssetId": strings.Repeat("a", 101), "ClientPublicKey": strings.Repeat("A", 43) + "=",
		"NetworkInterfaceDeviceIndex": float64(1),
	})
	require.Len(t, v, 1)
	assert.Equal(t, "$.AssetId", v[0].Path)
	assert.Equal(t, "maxLength", v[0].Keyword)

	v = specs.Validate(start, map[string]any{"AssetId": "a", "ClientPublicKey": strings.Repeat("A", 43) + "="})
	require.Len(t, v, 1)
	assert.Equal(t, "$.NetworkInterfaceDeviceIndex", v[0].Path)
	assert.Equal(t, "required", v[0].Keyword)

	// JSON null means absent: fine for an optional member, a missing required one otherwise.
	key := strings.Repeat("A", 43) + "="
	assert.Empty(t, specs.Validate(start, map[string]any{"AssetId": "a", "ClientPublicKey": key,
		"NetworkInterfaceDeviceIndex": float64(0), "DeviceSerialNumber": nil}))
	v = specs.Validate(start, map[string]any{"AssetId": nil, "ClientPublicKey": key, "NetworkInterfaceDeviceIndex": float64(0)})
	require.Len(t, v, 1)
	assert.Equal(t, "$.AssetId", v[0].Path)
	assert.Equal(t, "required", v[0].Keyword)

	create := set.Operation("CreateConnection")
	doc := map[string]any{"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "",
		"tags": []any{map[string]any{"key": "a"}, map[string]any{"value": "x"}}}
	v = specs.Validate(create.Input, doc)
	require.Len(t, v, 1)
	assert.Equal(t, "$.tags[1].key", v[0].Path)
	assert.Equal(t, "$.tags[*].key", jsonpath.Generic(v[0].Path))
}

func TestCheckRules(t *testing.T) {
	create := load(t).Operation("CreateConnection")
	tags := func(n int, dup bool) map[string]any {
		var list []any
		for i := 0; i < n; i++ {
			k := string(rune('a'+i%26)) + strings.Repeat("k", i/26)
			if dup {
				k = "same"
			}
			list = append(list, map[string]any{"key": k})
		}
		return map[string]any{"tags": list}
	}
	assert.Empty(t, create.CheckRules(tags(50, false)))
	v := create.CheckRules(tags(51, false))
	require.Len(t, v, 1)
	assert.Equal(t, "maxItems", v[0].Keyword)
	v = create.CheckRules(tags(2, true))
	require.Len(t, v, 1)
	assert.Equal(t, "uniqueKeys", v[0].Keyword)
	assert.Equal(t, "$.tags", v[0].Path)
}

func TestParseRejectsBrokenSpecs(t *testing.T) {
	good, err := specs.Raw("directconnect.yaml")
	require.NoError(t, err)
	cases := map[string]struct{ doc, want string }{
		"not yaml":         {"{{{", "does not parse"},
		"no service":       {strings.Replace(string(good), "x-aws-service: directconnect", "x-other: 1", 1), "x-aws-service"},
		"bad protocol":     {strings.Replace(string(good), "x-aws-protocol: awsJson1_1", "x-aws-protocol: soap", 1), "soap"},
		"rule error undoc": {strings.Replace(string(good), "error: TooManyTagsException", "error: NoSuchException", 1), "NoSuchException"},
		"bad pattern":      {strings.Replace(string(good), `pattern: ^([\p{L}`, `pattern: ^([\p{Bogus}`, 1), "pattern"},
		"unknown rule":     {strings.Replace(string(good), "rule: uniqueKeys", "rule: sorted", 1), "unknown rule"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := specs.Parse([]string{"dc.yaml"}, map[string][]byte{"dc.yaml": []byte(c.doc)})
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Contains(t, err.Error(), "dc.yaml")
		})
	}
	_, err = specs.LoadFiles("/nonexistent/spec.yaml")
	assert.Error(t, err)
}

// Two specs state the same contract when only their sources differ; a changed bound is another
// contract.
func TestSameContract(t *testing.T) {
	good, err := specs.Raw("outposts.yaml")
	require.NoError(t, err)
	parse := func(doc string) *specs.Operation {
		set, err := specs.Parse([]string{"o.yaml"}, map[string][]byte{"o.yaml": []byte(doc)})
		require.NoError(t, err)
		return set.Operation("StartConnection")
	}
	base := parse(string(good))
	assert.True(t, base.SameContract(parse(string(good))))
	assert.True(t, base.SameContract(parse(strings.ReplaceAll(string(good), "x-source: 'shared/seeds:", "x-source: 'elsewhere:"))), "sources differ only")
	assert.False(t, base.SameContract(parse(strings.Replace(string(good), "maxLength: 100", "maxLength: 99", 1))), "a bound differs")
	assert.False(t, base.SameContract(parse(strings.Replace(string(good), "AssetId: plumbAsset01", "AssetId: plumbAsset02", 1))), "the example differs")
	assert.False(t, base.SameContract(nil))
}
