package emulator

import (
	"fmt"
	"math/bits"
	mrand "math/rand/v2"
	"sync"
	"sync/atomic"
)

// idSpace is the number of Direct Connect connection ids: dxcon- and 8 characters of
// lowerAlnum, 36^8 = 2^16 * 3^16.
const idSpace = 2821109907456

// idSequence hands out Direct Connect connection ids that look random and never repeat: the
// n-th id is digit-encoded (off + n*mul) mod 36^8, a bijection of 0..36^8-1 because mul is prime
// to 2 and 3. Random ids would collide (one pair in ~0.2% of 100,000 creates), and a create
// must never return an id it already returned; a set of issued ids would grow without bound.
type idSequence struct {
	n        atomic.Uint64
	off, mul uint64
}

func newIDSequence() *idSequence {
	mul := mrand.Uint64N(idSpace-1) + 1
	for mul%2 == 0 || mul%3 == 0 {
		mul++
	}
	// idSpace-1 is prime to 2 and 3 (idSpace is a multiple of both), so mul stays below idSpace.
	return &idSequence{off: mrand.Uint64N(idSpace), mul: mul}
}

func (s *idSequence) next() string {
	n := (s.n.Add(1) - 1) % idSpace
	hi, lo := bits.Mul64(n, s.mul)
	v := (bits.Rem64(hi, lo, idSpace) + s.off) % idSpace
	b := make([]byte, 8)
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = lowerAlnum[v%36]
		v /= 36
	}
	return "dxcon-" + string(b)
}

// lastDX is the connection that every create collides into under dx-connectionid-reused: the
// first create's id, and the tags of every create merged by key, later values winning (moto
// keys its connections by an id that repeats, so a second create overwrites the first and its
// tags pile onto one resource).
//
// The merged list keeps at most maxMergedTags tags (the oldest go first), so a long campaign
// against the fault cannot grow the emulator or its responses without bound.
type lastDX struct {
	mu   sync.Mutex
	id   string
	tags []map[string]string
}

const maxMergedTags = 200

// reuse returns the id and tags to report for a new connection that was to get id and tags.
func (l *lastDX) reuse(id string, tags []map[string]string) (string, []map[string]string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.id == "" {
		l.id = id
	}
	for _, t := range tags {
		merged := false
		for i, old := range l.tags {
			if old["key"] == t["key"] {
				l.tags[i], merged = t, true
				break
			}
		}
		if !merged {
			l.tags = append(l.tags, t)
		}
	}
	if over := len(l.tags) - maxMergedTags; over > 0 {
		l.tags = append(l.tags[:0:0], l.tags[over:]...)
	}
	if len(l.tags) == 0 {
		return l.id, nil
	}
	return l.id, append([]map[string]string(nil), l.tags...)
}

// unknownMember returns a top-level member of obj that rules do not name, under
// unknown-member-rejected (the correct emulator ignores unknown members, as AWS does).
func (e *Emulator) unknownMember(obj map[string]any, rules []rule) (string, bool) {
	if !e.has(faultUnknownMemberRejected) {
		return "", false
	}
	for name := range obj {
		known := false
		for i := range rules {
			if rules[i].name == name {
				known = true
				break
			}
		}
		if !known {
			return name, true
		}
	}
	return "", false
}

func unknownMemberMessage(name string) string {
	return fmt.Sprintf("1 validation error detected: Value at '%s' failed to satisfy constraint: Member is not a known member of the request", echo(name))
}
