package conformance_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/conformance"
	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/report"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

var (
	loadOnce sync.Once
	set      *specs.Set
	engine   *check.Engine
	loadErr  error
)

func loaded(t testing.TB) (*specs.Set, *check.Engine) {
	t.Helper()
	loadOnce.Do(func() {
		set, loadErr = specs.Load()
		if loadErr == nil {
			engine = check.New(set, check.Options{})
		}
	})
	if loadErr != nil {
		t.Fatalf("specs.Load: %v", loadErr)
	}
	return set, engine
}

// emulatorConfig starts an emulator with faults on 127.0.0.1 and returns a run configuration
// aimed at it.
func emulatorConfig(t testing.TB, faults ...string) conformance.Config {
	t.Helper()
	s, e := loaded(t)
	srv, err := emulator.Start(emulator.Config{Faults: faults}, "127.0.0.1:0")
	if err != nil {
		t.Fatalf("emulator.Start(%v): %v", faults, err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	client, err := target.New(target.Options{Targets: map[string]string{"": srv.URL}, Timeout: 5 * time.Second, Concurrency: 4})
	if err != nil {
		t.Fatalf("target.New: %v", err)
	}
	// Cleanups run last-registered first: dropping the client's idle connections before the
	// server shuts down spares its graceful wait on connections that never carried a request.
	t.Cleanup(client.CloseIdleConnections)
	return conformance.Config{Specs: s, Client: client, Engine: e, Concurrency: 4, Target: "emulator " + strings.Join(faults, ",")}
}

func run(t testing.TB, cfg conformance.Config) *report.Run {
	t.Helper()
	r, err := conformance.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return r
}

func count(r *report.Run, st report.Status) int {
	n := 0
	for _, s := range r.Scenarios {
		if s.Status == st {
			n++
		}
	}
	return n
}

// describeFailures renders failed scenarios for a test message.
func describeFailures(r *report.Run, max int) string {
	var b bytes.Buffer
	for _, s := range r.Scenarios {
		if s.Status != report.Failed {
			continue
		}
		if max == 0 {
			b.WriteString("...\n")
			break
		}
		max--
		b.WriteString(s.Feature + " / " + s.Name + "\n")
		for _, f := range s.Failures {
			b.WriteString("    " + f.Check + ": " + f.Message + "\n")
		}
	}
	return b.String()
}
