// Package selftest proves the harness: it runs both engines (the Gherkin suite and the fuzzer)
// against the correct reference emulator and against every fault in the emulator's catalogue,
// in process, and scores them. A fault no engine catches is a gap in plumb; a finding on the
// correct emulator is a false alarm. Both fail the selftest.
//
// Index: Config, Run (selftest.go).
package selftest
