package target

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/plumbhq/plumb/secret"
)

// sign adds X-Amz-Date, X-Amz-Security-Token (when the credentials have a
// session token) and Authorization. Header signing only: nothing secret goes
// in the URL.
func (c *Client) sign(ctx context.Context, req *http.Request, r Request) error {
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("retrieving credentials: %w", err)
	}
	c.hold(creds)
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

// hold adds the credentials to secret.Held, so that whatever plumb prints is scrubbed of them
// by value, wherever a target echoes them. The cache hands out the same credentials until
// they expire, so the usual case is one comparison of strings that share their bytes.
func (c *Client) hold(creds aws.Credentials) {
	if last := c.held.Load(); last != nil && last.AccessKeyID == creds.AccessKeyID &&
		last.SecretAccessKey == creds.SecretAccessKey && last.SessionToken == creds.SessionToken {
		return
	}
	secret.Held().Add(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
	last := creds // only this path pays for a heap copy
	c.held.Store(&last)
}
