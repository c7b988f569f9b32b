// Package architecture holds no code: its tests keep promises that span packages, such as
// "the engine names no operation": every per-operation fact lives in the specs, so the
// packages that check, generate, drive and report (check, steps, fuzz, generators,
// conformance, report, target, protocol, verdict) work for any spec a user brings.
package architecture
