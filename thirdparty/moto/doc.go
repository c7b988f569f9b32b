// Package moto runs moto (https://github.com/getmoto/moto), a real third-party implementation
// of AWS APIs, as a plumb target, and records where it deviates from the documents plumb is
// derived from.
//
// Start launches `moto_server -H 127.0.0.1 -p PORT` on a free loopback port in its own process
// group, waits (bounded) until it answers HTTP, and returns its URL and a stop function that
// ends the whole process group. When moto_server is not installed (neither on PATH nor in
// $HOME/.pyenv/shims), Start returns an error wrapping ErrNotFound, so that tests skip:
//
//	url, stop, err := moto.Start(ctx, moto.Options{})
//	if errors.Is(err, moto.ErrNotFound) {
//		t.Skip("NOTICE: moto_server not found; ...")
//	}
//	require.NoError(t, err)
//	t.Cleanup(stop)
//
// deviations.json is the checked-in list of moto's known deviations from the documents for the
// operations plumb covers: each entry names the operation, the plumb check that sees it, a
// regular expression over the root cause plumb reports, what moto does, and the line of the
// document (under the repository's sibling shared/ folder) that it contradicts. The package's
// external test runs `plumb run` and `plumb fuzz` against a live moto and demands that every
// error plumb reports is one of these deviations: a new one is either a moto change or a plumb
// false alarm, and either way a human looks.
package moto
