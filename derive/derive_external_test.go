package derive_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/plumbhq/plumb/derive"
	"github.com/plumbhq/plumb/specs"
)

// botocoreModel returns the installed botocore's model of svc, or skips the test with a NOTICE.
func botocoreModel(t *testing.T, svc string) string {
	t.Helper()
	p, err := derive.ResolveSource("botocore:" + svc)
	if err != nil {
		t.Skipf("NOTICE: %v: botocore models are not installed here, so %s is not derived", err, svc)
	}
	return p
}

// load derives model (the operations ops, all when none) and loads the spec as --spec would.
func load(t *testing.T, m *derive.Model, ops ...string) (*specs.Set, []byte) {
	t.Helper()
	doc, err := m.OpenAPI(derive.Options{Operations: ops})
	require.NoError(t, err)
	set, err := specs.Parse([]string{m.Name + ".yaml"}, map[string][]byte{m.Name + ".yaml": doc})
	require.NoError(t, err, "the derived spec loads")
	return set, doc
}

func readOne(t *testing.T, path string) *derive.Model {
	t.Helper()
	ms, err := derive.Read(path)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	return ms[0]
}

func constraint(t *testing.T, op *specs.Operation, in, path, keyword string) string {
	t.Helper()
	for _, c := range op.Constraints() {
		if c.In == in && c.Path == path && c.Keyword == keyword {
			return c.Value
		}
	}
	t.Errorf("%s: no %s constraint %s %s", op.ID, in, path, keyword)
	return ""
}

// CreateConnection and DescribeConnections derived from the installed botocore match the
// committed specs/directconnect.yaml (CreateConnection from its seed page, DescribeConnections
// from botocore 1.43.11) constraint by constraint, but for the listed differences: what the
// seeds and the protocol notes say that the model does not (a 50-tag limit, the initial state),
// and the echoes the model makes evident that the overlay's flow leaves out.
func TestBotocoreDirectConnectAgainstTheCommittedSpec(t *testing.T) {
	model := botocoreModel(t, "directconnect")
	res, err := derive.CompareSources(model, "../specs/directconnect.yaml", nil)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.A, "botocore "), res.A)
	echo := func(m string) derive.Diff {
		return derive.Diff{Operation: "CreateConnection", In: "flow", Keyword: "echo $." + m, A: "$." + m}
	}
	want := []derive.Diff{
		{Operation: "CreateConnection", In: "request", Path: "$.tags", Keyword: "maxItems", B: "50"}, // x-plumb-rules maxItems, from aws-protocols.md
		echo("bandwidth"), echo("connectionName"), echo("lagId"), echo("location"), echo("providerName"),
		{Operation: "CreateConnection", In: "flow", Keyword: "initial $.connectionState", B: "requested"},
	}
	assert.ElementsMatch(t, want, res.Diffs, "\n%s", res)
}

// All of Direct Connect loads as plumb's --spec would, with every operation, the pagination
// tokens opaque, the tag rule and the create → describe flows.
func TestWholeDirectConnectLoads(t *testing.T) {
	m := readOne(t, botocoreModel(t, "directconnect"))
	assert.Equal(t, "awsJson1_1", m.Protocol)
	set, doc := load(t, m)
	assert.Greater(t, len(set.Operations()), 50)
	assert.Len(t, set.Operations(), len(m.Operations))

	create := set.Operation("CreateConnection")
	require.NotNil(t, create)
	assert.Equal(t, "OvertureService.CreateConnection", create.Target)
	assert.Equal(t, "application/x-amz-json-1.1", create.ContentType)
	assert.Equal(t, "128", constraint(t, create, "request", "$.tags[*].key", "maxLength"))
	assert.Equal(t, `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`, constraint(t, create, "request", "$.tags[*].key", "pattern"))
	assert.Equal(t, "1", constraint(t, create, "request", "$.tags", "minItems"))
	assert.Equal(t, "true", constraint(t, create, "request", "$.location", "required"))
	assert.Equal(t, "number", constraint(t, create, "response", "$.loaIssueTime", "type"), "timestamps are epoch seconds")
	assert.Equal(t, "DirectConnectServerException 500", constraint(t, create, "error", "$.DirectConnectServerException", "error")+" 500")
	e, ok := create.Error("DirectConnectServerException")
	require.True(t, ok)
	assert.Equal(t, 500, e.Status, "a server fault by its name: botocore drops Smithy's @error(\"server\")")
	require.Len(t, create.Rules, 1)
	assert.Equal(t, "uniqueKeys", create.Rules[0].Kind)
	assert.Equal(t, "DuplicateTagKeysException", create.Rules[0].Error)

	describe := set.Operation("DescribeConnections")
	assert.Equal(t, []string{"$.connectionId", "$.nextToken"}, describe.Opaque)
	assert.Equal(t, []string{"$.connectionId"}, set.Operation("DeleteConnection").Opaque, "an id the service hands out")
	assert.Equal(t, []string{"$.resourceArn"}, set.Operation("TagResource").Opaque, "an ARN the service hands out")
	require.NotNil(t, create.Created)
	assert.Equal(t, "DescribeConnections", create.Created.Read.Operation)
	assert.Equal(t, "$.connections[*]", create.Created.Read.Resource)
	var flows []string
	for _, f := range set.Flows() {
		flows = append(flows, f.ID+"→"+f.Created.Read.Operation)
	}
	assert.Contains(t, flows, "CreateLag→DescribeLags")
	assert.Contains(t, flows, "CreateInterconnect→DescribeInterconnects")
	assertXSourceEverywhere(t, doc)
}

// Every schema and every member of a derived spec carries x-source.
func assertXSourceEverywhere(t *testing.T, doc []byte) {
	t.Helper()
	var spec struct {
		Components struct {
			Schemas map[string]map[string]any `yaml:"schemas"`
		} `yaml:"components"`
	}
	require.NoError(t, yaml.Unmarshal(doc, &spec))
	require.NotEmpty(t, spec.Components.Schemas)
	var check func(where string, s map[string]any)
	check = func(where string, s map[string]any) {
		if _, ok := s["x-source"]; !ok {
			t.Errorf("%s has no x-source", where)
		}
		props, _ := s["properties"].(map[string]any)
		for n, p := range props {
			check(where+"."+n, p.(map[string]any))
		}
		if items, ok := s["items"].(map[string]any); ok {
			if _, ref := items["$ref"]; !ref {
				check(where+"[*]", items)
			}
		}
	}
	for name, s := range spec.Components.Schemas {
		check(name, s)
	}
}

// Outposts' path-label and body operations load, GetConnection's ConnectionId a path label,
// and StartConnection → GetConnection is a flow; a map member is left out and recorded.
func TestOutpostsOperationsLoad(t *testing.T) {
	m := readOne(t, botocoreModel(t, "outposts"))
	assert.Equal(t, "restJson1", m.Protocol)
	set, _ := load(t, m, "StartConnection", "GetConnection", "CreateOutpost")
	get := set.Operation("GetConnection")
	require.NotNil(t, get)
	assert.Equal(t, "GET", get.Method)
	assert.Equal(t, "/connections/{ConnectionId}", get.Path)
	assert.Equal(t, []string{"ConnectionId"}, get.PathMembers())
	assert.Equal(t, "1024", constraint(t, get, "request", "$.ConnectionId", "maxLength"))
	e, ok := get.Error("NotFoundException")
	require.True(t, ok)
	assert.Equal(t, 404, e.Status)
	start := set.Operation("StartConnection")
	require.NotNil(t, start.Created)
	assert.Equal(t, "GetConnection", start.Created.Read.Operation)
	assert.Equal(t, "$.ConnectionId", start.Created.Read.Input)

	create := set.Operation("CreateOutpost")
	skipped, _ := create.Spec.Extensions["x-plumb-skipped"].([]any)
	require.NotEmpty(t, skipped)
	assert.Contains(t, skipped[0], "TagMap is a map")
	_, hasTags := create.Input.Properties["Tags"]
	assert.False(t, hasTags, "the map member is left out")
}

// A restXml service (S3) is refused by name.
func TestRestXMLRefusedByName(t *testing.T) {
	_, err := derive.Read(botocoreModel(t, "s3"))
	var pe *derive.ProtocolError
	require.True(t, errors.As(err, &pe), "%v", err)
	assert.Equal(t, "s3", pe.Service)
	assert.Equal(t, "restXml", pe.Protocol)
}

// A Smithy JSON AST model of plumb's own: @length, @pattern, @range (on shapes and members),
// @required, enum, @http, @httpLabel, @error, @httpError, restJson1 and awsJson1_0; an awsQuery
// service in the same file is refused without stopping the others.
func TestSmithyModel(t *testing.T) {
	models, err := derive.Read("testdata/widgets.smithy.json")
	var pe *derive.ProtocolError
	require.True(t, errors.As(err, &pe), "%v", err)
	assert.Equal(t, "legacy", pe.Service)
	assert.Equal(t, "awsQuery", pe.Protocol)
	require.Len(t, models, 2)
	i := slices.IndexFunc(models, func(m *derive.Model) bool { return m.Name == "widgets" })
	require.GreaterOrEqual(t, i, 0)
	widgets, _ := load(t, models[i])
	gadgets, _ := load(t, models[1-i])

	create := widgets.Operation("CreateWidget")
	require.NotNil(t, create)
	assert.Equal(t, "/widgets", create.Path)
	assert.Equal(t, "application/json", create.ContentType)
	for kw, v := range map[string]string{"required": "true", "minLength": "1", "maxLength": "64", "pattern": "^[a-z]+$"} {
		assert.Equal(t, v, constraint(t, create, "request", "$.name", kw), kw)
	}
	assert.Equal(t, "1", constraint(t, create, "request", "$.size", "minimum"))
	assert.Equal(t, "100", constraint(t, create, "request", "$.size", "maximum"))
	assert.Equal(t, "red|blue", constraint(t, create, "request", "$.color", "enum"))
	assert.Equal(t, "10", constraint(t, create, "request", "$.label", "maxLength"), "@length on the member")
	for name, status := range map[string]int{"ValidationException": 400, "InternalFailure": 500} {
		e, ok := create.Error(name)
		require.True(t, ok, name)
		assert.Equal(t, status, e.Status, name)
	}
	get := widgets.Operation("GetWidget")
	assert.Equal(t, "GET", get.Method)
	assert.Equal(t, []string{"widgetId"}, get.PathMembers())
	nf, ok := get.Error("NotFound")
	require.True(t, ok)
	assert.Equal(t, 404, nf.Status)
	assert.Equal(t, "Message", nf.MessageMember)
	require.NotNil(t, create.Created)
	assert.Equal(t, "GetWidget", create.Created.Read.Operation)

	put := gadgets.Operation("PutGadget")
	require.NotNil(t, put)
	assert.Equal(t, "GadgetService.PutGadget", put.Target)
	assert.Equal(t, "application/x-amz-json-1.0", put.ContentType)
	assert.Equal(t, "5", constraint(t, put, "request", "$.count", "maximum"))
	assert.Equal(t, "0", constraint(t, put, "request", "$.count", "minimum"))
	assert.Equal(t, "3", constraint(t, put, "request", "$.tags", "maxItems"))
	th, ok := put.Error("Throttled")
	require.True(t, ok)
	assert.Equal(t, 429, th.Status)
}

// smithyModels are AWS's Smithy JSON AST models of the two seed services (../shared/models),
// kept gzipped and unchanged in testdata so the two routes are compared on every checkout.
var smithyModels = map[string]string{
	"directconnect": "testdata/models/direct-connect-2012-10-25.smithy.json.gz",
	"outposts":      "testdata/models/outposts-2019-12-03.smithy.json.gz",
}

// The two routes, AWS's Smithy models and the installed botocore's, derive the four embedded
// operations alike, constraint by constraint, flows and opaque members included: all that
// differs is what the newer botocore model adds (members and their types), never a
// constraint the other route states otherwise.
func TestSmithyAndBotocoreRoutesAgree(t *testing.T) {
	ops := map[string][]string{"directconnect": {"CreateConnection", "DescribeConnections"}, "outposts": {"StartConnection", "GetConnection"}}
	var added []string
	for svc, file := range smithyModels {
		res, err := derive.CompareSources(file, botocoreModel(t, svc), ops[svc])
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(res.A, "smithy "), res.A)
		for _, d := range res.Diffs {
			if d.A != "" {
				t.Errorf("the routes disagree: %+v", d)
				continue
			}
			added = append(added, d.Operation+" "+d.In+" "+d.Path+" "+d.Keyword)
		}
	}
	// Added by the botocore model after the Smithy model's version: DescribeConnections
	// paginates (maxResults, nextToken: an opaque token), and connections say whether the
	// partner interconnect is MACsec-capable.
	assert.ElementsMatch(t, []string{
		"CreateConnection response $.partnerInterconnectMacSecCapable type",
		"DescribeConnections request $.maxResults type",
		"DescribeConnections request $.nextToken type",
		"DescribeConnections request $.nextToken x-plumb-opaque",
		"DescribeConnections response $.nextToken type",
		"DescribeConnections response $.connections[*].partnerInterconnectMacSecCapable type",
	}, added)
}

// The whole Smithy models load as plumb loads specs, every operation, every schema citing its
// source.
func TestSmithyModelsLoadWhole(t *testing.T) {
	for svc, file := range smithyModels {
		models, err := derive.Read(file)
		require.NoError(t, err, svc)
		require.Len(t, models, 1, svc)
		set, doc := load(t, models[0])
		assert.Len(t, set.Operations(), len(models[0].Operations), svc)
		assertXSourceEverywhere(t, doc)
	}
}

// A create that takes an id by the name of the id it returns (AllocateHostedConnection takes
// the parent interconnect's connectionId) does not declare it echoed: the new id differs.
func TestFlowDoesNotEchoTheCreatedID(t *testing.T) {
	m := readOne(t, botocoreModel(t, "directconnect"))
	set, _ := load(t, m, "AllocateHostedConnection", "DescribeConnections")
	op := set.Operation("AllocateHostedConnection")
	require.NotNil(t, op.Created)
	require.NotNil(t, op.Created.Read)
	assert.Equal(t, "$.connectionId", op.Created.ID.Member)
	for _, e := range op.Created.Read.Echo {
		assert.NotEqual(t, "$.connectionId", e.Request)
	}
	assert.NotEmpty(t, op.Created.Read.Echo)
}

// The Smithy constructs the two seed services' models do not use (testdata/constructs.smithy.json):
// an HTTP header and a query member, @jsonName, an intEnum, @default, a date-time timestamp, an
// output header member and a modelled 201.
func TestSmithyConstructs(t *testing.T) {
	models, err := derive.Read("testdata/constructs.smithy.json")
	require.NoError(t, err)
	require.Len(t, models, 1)
	set, doc := load(t, models[0])
	put := set.Operation("PutGizmo")
	require.NotNil(t, put)
	assert.Equal(t, "PUT", put.Method)
	assert.Equal(t, "/gizmos/{name}", put.Path)
	assert.Equal(t, 201, put.SuccessStatus)
	for _, c := range []struct{ path, keyword, want string }{
		{"$.name", "pattern", "^[a-z]+$"},      // @httpLabel, the label's shape constraints
		{"$.mode", "enum", "fast|safe"},        // @httpQuery of an enum: the enumValues
		{"$.X-Gizmo-Token", "minLength", "8"},  // @httpHeader with @length on the member
		{"$.X-Gizmo-Token", "maxLength", "16"}, //
		{"$.size_in_mb", "maximum", "512"},     // @jsonName: the body key
		{"$.level", "enum", "1|2"},             // intEnum: integer values
		{"$.madeAt", "type", "string"},         // @timestampFormat date-time
		{"$.count", "type", "integer"},         // @default 0: still an integer member
		{"$.name", "required", "true"},         //
	} {
		assert.Equal(t, c.want, constraint(t, put, "request", c.path, c.keyword), "%s %s", c.path, c.keyword)
	}
	assert.Equal(t, specs.InQuery, put.InputIn["mode"])
	assert.Equal(t, specs.InHeader, put.InputIn["X-Gizmo-Token"])
	assert.Equal(t, "1|2", constraint(t, put, "response", "$.level", "enum"))
	assert.Equal(t, "string", constraint(t, put, "response", "$.X-Gizmo-Version", "type"), "an output @httpHeader")
	assert.Equal(t, float64(0), put.Input.Properties["count"].Value.Default, "@default carried as the schema's default")
	assert.Contains(t, string(doc), "enum: [1, 2]")
}
