package protocol_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
)

func ops(t *testing.T) *specs.Set {
	t.Helper()
	set, err := specs.Load()
	require.NoError(t, err)
	return set
}

func TestEncodeRestJSONPathLabelIsPercentEncoded(t *testing.T) {
	get := ops(t).Operation("GetConnection")
	req, err := protocol.Encode(get, map[string]any{"ConnectionId": "ab+c/d=é"}, protocol.Overrides{})
	require.NoError(t, err)
	assert.Equal(t, "GET", req.Method)
	assert.Equal(t, "/connections/ab%2Bc%2Fd%3D%C3%A9", req.RawPath)
	assert.Nil(t, req.Body)
	assert.Equal(t, "outposts", req.Service)
	assert.Empty(t, req.Header.Get("Content-Type"))
}

func TestEncodeRestJSONBody(t *testing.T) {
	start := ops(t).Operation("StartConnection")
	in := map[string]any{"AssetId": "a1", "NetworkInterfaceDeviceIndex": float64(1), "Extra": nil}
	req, err := protocol.Encode(start, in, protocol.Overrides{})
	require.NoError(t, err)
	assert.Equal(t, "/connections", req.RawPath)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	var got map[string]any
	require.NoError(t, json.Unmarshal(req.Body, &got))
	assert.Equal(t, in, got)
}

func TestEncodeAWSJSONHeadersAndOverrides(t *testing.T) {
	create := ops(t).Operation("CreateConnection")
	req, err := protocol.Encode(create, map[string]any{"location": "x"}, protocol.Overrides{})
	require.NoError(t, err)
	assert.Equal(t, "/", req.RawPath)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "OvertureService.CreateConnection", req.Header.Get("X-Amz-Target"))
	assert.Equal(t, "application/x-amz-json-1.1", req.Header.Get("Content-Type"))

	none, wrong := "", "OvertureService.DeleteEverything"
	req = protocol.EncodeRaw(create, []byte("{"), nil, protocol.Overrides{ContentType: &none, Target: &wrong})
	assert.Empty(t, req.Header.Values("Content-Type"))
	assert.Equal(t, wrong, req.Header.Get("X-Amz-Target"))
	assert.Equal(t, "{", string(req.Body))
}

func TestErrorTypeFollowsEachProtocolsPrecedence(t *testing.T) {
	h := http.Header{"X-Amzn-Errortype": {"ValidationException:http://internal.amazon.com/coral/com.amazon.outposts/"}}
	body := []byte(`{"__type":"com.amazonaws.directconnect#TooManyTagsException","code":"Other","message":"m"}`)

	rest := protocol.ErrorType(specs.RestJSON1, h, body)
	assert.Equal(t, "ValidationException", rest.Name)
	assert.Equal(t, "header", rest.Where)

	aj := protocol.ErrorType(specs.AWSJSON11, h, body)
	assert.Equal(t, "TooManyTagsException", aj.Name)
	assert.Equal(t, "body.__type", aj.Where)

	// restJson1 falls back to body code, then __type; awsJson1_1 to the header.
	assert.Equal(t, "NotFoundException", protocol.ErrorType(specs.RestJSON1, http.Header{}, []byte(`{"code":"NotFoundException"}`)).Name)
	assert.Equal(t, "NotFoundException", protocol.ErrorType(specs.RestJSON1, http.Header{}, []byte(`{"__type":"aws#NotFoundException"}`)).Name)
	assert.Equal(t, "DirectConnectClientException", protocol.ErrorType(specs.AWSJSON11,
		http.Header{"X-Amzn-Errortype": {"DirectConnectClientException"}}, []byte(`{}`)).Name)

	missing := protocol.ErrorType(specs.RestJSON1, http.Header{}, []byte("<html>oops</html>"))
	assert.False(t, missing.Found())
}

func TestSanitize(t *testing.T) {
	for raw, want := range map[string]string{
		"ValidationException": "ValidationException",
		"com.amazonaws.directconnect#TooManyTagsException:http://internal.amazon.com/": "TooManyTagsException",
		"aws.protocoltests#Name": "Name",
		"Name:http://a#b":        "Name",
		"":                       "",
	} {
		assert.Equal(t, want, protocol.Sanitize(raw), raw)
	}
}

func TestMessageIsCaseInsensitive(t *testing.T) {
	m, ok := protocol.Message([]byte(`{"message":"bad"}`), "Message")
	assert.True(t, ok)
	assert.Equal(t, "bad", m)
	_, ok = protocol.Message([]byte(`{"Message":5}`), "Message")
	assert.False(t, ok)
	_, ok = protocol.Message([]byte(`not json`), "Message")
	assert.False(t, ok)
}

func TestCommonErrors(t *testing.T) {
	e, ok := protocol.IsCommonError("SerializationException")
	assert.True(t, ok)
	assert.Equal(t, 400, e.Status)
	_, ok = protocol.IsCommonError("ValidationException")
	assert.False(t, ok, "ValidationException is Outposts' own, not common")
}
