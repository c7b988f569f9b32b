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
//     redacted; bodies in dumps are capped at [DumpBodyLimit].
//   - [Redact] copies a header with secrets replaced; [RedactString] scrubs
//     signature and credential fragments from free text such as URLs.
//   - [IsAWSEndpoint] tells whether a base URL points at real AWS, so the CLI
//     can refuse to fuzz production by accident.
//
// Raw paths are sent byte for byte: "/connections/ab%2Bc%2Fd%3D" arrives as
// written, because restJson1 servers must route on the escaped path.
package target
