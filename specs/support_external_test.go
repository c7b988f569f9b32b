package specs_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/specs"
)

const widgets = "testdata/widgets-awsjson10.yaml"

func TestLoadsAnAWSJSON10Spec(t *testing.T) {
	set, err := specs.LoadFiles(widgets)
	require.NoError(t, err)
	op := set.Operation("PutWidget")
	require.NotNil(t, op)
	assert.Equal(t, specs.AWSJSON10, op.Protocol())
	assert.True(t, op.Protocol().IsAWSJSON())
	assert.Equal(t, "application/x-amz-json-1.0", op.Protocol().MediaType())
	assert.Equal(t, "WidgetService.PutWidget", op.Target)

	var ids []string
	for _, c := range op.Constraints() {
		ids = append(ids, c.ID)
	}
	assert.Contains(t, ids, "PutWidget.ratio.exclusiveMaximum", "an exclusive bound is a constraint the list counts")
	assert.NotContains(t, ids, "PutWidget.ratio.exclusiveMinimum")
}

// withEdit loads the widgets spec after replacing old with new in its text, and returns the
// edited text's lines with the error.
func withEdit(t *testing.T, old, new string) ([]string, error) {
	t.Helper()
	b, err := os.ReadFile(widgets)
	require.NoError(t, err)
	text := string(b)
	require.Contains(t, text, old)
	text = strings.Replace(text, old, new, 1)
	_, err = specs.Parse([]string{"edited.yaml"}, map[string][]byte{"edited.yaml": []byte(text)})
	return strings.Split(text, "\n"), err
}

var location = regexp.MustCompile(`spec edited\.yaml:(\d+) `)

func TestRefusesWhatPlumbDoesNotCheckWithItsLocation(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           []string
		onLine         string // what the line the error names holds
	}{
		{"oneOf", "        size: {type: integer, minimum: 1, maximum: 100}",
			"        size:\n          oneOf: [{type: integer}, {type: string}]",
			[]string{"PutWidget request application/x-amz-json-1.0.size", "oneOf is not checked"}, "oneOf:"},
		{"cookie parameter", "      requestBody:\n", "      parameters:\n        - {name: page, in: cookie, schema: {type: string}}\n      requestBody:\n",
			[]string{"PutWidget parameter page", "parameters in cookie are not sent or checked"}, "name: page"},
		{"query parameter in awsJson", "      requestBody:\n", "      parameters:\n        - {name: page, in: query, schema: {type: string}}\n      requestBody:\n",
			[]string{"PutWidget parameter page", "awsJson1_0 sends every member in the JSON body"}, "name: page"},
		{"success status", "        '200':\n          description: the widget", "        '201':\n          description: the widget",
			[]string{"PutWidget response 201", "success status 201: awsJson1_0 answers 200"}, "'201':"},
		{"format", "        name: {type: string, minLength: 1, maxLength: 20}", "        name: {type: string, format: date-time}",
			[]string{"PutWidget response 200 application/x-amz-json-1.0.name", `format "date-time" is not checked`}, "format: date-time"},
		{"map", "        colour: {type: string, enum: [red, green, blue]}", "        colour: {type: object, additionalProperties: {type: string}}",
			[]string{"additionalProperties is not checked"}, "additionalProperties"},
		{"protocol", "x-aws-protocol: awsJson1_0", "x-aws-protocol: restXml",
			[]string{`"restXml"`, "restJson1, awsJson1_0, awsJson1_1"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := withEdit(t, tc.old, tc.new)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			if tc.onLine != "" {
				m := location.FindStringSubmatch(err.Error())
				require.NotNil(t, m, "the error names a line: %v", err)
				n, _ := strconv.Atoi(m[1])
				require.True(t, n >= 1 && n <= len(lines))
				assert.Contains(t, lines[n-1], tc.onLine, "line %d of the edited spec", n)
			}
		})
	}
}

func TestSchemaKeywordsAreTheConstraintKeywords(t *testing.T) {
	set, err := specs.LoadFiles(widgets)
	require.NoError(t, err)
	for _, op := range set.Operations() {
		for _, c := range op.Constraints() {
			if c.In == "request" && c.Path != "" && c.Keyword != "uniqueKeys" {
				assert.Contains(t, specs.SchemaKeywords, c.Keyword, c.ID)
			}
		}
	}
}

func TestTheExampleInputIsReadAndMustBeValid(t *testing.T) {
	set := load(t)
	start := set.Operation("StartConnection").Example()
	require.NotNil(t, start)
	assert.Equal(t, "plumbAsset01", start["AssetId"])
	assert.Equal(t, float64(0), start["NetworkInterfaceDeviceIndex"], "decoded-JSON shaped")
	start["AssetId"] = "changed"
	assert.Equal(t, "plumbAsset01", set.Operation("StartConnection").Example()["AssetId"], "a fresh copy each time")
	assert.Equal(t, map[string]any{"ConnectionId": "plumbUnknownConnectionId0000"}, set.Operation("GetConnection").Example(),
		"a path parameter's example")

	w, err := specs.LoadFiles(widgets)
	require.NoError(t, err)
	assert.Nil(t, w.Operation("PutWidget").Example(), "no example: nil, and the scenarios derive one")

	_, err = withEdit(t, "        required: true\n        content:\n          application/x-amz-json-1.0:\n            schema:\n              $ref: '#/components/schemas/PutWidgetInput'\n",
		"        required: true\n        content:\n          application/x-amz-json-1.0:\n            schema:\n              $ref: '#/components/schemas/PutWidgetInput'\n            example: {name: Bad Name, size: 3}\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "example")
	assert.Contains(t, err.Error(), `"Bad Name"`, "an invalid example is refused (kin-openapi validates examples, plumb its rules too)")
}

// Which error answers invalid input is said in the spec, never guessed from the order of
// x-aws-errors: several 400s need one marked validation.
func TestTheClientErrorIsDeclared(t *testing.T) {
	const two = "        - {type: ValidationException, status: 400, member: message, source: 'plumb test spec'}\n"
	_, err := withEdit(t, two, "        - {type: ConflictException, status: 400, member: message, source: 'plumb test spec'}\n"+two)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "several errors have status 400 (ConflictException, ValidationException): mark the one that answers invalid input with validation: true")

	marked := strings.Replace(two, "status: 400,", "status: 400, validation: true,", 1)
	b, err := os.ReadFile(widgets)
	require.NoError(t, err)
	text := strings.Replace(string(b), two, "        - {type: ConflictException, status: 400, member: message, source: 'plumb test spec'}\n"+marked, 1)
	set, err := specs.Parse([]string{"marked.yaml"}, map[string][]byte{"marked.yaml": []byte(text)})
	require.NoError(t, err)
	assert.Equal(t, "ValidationException", set.Operation("PutWidget").ClientError().Type, "the marked one, though listed second")

	w, err := specs.LoadFiles(widgets)
	require.NoError(t, err)
	assert.Equal(t, "ValidationException", w.Operation("PutWidget").ClientError().Type, "the only 400 needs no mark")
}
