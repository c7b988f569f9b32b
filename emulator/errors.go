package emulator

import (
	"encoding/json"
	"net/http"
)

// Error type names on the wire.
const (
	typeValidation       = "ValidationException"
	typeAccessDenied     = "AccessDeniedException"
	typeNotFound         = "NotFoundException"
	typeInternal         = "InternalServerException"
	typeDXClient         = "DirectConnectClientException"
	typeDXServer         = "DirectConnectServerException"
	typeDuplicateTagKeys = "DuplicateTagKeysException"
	typeTooManyTags      = "TooManyTagsException"
	typeUnknownOperation = "UnknownOperationException"
	typeTooLarge         = "RequestEntityTooLargeException"
	typeThrottling       = "ThrottlingException"
	typeMisspelt         = "ValidationError" // errortype-misspelt
)

// Media types.
const (
	mediaJSON    = "application/json"
	mediaAmzJSON = "application/x-amz-json-1.1"
)

// apiError is an error response before protocol encoding.
type apiError struct {
	status int
	typ    string
	msg    string
}

// writeJSON writes a JSON body with the given status and Content-Type.
func writeJSON(w http.ResponseWriter, status int, contentType string, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		// Every body is built from plain maps, strings and numbers, so this
		// cannot happen; still answer with valid JSON rather than nothing.
		b = []byte(`{}`)
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeRestError encodes an Outposts (restJson1) error: the type in the
// X-Amzn-ErrorType header, the documented body member "Message". The
// Outposts error faults are applied here and only here.
func (e *Emulator) writeRestError(w http.ResponseWriter, ae apiError) {
	if ae.typ == typeValidation {
		if e.has(faultValidationStatus500) {
			ae.status = http.StatusInternalServerError
		}
		if e.has(faultErrorTypeMisspelt) {
			ae.typ = typeMisspelt
		}
	}
	if !e.has(faultErrorTypeMissing) {
		w.Header().Set("X-Amzn-ErrorType", ae.typ)
	}
	writeJSON(w, ae.status, mediaJSON, map[string]string{"Message": ae.msg})
}

// writeAmzJSONError encodes a Direct Connect (awsJson1_1) error: the type in
// the body's "__type" and, as AWS also does, in X-Amzn-ErrorType; the
// documented body member "message". The Direct Connect error faults are
// applied here and only here.
func (e *Emulator) writeAmzJSONError(w http.ResponseWriter, ae apiError) {
	if ae.typ == typeDXClient {
		if e.has(faultDXClientStatus403) {
			ae.status = http.StatusForbidden
		}
		if e.has(faultDXErrorTypeUndocumented) {
			ae.typ = typeValidation
		}
	}
	w.Header().Set("X-Amzn-ErrorType", ae.typ)
	writeJSON(w, ae.status, mediaAmzJSON, map[string]string{"__type": ae.typ, "message": ae.msg})
}

// writeRouteError answers a request that matches no operation. It names its
// type in both the header and the body so any client can read it.
func writeRouteError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("X-Amzn-ErrorType", typeUnknownOperation)
	writeJSON(w, status, mediaJSON, map[string]string{"__type": typeUnknownOperation, "message": msg})
}
