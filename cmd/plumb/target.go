package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// targetFlags are the flags every command that drives a target shares.
type targetFlags struct {
	targets         multiFlag
	region          string
	awsCredentials  bool
	timeout         time.Duration
	faults          multiFlag
	allowLiveWrites bool
	strict          bool
	rate            float64
	checks          checkFlags // registered by the commands that take --checks (run, fuzz)
	specFiles       multiFlag
}

func (t *targetFlags) register(fs *flag.FlagSet) {
	fs.Var(&t.targets, "target", "target base URL, for every service or per service as NAME=URL (outposts, directconnect); repeatable. Default: the embedded emulator")
	fs.StringVar(&t.region, "region", "us-east-1", "AWS region used to sign requests")
	fs.BoolVar(&t.awsCredentials, "aws-credentials", false, "sign with your credentials from the standard AWS chain (env, profile, SSO, IMDS) instead of fixed fake test credentials")
	fs.DurationVar(&t.timeout, "timeout", 10*time.Second, "per-request timeout, including the response body")
	fs.Var(&t.faults, "fault", "with the embedded emulator: inject a named fault (repeatable; plumb serve --list-faults)")
	fs.BoolVar(&t.allowLiveWrites, "allow-live-writes", false, "against real AWS, also send requests that create resources")
	fs.Var(&t.specFiles, "spec", "an OpenAPI spec FILE to test instead of plumb's embedded specs (repeatable; plumb spec list --spec FILE shows what plumb reads from it)")
	fs.BoolVar(&t.strict, "strict", false, "demand the operation's own error types even where AWS documents errors common to all actions")
	fs.Float64Var(&t.rate, "rate", 0, "cap requests per second over all workers, retries included (0: unlimited); real AWS throttles, so give it one there (e.g. --rate 5)")
}

// session is a ready target: specs, check engine, signing client, and how to clean up.
type session struct {
	set      *specs.Set
	engine   *check.Engine
	client   *target.Client
	describe string // redacted, for reports
	liveAWS  bool
	close    func()
	// embedded is set when the target is the embedded emulator, gone after the run: curl lines
	// then name the target $PLUMB_TARGET, with how to start an emulator like it.
	embedded bool
	curl     target.CurlOptions
	// outOfScope names the operations whose service has no target, with why: a run that
	// targets one service leaves the others out rather than failing them.
	outOfScope map[string]string
}

// scopeFor returns the operations to drive (the selection, or every one when none is
// selected) minus those out of scope, and an error naming a selected operation that is out
// of scope or unknown.
func (s *session) scopeFor(selected []string) ([]string, error) {
	for _, op := range selected {
		if s.set.Operation(op) == nil {
			return nil, fmt.Errorf("--operation: unknown operation %q (operations: %s)", op, opNames(s.set))
		}
		if why := s.outOfScope[op]; why != "" {
			return nil, fmt.Errorf("--operation %s: %s", op, why)
		}
	}
	if len(selected) > 0 {
		return selected, nil
	}
	var out []string
	for _, op := range s.set.Operations() {
		if s.outOfScope[op.ID] == "" {
			out = append(out, op.ID)
		}
	}
	return out, nil
}

// open validates the flags, starts the embedded emulator when no target is given, builds the
// client and probes the target. code is non-zero when the caller must stop with it.
func (t *targetFlags) open(cmd string, concurrency int, stderr io.Writer) (*session, int) {
	if t.timeout <= 0 {
		return nil, usageError(stderr, cmd, "--timeout must be positive, got %s", t.timeout)
	}
	if strings.TrimSpace(t.region) == "" {
		return nil, usageError(stderr, cmd, "--region must not be empty")
	}
	if !(t.rate >= 0) || math.IsInf(t.rate, 1) { // !(>=) also catches NaN
		return nil, usageError(stderr, cmd, "--rate must be 0 (unlimited) or a positive number of requests per second, got %v", t.rate)
	}
	set, err := loadSpecs(t.specFiles)
	if err != nil {
		return nil, usageError(stderr, cmd, "%v", err)
	}
	urls, err := parseTargets(t.targets, set)
	if err != nil {
		return nil, usageError(stderr, cmd, "%v", err)
	}
	disabled, err := t.checks.disabled()
	if err != nil {
		return nil, usageError(stderr, cmd, "%v", err)
	}
	s := &session{set: set, engine: check.New(set, check.Options{Strict: t.strict, Disabled: disabled}), close: func() {}}
	if len(urls) == 0 {
		if missing := notEmulated(set); len(missing) > 0 {
			return nil, usageError(stderr, cmd, "the embedded emulator does not implement %s (it implements %s): give --target URL",
				strings.Join(missing, ", "), strings.Join(emulator.Operations, ", "))
		}
		srv, err := emulator.Start(emulator.Config{Faults: t.faults}, "127.0.0.1:0")
		if err != nil {
			return nil, usageError(stderr, cmd, "%v", err)
		}
		s.close = func() { _ = srv.Close() }
		urls = map[string]string{"": srv.URL}
		s.describe = "embedded emulator " + srv.URL
		if len(t.faults) > 0 {
			s.describe += " with faults " + strings.Join(t.faults, ",")
		}
		s.embedded = true
		s.curl = embeddedCurl(t.faults)
	} else {
		if len(t.faults) > 0 {
			return nil, usageError(stderr, cmd, "--fault applies to the embedded emulator only; drop --target or start 'plumb serve --fault NAME'")
		}
		s.describe = describeTargets(urls)
		for _, u := range urls {
			if target.IsAWSEndpoint(u) {
				s.liveAWS = true
			}
		}
		if s.liveAWS && !t.awsCredentials {
			// AWS rejects the fixed fake test credentials before it looks at the input, so every
			// check would report the authentication failure instead of the API's behaviour.
			return nil, usageError(stderr, cmd, "the target is real AWS: add --aws-credentials to sign with your credentials (fake test credentials are rejected by AWS)")
		}
	}
	s.outOfScope = map[string]string{}
	if _, all := urls[""]; !all {
		for _, op := range set.Operations() {
			if _, ok := urls[op.Service.Name]; !ok {
				s.outOfScope[op.ID] = fmt.Sprintf("no target for service %s (add --target %s=URL)", op.Service.Name, op.Service.Name)
			}
		}
	}
	// A throttling answer (429, ThrottlingException, ...) is retried with back-off before it is
	// judged inconclusive; the protocol package knows how error types are named.
	opts := target.Options{Targets: urls, Region: t.region, Timeout: t.timeout, Concurrency: concurrency,
		Rate: t.rate, Retry: target.Retry{Throttled: protocol.Throttled}}
	if t.awsCredentials {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(t.region))
		if err != nil {
			s.close()
			return nil, usageError(stderr, cmd, "--aws-credentials: %v", err)
		}
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			s.close()
			return nil, usageError(stderr, cmd, "--aws-credentials: no credentials in the AWS chain: %v", err)
		}
		opts.Credentials = cfg.Credentials
	}
	s.client, err = target.New(opts)
	if err != nil {
		s.close()
		return nil, usageError(stderr, cmd, "%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), t.timeout)
	defer cancel()
	if err := s.client.Probe(ctx); err != nil {
		s.close()
		fmt.Fprintf(stderr, "plumb %s: target unreachable: %v\n", cmd, err)
		return nil, exitUnreachable
	}
	return s, 0
}

// embeddedAddr is where the curl lines of a run against the embedded emulator suggest starting
// one: the run's own emulator listened on an ephemeral port that is gone.
const embeddedAddr = "127.0.0.1:8080"

// embeddedCurl names the target of curl lines $PLUMB_TARGET and says how to start an emulator
// with the run's faults.
func embeddedCurl(faults []string) target.CurlOptions {
	serve := "plumb serve --addr " + embeddedAddr
	for _, f := range faults {
		serve += " --fault " + target.ShellQuote(f)
	}
	return target.CurlOptions{BaseVar: "PLUMB_TARGET", Note: "the embedded emulator of the run is gone: start one with `" + serve +
		"` and export PLUMB_TARGET=http://" + embeddedAddr + "\n(it does not verify signatures: any AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY will do)"}
}

// rerunArgs are the flags that give a rerun this run's target and judging: the --target values
// as given (or, for the embedded emulator, its --fault list), and the signing, timeout,
// strictness and check selection flags that differ from their defaults. Each is a shell word.
func (t *targetFlags) rerunArgs() string {
	var args []string
	add := func(flag string, v ...string) {
		args = append(args, flag)
		for _, x := range v {
			args = append(args, target.ShellQuote(x))
		}
	}
	for _, v := range t.targets {
		add("--target", v)
	}
	if len(t.targets) == 0 {
		for _, f := range t.faults {
			add("--fault", f)
		}
	}
	if t.region != target.DefaultRegion {
		add("--region", t.region)
	}
	if t.awsCredentials {
		add("--aws-credentials")
	}
	if t.allowLiveWrites {
		add("--allow-live-writes")
	}
	if t.timeout != target.DefaultTimeout {
		add("--timeout", t.timeout.String())
	}
	if t.strict {
		add("--strict")
	}
	if t.checks.only != "" {
		add("--checks", t.checks.only)
	}
	if t.checks.exclude != "" {
		add("--exclude-checks", t.checks.exclude)
	}
	return strings.Join(args, " ")
}

// parseTargets reads --target values: "URL" for every service or "NAME=URL" for one.
func parseTargets(values []string, set *specs.Set) (map[string]string, error) {
	out := map[string]string{}
	for _, v := range values {
		name, url, found := strings.Cut(v, "=")
		if !found || strings.Contains(name, "/") || strings.Contains(name, ":") {
			name, url = "", v
		}
		if name != "" && set.Service(name) == nil {
			var known []string
			for _, s := range set.Services {
				known = append(known, s.Name)
			}
			return nil, fmt.Errorf("--target %s: unknown service %q (services: %s)", v, name, strings.Join(known, ", "))
		}
		if _, dup := out[name]; dup {
			if name == "" {
				return nil, fmt.Errorf("--target given twice for every service; use NAME=URL to target services separately")
			}
			return nil, fmt.Errorf("--target given twice for %s", name)
		}
		out[name] = url
	}
	return out, nil
}

func describeTargets(urls map[string]string) string {
	var parts []string
	for name, u := range urls {
		if name == "" {
			parts = append(parts, target.RedactString(u))
		} else {
			parts = append(parts, name+"="+target.RedactString(u))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// isTerminal reports whether f is a character device (a terminal), for progress and colour.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// loadSpecs loads the --spec files, or plumb's embedded specs when none is given.
func loadSpecs(files []string) (*specs.Set, error) {
	if len(files) == 0 {
		return specs.Load()
	}
	return specs.LoadFiles(files...)
}

// notEmulated lists the operations of set the embedded emulator does not implement (by service
// and operationId), so that a user's spec never silently runs against a target that answers
// every request "unknown operation".
func notEmulated(set *specs.Set) []string {
	var out []string
	for _, op := range set.Operations() {
		if !emulator.Implements(op.Service.Name, op.ID) {
			out = append(out, op.ID)
		}
	}
	return out
}
