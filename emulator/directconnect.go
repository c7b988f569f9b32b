package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"time"
)

// Tag patterns. The documented pattern uses Unicode classes, which RE2
// supports directly.
var (
	patTag      = regexp.MustCompile(`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`)
	patTagLoose = regexp.MustCompile(`^([\p{L}\p{Z}\p{N}_.:/=+\-@!#*]*)$`) // tag-pattern-loose
)

// maxTagsPerResource is the AWS tagging limit behind TooManyTagsException.
const maxTagsPerResource = 50

// createConnectionRules is CreateConnection's validation table.
func createConnectionRules(f faultSet) []rule {
	key := rule{name: "key", kind: kindString, required: true, minLen: 1, maxLen: 128, pattern: patTag}
	value := rule{name: "value", kind: kindString, maxLen: 256, pattern: patTag}
	tags := rule{name: "tags", kind: kindList, minLen: 1}
	location := rule{name: "location", kind: kindString, required: true}

	if f[faultTagKeyMaxLengthOffByOne] {
		key.maxLen = 129
	}
	if f[faultTagKeyMinLengthMissing] {
		key.minLen = 0
	}
	if f[faultTagPatternLoose] {
		key.pattern = patTagLoose
	}
	if f[faultTagValueMaxLengthFarOff] {
		value.maxLen = 1024
	}
	if f[faultTagValueRequired] {
		value.required = true
	}
	if f[faultDXEmptyTagsAccepted] {
		tags.minLen = 0
	}
	if f[faultLocationOptional] {
		location.required = false
	}
	tags.items = []rule{key, value}
	return []rule{
		location,
		{name: "bandwidth", kind: kindString, required: true},
		{name: "connectionName", kind: kindString, required: true},
		{name: "lagId", kind: kindString},
		tags,
		{name: "providerName", kind: kindString},
		{name: "requestMACSec", kind: kindBoolean, lenient: f[faultRequestMACSecStringAccept]},
	}
}

// maxTags is the tag-count limit the emulator enforces; 0 means none.
func maxTags(f faultSet) int {
	switch {
	case f[faultDXTooManyTagsAccepted]:
		return 0
	case f[faultDXMaxTagsOffByOne]:
		return maxTagsPerResource - 1
	}
	return maxTagsPerResource
}

// createConnection serves OvertureService.CreateConnection.
//
// Check order: Content-Type, body size, JSON syntax, then the whole
// validation table (types, required members, per-tag constraints, the tags
// list's minimum) as one DirectConnectClientException; then repeated keys
// (DuplicateTagKeysException); then the tag count (TooManyTagsException).
func (e *Emulator) createConnection(w http.ResponseWriter, r *http.Request) {
	vals, ok := e.dxInput(w, r, e.createRules)
	if !ok {
		return
	}
	tags, _ := vals["tags"].([]map[string]any)
	if !e.has(faultDXDuplicateTagsAccepted) {
		seen := make(map[string]bool, len(tags))
		for _, t := range tags {
			k, _ := t["key"].(string)
			if seen[k] {
				e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeDuplicateTagKeys,
					fmt.Sprintf("Duplicate tag key '%s': a tag key may appear only once.", echo(k))})
				return
			}
			seen[k] = true
		}
	}
	if e.maxTags > 0 && len(tags) > e.maxTags {
		e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeTooManyTags,
			fmt.Sprintf("Too many tags: %d given, at most %d are allowed per resource.", len(tags), e.maxTags)})
		return
	}
	if name, _ := vals["connectionName"].(string); name == "" && e.has(faultEmptyString500) {
		if _, present := vals["connectionName"]; present {
			e.writeAmzJSONError(w, apiError{http.StatusInternalServerError, typeDXServer, "An internal error has occurred."})
			return
		}
	}
	writeJSON(w, http.StatusOK, mediaAmzJSON, e.newDXConnection(vals, tags))
}

// newDXConnection builds the Connection object for a validated request:
// a new standard connection in state "requested" that echoes the request.
func (e *Emulator) newDXConnection(vals map[string]any, tags []map[string]any) map[string]any {
	macsec, _ := vals["requestMACSec"].(bool)
	device := newAWSDevice()
	now := time.Now().Unix()
	c := map[string]any{
		"ownerAccount":         e.account,
		"connectionId":         e.dxIDs.next(),
		"connectionState":      "requested",
		"region":               "us-east-1",
		"vlan":                 0,
		"loaIssueTime":         now,
		"awsDevice":            device,
		"awsDeviceV2":          device,
		"awsLogicalDeviceId":   device,
		"jumboFrameCapable":    false,
		"hasLogicalRedundancy": "unknown",
		"macSecCapable":        macsec,
	}
	for _, k := range []string{"location", "bandwidth", "connectionName", "lagId", "providerName"} {
		if s, ok := vals[k].(string); ok {
			c[k] = s
		}
	}
	var out []map[string]string
	if tags != nil {
		out = make([]map[string]string, 0, len(tags))
		for _, t := range tags {
			key, _ := t["key"].(string)
			if e.has(faultDXRespTagKeyTooLong) {
				key = "user:" + key
			}
			tag := map[string]string{"key": key}
			if val, ok := t["value"].(string); ok {
				tag["value"] = val
			}
			out = append(out, tag)
		}
	}
	if e.has(faultDXConnectionIDReused) {
		c["connectionId"], out = e.dxLast.reuse(c["connectionId"].(string), out)
	}
	if out != nil {
		c["tags"] = out
	}
	defer func() { e.dx.put(c["connectionId"].(string), c) }() // with the faults below, as it was answered
	if e.has(faultRespStateNotEnum) {
		c["connectionState"] = "new"
	}
	if e.has(faultDXInitialStateAvailable) {
		c["connectionState"] = "available"
	}
	if e.has(faultRespBoolAsString) {
		c["jumboFrameCapable"] = "false"
	}
	if e.has(faultRespTimeAsString) {
		c["loaIssueTime"] = time.Unix(now, 0).UTC().Format(time.RFC3339)
	}
	return c
}
