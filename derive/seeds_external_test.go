package derive_test

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/derive"
)

// seedsDir is the seed documents' folder: the copy kept in specs/sources/seeds (the same bytes
// as shared/seeds, committed_external_test.go checks), seen from this package's directory;
// PLUMB_SEEDS names another.
var seedsDir = cmp.Or(os.Getenv("PLUMB_SEEDS"), filepath.Join("..", "specs", "sources", "seeds"))

func needSeeds(t *testing.T) {
	t.Helper()
	if st, err := os.Stat(seedsDir); err != nil || !st.IsDir() {
		t.Skipf("NOTICE: the seed documents' folder %s is absent; the specs are not derived from them here", seedsDir)
	}
}

// The three seed operations derived from the documents and the overlay alone match the
// committed specs constraint by constraint, flows and examples included; only what comes from
// botocore's model (DescribeConnections, and so the create → describe read) is missing.
// (committed_external_test.go derives the committed specs whole, with that model.)
func TestSeedsAgainstTheCommittedSpecs(t *testing.T) {
	needSeeds(t)
	res, err := derive.CompareSources(seedsDir, "../specs/outposts.yaml", nil)
	require.NoError(t, err)
	assert.Equal(t, "shared/seeds", res.A)
	assert.Empty(t, res.Diffs, "\n%s", res)

	res, err = derive.CompareSources(seedsDir, "../specs/directconnect.yaml", nil)
	require.NoError(t, err)
	want := []derive.Diff{
		// No seed document describes DescribeConnections: the overlay's read of the new
		// connection through it is left out when it is not derived.
		{Operation: "DescribeConnections", In: "operation", B: "present"},
		{Operation: "CreateConnection", In: "flow", Keyword: "read", B: "DescribeConnections $.connectionId → $.connections[*]"},
		{Operation: "CreateConnection", In: "flow", Keyword: "echo $.tags", B: "$.tags"},
	}
	assert.ElementsMatch(t, want, res.Diffs, "\n%s", res)
}

// The documents against the installed botocore models: all they say agrees.
func TestSeedsAgainstBotocore(t *testing.T) {
	needSeeds(t)
	model := botocoreModel(t, "directconnect")
	res, err := derive.CompareSources(seedsDir, model, nil)
	require.NoError(t, err)
	assert.ElementsMatch(t, []derive.Diff{
		// aws-protocols.md's tagging limit, which the model does not state
		{Operation: "CreateConnection", In: "request", Path: "$.tags", Keyword: "maxItems", A: "50"},
		// The overlay's flow: the new connection's id and its documented initial state; the
		// model makes no flow evident with CreateConnection alone (its read is not compared).
		{Operation: "CreateConnection", In: "flow", Keyword: "id", A: "$.connectionId"},
		{Operation: "CreateConnection", In: "flow", Keyword: "initial $.connectionState", A: "requested"},
	}, res.Diffs, "\n%s", res)
}

// What the documents merge into: constraints from the text page aligned by order, the
// disagreement on DeviceSerialNumber recorded and settled by the overlay, errors named by the
// boto3 page with the text page's statuses, GetConnection's binding from the overlay.
func TestSeedsMerge(t *testing.T) {
	needSeeds(t)
	models, err := derive.Read(seedsDir)
	require.NoError(t, err)
	require.Len(t, models, 2)
	var out *derive.Model
	for _, m := range models {
		if m.Name == "outposts" {
			out = m
		}
	}
	require.NotNil(t, out)
	assert.Equal(t, "restJson1", out.Protocol)
	set, doc := load(t, out)
	start := set.Operation("StartConnection")
	require.NotNil(t, start)
	assert.Equal(t, "44", constraint(t, start, "request", "$.ClientPublicKey", "maxLength"))
	assert.Equal(t, "1", constraint(t, start, "request", "$.NetworkInterfaceDeviceIndex", "maximum"))
	assert.Equal(t, `^([0-9]{1,3}\.){3}[0-9]{1,3}$`, constraint(t, start, "response", "$.UnderlayIpAddress", "pattern"))
	e, ok := start.Error("NotFoundException")
	require.True(t, ok)
	assert.Equal(t, 404, e.Status, "the text page's third error block, aligned with the exceptions sorted by name")
	assert.Contains(t, e.Source, "aligned with the boto3 exceptions sorted by name")

	serial := start.Input.Properties["DeviceSerialNumber"].Value
	assert.NotContains(t, start.Input.Required, "DeviceSerialNumber", "aws-protocols.md: treat it as optional")
	dis, _ := serial.Extensions["x-documents-disagree"].(string)
	assert.Contains(t, dis, "001_9da61a4b654333d2.txt says Yes")
	assert.Contains(t, dis, "000_7eefd29f3cf92c3e.txt does not mark it [REQUIRED]")
	assert.Contains(t, dis, "followed: derive/overlay/seeds.yaml")
	src, _ := serial.Extensions["x-source"].(string)
	assert.Contains(t, src, "aligned by order with the Request Syntax key")

	get := set.Operation("GetConnection")
	require.NotNil(t, get)
	assert.Equal(t, "GET", get.Method)
	assert.Equal(t, "1024", constraint(t, get, "request", "$.ConnectionId", "maxLength"))
	assert.Equal(t, "18", constraint(t, get, "response", "$.ConnectionDetails.AllowedIps[*]", "maxLength"))
	assertXSourceEverywhere(t, doc)
}

// writeSeeds writes documents into a folder of their own.
func writeSeeds(t *testing.T, docs map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for n, d := range docs {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte(d), 0o644))
	}
	return dir
}

const thingBoto3 = `:doc:` + "`Outposts`" + ` / Client / start_thing

.. py:method:: Outposts.Client.start_thing(**kwargs)

  Starts a thing.

  See also: ` + "`AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/outposts-2019-12-03/StartThing>`_" + `

  **Request Syntax**
  ::

    response = client.start_thing(
        Name='string',
        Size=123
    )

  :type Name: string
  :param Name: **[REQUIRED]**

    The name.

  :type Size: integer
  :param Size:

    The size.

  :rtype: dict
  :returns:

    **Response Syntax**

    ::

      {
          'Mode': 'on'|'off'
      }

    **Response Structure**

    - *(dict) --*

      - **Mode** *(string) --*

        The mode.

  **Exceptions**

  *   :py:class:` + "`Outposts.Client.exceptions.ZedException`" + `

  *   :py:class:` + "`Outposts.Client.exceptions.AlphaException`" + `
`

const thingRef = `StartThing - AWS Outposts

Starts a thing.

Request Syntax

POST /things HTTP/1.1 Content-type: application/json { "Name": "string", "Size": number }

Request Body

The name.

Type: String

Length Constraints: Minimum length of 2. Maximum length of 9.

Required: Yes


The size.

Type: Integer

Valid Range: Minimum value of 1. Maximum value of 5.

Required: Yes

Response Syntax

HTTP/1.1 201 Content-type: application/json { "Mode": "string" }

Response Elements

The mode.

Type: String

For information about the errors that are common to all actions, see Common Errors.

The first error.

HTTP Status Code: 409

The last error.

HTTP Status Code: 503

See Also
`

// Names lost in the text form are aligned by order: members with the page's own Request
// Syntax, errors with the boto3 exceptions sorted by name (not the boto3 page's order).
// Without an overlay fact, the boto3 page's [REQUIRED] marks are followed and the other
// document's word is recorded.
func TestSeedsAlignByOrder(t *testing.T) {
	dir := writeSeeds(t, map[string]string{"a.txt": thingBoto3, "b.txt": thingRef})
	models, err := derive.Read(dir)
	require.NoError(t, err)
	require.Len(t, models, 1)
	set, _ := load(t, models[0])
	op := set.Operation("StartThing")
	require.NotNil(t, op)
	assert.Equal(t, "/things", op.Path)
	assert.Equal(t, 201, op.Success())
	assert.Equal(t, "9", constraint(t, op, "request", "$.Name", "maxLength"))
	assert.Equal(t, "5", constraint(t, op, "request", "$.Size", "maximum"))
	assert.Equal(t, "on|off", constraint(t, op, "response", "$.Mode", "enum"), "an enum in the boto3 syntax")
	alpha, _ := op.Error("AlphaException")
	zed, _ := op.Error("ZedException")
	assert.Equal(t, 409, alpha.Status)
	assert.Equal(t, 503, zed.Status)
	assert.NotContains(t, op.Input.Required, "Size", "the boto3 page does not mark it [REQUIRED]")
	dis, _ := op.Input.Properties["Size"].Value.Extensions["x-documents-disagree"].(string)
	assert.Contains(t, dis, "b.txt says Yes")
	assert.Contains(t, dis, "followed: the boto3 page")
}

// A text page whose blocks do not match its syntax cannot be aligned: refused, not guessed.
func TestSeedsRefuseWhatCannotBeAligned(t *testing.T) {
	broken := strings.Replace(thingRef, `"Size": number }`, `"Size": number, "Extra": "string" }`, 1)
	_, err := derive.Read(writeSeeds(t, map[string]string{"a.txt": thingBoto3, "b.txt": broken}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot align")

	_, err = derive.Read(writeSeeds(t, map[string]string{"b.txt": thingRef}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "without its boto3 page")
}
