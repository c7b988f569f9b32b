package specs_test

import (
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/plumbhq/plumb/specs"
)

const thingsFile = "testdata/things-restjson1.yaml"

// editThings loads the things spec after replacing old with new in its text.
func editThings(t *testing.T, old, new string) ([]string, *specs.Set, error) {
	t.Helper()
	b, err := os.ReadFile(thingsFile)
	require.NoError(t, err)
	text := string(b)
	require.Contains(t, text, old)
	text = strings.Replace(text, old, new, 1)
	set, err := specs.Parse([]string{"edited.yaml"}, map[string][]byte{"edited.yaml": []byte(text)})
	return strings.Split(text, "\n"), set, err
}

func TestLoadsQueryHeaderAndGreedyMembers(t *testing.T) {
	set, err := specs.LoadFiles(thingsFile)
	require.NoError(t, err)
	put := set.Operation("PutThing")
	require.NotNil(t, put)
	assert.Equal(t, map[string]string{
		"ThingId": specs.InPath, "dryRun": specs.InQuery, "tag": specs.InQuery,
		"X-Thing-Owner": specs.InHeader, "X-Thing-Priority": specs.InHeader, "name": specs.InBody, "size": specs.InBody,
	}, put.InputIn)
	assert.ElementsMatch(t, []string{"name", "ThingId", "X-Thing-Owner"}, put.Input.Required,
		"a path label is required; a query or header member when its parameter says so")
	assert.True(t, put.Bound("dryRun"))
	assert.False(t, put.Bound("name"))
	assert.Equal(t, []string{"dryRun", "tag"}, put.MembersIn(specs.InQuery))
	assert.Equal(t, 201, put.SuccessStatus)
	assert.Equal(t, []int{201, 400, 500}, put.Statuses())
	require.Len(t, put.OutputHeaders, 1, "x-amzn-RequestId is the protocol's, not a member")
	assert.Equal(t, "X-Thing-Version", put.OutputHeaders[0].Name)
	assert.True(t, put.OutputHeaders[0].Required)

	c, ok := put.Find("response", "$.X-Thing-Version", "minimum")
	require.True(t, ok)
	assert.Equal(t, "PutThing.response.X-Thing-Version.minimum", c.ID)
	status, ok := put.Find("response", "", "status")
	require.True(t, ok)
	assert.Equal(t, "201", status.Value)
	file, line, ok := set.Location("PutThing.response.X-Thing-Version.required")
	require.True(t, ok)
	assert.Equal(t, thingsFile, file)
	assert.Positive(t, line)

	get := set.Operation("GetFile")
	assert.Equal(t, "/files/{Path}", get.Path, "the member is Path; the spec writes {Path+}")
	assert.Equal(t, "/files/{Path+}", get.SpecPath)
	assert.True(t, get.Greedy["Path"])
	assert.Equal(t, 200, get.SuccessStatus)
}

func TestAGreedyLabelMaySayItWithAnExtension(t *testing.T) {
	_, _, err := editThings(t, "  /files/{Path+}:", "  /files/{Path}:")
	require.Error(t, err, "kin-openapi wants the parameter named as the template writes it")
	b, err := os.ReadFile(thingsFile)
	require.NoError(t, err)
	text := strings.Replace(string(b), "  /files/{Path+}:", "  /files/{Path}:", 1)
	text = strings.Replace(text, "        - name: Path+\n          in: path\n", "        - name: Path\n          in: path\n          x-aws-greedy: true\n", 1)
	set, err := specs.Parse([]string{"e.yaml"}, map[string][]byte{"e.yaml": []byte(text)})
	require.NoError(t, err)
	get := set.Operation("GetFile")
	assert.True(t, get.Greedy["Path"])
	assert.Equal(t, "/files/{Path}", get.Path)
}

func TestA204SuccessHasNoBody(t *testing.T) {
	_, set, err := editThings(t, `        '201':
          description: the thing, created
          headers:
            X-Thing-Version:
              required: true
              schema: {type: integer, minimum: 1}
            x-amzn-RequestId:
              schema: {type: string}
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing'
`, "        '204':\n          description: done\n")
	require.NoError(t, err)
	put := set.Operation("PutThing")
	assert.Equal(t, 204, put.SuccessStatus)
	assert.Empty(t, put.OutputContentType)
	assert.Empty(t, put.Output.Properties)
	assert.Empty(t, put.OutputHeaders)
}

func TestRefusesTheBindingsPlumbDoesNotSend(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           string
		onLine         string
	}{
		{"cookie", "        - name: dryRun\n          in: query\n", "        - name: dryRun\n          in: cookie\n",
			"parameters in cookie are not sent or checked", "name: dryRun"},
		{"query list style", "          style: form\n          explode: true\n", "          style: pipeDelimited\n          explode: false\n",
			"plumb sends a list as the key repeated", "style: pipeDelimited"},
		{"header object", "          schema: {type: integer, minimum: 1, maximum: 5}", "          schema: {type: object, properties: {a: {type: string}}}",
			"a header member of this type", "type: object"},
		{"path list", "          schema: {type: string, minLength: 1, maxLength: 20, pattern: '^[a-z][a-z0-9-]*$'}",
			"          schema: {type: array, items: {type: string}}", "a path member of this type", "type: array"},
		{"206", "        '201':\n          description: the thing, created", "        '206':\n          description: the thing, created",
			"success status 206: plumb checks a success of 200, 201, 202 or 204", "'206':"},
		{"two successes", "        '204':\n          description: deleted; no body\n",
			"        '200': {description: ok}\n        '204':\n          description: deleted; no body\n",
			"a second success status (204)", "'204':"},
		{"protocol header", "        - name: X-Thing-Owner\n", "        - name: Authorization\n",
			"header Authorization is the protocol's", "name: Authorization"},
		{"response header list", "              schema: {type: integer, minimum: 1}", "              schema: {type: array, items: {type: integer}}",
			"a response header of this type", "X-Thing-Version:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines, _, err := editThings(t, tc.old, tc.new)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			m := location.FindStringSubmatch(err.Error())
			require.NotNil(t, m, "the error names a line: %v", err)
			n, _ := strconv.Atoi(m[1])
			require.True(t, n >= 1 && n <= len(lines))
			assert.Contains(t, lines[n-1], tc.onLine, "line %d of the edited spec", n)
		})
	}
}

func TestHeaderViolations(t *testing.T) {
	set, err := specs.LoadFiles(thingsFile)
	require.NoError(t, err)
	put := set.Operation("PutThing")
	cases := []struct {
		header http.Header
		want   []string // path keyword
	}{
		{http.Header{"X-Thing-Version": {"3"}}, nil},
		{http.Header{"X-Thing-Version": {"3"}, "X-Amzn-Requestid": {"r"}, "X-Other": {"x"}}, nil},
		{http.Header{}, []string{"$.X-Thing-Version required"}},
		{http.Header{"X-Thing-Version": {"three"}}, []string{"$.X-Thing-Version type"}},
		{http.Header{"X-Thing-Version": {"1.5"}}, []string{"$.X-Thing-Version type"}},
		{http.Header{"X-Thing-Version": {"0"}}, []string{"$.X-Thing-Version minimum"}},
	}
	for _, tc := range cases {
		var got []string
		for _, v := range put.HeaderViolations(tc.header) {
			got = append(got, v.Path+" "+v.Keyword)
		}
		assert.Equal(t, tc.want, got, "%v", tc.header)
	}
	assert.Empty(t, set.Operation("GetFile").HeaderViolations(http.Header{}), "no header members")
}

func TestParseText(t *testing.T) {
	set, err := specs.LoadFiles(thingsFile)
	require.NoError(t, err)
	props := set.Operation("PutThing").Input.Properties
	boolean, integer, text := props["dryRun"].Value, props["X-Thing-Priority"].Value, props["X-Thing-Owner"].Value
	for _, tc := range []struct {
		s    string
		in   string
		want any
		ok   bool
	}{
		{"boolean", "true", true, true}, {"boolean", "false", false, true}, {"boolean", "1", nil, false}, {"boolean", "True", nil, false},
		{"integer", "42", float64(42), true}, {"integer", "-1.5", -1.5, true}, {"integer", "x", nil, false},
		{"integer", "NaN", nil, false}, {"integer", "0x10", nil, false}, {"integer", "Inf", nil, false},
		{"string", "7", "7", true},
	} {
		s := map[string]any{"boolean": boolean, "integer": integer, "string": text}[tc.s]
		got, err := specs.ParseText(s.(*openapi3.Schema), tc.in)
		if tc.ok {
			assert.NoError(t, err, tc.in)
			assert.Equal(t, tc.want, got, tc.in)
		} else {
			assert.Error(t, err, tc.in)
		}
	}
}
