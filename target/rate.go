package target

import (
	"context"

	"golang.org/x/time/rate"
)

// Limiter paces requests: Wait returns when the next request may go, or ctx's error.
// *rate.Limiter (golang.org/x/time/rate) is one.
type Limiter interface {
	Wait(ctx context.Context) error
}

// newLimiter returns the limiter for Options.Rate requests per second over the whole client
// (every worker, every retry), with a burst of one so the cap holds over any second; 0 or
// less means unlimited.
func newLimiter(perSecond float64) Limiter {
	if perSecond <= 0 {
		return unlimited{}
	}
	return rate.NewLimiter(rate.Limit(perSecond), 1)
}

type unlimited struct{}

func (unlimited) Wait(ctx context.Context) error { return nil }
