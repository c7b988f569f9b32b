// Package target sends one already-encoded request to the implementation under
// test and records the exchange. Every transport misbehaviour of the target
// (timeouts, refused or reset connections, bytes that are not HTTP, oversized
// bodies) becomes data in the returned Exchange: Do never panics and never
// blocks past Options.Timeout.
//
// Both drivers use it: `plumb run` (Gherkin, one request at a time) and
// `plumb fuzz` (many requests in parallel), so the client keeps connections
// alive and sizes its idle pool from Options.Concurrency.
//
// # Public API
//
//   - [New] builds a [Client] from [Options] (targets per service, region,
//     credentials, timeout, response cap, concurrency, user agent).
//   - [Client.Do] signs a [Request] with SigV4 and sends it, returning an
//     [Exchange]: the request as sent (headers redacted), the full URL, the
//     [Response] or a [TransportError] classified by [FailureKind], and the
//     duration.
//   - Throttling: Do retries a throttling answer ([Retry.Throttled]; 429 by default, the CLI
//     adds the error types through protocol.Throttled) after its Retry-After ([RetryAfter]) or
//     an exponential back-off with full jitter (base [DefaultRetryBase]), each wait capped at
//     [DefaultMaxRetryDelay], at most [DefaultMaxAttempts] attempts, never past the caller's
//     context; [Exchange.Retries] counts the retries. Nothing else is retried.
//   - Pacing: [Options.Rate] caps requests per second over the client, retries included
//     (golang.org/x/time/rate); [Options.Limiter] replaces it ([Limiter]).
//   - [Client.BaseURL] tells which base URL a service is sent to;
//     [Client.Probe] checks that every target accepts a TCP connection;
//     [Client.CloseIdleConnections] drops kept-alive connections.
//   - [Client.NotAnswering] and [Client.Silent]: a target that never
//     answered is declared not answering ([ErrNotAnswering]) after
//     [Options.SilentLimit] ([DefaultSilentLimit]) exchanges in a row got no
//     response within the timeout or met a TLS/plain-HTTP mismatch; from then
//     on Do sends nothing and requests in flight are cancelled, so drivers
//     stop (liveness.go).
//   - [Exchange.Excerpt] cuts a judged exchange's response body to
//     [ExcerptLimit] bytes, keeping its length in [Response.Size]: what
//     drivers keep for reports, so memory does not follow the target's bodies.
//   - Failure kinds: [KindTimeout], [KindRefused], [KindReset], [KindGarbage],
//     [KindBodyTooLarge] (for callers; Do reports truncation as
//     [Response.Truncated]), [KindInvalidRequest] (the harness's fault: the
//     request could not be sent) and [KindOther].
//   - [Version] feeds the default User-Agent; [FakeAccessKeyID] and
//     [FakeSecretAccessKey] sign when no credentials are given.
//   - [Exchange.Curl], [Exchange.RequestText] and [Exchange.ResponseText]
//     render an exchange for reports; credentials and signatures are always
//     redacted, by header name and by value wherever the target echoed them
//     (any header, the body, a URL); bodies in dumps are capped at
//     [DumpBodyLimit]; bytes that are not UTF-8 are shown as \xNN (control bytes
//     too in header values), the valid text around them as is. [Exchange.Redact]
//     does the same redaction to any text about the exchange (a check's message).
//     The curl line signs anew with curl's --aws-sigv4 and the shell's $AWS_*
//     variables; [Exchange.CurlWith] and [CurlOptions] name a target that is
//     gone (the embedded emulator) by a shell variable. [ShellQuote] quotes one word.
//   - [Redact] copies a header with secrets replaced; [RedactString] scrubs
//     signature and credential fragments from free text such as URLs.
//   - [IsAWSEndpoint] tells whether a base URL points at real AWS, so the CLI
//     can refuse to fuzz production by accident.
//
// The client adds every access key id, secret key and session token it signs
// with to [secret.Held], so that everything plumb prints is scrubbed of them;
// an exchange remembers the Authorization value (and so the signature) it was
// sent with. The list of secret headers is package secret's, shared with the
// report writers and replay files.
//
// Raw paths are sent byte for byte: "/connections/ab%2Bc%2Fd%3D" arrives as
// written, because restJson1 servers must route on the escaped path.
package target
