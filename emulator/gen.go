package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	mrand "math/rand/v2"
)

// Random response values. Bytes come from crypto/rand and small integers from
// math/rand/v2's global source; both are safe for concurrent use.

// newConnectionID is standard base64 (with padding) of 16..40 random bytes,
// so ids regularly hold '+', '/' and '=' and exercise path encoding.
func newConnectionID() string {
	b := make([]byte, 16+mrand.IntN(25))
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// newWireGuardKey is a 44-character base64 key of 32 random bytes; it always
// ends with '=' and matches ^[a-zA-Z0-9/+]{43}=$.
func newWireGuardKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// newRequestID is a random UUID (version 4), the shape of x-amzn-RequestId.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// octet returns lo..hi inclusive.
func octet(lo, hi int) int { return lo + mrand.IntN(hi-lo+1) }

// connectionDetails are the GetConnection values fixed at StartConnection.
type connectionDetails struct {
	underlayIP   string
	serverKey    string
	serverEnd    string
	clientTunnel string
	serverTunnel string
	allowedIPs   []string
	clientKey    string
}

// newDetails draws a plausible WireGuard tunnel: an underlay address in
// 10/8, a public server endpoint, and a /30 link in 169.254/16 whose server
// side is .1 and client side .2 of the block.
func newDetails(clientKey string) connectionDetails {
	third, block := octet(0, 255), 4*octet(0, 63)
	return connectionDetails{
		underlayIP:   fmt.Sprintf("10.%d.%d.%d", octet(0, 255), octet(0, 255), octet(1, 254)),
		serverKey:    newWireGuardKey(),
		serverEnd:    fmt.Sprintf("52.%d.%d.%d:%d", octet(0, 255), octet(0, 255), octet(1, 254), octet(1024, 65535)),
		serverTunnel: fmt.Sprintf("169.254.%d.%d/30", third, block+1),
		clientTunnel: fmt.Sprintf("169.254.%d.%d/30", third, block+2),
		allowedIPs:   []string{fmt.Sprintf("169.254.%d.%d/30", third, block), "10.0.0.0/8"},
		clientKey:    clientKey,
	}
}

// lowerAlnum are the characters of a Direct Connect id after dxcon- (see idSequence).
const lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

// newAccountID is 12 decimal digits.
func newAccountID() string {
	return fmt.Sprintf("%012d", mrand.Int64N(1_000_000_000_000))
}

// newAWSDevice is shaped like real Direct Connect device names (EqDC2-...).
func newAWSDevice() string {
	return fmt.Sprintf("EqDC2-%x", mrand.Uint64()&0xfffffffffff)
}
