package target

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
)

// Probe checks that a TCP connection can be made to every configured target,
// each within Options.Timeout. It sends no HTTP request, so it leaves nothing
// in the target's logs. The error names every unreachable target; the CLI maps
// it to exit code 3.
func (c *Client) Probe(ctx context.Context) error {
	names := slices.Sorted(maps.Keys(c.bases))
	seen := map[string]bool{}
	var errs []error
	for _, name := range names {
		b := c.bases[name]
		addr := hostPort(b)
		if seen[addr] {
			continue
		}
		seen[addr] = true
		if err := c.dial(ctx, addr); err != nil {
			label := name
			if label == "" {
				label = "default"
			}
			errs = append(errs, fmt.Errorf("target: %s target %s unreachable (%s): %w",
				label, b.raw, kindOf(ctx, err), err))
		}
	}
	return errors.Join(errs...)
}

func (c *Client) dial(ctx context.Context, addr string) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

func hostPort(b base) string {
	host, port, err := net.SplitHostPort(b.host)
	if err != nil { // no port in the URL
		host, port = b.host, "80"
		if b.scheme == "https" {
			port = "443"
		}
		if len(host) > 1 && host[0] == '[' && host[len(host)-1] == ']' {
			host = host[1 : len(host)-1]
		}
	}
	return net.JoinHostPort(host, port)
}
