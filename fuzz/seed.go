package fuzz

// mix is SplitMix64's finaliser: a cheap bijection that spreads nearby inputs (seed, seed+1,
// index 7, index 8) over the whole 64-bit space, so per-case seeds never correlate.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// caseSeed is the seed every random draw of case index uses: a function of (campaign seed,
// index) alone, which is what makes a case reproducible whatever worker ran it and whenever.
func caseSeed(seed uint64, index int) uint64 { return mix(seed ^ mix(uint64(index))) }
