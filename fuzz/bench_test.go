package fuzz_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/plumbhq/plumb/emulator"
	"github.com/plumbhq/plumb/fuzz"
)

// rssEnv makes the test binary run one campaign of that many cases against an in-process
// emulator and print its peak RSS (VmHWM), instead of running tests: BenchmarkPeakRSS measures
// a fresh process that way, so earlier benchmarks do not inflate the figure.
const rssEnv = "PLUMB_FUZZ_RSS_CASES"

// rssURLEnv gives the child the emulator's URL: the emulator runs in the benchmark's process,
// so the child's peak RSS is the fuzzer's alone (the emulator keeps every connection created).
const rssURLEnv = "PLUMB_FUZZ_RSS_URL"

func TestMain(m *testing.M) {
	if n := os.Getenv(rssEnv); n != "" {
		os.Exit(rssChild(n))
	}
	os.Exit(m.Run())
}

func rssChild(n string) int {
	cases, err := strconv.Atoi(n)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	url := os.Getenv(rssURLEnv)
	if url == "" {
		srv, err := emulator.Start(emulator.Config{}, "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer srv.Close()
		url = srv.URL
	}
	cfg := config(nopTB{}, url, 1, cases, runtime.GOMAXPROCS(0))
	cfg.ShrinkTime = -1
	r, err := fuzz.Run(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	for _, f := range r.Findings {
		fmt.Fprintf(os.Stderr, "finding: %s %s %s %s x%d: %s\n%s\n", f.Operation, f.Check, f.Rule, f.Path, f.Count, f.Message, f.Response)
	}
	fmt.Printf("cases %d findings %d VmHWM %d\n", r.Cases, len(r.Findings), vmHWM())
	return 0
}

// vmHWM is the process's peak resident set in KiB (Linux), 0 where unknown.
func vmHWM() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// nopTB lets the test helpers run outside a test (in the RSS child).
type nopTB struct{ testing.TB }

func (nopTB) Helper()                   {}
func (nopTB) Cleanup(func())            {}
func (nopTB) Fatal(args ...any)         { panic(fmt.Sprint(args...)) }
func (nopTB) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }

// BenchmarkCampaign measures the campaign over the three operations the ratio has been measured
// on from the start; BenchmarkCampaignEveryOperation adds DescribeConnections, whose answers
// list up to 100 stored connections each and so cost more to judge.
func BenchmarkCampaign(b *testing.B) {
	benchCampaign(b, []string{"StartConnection", "GetConnection", "CreateConnection"})
}

func BenchmarkCampaignEveryOperation(b *testing.B) { benchCampaign(b, nil) }

func benchCampaign(b *testing.B, ops []string) {
	srv := startEmulator(b)
	cfg := config(b, srv.URL, 1, b.N, runtime.GOMAXPROCS(0))
	cfg.ShrinkTime = -1
	cfg.Operations = ops
	b.ResetTimer()
	start := time.Now()
	r, err := fuzz.Run(b.Context(), cfg)
	elapsed := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	rate := float64(r.Cases) / elapsed.Seconds()
	b.ReportMetric(rate, "cases/s")
	raw := rawRate(b, srv.URL, b.N)
	b.ReportMetric(rate/raw, "ratio-to-raw")
	b.Logf("campaign %.0f cases/s, raw loop %.0f req/s, ratio %.2f", rate, raw, rate/raw)
}

func BenchmarkRawLoop(b *testing.B) {
	srv := startEmulator(b)
	b.ReportMetric(rawRate(b, srv.URL, b.N), "cases/s")
}

// rawRate sends n fixed valid StartConnection requests with plain net/http from GOMAXPROCS
// goroutines: the ceiling the campaign is measured against.
func rawRate(b *testing.B, url string, n int) float64 {
	body := []byte(`{"AssetId":"asset1","ClientPublicKey":"abcdefghijabcdefghijabcdefghijabcdefghij123=","NetworkInterfaceDeviceIndex":0}`)
	workers := runtime.GOMAXPROCS(0)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers + 1}}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				resp, err := client.Post(url+"/connections", "application/json", bytes.NewReader(body))
				if err != nil {
					b.Error(err)
					return
				}
				var buf bytes.Buffer
				_, _ = buf.ReadFrom(resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}

// BenchmarkTimeToFinding measures, per fault, the time from the start of a campaign to its first
// finding: the campaign stops handing out cases at the first finding and shrinking is off
// (ShrinkTime -1), so no shrinking is counted. Seeds 1..b.N; cases/finding is how many cases
// were judged by then (the cases in flight at the finding included).
func BenchmarkTimeToFinding(b *testing.B) {
	// Every fault in the emulator's catalogue, not only the ones the tests name.
	for _, f := range emulator.Faults() {
		fc := struct{ fault string }{f.Name}
		b.Run(fc.fault, func(b *testing.B) {
			srv := startEmulator(b, fc.fault)
			var total time.Duration
			cases := 0
			for i := 0; i < b.N; i++ {
				cfg := config(b, srv.URL, uint64(i+1), 20000, runtime.GOMAXPROCS(0))
				cfg.ShrinkTime, cfg.StopOnFinding = -1, true // time to the first finding, not to its shrinking
				start := time.Now()
				r, err := fuzz.Run(b.Context(), cfg)
				total += time.Since(start)
				// A campaign stopped before its budget stopped at a failing check, even when the
				// report then holds no finding: the verdict drops the findings of an operation
				// that a campaign cut that short showed too little of to count as implemented.
				if err != nil || len(r.Findings) == 0 && r.Cases >= cfg.Budget {
					b.Fatalf("fault %s not found (err %v)", fc.fault, err)
				}
				cases += r.Cases
			}
			b.ReportMetric(total.Seconds()*1000/float64(b.N), "ms/finding")
			b.ReportMetric(float64(cases)/float64(b.N), "cases/finding")
		})
	}
}

func BenchmarkPeakRSS(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("1M cases take minutes; run without -short")
			}
			srv := startEmulator(b)
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), rssEnv+"="+strconv.Itoa(n), rssURLEnv+"="+srv.URL)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					b.Fatalf("%v: %s%s", err, out, stderr.Bytes())
				}
				if stderr.Len() > 0 {
					b.Logf("child: %s", stderr.Bytes())
				}
				var cases, findings, kb int
				if _, err := fmt.Sscanf(string(out), "cases %d findings %d VmHWM %d", &cases, &findings, &kb); err != nil {
					b.Fatalf("child said %q: %v", out, err)
				}
				b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
				b.Logf("%d cases, %d findings, peak RSS %.1f MiB", cases, findings, float64(kb)/1024)
			}
		})
	}
}
