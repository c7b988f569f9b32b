package generators

import (
	"math"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxSafe bounds generated numbers to integers float64 holds exactly, so an integer survives
// encoding/json and kin-openapi's integer check.
const maxSafe = 1 << 53

// numBounds are a number schema's inclusive valid range, read from minimum/maximum and both
// styles of exclusive bound (3.0 booleans, 3.1 numbers).
type numBounds struct {
	lo, hi           float64
	hasLo, hasHi     bool
	exclLo, exclHi   bool // 3.0-style exclusive bounds on minimum/maximum
	exclLoV, exclHiV *float64
	integer          bool
	enum             []float64
}

func boundsOf(s *openapi3.Schema, integer bool) numBounds {
	b := numBounds{lo: -maxSafe, hi: maxSafe, integer: integer}
	if s.Min != nil {
		b.hasLo, b.exclLo = true, s.ExclusiveMin.IsTrue()
		b.lo = *s.Min
		if b.exclLo {
			b.lo = above(*s.Min, integer)
		}
	}
	if v := s.ExclusiveMin.Value; v != nil {
		b.exclLoV = v
		if a := above(*v, integer); !b.hasLo || a > b.lo {
			b.lo = a
		}
		b.hasLo = true
	}
	if s.Max != nil {
		b.hasHi, b.exclHi = true, s.ExclusiveMax.IsTrue()
		b.hi = *s.Max
		if b.exclHi {
			b.hi = below(*s.Max, integer)
		}
	}
	if v := s.ExclusiveMax.Value; v != nil {
		b.exclHiV = v
		if a := below(*v, integer); !b.hasHi || a < b.hi {
			b.hi = a
		}
		b.hasHi = true
	}
	if integer {
		b.lo, b.hi = math.Ceil(b.lo), math.Floor(b.hi)
	}
	b.lo, b.hi = max(b.lo, -maxSafe), min(b.hi, maxSafe)
	for _, e := range s.Enum {
		if v, ok := e.(float64); ok {
			b.enum = append(b.enum, v)
		}
	}
	return b
}

// above is the least value greater than x (integers: the next integer).
func above(x float64, integer bool) float64 {
	if integer {
		return math.Floor(x) + 1
	}
	return math.Nextafter(x, math.Inf(1))
}

func below(x float64, integer bool) float64 {
	if integer {
		return math.Ceil(x) - 1
	}
	return math.Nextafter(x, math.Inf(-1))
}

// gen draws a valid number: starting from the in-range value nearest 0, it moves up or down
// by a drawn whole amount and, for non-integers, a drawn fraction, staying in range.
func (b numBounds) gen(c chooser) (float64, bool) {
	if len(b.enum) > 0 {
		return b.enum[c.intn(0, len(b.enum)-1)], true
	}
	if b.lo > b.hi {
		return 0, false
	}
	anchor := math.Min(math.Max(0, b.lo), b.hi)
	v := anchor
	if c.present() {
		v += float64(c.size(0, int(math.Min(b.hi-anchor, maxSafe))))
	} else {
		v -= float64(c.size(0, int(math.Min(anchor-b.lo, maxSafe))))
	}
	if !b.integer {
		if frac := float64(c.intn(0, 999)) / 1000; v+frac <= b.hi {
			v += frac
		} else if v-frac >= b.lo {
			v -= frac
		}
	}
	return v, true
}

// belowMin is a value under the minimum: the first value outside, or further by a drawn step.
func (b numBounds) belowMin(c chooser, bound float64) float64 {
	return below(bound, b.integer) - float64(c.size(0, 1000))
}

func (b numBounds) aboveMax(c chooser, bound float64) float64 {
	return above(bound, b.integer) + float64(c.size(0, 1000))
}

// notInEnum is a number outside the enum.
func (b numBounds) notInEnum() float64 {
	m := b.enum[0]
	for _, e := range b.enum {
		m = math.Max(m, e)
	}
	return m + 1
}
