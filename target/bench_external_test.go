package target_test

import (
	"context"
	"testing"

	"github.com/plumbhq/plumb/target"
)

func BenchmarkDo(b *testing.B) {
	c := newClient(b, newServer(b, &capture{}).URL, target.Options{})
	r := createConnection()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if ex := c.Do(ctx, r); ex.Err != nil {
			b.Fatal(ex.Err)
		}
	}
}

func BenchmarkDoParallel(b *testing.B) {
	c := newClient(b, newServer(b, &capture{}).URL, target.Options{Concurrency: 8})
	r := getConnection("ab%2Bc%2Fd%3D")
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if ex := c.Do(ctx, r); ex.Err != nil {
				b.Error(ex.Err)
				return
			}
		}
	})
}
