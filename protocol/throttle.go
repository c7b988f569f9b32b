package protocol

import (
	"bytes"
	"net/http"

	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// throttleTypes are the error types by which AWS services say "slow down": those its SDKs'
// standard retryers treat as throttling, less the ones some APIs also use for a business
// limit (LimitExceededException, for one, is a documented error of many operations).
var throttleTypes = map[string]bool{
	"ThrottlingException": true, "Throttling": true, "TooManyRequestsException": true,
	"RequestLimitExceeded": true, "SlowDown": true, "RequestThrottled": true,
	"RequestThrottledException": true, "ThrottledException": true, "EC2ThrottledException": true,
	"ProvisionedThroughputExceededException": true,
}

// IsThrottling reports whether the sanitised error type name is a throttling error.
func IsThrottling(name string) bool { return throttleTypes[name] }

// Throttled reports whether resp is a throttling answer: a 429, or an error response naming
// a throttling type (AWS answers ThrottlingException with 400, RequestLimitExceeded with 503).
// The type is read both ways the JSON protocols read it (the caller's protocol is not at
// hand): a throttling type in either place makes the answer throttling. target.Retry.Throttled
// takes it.
func Throttled(resp *target.Response) bool {
	if resp == nil || resp.Status < 400 {
		return false
	}
	if resp.Status == http.StatusTooManyRequests {
		return true
	}
	if !mayNameThrottling(resp.Body) && !mayNameThrottling([]byte(resp.Header.Get("X-Amzn-ErrorType"))) {
		return false // most error answers (a fuzz campaign's 400s): no JSON decoding
	}
	return IsThrottling(ErrorType(specs.RestJSON1, resp.Header, resp.Body).Name) ||
		IsThrottling(ErrorType(specs.AWSJSON11, resp.Header, resp.Body).Name)
}

// throttleStems are substrings of every name in throttleTypes.
var throttleStems = [][]byte{[]byte("hrottl"), []byte("TooManyRequests"), []byte("LimitExceeded"),
	[]byte("SlowDown"), []byte("ThroughputExceeded")}

// mayNameThrottling is a cheap filter before decoding: false when b holds no throttling name.
func mayNameThrottling(b []byte) bool {
	for _, s := range throttleStems {
		if bytes.Contains(b, s) {
			return true
		}
	}
	return false
}
