// Package emulator is plumb's reference implementation of the three AWS
// operations plumb tests: Outposts StartConnection and GetConnection
// (restJson1) and Direct Connect CreateConnection (awsJson1_1). It keeps
// state in memory, ignores SigV4 signatures, and is accepted by the official
// AWS SDK for Go v2. Named faults turn it into a known-broken implementation,
// which is how plumb measures its own ability to find bugs.
//
// # API
//
//   - [Config]: the faults to inject, the request body cap, and the
//     connection table's capacity and clock ([DefaultMaxConnections],
//     [MinConnectionAge]).
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
// # Bounds
//
// One request can cost only bounded work and memory:
//
//   - A body over the cap (Config.MaxBodyBytes, 1 MiB by default) is 413
//     RequestEntityTooLargeException, decided from Content-Length before
//     reading when the length is declared.
//   - Before a body is decoded, a streaming token walk (bounds.go) refuses
//     nesting deeper than 32, an object of more than 100 members, or more
//     than 10,000 JSON values in all, stopping at the first token past a
//     bound. The answer is the operation's documented client error, 400
//     ValidationException (Outposts) or DirectConnectClientException (Direct
//     Connect), like any other malformed body, with a message naming the
//     limit. The largest documented input (CreateConnection with 50 tags)
//     holds about 160 values nested 3 deep.
//   - The Outposts connection table holds at most Config.MaxConnections
//     (262,144 by default) connections, dropping the oldest first, but never
//     one started less than MinConnectionAge (10 minutes) ago. When every
//     entry is that young, StartConnection answers 429 ThrottlingException
//     (with Retry-After) and stores nothing: StartConnection documents no
//     error for this, and throttling is the answer AWS SDKs retry and plumb
//     counts as a refusal rather than a finding.
//
// Client input never produces a 500 unless a fault asks for one: the correct
// emulator answers 200, 400, 404, 405, 413 (body over the cap) or 429
// (connection table full of young connections).
//
// # Files
//
//   - emulator.go: Config, New, Emulator, routing.
//   - server.go: Start, Server.
//   - faults.go: the fault catalogue (one table) and the fault set.
//   - outposts.go, directconnect.go: handlers and validation tables.
//   - rules.go: the table-driven validator and its AWS-style messages.
//   - body.go: Content-Type check, capped body read, strict JSON parse.
//   - bounds.go: the token walk that bounds a body's depth, members and values.
//   - errors.go: protocol error encoders (where error faults apply).
//   - gen.go: realistic random values (a connection's details from a seed).
//   - store.go: the connection table, oldest-first with a minimum age.
//   - dxstate.go: Direct Connect ids that never repeat, and the state behind
//     the faults that reuse an id or reject unknown members.
package emulator
