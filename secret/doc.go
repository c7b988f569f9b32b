// Package secret knows what plumb must never print: the names of the headers whose whole
// value is a credential ([IsHeader], [Headers]) and the credential values this process holds
// ([Set], [Held]), which it removes from any text by value ([Set.Redact]).
//
// Redaction by header name alone is not enough: a target may echo the session token or the
// Authorization value back under another header name, in its body or in an error message,
// and from there it would reach every report, the terminal and replay files. So the target
// client registers every credential it signs with in [Held], every exchange remembers the
// signature it was sent with, and every text that leaves plumb is scrubbed of those values
// wherever they appear.
//
// The package has no dependencies inside plumb, so that package target (which registers the
// secrets and renders exchanges), package report (whose Scrub is the last fence before a
// file or the terminal) and package fuzz (which writes replay files) share one list.
package secret
