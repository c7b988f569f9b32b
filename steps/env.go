package steps

import (
	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Env is what every scenario of one run shares. It is read-only while scenarios run.
type Env struct {
	Specs  *specs.Set
	Client *target.Client
	Engine *check.Engine

	// LiveAWS marks a target that is real AWS. Unless AllowLiveWrites, scenarios tagged
	// @creates are skipped before they send anything, and the send step refuses any request
	// that would be accepted (a second fence for scenarios tagged wrongly).
	LiveAWS         bool
	AllowLiveWrites bool

	// OutOfScope says why an operation is left out of the run ("" when it is in scope): not
	// selected by --operation, or no target for its service. A scenario that would send to
	// such an operation is skipped, with that reason, before it sends anything. nil: all in.
	OutOfScope func(operation string) string
}

// CreatesTag marks scenarios that send requests a conforming target accepts (and so create
// resources).
const CreatesTag = "@creates"

func (e *Env) guarded() bool { return e.LiveAWS && !e.AllowLiveWrites }
