package check_test

import (
	"testing"

	"github.com/plumbhq/plumb/check"
)

func BenchmarkCheckStartConnection200(b *testing.B) {
	e := engine(b, false)
	start := op(b, "StartConnection")
	ex := exchange(200, startOK, "Content-Type", ctJSON, "x-amzn-RequestId", "req-1")
	b.ReportAllocs()
	for b.Loop() {
		if rs := e.Check(start, check.Valid(), ex); check.Failed(rs) {
			b.Fatal(rs)
		}
	}
}

func BenchmarkCheckCreateConnection400(b *testing.B) {
	e := engine(b, false)
	dx := op(b, "CreateConnection")
	exp := check.Invalid("$.tags", "maxItems", "TooManyTagsException", 400)
	ex := exchange(400, `{"__type":"TooManyTagsException","message":"too many"}`, "Content-Type", ctAmzJSON)
	b.ReportAllocs()
	for b.Loop() {
		if rs := e.Check(dx, exp, ex); check.Failed(rs) {
			b.Fatal(rs)
		}
	}
}
