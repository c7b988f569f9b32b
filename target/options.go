package target

import (
	"crypto/tls"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Version is the plumb version put in the default User-Agent. The CLI may
// overwrite it at start-up (or at link time with -X).
var Version = "dev"

// Defaults applied by New to zero fields of Options.
const (
	DefaultRegion       = "us-east-1"
	DefaultTimeout      = 10 * time.Second
	DefaultMaxBodyBytes = 1 << 20
	// FakeAccessKeyID and FakeSecretAccessKey sign requests when
	// Options.Credentials is nil: emulators and local targets check the
	// signature's shape, not its key.
	FakeAccessKeyID     = "AKIDPLUMBTEST"
	FakeSecretAccessKey = "plumb-fake-secret"
)

// Options configure a Client. The zero value of every field but Targets is
// usable.
type Options struct {
	Targets      map[string]string       // service name -> base URL; key "" = default for any service
	Region       string                  // signing region; default "us-east-1"
	Credentials  aws.CredentialsProvider // nil -> fixed fake test credentials (FakeAccessKeyID / FakeSecretAccessKey)
	Timeout      time.Duration           // per request, including the body read; default 10s
	MaxBodyBytes int64                   // response body cap; default 1 MiB
	Concurrency  int                     // expected parallelism, sizes the connection pool; default 1
	UserAgent    string                  // default "plumb/<Version>"
	TLSConfig    *tls.Config             // nil -> system roots; set for self-signed local targets
	// Rate caps requests per second over the whole client, retries included; 0 = unlimited.
	// Real AWS throttles well below what plumb can send: give it one there.
	Rate float64
	// Limiter paces requests instead of Rate when set (tests inject one that counts).
	Limiter Limiter
	// Retry tunes the retries of throttling answers; the zero value is the default (retry.go).
	Retry Retry
	// SilentLimit is how many exchanges in a row may get no response within Timeout (or meet
	// a TLS/plain-HTTP mismatch), with none answered before, until the target is declared not
	// answering (Client.NotAnswering); default DefaultSilentLimit, negative never declares.
	SilentLimit int
}

// base is a parsed, validated base URL.
type base struct {
	raw    string // as configured, for BaseURL and messages
	scheme string
	host   string // host[:port], as in the URL
	prefix string // path prefix without trailing "/", usually ""
}

// check rejects option values no default can mend.
func (o Options) check() error {
	if !(o.Rate >= 0) || math.IsInf(o.Rate, 1) { // !(>=) also catches NaN
		return fmt.Errorf("target: Rate must be 0 (unlimited) or positive, got %v", o.Rate)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 1
	}
	if o.SilentLimit == 0 {
		o.SilentLimit = DefaultSilentLimit
	}
	if o.UserAgent == "" {
		o.UserAgent = "plumb/" + Version
	}
	if o.Credentials == nil {
		o.Credentials = aws.CredentialsProviderFunc(fakeCredentials)
	}
	if o.Limiter == nil {
		o.Limiter = newLimiter(o.Rate)
	}
	o.Retry = o.Retry.withDefaults()
	return o
}

// parseTargets validates every base URL, reporting all bad ones at once,
// in service-name order so the message is stable.
func parseTargets(m map[string]string) (map[string]base, error) {
	if len(m) == 0 {
		return nil, errors.New("target: no target URL configured")
	}
	names := slices.Sorted(maps.Keys(m))
	out := make(map[string]base, len(m))
	var errs []error
	for _, name := range names {
		b, err := parseBase(m[name])
		if err != nil {
			label := name
			if label == "" {
				label = "default"
			}
			errs = append(errs, fmt.Errorf("target: %s target: %w", label, err))
			continue
		}
		out[name] = b
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

func parseBase(raw string) (base, error) {
	if strings.TrimSpace(raw) == "" {
		return base{}, errors.New("empty URL")
	}
	if !strings.Contains(raw, "://") {
		shown := raw
		if strings.Contains(raw, "@") {
			shown = "(hidden: it may hold credentials)"
		}
		return base{}, fmt.Errorf("URL %q has no scheme; use http:// or https://", shown)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error repeats the URL, which may hold a password; keep only the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return base{}, fmt.Errorf("invalid URL: %v", err)
	}
	shown := RedactString(u.Redacted())
	switch u.Scheme {
	case "http", "https":
	case "":
		return base{}, fmt.Errorf("URL %q has no scheme; use http:// or https://", shown)
	default:
		return base{}, fmt.Errorf("URL %q has scheme %q; only http and https are supported", shown, u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return base{}, fmt.Errorf("URL %q has no host", shown)
	}
	if u.User != nil {
		return base{}, fmt.Errorf("URL %q carries user info; credentials do not belong in target URLs", shown)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return base{}, fmt.Errorf("URL %q has a query or fragment; a base URL is scheme://host[:port][/prefix]", shown)
	}
	if p := u.Port(); p != "" {
		if _, err := parsePort(p); err != nil {
			return base{}, fmt.Errorf("URL %q: %v", shown, err)
		}
	}
	prefix := strings.TrimRight(u.EscapedPath(), "/")
	return base{raw: raw, scheme: u.Scheme, host: u.Host, prefix: prefix}, nil
}

func parsePort(p string) (int, error) {
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("port %q is not a number", p)
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return 0, fmt.Errorf("port %q is out of range", p)
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("port %q is out of range", p)
	}
	return n, nil
}
