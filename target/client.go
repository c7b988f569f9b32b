package target

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Client sends requests to the targets. It is safe for concurrent use; make
// one per run so connections are reused.
type Client struct {
	opts   Options
	bases  map[string]base
	http   *http.Client
	signer *v4.Signer
	creds  *aws.CredentialsCache
	held   atomic.Pointer[aws.Credentials] // the credentials last added to secret.Held (sign.go)
	live   *liveness
}

// New validates o and builds a Client. Every target URL must be http or https
// with a host; errors name the bad entries.
func New(o Options) (*Client, error) {
	bases, err := parseTargets(o.Targets)
	if err != nil {
		return nil, err
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()

	// One host per target; keep enough idle connections for every worker so
	// a fuzz run does not churn through TCP handshakes.
	idle := o.Concurrency + 1
	protocols := new(http.Protocols)
	// HTTP/1.1 only: the dumps in reports show HTTP/1.1 and the restJson1
	// raw-path check depends on the request line going out verbatim.
	protocols.SetHTTP1(true)
	tr := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:        o.TLSConfig,
		TLSHandshakeTimeout:    o.Timeout,
		MaxIdleConns:           idle * len(bases),
		MaxIdleConnsPerHost:    idle,
		IdleConnTimeout:        90 * time.Second,
		DisableCompression:     true, // show the body as the target sent it
		MaxResponseHeaderBytes: 1 << 20,
		Protocols:              protocols,
	}
	hc := &http.Client{
		Transport: tr,
		// A 3xx is an answer to check, not an instruction to follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Client{
		opts:   o,
		bases:  bases,
		http:   hc,
		signer: v4.NewSigner(),
		creds:  aws.NewCredentialsCache(o.Credentials),
		live:   newLiveness(o.SilentLimit, o.Timeout, o.Retry.withDefaults().Throttled),
	}, nil
}

// BaseURL returns the base URL requests for service go to, falling back to the
// default target (key ""); "" when there is none.
func (c *Client) BaseURL(service string) string {
	if b, ok := c.lookup(service); ok {
		return b.raw
	}
	return ""
}

func (c *Client) lookup(service string) (base, bool) {
	if b, ok := c.bases[service]; ok {
		return b, true
	}
	b, ok := c.bases[""]
	return b, ok
}

// CloseIdleConnections closes idle keep-alive connections, e.g. at the end of
// a run or between the emulator's fault scenarios.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// attempt signs r and sends it once, waiting at most Options.Timeout for the
// whole exchange including the body. It never panics and never returns a nil
// Response with a nil Err. Do (retry.go) paces and retries it.
func (c *Client) attempt(ctx context.Context, r Request) (ex Exchange) {
	start := time.Now()
	ex.Request = r
	ex.Request.Header = nil // filled with the headers as sent, redacted
	defer func() {
		if p := recover(); p != nil {
			ex.Response = nil
			ex.Err = &TransportError{Kind: KindOther, Err: fmt.Errorf("internal error: %v", p)}
		}
		ex.Duration = time.Since(start)
	}()

	b, ok := c.lookup(r.Service)
	if !ok {
		ex.Err = invalid(fmt.Errorf("no target URL for service %q and no default target", r.Service))
		return ex
	}
	if r.Service == "" {
		ex.Err = invalid(fmt.Errorf("request %q has no service: cannot pick a SigV4 signing name", r.Operation))
		return ex
	}
	path, query, err := splitRawPath(r.RawPath)
	if err != nil {
		ex.Err = invalid(err)
		return ex
	}
	ex.Base = b.scheme + "://" + b.host + b.prefix
	ex.Region = c.opts.Region
	ex.URL = ex.Base + r.RawPath

	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()

	req, err := c.build(ctx, b, r, b.prefix+path, query)
	if err != nil {
		ex.Err = invalid(err)
		return ex
	}
	if err := c.sign(ctx, req, r); err != nil {
		ex.Err = classifySign(ctx, err)
		return ex
	}
	ex.sent = &sentSecrets{auth: req.Header.Get("Authorization")}
	ex.Request.Header = Redact(req.Header)
	// The signer may rewrite the query into canonical order; record what goes out.
	ex.URL = b.scheme + "://" + b.host + b.prefix + path
	if req.URL.RawQuery != "" {
		ex.URL += "?" + req.URL.RawQuery
	}

	resp, err := c.http.Do(req)
	if err != nil {
		ex.Err = classify(ctx, err)
		return ex
	}
	body, truncated, err := readBody(resp, c.opts.MaxBodyBytes)
	if err != nil {
		ex.Err = classify(ctx, fmt.Errorf("reading body of %d response: %w", resp.StatusCode, err))
		return ex
	}
	ex.Response = &Response{Status: resp.StatusCode, Header: resp.Header, Body: body, Truncated: truncated}
	return ex
}

// build makes the *http.Request. The escaped path goes in URL.Opaque so that
// neither net/http nor the signer re-encodes it.
func (c *Client) build(ctx context.Context, b base, r Request, path, query string) (*http.Request, error) {
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	if err := validHeader(r.Header); err != nil {
		return nil, err
	}
	u := wireURL(b, path, query)
	req, err := http.NewRequestWithContext(ctx, method, b.scheme+"://"+b.host+"/", nil)
	if err != nil {
		return nil, err
	}
	req.URL = u
	req.Host = b.host
	req.Header = cloneHeader(r.Header)
	if _, ok := req.Header["User-Agent"]; !ok {
		req.Header.Set("User-Agent", c.opts.UserAgent)
	}
	if len(r.Body) > 0 {
		body := r.Body
		req.ContentLength = int64(len(body))
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	} else {
		req.Body = http.NoBody
		req.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
	}
	return req, nil
}

// cloneHeader copies h without the headers net/http writes itself; the
// signer would otherwise sign values that never reach the wire.
func cloneHeader(h http.Header) http.Header {
	out := make(http.Header, len(h)+4)
	for k, v := range h {
		switch http.CanonicalHeaderKey(k) {
		case "Host", "Content-Length", "Transfer-Encoding", "Authorization", "X-Amz-Date":
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}
