package target

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"
)

// sign adds X-Amz-Date, X-Amz-Security-Token (when the credentials have a
// session token) and Authorization. Header signing only: nothing secret goes
// in the URL.
func (c *Client) sign(ctx context.Context, req *http.Request, r Request) error {
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("retrieving credentials: %w", err)
	}
	sum := sha256.Sum256(r.Body)
	return c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), r.Service, c.opts.Region, time.Now())
}

// classifySign separates a timeout or cancellation while fetching
// credentials from a credential provider that cannot give any.
func classifySign(ctx context.Context, err error) *TransportError {
	if ctx.Err() != nil {
		return classify(ctx, err)
	}
	return invalid(err)
}
