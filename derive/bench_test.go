package derive_test

import (
	"testing"

	"github.com/plumbhq/plumb/derive"
)

// Whole services: reading the botocore model and writing the spec of every operation.
func BenchmarkDeriveDirectConnect(b *testing.B) { benchDerive(b, "directconnect") }
func BenchmarkDeriveOutposts(b *testing.B)      { benchDerive(b, "outposts") }

func benchDerive(b *testing.B, svc string) {
	path, err := derive.ResolveSource("botocore:" + svc)
	if err != nil {
		b.Skipf("NOTICE: %v", err)
	}
	for b.Loop() {
		ms, err := derive.Read(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ms[0].OpenAPI(derive.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
