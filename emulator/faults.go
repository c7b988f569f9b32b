package emulator

import (
	"fmt"
	"strings"
)

// Fault describes one named defect the emulator can inject. Each fault breaks
// exactly one behaviour; everything else stays correct, so a conformance suite
// that misses the fault has a gap that the fault's name points at.
type Fault struct {
	// Name is the kebab-case identifier passed in Config.Faults.
	Name string
	// Class groups faults by the kind of rule they break: bound, pattern,
	// required, range, type, status, error-type, server-error, response,
	// content-type, state, tags, routing or extra-member.
	Class string
	// Operation names the operation whose behaviour changes. A fault that
	// changes both Outposts operations lists both, comma-separated
	// ("StartConnection,GetConnection").
	Operation string
	// Description says what the faulty emulator does differently.
	Description string
}

// Operation names used in the catalogue.
const (
	opStart    = "StartConnection"
	opGet      = "GetConnection"
	opCreate   = "CreateConnection"
	opDescribe = "DescribeConnections"
	opBoth     = opStart + "," + opGet
	opBodies   = opStart + "," + opCreate // the operations that take a JSON body
)

// Fault names. Code paths consult these through Emulator.has, never through
// scattered string literals, so a typo is a compile error.
const (
	faultAssetIDMaxLengthMissing    = "assetid-maxlength-missing"
	faultAssetIDMaxLengthOffByOne   = "assetid-maxlength-off-by-one"
	faultSerialMaxLengthOffByOne    = "serial-maxlength-off-by-one"
	faultTagKeyMaxLengthOffByOne    = "tagkey-maxlength-off-by-one"
	faultTagValueMaxLengthFarOff    = "tagvalue-maxlength-far-off"
	faultTagKeyMinLengthMissing     = "tagkey-minlength-missing"
	faultConnectionIDMaxLenMissing  = "connectionid-maxlength-missing"
	faultAssetIDPatternDash         = "assetid-pattern-dash"
	faultAssetIDPatternUnicode      = "assetid-pattern-unicode"
	faultClientKeyPatternNoPadding  = "clientkey-pattern-no-padding"
	faultTagPatternLoose            = "tag-pattern-loose"
	faultConnectionIDPatternLoose   = "connectionid-pattern-loose"
	faultAssetIDOptional            = "assetid-optional"
	faultDeviceIndexOptional        = "deviceindex-optional"
	faultSerialRequired             = "serial-required"
	faultTagValueRequired           = "tagvalue-required"
	faultLocationOptional           = "location-optional"
	faultDeviceIndexMax2            = "deviceindex-max-2"
	faultDeviceIndexNegative        = "deviceindex-negative"
	faultDeviceIndexStringAccepted  = "deviceindex-string-accepted"
	faultRequestMACSecStringAccept  = "requestmacsec-string-accepted"
	faultValidationStatus500        = "validation-status-500"
	faultDXClientStatus403          = "dx-client-status-403"
	faultErrorTypeMissing           = "errortype-missing"
	faultErrorTypeMisspelt          = "errortype-misspelt"
	faultDXErrorTypeUndocumented    = "dx-errortype-undocumented"
	faultStatusTypeDisagree         = "status-type-disagree"
	faultNull500                    = "null-500"
	faultEmptyString500             = "empty-string-500"
	faultLargestValue500            = "largest-value-500"
	faultRespConnectionIDMalformed  = "resp-connectionid-malformed"
	faultRespUnderlayIPMalformed    = "resp-underlay-ip-malformed"
	faultRespServerKeyMalformed     = "resp-server-key-malformed"
	faultRespEndpointMalformed      = "resp-endpoint-malformed"
	faultRespAllowedIPsMalformed    = "resp-allowedips-malformed"
	faultRespStateNotEnum           = "resp-state-not-enum"
	faultRespBoolAsString           = "resp-bool-as-string"
	faultRespTimeAsString           = "resp-time-as-string"
	faultRespContentTypeWrong       = "resp-content-type-wrong"
	faultLostConnection             = "lost-connection"
	faultWrongKeyReturned           = "wrong-key-returned"
	faultDecodedPathRouting         = "decoded-path-routing"
	faultDXDuplicateTagsAccepted    = "dx-duplicate-tags-accepted"
	faultDXTooManyTagsAccepted      = "dx-too-many-tags-accepted"
	faultDXMaxTagsOffByOne          = "dx-max-tags-off-by-one"
	faultDXEmptyTagsAccepted        = "dx-empty-tags-accepted"
	faultDXWrongTargetAccepted      = "dx-wrong-target-accepted"
	faultDXInitialStateAvailable    = "dx-initial-state-available"
	faultDXConnectionIDReused       = "dx-connectionid-reused"
	faultDXRespTagKeyTooLong        = "dx-resp-tag-key-too-long"
	faultDXDescribeNotListed        = "dx-describe-not-listed"
	faultDXDescribeTagsDropped      = "dx-describe-tags-dropped"
	faultDXDescribeListedTwice      = "dx-describe-listed-twice"
	faultDXDescribeMaxResultsString = "dx-describe-maxresults-string"
	faultUnknownMemberRejected      = "unknown-member-rejected"
)

// catalogue is the single table of faults, in the stable order Faults returns.
var catalogue = []Fault{
	{faultAssetIDMaxLengthMissing, "bound", opStart, "AssetId longer than 100 characters is accepted (no maximum length)"},
	{faultAssetIDMaxLengthOffByOne, "bound", opStart, "AssetId of 101 characters is accepted; 102 is rejected"},
	{faultSerialMaxLengthOffByOne, "bound", opStart, "DeviceSerialNumber of 101 characters is accepted; 102 is rejected"},
	{faultTagKeyMaxLengthOffByOne, "bound", opCreate, "tag key of 129 characters is accepted; 130 is rejected"},
	{faultTagValueMaxLengthFarOff, "bound", opCreate, "tag value of up to 1024 characters is accepted (limit is 256)"},
	{faultTagKeyMinLengthMissing, "bound", opCreate, "empty tag key is accepted"},
	{faultConnectionIDMaxLenMissing, "bound", opGet, "ConnectionId of 1025+ characters gets 404 NotFoundException instead of 400 ValidationException"},
	{faultAssetIDPatternDash, "pattern", opStart, "AssetId holding '-' is accepted"},
	{faultAssetIDPatternUnicode, "pattern", opStart, "AssetId holding Unicode letters and digits (e.g. 'é') is accepted"},
	{faultClientKeyPatternNoPadding, "pattern", opStart, "ClientPublicKey of 44 characters without the trailing '=' is accepted"},
	{faultTagPatternLoose, "pattern", opCreate, "tag key holding '!', '#' or '*' is accepted"},
	{faultConnectionIDPatternLoose, "pattern", opGet, "ConnectionId holding '-' or '_' gets 404 NotFoundException instead of 400 ValidationException"},
	{faultAssetIDOptional, "required", opStart, "missing AssetId is accepted"},
	{faultDeviceIndexOptional, "required", opStart, "missing NetworkInterfaceDeviceIndex is accepted"},
	{faultSerialRequired, "required", opStart, "missing DeviceSerialNumber is rejected (a false rejection: the member is optional)"},
	{faultTagValueRequired, "required", opCreate, "tag without a value is rejected (a false rejection: value is optional)"},
	{faultLocationOptional, "required", opCreate, "missing location is accepted"},
	{faultDeviceIndexMax2, "range", opStart, "NetworkInterfaceDeviceIndex 2 is accepted (maximum is 1)"},
	{faultDeviceIndexNegative, "range", opStart, "NetworkInterfaceDeviceIndex -1 is accepted (minimum is 0)"},
	{faultDeviceIndexStringAccepted, "type", opStart, "NetworkInterfaceDeviceIndex given as a JSON string (\"1\") is accepted"},
	{faultRequestMACSecStringAccept, "type", opCreate, "requestMACSec given as a JSON string (\"true\") is accepted"},
	{faultValidationStatus500, "status", opBoth, "ValidationException responses carry HTTP status 500 (type unchanged)"},
	{faultDXClientStatus403, "status", opCreate, "DirectConnectClientException responses carry HTTP status 403"},
	{faultErrorTypeMissing, "error-type", opBoth, "Outposts error responses name no error type (no X-Amzn-ErrorType, no code/__type)"},
	{faultErrorTypeMisspelt, "error-type", opBoth, "Outposts validation errors are typed 'ValidationError' instead of 'ValidationException'"},
	{faultDXErrorTypeUndocumented, "error-type", opCreate, "Direct Connect validation errors are typed 'ValidationException' (undocumented for the service)"},
	{faultStatusTypeDisagree, "error-type", opGet, "unknown ConnectionId gets 404 typed ValidationException instead of NotFoundException"},
	{faultNull500, "server-error", opStart, "JSON null for DeviceSerialNumber gets 500 InternalServerException (null must mean absent)"},
	{faultEmptyString500, "server-error", opCreate, "empty connectionName gets 500 DirectConnectServerException (empty string is valid)"},
	{faultLargestValue500, "server-error", opStart, "NetworkInterfaceDeviceIndex 1 (the largest valid value) gets 500 InternalServerException"},
	{faultRespConnectionIDMalformed, "response", opStart, "StartConnection returns a ConnectionId holding '-'"},
	{faultRespUnderlayIPMalformed, "response", opStart, "StartConnection returns an UnderlayIpAddress with three octets"},
	{faultRespServerKeyMalformed, "response", opGet, "GetConnection returns a ServerPublicKey of 43 characters"},
	{faultRespEndpointMalformed, "response", opGet, "GetConnection returns a ServerEndpoint without a port"},
	{faultRespAllowedIPsMalformed, "response", opGet, "GetConnection returns an AllowedIps entry without a prefix length"},
	{faultRespStateNotEnum, "response", opCreate, "CreateConnection returns connectionState 'new' (not in the enum)"},
	{faultRespBoolAsString, "response", opCreate, "CreateConnection returns jumboFrameCapable as the JSON string \"false\""},
	{faultRespTimeAsString, "response", opCreate, "CreateConnection returns loaIssueTime as an ISO 8601 string instead of epoch seconds"},
	{faultRespContentTypeWrong, "content-type", opBoth, "Outposts 200 responses carry Content-Type text/plain"},
	{faultLostConnection, "state", opGet, "GetConnection answers 404 NotFoundException for connections that were started"},
	{faultWrongKeyReturned, "state", opGet, "GetConnection returns a different (valid) ClientPublicKey than the one started with"},
	{faultDecodedPathRouting, "routing", opGet, "routes on the decoded path, so ConnectionIds holding '/' get 404"},
	{faultDXDuplicateTagsAccepted, "tags", opCreate, "repeated tag keys are accepted (no DuplicateTagKeysException)"},
	{faultDXTooManyTagsAccepted, "tags", opCreate, "51 or more tags are accepted (no TooManyTagsException)"},
	{faultDXMaxTagsOffByOne, "tags", opCreate, "exactly 50 tags are rejected with TooManyTagsException (a false rejection)"},
	{faultDXEmptyTagsAccepted, "tags", opCreate, "an empty tags list is accepted (minimum is 1 item)"},
	{faultDXWrongTargetAccepted, "routing", opCreate, "any X-Amz-Target on POST / (even none) is handled as CreateConnection"},
	{faultDXInitialStateAvailable, "state", opCreate, "a new connection is reported in connectionState 'available' instead of 'requested' (as moto does)"},
	{faultDXConnectionIDReused, "state", opCreate, "CreateConnection returns the previous connection's connectionId and merges the new tags into it (as moto does when its ids collide)"},
	{faultDXDescribeNotListed, "state", opDescribe, "DescribeConnections never lists a connection (an empty connections list, even for the id CreateConnection returned)"},
	{faultDXDescribeTagsDropped, "state", opDescribe, "DescribeConnections returns connections without their tags"},
	{faultDXDescribeListedTwice, "state", opDescribe, "DescribeConnections lists each connection twice"},
	{faultDXDescribeMaxResultsString, "type", opDescribe, "maxResults given as a JSON string (\"10\") is accepted"},
	{faultDXRespTagKeyTooLong, "response", opCreate, "CreateConnection echoes each tag key with a 'user:' prefix, so a key of 124 or more characters comes back longer than 128"},
	{faultUnknownMemberRejected, "extra-member", opBodies, "a request holding a top-level member the operation does not know is rejected with the client error (400) instead of ignored"},
}

// Faults returns the catalogue of injectable faults in a stable order.
// The slice is a copy; callers may modify it.
func Faults() []Fault {
	out := make([]Fault, len(catalogue))
	copy(out, catalogue)
	return out
}

// faultSet is the set of faults one Emulator injects.
type faultSet map[string]bool

// newFaultSet checks every name against the catalogue so that a misspelt
// --fault flag fails loudly instead of silently testing nothing.
func newFaultSet(names []string) (faultSet, error) {
	known := make(map[string]bool, len(catalogue))
	for _, f := range catalogue {
		known[f.Name] = true
	}
	set := faultSet{}
	var unknown []string
	for _, n := range names {
		if !known[n] {
			unknown = append(unknown, fmt.Sprintf("%q", n))
			continue
		}
		set[n] = true
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("emulator: unknown fault(s) %s (see emulator.Faults for the catalogue)", strings.Join(unknown, ", "))
	}
	return set, nil
}
