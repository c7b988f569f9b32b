// Package emulator is plumb's reference implementation of the three AWS
// operations plumb tests: Outposts StartConnection and GetConnection
// (restJson1) and Direct Connect CreateConnection (awsJson1_1). It keeps
// state in memory, ignores SigV4 signatures, and is accepted by the official
// AWS SDK for Go v2. Named faults turn it into a known-broken implementation,
// which is how plumb measures its own ability to find bugs.
//
// # API
//
//   - [Config]: the faults to inject and the request body cap.
//   - [New] builds an [Emulator], an [net/http.Handler] serving both services
//     on one port: Outposts by path (POST /connections,
//     GET /connections/{ConnectionId}), Direct Connect by POST / with
//     X-Amz-Target: OvertureService.CreateConnection.
//   - [Start] listens and serves in the background; [Server.Close] stops it.
//   - [Faults] lists the fault catalogue ([Fault]: name, class, operation,
//     description) in a stable order.
//
// # Wire behaviour
//
// Outposts errors carry the type in X-Amzn-ErrorType and a JSON body
// {"Message": ...}; Direct Connect errors carry {"__type", "message"} (and the
// same X-Amzn-ErrorType header). Every response carries x-amzn-RequestId.
// GetConnection routes on the raw (escaped) path and decodes the id segment
// afterwards, so ids holding '+', '/' and '=' work.
//
// Validation follows one table per operation (outposts.go, directconnect.go)
// holding every documented constraint and nothing else; unknown members are
// ignored and JSON null means absent. Malformed JSON, wrong JSON types,
// missing required members, bad lengths, patterns and ranges, and a wrong or
// missing Content-Type all get the operation's documented client error
// (ValidationException or DirectConnectClientException) with status 400.
// Integers must be written without fraction or exponent. CreateConnection
// checks, in order: the table (including per-tag constraints and the tags
// list's minimum of one item), repeated tag keys (DuplicateTagKeysException),
// then more than 50 tags (TooManyTagsException).
//
// Client input never produces a 500 unless a fault asks for one: the correct
// emulator answers 200, 400, 404, 405 or 413 (body over the cap).
//
// # Files
//
//   - emulator.go: Config, New, Emulator, routing.
//   - server.go: Start, Server.
//   - faults.go: the fault catalogue (one table) and the fault set.
//   - outposts.go, directconnect.go: handlers and validation tables.
//   - rules.go: the table-driven validator and its AWS-style messages.
//   - body.go: Content-Type check, capped body read, strict JSON parse.
//   - errors.go: protocol error encoders (where error faults apply).
//   - gen.go, store.go: realistic random values, the connection store.
//   - dxstate.go: Direct Connect ids that never repeat, and the state behind
//     the faults that reuse an id or reject unknown members.
package emulator
