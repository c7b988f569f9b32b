package derive_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/plumbhq/plumb/derive"
	"github.com/plumbhq/plumb/specs"
)

// Whole services: reading the botocore model and writing the spec of every operation.
func BenchmarkDeriveDirectConnect(b *testing.B) { benchDerive(b, "directconnect", false) }
func BenchmarkDeriveOutposts(b *testing.B)      { benchDerive(b, "outposts", false) }

// The largest model of a JSON protocol botocore installs (SageMaker: 396 operations, awsJson1_1):
// read, written whole, and loaded as plumb loads specs. Reports the process's peak RSS (Linux).
func BenchmarkDeriveLargestJSONModel(b *testing.B) {
	benchDerive(b, largestJSONModel, true)
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				var n float64
				_, _ = fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), &n)
				b.ReportMetric(n/1024, "MiB-peak-RSS")
			}
		}
	}
}

// benchDerive reads the installed botocore's model of svc and writes its spec, and with load
// also loads the spec as plumb does.
func benchDerive(b *testing.B, svc string, load bool) {
	path, err := derive.ResolveSource("botocore:" + svc)
	if err != nil {
		b.Skipf("NOTICE: %v", err)
	}
	for b.Loop() {
		ms, err := derive.Read(path)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := ms[0].OpenAPI(derive.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if !load {
			continue
		}
		if _, err := specs.Parse([]string{"m.yaml"}, map[string][]byte{"m.yaml": doc}); err != nil {
			b.Fatal(err)
		}
	}
}
