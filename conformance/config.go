package conformance

import (
	"errors"
	"io"
	"io/fs"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// Config configures one run of the suite.
type Config struct {
	Specs  *specs.Set
	Client *target.Client
	Engine *check.Engine

	// Tags is a godog tag expression selecting scenarios, e.g.
	// "@StartConnection.AssetId.maxLength && ~@creates" ("," is or, "&&" and, "~" not);
	// "" runs everything.
	Tags string
	// Concurrency is how many scenarios run at once; 0 means 1.
	Concurrency int

	// LiveAWS marks a target that is real AWS; unless AllowLiveWrites, scenarios that create
	// resources are skipped before they send anything.
	LiveAWS, AllowLiveWrites bool

	CucumberJSON io.Writer // godog's cucumber JSON report (optional)
	Progress     io.Writer // one line per finished scenario (nil: none)
	Features     fs.FS     // feature files at the root; nil means features.FS
	Target       string    // description of the target for the report, already redacted
}

func (c Config) validate() error {
	var errs []error
	if c.Specs == nil {
		errs = append(errs, errors.New("conformance: Config.Specs is nil"))
	}
	if c.Client == nil {
		errs = append(errs, errors.New("conformance: Config.Client is nil"))
	}
	if c.Engine == nil {
		errs = append(errs, errors.New("conformance: Config.Engine is nil"))
	}
	if c.Concurrency < 0 {
		errs = append(errs, errors.New("conformance: Config.Concurrency is negative"))
	}
	return errors.Join(errs...)
}
