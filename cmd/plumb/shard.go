package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// shardFlag is --shard K/N: run only part K of N of the suite's scenarios or the campaign's
// cases; plumb merge adds the N parts' reports up.
type shardFlag struct{ k, n int }

func (s *shardFlag) register(fs *flag.FlagSet, what string) {
	fs.Var(s, "shard", "run only part K of N (`K/N`, 1 ≤ K ≤ N) of the "+what+"; plumb merge adds the N parts' report directories up")
}

func (s *shardFlag) String() string {
	if s == nil || s.n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.k, s.n)
}

func (s *shardFlag) Set(v string) error {
	ks, ns, ok := strings.Cut(v, "/")
	if !ok {
		return errors.New("want K/N, e.g. 2/3")
	}
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	switch {
	case err1 != nil || err2 != nil:
		return errors.New("want K/N with whole numbers, e.g. 2/3")
	case n < 1:
		return fmt.Errorf("the shard count N must be at least 1, got %d", n)
	case k < 1 || k > n:
		return fmt.Errorf("the shard number K must be in 1..%d, got %d", n, k)
	}
	s.k, s.n = k, n
	return nil
}
