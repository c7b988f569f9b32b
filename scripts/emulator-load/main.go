// Command emulator-load measures `plumb serve` under the two loads of issue #11 and prints a
// table of throughput and the server process's memory:
//
//	go run ./scripts/emulator-load [-plumb BIN] [-duration 20s] [-starts 1000000] [-concurrency 50]
//
// It starts `plumb serve --addr 127.0.0.1:0` as a subprocess (building ./cmd/plumb first unless
// -plumb names a binary), then drives
//
//   - hostile: StartConnection bodies of about 1 MiB holding 80,000 members, at -concurrency,
//     for -duration;
//   - starts: -starts valid StartConnections at -concurrency, then reads back the first and the
//     last connection started (GetConnection: a started connection must stay readable);
//
// and reads VmRSS and VmHWM from /proc/PID/status before, during (sampled every 100 ms; the
// table shows the largest sample) and after each phase. `make emulator-load` runs it. Linux
// only (it reads /proc). Standard library only.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/plumbhq/plumb/protocol"
)

func main() {
	bin := flag.String("plumb", "", "plumb binary to run (default: go build ./cmd/plumb into a temporary directory)")
	duration := flag.Duration("duration", 20*time.Second, "how long the hostile phase runs")
	starts := flag.Int("starts", 1_000_000, "StartConnections in the starts phase")
	concurrency := flag.Int("concurrency", 50, "requests in flight")
	flag.Parse()
	if err := run(*bin, *duration, *starts, *concurrency, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "emulator-load:", err)
		os.Exit(1)
	}
}

func run(bin string, duration time.Duration, starts, concurrency int, out io.Writer) error {
	if bin == "" {
		dir, err := os.MkdirTemp("", "emulator-load")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "plumb")
		build := exec.Command("go", "build", "-o", bin, "./cmd/plumb")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/plumb: %w", err)
		}
	}
	srv, err := startServe(bin)
	if err != nil {
		return err
	}
	defer srv.stop()

	client := &http.Client{
		Timeout:   time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency},
	}
	defer client.CloseIdleConnections()

	var rows []row
	idle, err := srv.mem()
	if err != nil {
		return err
	}
	rows = append(rows, row{phase: "idle (after start)", before: idle, peak: idle, after: idle})

	body := hostileBody()
	fmt.Fprintf(os.Stderr, "hostile: %d-byte bodies of 80,000 members, concurrency %d, %v\n", len(body), concurrency, duration)
	deadline := time.Now().Add(duration)
	r, err := srv.phase(fmt.Sprintf("hostile: 1 MiB, 80,000 keys, %v", duration), concurrency, func(int64) bool { return time.Now().Before(deadline) },
		func() (int, error) { return post(client, srv.url+"/connections", body, nil) })
	if err != nil {
		return err
	}
	rows = append(rows, r)

	fmt.Fprintf(os.Stderr, "starts: %d StartConnections, concurrency %d\n", starts, concurrency)
	valid := []byte(`{"AssetId":"asset_0123","ClientPublicKey":"` + strings.Repeat("A", 42) + `E=","NetworkInterfaceDeviceIndex":0}`)
	var first, last atomic.Value
	r, err = srv.phase(fmt.Sprintf("starts: %d StartConnections", starts), concurrency, func(n int64) bool { return n <= int64(starts) },
		func() (int, error) {
			var id string
			status, err := post(client, srv.url+"/connections", valid, &id)
			if status == http.StatusOK {
				first.CompareAndSwap(nil, id)
				last.Store(id)
			}
			return status, err
		})
	if err != nil {
		return err
	}
	for _, c := range []struct {
		name string
		id   any
	}{{"first", first.Load()}, {"last", last.Load()}} {
		id, _ := c.id.(string)
		if id == "" {
			r.note += fmt.Sprintf("; no %s connection", c.name)
			continue
		}
		res, err := client.Get(srv.url + "/connections/" + protocol.EscapeLabel(id))
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		r.note += fmt.Sprintf("; GetConnection(%s) %d", c.name, res.StatusCode)
	}
	r.note = strings.TrimPrefix(r.note, "; ")
	rows = append(rows, r)

	time.Sleep(5 * time.Second)
	settled, err := srv.mem()
	if err != nil {
		return err
	}
	rows = append(rows, row{phase: "idle (5 s after the load)", before: settled, peak: settled, after: settled})
	printTable(out, rows)
	return nil
}

// hostileBody is a StartConnection body of 1,040,000-odd bytes (under the default 1 MiB cap):
// 80,000 unknown members, then the valid ones.
func hostileBody() []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range 80_000 {
		fmt.Fprintf(&b, `"%08d":0,`, i)
	}
	b.WriteString(`"AssetId":"asset_0123","ClientPublicKey":"` + strings.Repeat("A", 42) + `E=","NetworkInterfaceDeviceIndex":0}`)
	return b.Bytes()
}

// post sends a StartConnection and returns the status; with id set it decodes ConnectionId.
func post(client *http.Client, url string, body []byte, id *string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if id != nil && res.StatusCode == http.StatusOK {
		var v struct{ ConnectionId string }
		if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
			return res.StatusCode, err
		}
		*id = v.ConnectionId
	}
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, nil
}

// server is a running `plumb serve`.
type server struct {
	cmd *exec.Cmd
	url string
}

func startServe(bin string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s serve: %w", bin, err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	const prefix = "plumb emulator listening on "
	if err != nil || !strings.HasPrefix(line, prefix) {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("plumb serve said %q: %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return &server{cmd: cmd, url: strings.TrimSpace(strings.TrimPrefix(line, prefix))}, nil
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	_ = s.cmd.Wait()
}

// mem is the server's resident set now and its peak so far, in kB.
type mem struct{ rss, hwm int64 }

func (s *server) mem() (mem, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return mem{}, err
	}
	var m mem
	for _, line := range strings.Split(string(data), "\n") {
		for field, dst := range map[string]*int64{"VmRSS:": &m.rss, "VmHWM:": &m.hwm} {
			if rest, ok := strings.CutPrefix(line, field); ok {
				*dst, err = strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				if err != nil {
					return mem{}, fmt.Errorf("%s: %w", line, err)
				}
			}
		}
	}
	return m, nil
}

// row is one line of the table.
type row struct {
	phase               string
	requests            int64
	elapsed             time.Duration
	statuses            map[int]int64
	errors              int64
	before, peak, after mem
	note                string
}

// phase runs send from concurrency goroutines while more(n) holds for the n-th request,
// sampling the server's memory every 100 ms.
func (s *server) phase(name string, concurrency int, more func(n int64) bool, send func() (int, error)) (row, error) {
	r := row{phase: name, statuses: map[int]int64{}}
	var err error
	if r.before, err = s.mem(); err != nil {
		return r, err
	}
	r.peak = r.before
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopSampling:
				return
			case <-tick.C:
				if m, err := s.mem(); err == nil && m.rss > r.peak.rss {
					r.peak.rss = m.rss
				}
			}
		}
	}()
	var (
		mu       sync.Mutex
		n        atomic.Int64
		errCount atomic.Int64
		lastErr  atomic.Value
		wg       sync.WaitGroup
	)
	began := time.Now()
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[int]int64{}
			for more(n.Add(1)) {
				status, err := send()
				if err != nil {
					errCount.Add(1)
					lastErr.Store(err.Error())
					continue
				}
				local[status]++
			}
			mu.Lock()
			for k, v := range local {
				r.statuses[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	r.elapsed = time.Since(began)
	close(stopSampling)
	<-sampled
	for _, v := range r.statuses {
		r.requests += v
	}
	r.errors = errCount.Load()
	if r.errors > 0 {
		r.note = fmt.Sprintf("last error: %v", lastErr.Load())
	}
	if r.after, err = s.mem(); err != nil {
		return r, err
	}
	r.peak.hwm = r.after.hwm
	if r.after.rss > r.peak.rss {
		r.peak.rss = r.after.rss
	}
	if r.requests+r.errors == 0 {
		return r, errors.New(name + ": no request was sent")
	}
	return r, nil
}

func mib(kb int64) string { return fmt.Sprintf("%.0f", float64(kb)/1024) }

func printTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| phase | requests | req/s | answers | RSS before MB | RSS peak during MB | RSS after MB | VmHWM MB | notes |")
	fmt.Fprintln(w, "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |")
	for _, r := range rows {
		rate, answers := "", ""
		if r.elapsed > 0 {
			rate = fmt.Sprintf("%.0f", float64(r.requests)/r.elapsed.Seconds())
			var parts []string
			for _, code := range slices.Sorted(maps.Keys(r.statuses)) {
				parts = append(parts, fmt.Sprintf("%d×%d", r.statuses[code], code))
			}
			if r.errors > 0 {
				parts = append(parts, fmt.Sprintf("%d transport errors", r.errors))
			}
			answers = strings.Join(parts, ", ")
		}
		requests := ""
		if r.elapsed > 0 {
			requests = strconv.FormatInt(r.requests, 10)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.phase, requests, rate, answers,
			mib(r.before.rss), mib(r.peak.rss), mib(r.after.rss), mib(r.peak.hwm), r.note)
	}
}
