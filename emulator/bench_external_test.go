package emulator_test

import "testing"

func BenchmarkStartConnection(b *testing.B) {
	e := newEmulator(b)
	body := mustJSON(b, startBody())
	for b.Loop() {
		if r := startRaw(b, e, body); r.status != 200 {
			b.Fatal(r.summary())
		}
	}
}

func BenchmarkGetConnection(b *testing.B) {
	e := newEmulator(b)
	id, _ := startID(b, e, nil)
	for b.Loop() {
		if r := get(b, e, id); r.status != 200 {
			b.Fatal(r.summary())
		}
	}
}

func BenchmarkCreateConnection(b *testing.B) {
	e := newEmulator(b)
	in := createBody()
	in["tags"] = tagsN(50)
	body := mustJSON(b, in)
	for b.Loop() {
		if r := createRaw(b, e, body); r.status != 200 {
			b.Fatal(r.summary())
		}
	}
}
