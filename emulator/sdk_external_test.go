package emulator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/outposts"
	optypes "github.com/aws/aws-sdk-go-v2/service/outposts/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/plumbhq/plumb/emulator"
)

// sdkClients points the official AWS SDK for Go v2 clients at a fresh
// emulator on 127.0.0.1, with static test credentials and no retries (so a
// 500 shows as one response, not a retried one).
func sdkClients(t *testing.T) (*outposts.Client, *directconnect.Client) {
	t.Helper()
	return sdkClientsFor(t, emulator.Config{})
}

// sdkClientsFor is sdkClients against an emulator built from cfg.
func sdkClientsFor(t *testing.T, cfg emulator.Config) (*outposts.Client, *directconnect.Client) {
	t.Helper()
	srv, err := emulator.Start(cfg, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	awsCfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDPLUMBTEST", "secret", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	op := outposts.NewFromConfig(awsCfg, func(o *outposts.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	dx := directconnect.NewFromConfig(awsCfg, func(o *directconnect.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	return op, dx
}

// skipClientValidation removes the SDK's client-side required-member check,
// so the request reaches the server and the server's answer is tested.
func skipClientValidation(s *middleware.Stack) error {
	_, err := s.Initialize.Remove("OperationInputValidation")
	return err
}

// rawBody replaces the serialized request body (and, if ct is not empty, the
// Content-Type) after the SDK serialized its input. The SDK cannot express
// wrong JSON types, malformed JSON or a missing NetworkInterfaceDeviceIndex
// (it always sends one), so those classes use its APIOptions this way: the
// request still goes through the SDK's signing, transport and, above all,
// error deserialization.
func rawBody(body, ct string) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Serialize.Add(middleware.SerializeMiddlewareFunc("plumbRawBody",
			func(ctx context.Context, in middleware.SerializeInput, next middleware.SerializeHandler) (middleware.SerializeOutput, middleware.Metadata, error) {
				req, ok := in.Request.(*smithyhttp.Request)
				if !ok {
					return middleware.SerializeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected request type %T", in.Request)
				}
				if body != "" {
					r, err := req.SetStream(bytes.NewReader([]byte(body)))
					if err != nil {
						return middleware.SerializeOutput{}, middleware.Metadata{}, err
					}
					req = r
				}
				if ct != "" {
					req.Header.Set("Content-Type", ct)
				}
				in.Request = req
				return next.HandleSerialize(ctx, in)
			}), middleware.After)
	}
}

// httpStatus reads the HTTP status behind an SDK error.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

func TestSDKStartGetRoundTrip(t *testing.T) {
	op, _ := sdkClients(t)
	ctx := context.Background()
	var plus, slash, eq int
	for i := range 200 {
		key := validKey
		if i%2 == 1 {
			key = strings.Repeat("+/", 21) + "Q="
		}
		in := &outposts.StartConnectionInput{
			AssetId:                     aws.String(fmt.Sprintf("asset_%d", i)),
			ClientPublicKey:             aws.String(key),
			NetworkInterfaceDeviceIndex: int32(i % 2),
		}
		if i%3 == 0 {
			in.DeviceSerialNumber = aws.String(fmt.Sprintf("SN%d", i))
		}
		out, err := op.StartConnection(ctx, in)
		if err != nil {
			t.Fatalf("StartConnection %d: %v", i, err)
		}
		id := aws.ToString(out.ConnectionId)
		if !reIPv4.MatchString(aws.ToString(out.UnderlayIpAddress)) {
			t.Errorf("UnderlayIpAddress %q", aws.ToString(out.UnderlayIpAddress))
		}
		plus += strings.Count(id, "+")
		slash += strings.Count(id, "/")
		eq += strings.Count(id, "=")
		got, err := op.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: aws.String(id)})
		if err != nil {
			t.Fatalf("GetConnection(%q): %v", id, err)
		}
		if aws.ToString(got.ConnectionId) != id {
			t.Errorf("GetConnection id %q, want %q", aws.ToString(got.ConnectionId), id)
		}
		d := got.ConnectionDetails
		if d == nil || aws.ToString(d.ClientPublicKey) != key {
			t.Fatalf("GetConnection(%q) details %+v, want client key %q", id, d, key)
		}
		if !reWGKey.MatchString(aws.ToString(d.ServerPublicKey)) || !reEndpoint.MatchString(aws.ToString(d.ServerEndpoint)) ||
			!reCIDR.MatchString(aws.ToString(d.ClientTunnelAddress)) || !reCIDR.MatchString(aws.ToString(d.ServerTunnelAddress)) ||
			len(d.AllowedIps) == 0 {
			t.Errorf("GetConnection(%q) details malformed: %+v", id, d)
		}
	}
	if plus == 0 || slash == 0 || eq == 0 {
		t.Errorf("ids held + %d, / %d, = %d times; want each at least once", plus, slash, eq)
	}
}

func TestSDKStartConnectionValidation(t *testing.T) {
	op, _ := sdkClients(t)
	good := `{"AssetId":"a1","ClientPublicKey":"` + validKey + `","NetworkInterfaceDeviceIndex":0}`
	cases := []struct {
		name string
		in   outposts.StartConnectionInput
		opts []func(*middleware.Stack) error
	}{
		{name: "asset empty", in: outposts.StartConnectionInput{AssetId: aws.String("")}},
		{name: "asset 101", in: outposts.StartConnectionInput{AssetId: aws.String(strings.Repeat("a", 101))}},
		{name: "asset dash", in: outposts.StartConnectionInput{AssetId: aws.String("a-1")}},
		{name: "asset unicode", in: outposts.StartConnectionInput{AssetId: aws.String("café")}},
		{name: "key 43", in: outposts.StartConnectionInput{ClientPublicKey: aws.String(validKey[1:])}},
		{name: "key no padding", in: outposts.StartConnectionInput{ClientPublicKey: aws.String(strings.Repeat("A", 44))}},
		{name: "serial empty", in: outposts.StartConnectionInput{DeviceSerialNumber: aws.String("")}},
		{name: "serial 101", in: outposts.StartConnectionInput{DeviceSerialNumber: aws.String(strings.Repeat("1", 101))}},
		{name: "serial pattern", in: outposts.StartConnectionInput{DeviceSerialNumber: aws.String("SN 1")}},
		{name: "index 2", in: outposts.StartConnectionInput{NetworkInterfaceDeviceIndex: 2}},
		{name: "index -1", in: outposts.StartConnectionInput{NetworkInterfaceDeviceIndex: -1}},
		// The SDK refuses to send a request without these; drop its check.
		{name: "asset missing", in: outposts.StartConnectionInput{AssetId: nil}, opts: []func(*middleware.Stack) error{skipClientValidation}},
		{name: "key missing", in: outposts.StartConnectionInput{ClientPublicKey: nil}, opts: []func(*middleware.Stack) error{skipClientValidation}},
		// The SDK always sends NetworkInterfaceDeviceIndex and only well-typed
		// JSON; these bodies are substituted after serialization.
		{name: "index missing", opts: []func(*middleware.Stack) error{rawBody(`{"AssetId":"a1","ClientPublicKey":"`+validKey+`"}`, "")}},
		{name: "index string", opts: []func(*middleware.Stack) error{rawBody(strings.Replace(good, `:0}`, `:"0"}`, 1), "")}},
		{name: "index fraction", opts: []func(*middleware.Stack) error{rawBody(strings.Replace(good, `:0}`, `:0.5}`, 1), "")}},
		{name: "asset number", opts: []func(*middleware.Stack) error{rawBody(strings.Replace(good, `"a1"`, `7`, 1), "")}},
		{name: "key null", opts: []func(*middleware.Stack) error{rawBody(strings.Replace(good, `"`+validKey+`"`, `null`, 1), "")}},
		{name: "malformed json", opts: []func(*middleware.Stack) error{rawBody(`{"AssetId":`, "")}},
		{name: "trailing garbage", opts: []func(*middleware.Stack) error{rawBody(good+`]`, "")}},
		{name: "top-level array", opts: []func(*middleware.Stack) error{rawBody(`[`+good+`]`, "")}},
		{name: "content type", opts: []func(*middleware.Stack) error{rawBody("", "text/plain")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			if in.AssetId == nil && c.name != "asset missing" {
				in.AssetId = aws.String("asset_1")
			}
			if in.ClientPublicKey == nil && c.name != "key missing" {
				in.ClientPublicKey = aws.String(validKey)
			}
			_, err := op.StartConnection(context.Background(), &in, func(o *outposts.Options) {
				o.APIOptions = append(o.APIOptions, c.opts...)
			})
			var ve *optypes.ValidationException
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v (%T), want *types.ValidationException", err, err)
			}
			if s := httpStatus(err); s != 400 {
				t.Errorf("HTTP status %d, want 400", s)
			}
			if ve.ErrorMessage() == "" {
				t.Error("ValidationException without a message")
			}
		})
	}
}

func TestSDKGetConnectionErrors(t *testing.T) {
	op, _ := sdkClients(t)
	ctx := context.Background()
	_, err := op.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: aws.String("AAAA/+==")})
	var nf *optypes.NotFoundException
	if !errors.As(err, &nf) || httpStatus(err) != 404 {
		t.Errorf("unknown id: err = %v (status %d), want *types.NotFoundException 404", err, httpStatus(err))
	}
	for _, id := range []string{strings.Repeat("A", 1025), "abc-def", "a_b", "a b"} {
		_, err := op.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: aws.String(id)})
		var ve *optypes.ValidationException
		if !errors.As(err, &ve) || httpStatus(err) != 400 {
			t.Errorf("id %.20q: err = %v (status %d), want *types.ValidationException 400", id, err, httpStatus(err))
		}
	}
}

func TestSDKCreateConnection(t *testing.T) {
	_, dx := sdkClients(t)
	ctx := context.Background()
	tags := []dxtypes.Tag{{Key: aws.String("team"), Value: aws.String("net")}, {Key: aws.String("env")}}
	out, err := dx.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("10Gbps"), ConnectionName: aws.String("plumb"),
		Tags: tags, RequestMACSec: aws.Bool(true), ProviderName: aws.String("prov"),
	})
	if err != nil {
		t.Fatalf("CreateConnection: %v", err)
	}
	if out.ConnectionState != dxtypes.ConnectionStateRequested {
		t.Errorf("state %q, want requested", out.ConnectionState)
	}
	if !reDXConnID.MatchString(aws.ToString(out.ConnectionId)) || aws.ToString(out.Location) != "EqDC2" ||
		aws.ToString(out.Bandwidth) != "10Gbps" || aws.ToString(out.ConnectionName) != "plumb" ||
		aws.ToString(out.ProviderName) != "prov" || aws.ToString(out.Region) != "us-east-1" {
		t.Errorf("connection does not echo the request: %+v", out)
	}
	if out.MacSecCapable == nil || !*out.MacSecCapable || out.JumboFrameCapable == nil || *out.JumboFrameCapable {
		t.Errorf("macSecCapable %v jumboFrameCapable %v", out.MacSecCapable, out.JumboFrameCapable)
	}
	if out.HasLogicalRedundancy != dxtypes.HasLogicalRedundancyUnknown || out.LoaIssueTime == nil || out.LoaIssueTime.IsZero() {
		t.Errorf("hasLogicalRedundancy %q loaIssueTime %v", out.HasLogicalRedundancy, out.LoaIssueTime)
	}
	if len(out.Tags) != 2 || aws.ToString(out.Tags[0].Key) != "team" || aws.ToString(out.Tags[0].Value) != "net" ||
		aws.ToString(out.Tags[1].Key) != "env" || out.Tags[1].Value != nil {
		t.Errorf("tags %+v, want the request's", out.Tags)
	}

	base := func(tags []dxtypes.Tag) *directconnect.CreateConnectionInput {
		return &directconnect.CreateConnectionInput{Location: aws.String("l"), Bandwidth: aws.String("b"), ConnectionName: aws.String("n"), Tags: tags}
	}
	many := make([]dxtypes.Tag, 51)
	for i := range many {
		many[i] = dxtypes.Tag{Key: aws.String(fmt.Sprintf("k%d", i))}
	}
	_, err = dx.CreateConnection(ctx, base([]dxtypes.Tag{{Key: aws.String("a")}, {Key: aws.String("a")}}))
	var dup *dxtypes.DuplicateTagKeysException
	if !errors.As(err, &dup) || httpStatus(err) != 400 {
		t.Errorf("duplicate keys: err = %v, want *types.DuplicateTagKeysException 400", err)
	}
	_, err = dx.CreateConnection(ctx, base(many))
	var tm *dxtypes.TooManyTagsException
	if !errors.As(err, &tm) || httpStatus(err) != 400 {
		t.Errorf("51 tags: err = %v, want *types.TooManyTagsException 400", err)
	}
	if _, err = dx.CreateConnection(ctx, base(many[:50])); err != nil {
		t.Errorf("50 tags: %v", err)
	}
	for name, tags := range map[string][]dxtypes.Tag{
		"empty tags":  {},
		"key 129":     {{Key: aws.String(strings.Repeat("k", 129))}},
		"key empty":   {{Key: aws.String("")}},
		"key pattern": {{Key: aws.String("a#b")}},
		"value 257":   {{Key: aws.String("k"), Value: aws.String(strings.Repeat("v", 257))}},
	} {
		_, err := dx.CreateConnection(ctx, base(tags))
		var ce *dxtypes.DirectConnectClientException
		if !errors.As(err, &ce) || httpStatus(err) != 400 {
			t.Errorf("%s: err = %v, want *types.DirectConnectClientException 400", name, err)
		}
	}
	// Missing location: the SDK checks required members client-side.
	_, err = dx.CreateConnection(ctx, &directconnect.CreateConnectionInput{Bandwidth: aws.String("b"), ConnectionName: aws.String("n")},
		func(o *directconnect.Options) { o.APIOptions = append(o.APIOptions, skipClientValidation) })
	var ce *dxtypes.DirectConnectClientException
	if !errors.As(err, &ce) || httpStatus(err) != 400 {
		t.Errorf("missing location: err = %v, want *types.DirectConnectClientException 400", err)
	}
}

// TestSDKRawBodyControl shows the body substitution used above reaches the
// server: a substituted valid body succeeds and its values come back.
func TestSDKRawBodyControl(t *testing.T) {
	op, _ := sdkClients(t)
	other := strings.Repeat("B", 43) + "="
	body := `{"AssetId":"a1","ClientPublicKey":"` + other + `","NetworkInterfaceDeviceIndex":1}`
	out, err := op.StartConnection(context.Background(), &outposts.StartConnectionInput{
		AssetId: aws.String("a-invalid"), ClientPublicKey: aws.String(validKey),
	}, func(o *outposts.Options) {
		o.APIOptions = append(o.APIOptions, rawBody(body, "application/json; charset=utf-8"))
	})
	if err != nil {
		t.Fatalf("substituted valid body: %v", err)
	}
	got, err := op.GetConnection(context.Background(), &outposts.GetConnectionInput{ConnectionId: out.ConnectionId})
	if err != nil {
		t.Fatal(err)
	}
	if k := aws.ToString(got.ConnectionDetails.ClientPublicKey); k != other {
		t.Errorf("stored key %q, want the substituted %q", k, other)
	}
}

// The SDK reads the emulator's limit answers as the documented errors: a full table of young
// connections is a ThrottlingException (429) that the SDK's standard retryer classes as
// throttling, and a body past a shape bound is the operation's client error.
func TestSDKLimits(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	op, dx := sdkClientsFor(t, emulator.Config{MaxConnections: 1, Clock: clock.now})
	in := &outposts.StartConnectionInput{AssetId: aws.String("a1"), ClientPublicKey: aws.String(validKey), NetworkInterfaceDeviceIndex: 0}
	first, err := op.StartConnection(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	_, err = op.StartConnection(ctx, in)
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "ThrottlingException" || httpStatus(err) != 429 {
		t.Fatalf("full table: err = %v, want ThrottlingException 429", err)
	}
	if (retry.ThrottleErrorCode{Codes: retry.DefaultThrottleErrorCodes}).IsErrorThrottle(err) != aws.TrueTernary {
		t.Errorf("the SDK's retryer does not class %v as throttling", err)
	}
	if _, err := op.GetConnection(ctx, &outposts.GetConnectionInput{ConnectionId: first.ConnectionId}); err != nil {
		t.Errorf("the first connection after the refusal: %v", err)
	}
	clock.advance(emulator.MinConnectionAge)
	if _, err := op.StartConnection(ctx, in); err != nil {
		t.Errorf("after MinConnectionAge: %v", err)
	}

	wide := objectN(101)
	_, err = op.StartConnection(ctx, in, func(o *outposts.Options) {
		o.APIOptions = append(o.APIOptions, rawBody(`{"AssetId":"a1","ClientPublicKey":"`+validKey+`","NetworkInterfaceDeviceIndex":0,"x":`+wide+`}`, ""))
	})
	var ve *optypes.ValidationException
	if !errors.As(err, &ve) || httpStatus(err) != 400 || !strings.Contains(ve.ErrorMessage(), "limit") {
		t.Errorf("StartConnection past a bound: err = %v, want ValidationException 400 naming the limit", err)
	}
	_, err = dx.CreateConnection(ctx, &directconnect.CreateConnectionInput{Location: aws.String("l"), Bandwidth: aws.String("b"), ConnectionName: aws.String("n")},
		func(o *directconnect.Options) {
			o.APIOptions = append(o.APIOptions, rawBody(`{"location":"l","bandwidth":"b","connectionName":"n","x":`+nested(40)+`}`, ""))
		})
	var ce *dxtypes.DirectConnectClientException
	if !errors.As(err, &ce) || httpStatus(err) != 400 || !strings.Contains(ce.ErrorMessage(), "limit") {
		t.Errorf("CreateConnection past a bound: err = %v, want DirectConnectClientException 400 naming the limit", err)
	}
}

// The AWS SDK's DescribeConnections reads what CreateConnection made, and pages through all.
func TestSDKDescribeConnections(t *testing.T) {
	_, dx := sdkClients(t)
	ctx := context.Background()
	made, err := dx.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("plumb"),
		Tags: []dxtypes.Tag{{Key: aws.String("team"), Value: aws.String("net")}},
	})
	if err != nil {
		t.Fatalf("CreateConnection: %v", err)
	}
	out, err := dx.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: made.ConnectionId})
	if err != nil {
		t.Fatalf("DescribeConnections: %v", err)
	}
	if len(out.Connections) != 1 || aws.ToString(out.Connections[0].ConnectionId) != aws.ToString(made.ConnectionId) ||
		len(out.Connections[0].Tags) != 1 || aws.ToString(out.Connections[0].Tags[0].Value) != "net" {
		t.Errorf("described %+v, want the created connection with its tag", out.Connections)
	}
	if _, err := dx.CreateConnection(ctx, &directconnect.CreateConnectionInput{
		Location: aws.String("EqDC2"), Bandwidth: aws.String("1Gbps"), ConnectionName: aws.String("second")}); err != nil {
		t.Fatalf("CreateConnection: %v", err)
	}
	seen := 0
	var token *string
	for page := 0; page < 5; page++ {
		out, err := dx.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{MaxResults: aws.Int32(1), NextToken: token})
		if err != nil {
			t.Fatalf("DescribeConnections page %d: %v", page, err)
		}
		seen += len(out.Connections)
		if token = out.NextToken; token == nil {
			break
		}
	}
	if seen != 2 {
		t.Errorf("paged through %d connections, want 2", seen)
	}
	_, err = dx.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{ConnectionId: aws.String("dxcon-nobody00")})
	var ce *dxtypes.DirectConnectClientException
	if !errors.As(err, &ce) || httpStatus(err) != 400 {
		t.Errorf("unknown id: err = %v, want *types.DirectConnectClientException 400", err)
	}
}
