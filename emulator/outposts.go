package emulator

import (
	"bytes"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// Patterns from the Outposts documentation. Go's RE2 cannot compile the
// documented ^[a-zA-Z0-9+/=]{1,1024}$ (repeat count over 1000), so the
// ConnectionId uses + with the 1..1024 length check alongside: the same
// language.
var (
	patAssetID       = regexp.MustCompile(`^(\w+)$`) // \w is ASCII in RE2, as in the AWS model
	patClientKey     = regexp.MustCompile(`^[a-zA-Z0-9/+]{43}=$`)
	patConnectionID  = regexp.MustCompile(`^[a-zA-Z0-9+/=]+$`)
	patAssetIDDash   = regexp.MustCompile(`^([\w-]+)$`)                        // assetid-pattern-dash
	patAssetIDUni    = regexp.MustCompile(`^([\p{L}\p{N}_]+)$`)                // assetid-pattern-unicode
	patClientKeyNoEq = regexp.MustCompile(`^[a-zA-Z0-9/+]{43}[a-zA-Z0-9/+=]$`) // clientkey-pattern-no-padding
	patConnIDLoose   = regexp.MustCompile(`^[a-zA-Z0-9+/=_-]+$`)               // connectionid-pattern-loose
)

// startConnectionRules is StartConnection's validation table. The AWS
// reference page marks DeviceSerialNumber required, but the current service
// model has it optional (see aws-protocols.md); the emulator follows the model.
func startConnectionRules(f faultSet) []rule {
	asset := rule{name: "AssetId", kind: kindString, required: true, minLen: 1, maxLen: 100, pattern: patAssetID}
	key := rule{name: "ClientPublicKey", kind: kindString, required: true, minLen: 44, maxLen: 44, pattern: patClientKey}
	serial := rule{name: "DeviceSerialNumber", kind: kindString, minLen: 1, maxLen: 100, pattern: patAssetID}
	index := rule{name: "NetworkInterfaceDeviceIndex", kind: kindInteger, required: true, hasMin: true, min: 0, hasMax: true, max: 1}

	switch {
	case f[faultAssetIDMaxLengthMissing]:
		asset.maxLen = 0
	case f[faultAssetIDMaxLengthOffByOne]:
		asset.maxLen = 101
	}
	switch {
	case f[faultAssetIDPatternDash]:
		asset.pattern = patAssetIDDash
	case f[faultAssetIDPatternUnicode]:
		asset.pattern = patAssetIDUni
	}
	if f[faultAssetIDOptional] {
		asset.required = false
	}
	if f[faultClientKeyPatternNoPadding] {
		key.pattern = patClientKeyNoEq
	}
	if f[faultSerialMaxLengthOffByOne] {
		serial.maxLen = 101
	}
	if f[faultSerialRequired] {
		serial.required = true
	}
	if f[faultDeviceIndexOptional] {
		index.required = false
	}
	if f[faultDeviceIndexMax2] {
		index.max = 2
	}
	if f[faultDeviceIndexNegative] {
		index.min = -1
	}
	if f[faultDeviceIndexStringAccepted] {
		index.lenient = true
	}
	return []rule{serial, asset, key, index}
}

// getConnectionRules is GetConnection's table: the one path label.
func getConnectionRules(f faultSet) []rule {
	id := rule{name: "ConnectionId", kind: kindString, required: true, minLen: 1, maxLen: 1024, pattern: patConnectionID}
	if f[faultConnectionIDMaxLenMissing] {
		id.maxLen = 0
	}
	if f[faultConnectionIDPatternLoose] {
		id.pattern = patConnIDLoose
	}
	return []rule{id}
}

// startConnection serves POST /connections.
func (e *Emulator) startConnection(w http.ResponseWriter, r *http.Request) {
	if msg, bad := mediaTypeError(r, mediaJSON); bad {
		e.writeRestError(w, apiError{http.StatusBadRequest, typeValidation, msg})
		return
	}
	obj, ae := e.readObject(r)
	if ae != nil {
		e.writeRestError(w, *ae)
		return
	}
	if e.has(faultNull500) {
		if v, ok := obj["DeviceSerialNumber"]; ok && v == nil {
			e.writeRestError(w, apiError{http.StatusInternalServerError, typeInternal, "An internal error has occurred."})
			return
		}
	}
	if name, ok := e.unknownMember(obj, e.startRules); ok {
		e.writeRestError(w, apiError{http.StatusBadRequest, typeValidation, unknownMemberMessage(name)})
		return
	}
	var v validator
	vals := v.object(obj, e.startRules, "")
	if len(v.errs) > 0 {
		e.writeRestError(w, apiError{http.StatusBadRequest, typeValidation, v.message()})
		return
	}
	if idx, _ := vals["NetworkInterfaceDeviceIndex"].(int64); idx == 1 && e.has(faultLargestValue500) {
		e.writeRestError(w, apiError{http.StatusInternalServerError, typeInternal, "An internal error has occurred."})
		return
	}

	clientKey, _ := vals["ClientPublicKey"].(string)
	id := newConnectionID()
	if e.has(faultRespConnectionIDMalformed) {
		id = id[:len(id)/2] + "-" + id[len(id)/2:]
	}
	seed := mrand.Uint64()
	if wait, ok := e.conns.put(id, clientKey, seed); !ok {
		e.throttled(w, wait)
		return
	}
	d := newDetails(seed, clientKey)

	underlay := d.underlayIP
	if e.has(faultRespUnderlayIPMalformed) {
		underlay = underlay[:lastDot(underlay)]
	}
	e.writeRestOK(w, map[string]any{"ConnectionId": id, "UnderlayIpAddress": underlay})
}

// getConnection serves GET /connections/{ConnectionId}; rawID is the path
// segment as sent (still percent-encoded).
func (e *Emulator) getConnection(w http.ResponseWriter, r *http.Request, rawID string) {
	id := rawID
	if !e.has(faultDecodedPathRouting) { // with the fault the path is already decoded
		var err error
		if id, err = url.PathUnescape(rawID); err != nil {
			e.writeRestError(w, apiError{http.StatusBadRequest, typeValidation,
				fmt.Sprintf("ConnectionId path segment '%s' is not validly percent-encoded", echo(rawID))})
			return
		}
	}
	var v validator
	v.object(map[string]any{"ConnectionId": id}, e.getRules, "")
	if len(v.errs) > 0 {
		e.writeRestError(w, apiError{http.StatusBadRequest, typeValidation, v.message()})
		return
	}
	c, ok := e.conns.get(id)
	if !ok || e.has(faultLostConnection) {
		typ := typeNotFound
		if e.has(faultStatusTypeDisagree) {
			typ = typeValidation
		}
		e.writeRestError(w, apiError{http.StatusNotFound, typ, fmt.Sprintf("Connection '%s' was not found.", echo(id))})
		return
	}

	d := newDetails(c.seed, c.clientKey)
	clientKey := d.clientKey
	if e.has(faultWrongKeyReturned) {
		clientKey = newWireGuardKey()
	}
	serverKey := d.serverKey
	if e.has(faultRespServerKeyMalformed) {
		serverKey = serverKey[:43]
	}
	endpoint := d.serverEnd
	if e.has(faultRespEndpointMalformed) {
		endpoint = endpoint[:lastColon(endpoint)]
	}
	allowed := append([]string(nil), d.allowedIPs...)
	if e.has(faultRespAllowedIPsMalformed) {
		allowed[0] = allowed[0][:lastSlash(allowed[0])]
	}
	e.writeRestOK(w, map[string]any{
		"ConnectionId": id,
		"ConnectionDetails": map[string]any{
			"ClientPublicKey":     clientKey,
			"ServerPublicKey":     serverKey,
			"ServerEndpoint":      endpoint,
			"ClientTunnelAddress": d.clientTunnel,
			"ServerTunnelAddress": d.serverTunnel,
			"AllowedIps":          allowed,
		},
	})
}

// throttled answers a StartConnection that found the connection table full of connections
// younger than MinConnectionAge (store.go). StartConnection documents no error for this
// (its four are AccessDenied, Validation, NotFound and InternalServer, and a 500 would say
// the emulator is broken): ThrottlingException with 429 is the answer every AWS SDK retries
// with backoff and plumb counts as a refusal, not a finding. Retry-After says when the
// oldest connection may be dropped.
func (e *Emulator) throttled(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
	e.writeRestError(w, apiError{http.StatusTooManyRequests, typeThrottling,
		fmt.Sprintf("Rate exceeded: the emulator holds %d connections, all started within the last %v; retry later.", e.conns.max, e.conns.minAge)})
}

// writeRestOK writes an Outposts 200 response.
func (e *Emulator) writeRestOK(w http.ResponseWriter, body any) {
	ct := mediaJSON
	if e.has(faultRespContentTypeWrong) {
		ct = "text/plain"
	}
	writeJSON(w, http.StatusOK, ct, body)
}

// readObject reads and parses the body of a POST, mapping failures to the
// operation-independent part of the error (the caller's protocol encodes it).
// Malformed bodies, and bodies past the bounds of bounds.go, are the service's
// client error: ValidationException for Outposts, rewritten by
// createConnection for Direct Connect. A body over the size cap is 413.
func (e *Emulator) readObject(r *http.Request) (map[string]any, *apiError) {
	buf := bodyBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			bodyBuffers.Put(buf)
		}
	}()
	err := readBody(r, e.maxBody, buf)
	if errors.Is(err, errBodyTooLarge) {
		return nil, &apiError{http.StatusRequestEntityTooLarge, typeTooLarge,
			fmt.Sprintf("request body exceeds the limit of %d bytes", e.maxBody)}
	}
	if err != nil {
		return nil, &apiError{http.StatusBadRequest, typeValidation, err.Error()}
	}
	if err := boundsError(buf.Bytes()); err != nil {
		return nil, &apiError{http.StatusBadRequest, typeValidation, err.Error()}
	}
	// parseObject copies every string out of buf, so buf may be reused once it returns.
	obj, err := parseObject(buf.Bytes())
	if err != nil {
		return nil, &apiError{http.StatusBadRequest, typeValidation, err.Error()}
	}
	return obj, nil
}

func lastDot(s string) int   { return lastByte(s, '.') }
func lastColon(s string) int { return lastByte(s, ':') }
func lastSlash(s string) int { return lastByte(s, '/') }

// lastByte is the index of the last c in s, or len(s) if there is none.
func lastByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return len(s)
}
