package generators

import (
	"math/rand/v2"

	"pgregory.net/rapid"
)

// chooser is every decision a generator makes. Generation code is written once against it and
// runs two ways: drawn from rapid (Valid, Invalid: random, reproducible from a seed, shrinkable)
// or fixed (Boundary: the same documents every time, built on a minimal base).
type chooser interface {
	intn(lo, hi int) int       // any value in [lo, hi]
	size(lo, hi int) int       // a length or count in [lo, hi]; fixed choosers take lo
	present() bool             // whether an optional member is present; fixed choosers say no
	null() bool                // whether an absent optional member is sent as JSON null; fixed choosers say no
	runeIn(ranges []rune) rune // a rune from a regexp/syntax class: pairs lo0, hi0, lo1, hi1...
}

// rapidChooser draws every structural decision (which member, which length, which rule) from a
// rapid.T. Characters come from a PCG seeded by one rapid draw: drawing each rune through rapid
// cost most of a fuzz campaign's time. One more draw, "plain", makes every character the first
// of its class instead; rapid shrinks draws toward zero, so a shrunk counterexample reads as
// "000…0" wherever the characters did not matter.
type rapidChooser struct {
	t     *rapid.T
	runes *rand.Rand
	plain bool
}

func newRapidChooser(t *rapid.T) rapidChooser {
	plain := rapid.IntRange(0, 15).Draw(t, "plain") == 0
	seed := rapid.Uint64().Draw(t, "runes")
	return rapidChooser{t: t, runes: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), plain: plain}
}

func (c rapidChooser) intn(lo, hi int) int {
	if lo >= hi {
		return lo
	}
	return rapid.IntRange(lo, hi).Draw(c.t, "i")
}

func (c rapidChooser) size(lo, hi int) int { return c.intn(lo, hi) }

func (c rapidChooser) present() bool { return rapid.Bool().Draw(c.t, "present") }

// null is true one time in four; rapid shrinks draws toward 0, so toward plain absence.
func (c rapidChooser) null() bool { return rapid.IntRange(0, 3).Draw(c.t, "null") == 3 }

// runeIn picks a range first, then a rune in it, so a class such as \p{L} with hundreds of
// mostly non-ASCII ranges yields Unicode often, while shrinking still heads for the first range.
func (c rapidChooser) runeIn(ranges []rune) rune {
	if len(ranges) < 2 {
		return 'a'
	}
	if c.plain {
		return validRune(ranges[0], ranges[0], ranges[1])
	}
	i := c.runes.IntN(len(ranges) / 2)
	lo, hi := ranges[2*i], ranges[2*i+1]
	return validRune(lo+rune(c.runes.IntN(int(hi-lo)+1)), lo, hi)
}

// fixedChooser makes the minimal structural choices and draws characters from a seeded
// source, so Boundary documents are identical on every call.
type fixedChooser struct{ r *rand.Rand }

func newFixedChooser() *fixedChooser { return &fixedChooser{r: rand.New(rand.NewPCG(1, 2))} }

func (c *fixedChooser) intn(lo, hi int) int {
	if lo >= hi {
		return lo
	}
	return lo + c.r.IntN(hi-lo+1)
}

func (c *fixedChooser) size(lo, _ int) int { return lo }

func (c *fixedChooser) present() bool { return false }

func (c *fixedChooser) null() bool { return false }

// runeIn prefers ASCII letters and digits when the class has them, so fixed documents stay
// readable in reports; other classes get a seeded rune.
func (c *fixedChooser) runeIn(ranges []rune) rune {
	if len(ranges) < 2 {
		return 'a'
	}
	var ascii []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := max(ranges[i], '0'); r <= min(ranges[i+1], 'z'); r++ {
			if r <= '9' || r >= 'a' || (r >= 'A' && r <= 'Z') {
				ascii = append(ascii, r)
			}
		}
	}
	if len(ascii) > 0 {
		return ascii[c.r.IntN(len(ascii))]
	}
	i := c.r.IntN(len(ranges) / 2)
	lo, hi := ranges[2*i], ranges[2*i+1]
	return validRune(lo+rune(c.r.IntN(int(hi-lo)+1)), lo, hi)
}

// validRune keeps r inside [lo, hi] but off the surrogate block, which no string can hold.
func validRune(r, lo, hi rune) rune {
	if r < 0xD800 || r > 0xDFFF {
		return r
	}
	if hi > 0xDFFF {
		return 0xE000
	}
	if lo < 0xD800 {
		return 0xD7FF
	}
	return 0xFFFD // the class holds only surrogates; nothing valid matches it
}
