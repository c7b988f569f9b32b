package fuzz

import (
	"fmt"
	"time"
)

// progressEvery is how often the progress line is redrawn.
const progressEvery = 500 * time.Millisecond

// progress redraws one status line on cfg.Progress until the returned stop is called.
func (cp *campaign) progress(started time.Time) (stop func()) {
	w := cp.cfg.Progress
	if w == nil {
		return func() {}
	}
	line := func() {
		n := cp.done.Load()
		secs := time.Since(started).Seconds()
		rate := 0.0
		if secs > 0 {
			rate = float64(n) / secs
		}
		fmt.Fprintf(w, "\rplumb fuzz: %d cases (%.0f/s), %d findings ", n, rate, cp.found.failing())
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				line()
			case <-done:
				line()
				fmt.Fprintln(w)
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}
