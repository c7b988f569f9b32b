package check

// Options returns the options the engine was built with, so that a driver judging something
// outside Check (a step's own assertion, say) applies the same strictness.
func (e *Engine) Options() Options { return e.opts }
