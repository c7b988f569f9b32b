package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"time"
)

// TestBombIsOneGzipStreamOfZeros: a gzip reader sees one stream of n MiB of zeros, sent in a
// small fraction of that.
func TestBombIsOneGzipStreamOfZeros(t *testing.T) {
	body := bomb(8)
	if len(body) > 64<<10 {
		t.Errorf("bomb of 8 MiB is %d bytes on the wire", len(body))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil || n != 8<<20 {
		t.Errorf("decompressed %d bytes (%v); want %d", n, err, 8<<20)
	}
}

// TestJudge: each bound puts a row out, and only its own.
func TestJudge(t *testing.T) {
	s := settings{duration: 10 * time.Second, timeout: 2 * time.Second}
	answers, silent := hostileCase{name: "big"}, hostileCase{name: "silent", silent: true}
	for _, tc := range []struct {
		r    row
		c    hostileCase
		want string
	}{
		{row{Command: "run", Exit: 1, Wall: 40 * time.Second, RSSKiB: 50 << 10}, answers, ""},
		{row{Command: "run", Exit: 1, RSSKiB: 473 << 10}, answers, "peak RSS 473 MiB"},
		{row{Command: "fuzz", Exit: 1, Wall: 22 * time.Second, RSSKiB: 45 << 10}, answers, "took 22.0 s"},
		{row{Command: "fuzz", Exit: 4, Wall: 12 * time.Second, RSSKiB: 45 << 10}, answers, ""},
		{row{Command: "run", Exit: 3, Wall: time.Second}, answers, "exit 3"},
		{row{Command: "run", Exit: 1, Wall: 136 * time.Second}, silent, "exit 1, want 3"},
		{row{Command: "run", Exit: 3, Wall: 16 * time.Second}, silent, "took 16.0 s"},
		{row{Command: "run", Exit: 3, Wall: 8 * time.Second}, silent, ""},
	} {
		got := judge(tc.r, tc.c, s)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("judge(%+v, %s) = %q; want %q", tc.r, tc.c.name, got, tc.want)
		}
	}
}

// TestReplaceSection rewrites only what lies between the markers, and refuses a README without them.
func TestReplaceSection(t *testing.T) {
	readme := "intro\n" + beginMarker + "\nold table\n" + endMarker + "\nrest\n"
	got, err := replaceSection(readme, "| new |\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "intro\n" + beginMarker + "\n| new |\n" + endMarker + "\nrest\n"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if _, err := replaceSection("no markers", "x"); err == nil {
		t.Error("a README without markers was accepted")
	}
}
