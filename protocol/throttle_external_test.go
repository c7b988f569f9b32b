package protocol_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/target"
)

func TestThrottledAnswers(t *testing.T) {
	resp := func(status int, body string, header ...string) *target.Response {
		h := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		return &target.Response{Status: status, Header: h, Body: []byte(body)}
	}
	for _, c := range []struct {
		name string
		resp *target.Response
		want bool
	}{
		{"429 alone", resp(429, ``), true},
		{"400 __type", resp(400, `{"__type":"com.amazonaws.directconnect#ThrottlingException","message":"Rate exceeded"}`), true},
		{"400 header", resp(400, `{}`, "X-Amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/"), true},
		{"503 code", resp(503, `{"code":"RequestLimitExceeded"}`), true},
		{"400 TooManyRequestsException", resp(400, `{"__type":"TooManyRequestsException"}`), true},
		{"400 validation", resp(400, `{"__type":"ValidationException"}`), false},
		{"a business limit is no throttle", resp(400, `{"__type":"LimitExceededException"}`), false},
		{"503 without a type", resp(503, `<html>busy</html>`), false},
		{"200 naming a throttle", resp(200, `{"__type":"ThrottlingException"}`), false},
		{"nil", nil, false},
	} {
		assert.Equal(t, c.want, protocol.Throttled(c.resp), c.name)
	}
	for _, name := range []string{"ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
		"SlowDown", "RequestThrottled", "RequestThrottledException", "ThrottledException", "EC2ThrottledException",
		"ProvisionedThroughputExceededException"} {
		assert.True(t, protocol.IsThrottling(name), name)
		assert.True(t, protocol.Throttled(resp(400, `{"__type":"`+name+`"}`)), name)
		assert.True(t, protocol.Throttled(resp(400, `{}`, "X-Amzn-ErrorType", name)), name)
	}
}

// Error messages and types keep bytes that are not UTF-8 as sent (encoding/json would make each
// U+FFFD), and decode everything else exactly as encoding/json does.
func TestMessageKeepsInvalidUTF8(t *testing.T) {
	got, ok := protocol.Message([]byte("{\"message\":\"bad \xff byte\"}"), "message")
	assert.True(t, ok)
	assert.Equal(t, "bad \xff byte", got)
	assert.NotContains(t, got, "\uFFFD")

	for _, lit := range []string{`"plain"`, `""`, `"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9\u0041"`, `"\ud83d\ude00 pair"`,
		`"\ud800 lone"`, `"\udc00\ud800 reversed"`, `"caf` + "\u00e9" + `"`, `"\uD83D\uDE00"`} {
		var want string
		if err := json.Unmarshal([]byte(lit), &want); err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		got, ok := protocol.Message([]byte(`{"Message":`+lit+`}`), "message")
		assert.True(t, ok, lit)
		assert.Equal(t, want, got, lit)
	}
	for _, notString := range []string{`1`, `null`, `{"a":1}`, `["x"]`} {
		_, ok := protocol.Message([]byte(`{"message":`+notString+`}`), "message")
		assert.False(t, ok, notString)
	}
}
