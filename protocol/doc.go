// Package protocol knows the two AWS wire protocols plumb speaks: how an operation's input
// travels in an HTTP request, and how an error response names its type.
//
// Index:
//   - Encode, EncodeRaw, Overrides, EscapeLabel, EscapeGreedyLabel, Text: build the target.Request
//     for an operation: path labels (greedy ones keep their slashes), query and header members as
//     text, the rest in the JSON body (encode.go).
//   - Received: the input as a server reads it back from that request, bound members parsed from
//     their text, so drivers know which cases survive the trip (received.go).
//   - ErrorType, Sanitize, ErrorName: read an error's type the way AWS clients do (errors.go).
//   - Message: read an error's message member (errors.go). Messages and types keep bytes that are
//     not UTF-8 as sent (jsontext.go), so reports show them as \xNN, not as U+FFFD.
//   - Throttled, IsThrottling: whether an answer says "slow down" (429, ThrottlingException,
//     RequestLimitExceeded, ...) (throttle.go); target.Retry.Throttled takes Throttled.
//   - CommonError, IsCommonError: the errors AWS documents as common to all actions (common.go).
package protocol
