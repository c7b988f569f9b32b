package emulator_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plumbhq/plumb/emulator"
)

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

// hostileBody is a StartConnection body of about 1 MiB (1,040,000 bytes, under the default
// cap) holding 80,000 unknown members besides the valid ones: the load, which once
// made the emulator build an 80,000-key map per request.
func hostileBody(tb testing.TB) []byte {
	tb.Helper()
	valid := mustJSON(tb, startBody())
	var b bytes.Buffer
	b.Grow(1 << 20)
	b.WriteByte('{')
	for i := range 80_000 {
		fmt.Fprintf(&b, `"%08d":0,`, i)
	}
	b.Write(valid[1:])
	if b.Len() > 1<<20 {
		tb.Fatalf("body is %d bytes, over the 1 MiB cap", b.Len())
	}
	return b.Bytes()
}

// BenchmarkHostileBodies sends hostileBody at concurrency 50 to a real server over loopback
// and reports requests per second and the process's peak RSS (VmHWM, reset first where the
// kernel allows) above its RSS before the run. Every answer must be the bound's 400: the
// body is refused during the token walk, before any map is built. The client runs in the
// same process, so the RSS figures include its connections and buffers; scripts/emulator-load
// measures a plumb serve process alone.
func BenchmarkHostileBodies(b *testing.B) {
	srv, err := emulator.Start(emulator.Config{}, "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	body := hostileBody(b)
	const concurrency = 50
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	defer client.CloseIdleConnections()

	runtime.GC()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // reset VmHWM; best effort
	rssBefore := procStatusKB(b, "VmRSS")
	var next atomic.Int64
	var failed atomic.Value
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	began := time.Now()
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/connections", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					failed.Store(err.Error())
					return
				}
				r := readResult(res)
				if r.summary() != "400 ValidationException" {
					failed.Store(r.summary() + " " + r.message())
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	b.StopTimer()
	if msg := failed.Load(); msg != nil {
		b.Fatal(msg)
	}
	hwm := procStatusKB(b, "VmHWM")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(hwm)/1024, "peak-RSS-MiB")
	b.ReportMetric(float64(hwm-rssBefore)/1024, "peak-RSS-growth-MiB")
}

// procStatusKB reads a kB field (VmRSS, VmHWM) of /proc/self/status; it skips the benchmark
// where there is no /proc.
func procStatusKB(tb testing.TB, field string) int64 {
	tb.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				tb.Fatalf("%s: %v", line, err)
			}
			return kb
		}
	}
	tb.Fatalf("no %s in /proc/self/status", field)
	return 0
}
