package emulator

import "sync"

// maxStored bounds the Outposts connection table so a long fuzzing run cannot
// grow the emulator without limit; past it, an arbitrary old entry is
// dropped (a later GetConnection for it answers 404).
const maxStored = 1 << 18

// store holds started Outposts connections by ConnectionId.
type store struct {
	mu    sync.RWMutex
	conns map[string]connectionDetails
}

func newStore() *store { return &store{conns: make(map[string]connectionDetails)} }

func (s *store) put(id string, d connectionDetails) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.conns) >= maxStored {
		for k := range s.conns {
			delete(s.conns, k)
			break
		}
	}
	s.conns[id] = d
}

func (s *store) get(id string) (connectionDetails, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.conns[id]
	return d, ok
}
