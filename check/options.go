package check

// Options returns the options the engine was built with, so that a driver judging something
// outside Check (a step's own assertion, say) applies the same strictness.
func (e *Engine) Options() Options { return e.opts }

// Enabled reports whether the engine evaluates check n (Options.Disabled does not name it).
// Drivers judging a check outside Check (a step's own stateful assertion) ask it first.
func (e *Engine) Enabled(n Name) bool { return !e.off[n] }
