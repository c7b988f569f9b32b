package generators

import "math/bits"

// lenSet is a set of string lengths 0..limit, as a bitset. Pattern planning works on sets of
// lengths rather than intervals because a pattern's lengths need not be contiguous: (ab)+
// only has even lengths, and exact-length generation must know which lengths are reachable.
type lenSet struct {
	w     []uint64
	limit int
}

func newLenSet(limit int) lenSet { return lenSet{w: make([]uint64, limit/64+1), limit: limit} }

func singleLen(limit, n int) lenSet {
	s := newLenSet(limit)
	s.add(n)
	return s
}

func (s lenSet) has(n int) bool {
	return n >= 0 && n <= s.limit && s.w[n/64]>>(uint(n)%64)&1 == 1
}

func (s lenSet) add(n int) {
	if n >= 0 && n <= s.limit {
		s.w[n/64] |= 1 << (uint(n) % 64)
	}
}

func (s lenSet) clone() lenSet {
	return lenSet{w: append([]uint64(nil), s.w...), limit: s.limit}
}

func (s lenSet) equal(o lenSet) bool {
	for i := range s.w {
		if s.w[i] != o.w[i] {
			return false
		}
	}
	return true
}

// union returns s ∪ o.
func (s lenSet) union(o lenSet) lenSet {
	out := s.clone()
	for i := range out.w {
		out.w[i] |= o.w[i]
	}
	return out
}

// members lists the lengths in s within [lo, hi].
func (s lenSet) members(lo, hi int) []int {
	var out []int
	if lo < 0 {
		lo = 0
	}
	if hi > s.limit {
		hi = s.limit
	}
	// Walk set bits word by word: pattern generation asks this once per generated character.
	for wi := lo / 64; wi <= hi/64 && wi < len(s.w); wi++ {
		for w := s.w[wi]; w != 0; w &= w - 1 {
			n := wi*64 + bits.TrailingZeros64(w)
			if n > hi {
				break
			}
			if n >= lo {
				out = append(out, n)
			}
		}
	}
	return out
}

// sum returns {a+b : a ∈ s, b ∈ o}, truncated at limit.
func (s lenSet) sum(o lenSet) lenSet {
	out := newLenSet(s.limit)
	for b := 0; b <= o.limit; b++ {
		if !o.has(b) {
			continue
		}
		words, bits := b/64, uint(b%64)
		for i := len(s.w) - 1; i >= 0; i-- {
			if s.w[i] == 0 {
				continue
			}
			j := i + words
			if j < len(out.w) {
				out.w[j] |= s.w[i] << bits
			}
			if bits != 0 && j+1 < len(out.w) {
				out.w[j+1] |= s.w[i] >> (64 - bits)
			}
		}
	}
	// Clear bits above limit in the last word.
	if r := uint(s.limit%64) + 1; r < 64 {
		out.w[len(out.w)-1] &= 1<<r - 1
	}
	return out
}
