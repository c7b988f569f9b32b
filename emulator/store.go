package emulator

import (
	"sync"
	"time"
)

// Store bounds. A long fuzzing run starts connections without end, so the table is capped;
// past the cap the oldest connection goes first, but never one younger than
// MinConnectionAge: a client reads its connection back (GetConnection) within seconds of
// starting it, and dropping a young entry would turn that read into a false 404. When every
// entry is young the emulator refuses the new StartConnection with 429 ThrottlingException
// (see throttled in outposts.go) rather than evict.
const (
	// DefaultMaxConnections is the connection table's capacity when Config.MaxConnections
	// is 0. An entry is about 200 bytes of heap (its ring slot, its map slot, the id and the
	// client key), so a full table is about 50 MiB.
	DefaultMaxConnections = 1 << 18
	// MinConnectionAge is how long a started connection is guaranteed to stay readable.
	MinConnectionAge = 10 * time.Minute
)

// storedConn is one started Outposts connection: what GetConnection needs, compactly. The
// tunnel values are regenerated from seed (newDetails) instead of being kept as strings.
type storedConn struct {
	id        string
	clientKey string
	seed      uint64
	born      int64 // clock reading at StartConnection, Unix nanoseconds
}

// store holds started Outposts connections by ConnectionId, in a ring in the order they
// were started: until the ring is full entries are appended; after that the slot at head
// holds the oldest entry, which the next put replaces if it is old enough.
type store struct {
	mu     sync.RWMutex
	now    func() time.Time
	max    int
	minAge time.Duration
	ring   []storedConn
	head   int
	byID   map[string]int // ConnectionId -> index in ring
}

func newStore(max int, now func() time.Time) *store {
	return &store{now: now, max: max, minAge: MinConnectionAge, byID: make(map[string]int)}
}

// put stores a connection. When the table is full of entries younger than minAge it stores
// nothing and returns how long until the oldest entry may go (ok false).
func (s *store) put(id, clientKey string, seed uint64) (retryAfter time.Duration, ok bool) {
	now := s.now().UnixNano()
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, dup := s.byID[id]; dup { // ids are 128+ random bits; keep the table consistent anyway
		s.ring[i].clientKey, s.ring[i].seed = clientKey, seed
		return 0, true
	}
	c := storedConn{id: id, clientKey: clientKey, seed: seed, born: now}
	if len(s.ring) < s.max {
		s.byID[id] = len(s.ring)
		s.ring = append(s.ring, c)
		return 0, true
	}
	oldest := &s.ring[s.head]
	if age := time.Duration(now - oldest.born); age < s.minAge {
		return s.minAge - age, false
	}
	delete(s.byID, oldest.id)
	*oldest = c
	s.byID[id] = s.head
	s.head = (s.head + 1) % s.max
	return 0, true
}

func (s *store) get(id string) (storedConn, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.byID[id]
	if !ok {
		return storedConn{}, false
	}
	return s.ring[i], true
}
