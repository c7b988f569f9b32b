package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
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

// newDetails draws a plausible WireGuard tunnel from seed: an underlay address
// in 10/8, a public server endpoint, and a /30 link in 169.254/16 whose server
// side is .1 and client side .2 of the block. The same seed always gives the
// same values, so the store keeps 8 bytes per connection instead of six
// strings and a slice (see store.go).
func newDetails(seed uint64, clientKey string) connectionDetails {
	r := mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	octet := func(lo, hi int) int { return lo + r.IntN(hi-lo+1) }
	var key [32]byte
	for i := 0; i < len(key); i += 8 {
		binary.LittleEndian.PutUint64(key[i:], r.Uint64())
	}
	third, block := octet(0, 255), 4*octet(0, 63)
	return connectionDetails{
		underlayIP:   fmt.Sprintf("10.%d.%d.%d", octet(0, 255), octet(0, 255), octet(1, 254)),
		serverKey:    base64.StdEncoding.EncodeToString(key[:]),
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
