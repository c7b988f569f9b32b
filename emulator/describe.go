package emulator

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// Direct Connect DescribeConnections (botocore's directconnect 2012-10-25 model): "Displays the
// specified connection or all connections in this Region." Given a connectionId, the one
// connection CreateConnection returned under it; without one, every connection, at most
// maxResults (capped at 100, as the model says) per page with a nextToken for the rest.

const describeConnectionsTarget = "OvertureService.DescribeConnections"

// maxDX bounds the Direct Connect connection table: past it the oldest connection goes first.
const maxDX = 1 << 16

// dxStore holds created Direct Connect connections by id, oldest first.
type dxStore struct {
	mu    sync.RWMutex
	conns map[string]map[string]any
	order []string // ids in creation order (a re-used id keeps its first place)
}

func (s *dxStore) put(id string, c map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conns == nil {
		s.conns = map[string]map[string]any{}
	}
	if _, known := s.conns[id]; !known {
		if len(s.order) >= maxDX {
			delete(s.conns, s.order[0])
			s.order = append(s.order[:0:0], s.order[1:]...)
		}
		s.order = append(s.order, id)
	}
	s.conns[id] = c
}

func (s *dxStore) get(id string) (map[string]any, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.conns[id]
	return c, ok
}

// page returns up to n connections from position from, and the position after them (0: none).
func (s *dxStore) page(from, n int) ([]map[string]any, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []map[string]any
	for i := from; i < len(s.order) && len(out) < n; i++ {
		out = append(out, s.conns[s.order[i]])
	}
	if next := from + len(out); next < len(s.order) {
		return out, next
	}
	return out, 0
}

// describeConnectionsRules is DescribeConnections' validation table: every member optional.
func describeConnectionsRules(f faultSet) []rule {
	return []rule{
		{name: "connectionId", kind: kindString},
		{name: "maxResults", kind: kindInteger, lenient: f[faultDXDescribeMaxResultsString]},
		{name: "nextToken", kind: kindString},
	}
}

// describeConnections serves OvertureService.DescribeConnections.
func (e *Emulator) describeConnections(w http.ResponseWriter, r *http.Request) {
	vals, ok := e.dxInput(w, r, e.describeRules)
	if !ok {
		return
	}
	if id, ok := vals["connectionId"].(string); ok {
		c, found := e.dx.get(id)
		if !found {
			e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeDXClient,
				fmt.Sprintf("Connection ID %s was not found.", echo(id))})
			return
		}
		writeJSON(w, http.StatusOK, mediaAmzJSON, map[string]any{"connections": e.described([]map[string]any{c})})
		return
	}
	from := 0
	if tok, ok := vals["nextToken"].(string); ok {
		n, err := strconv.Atoi(tok)
		if err != nil || n <= 0 {
			e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeDXClient, "The nextToken is not valid."})
			return
		}
		from = n
	}
	size := 100
	if n, ok := vals["maxResults"].(int64); ok && n > 0 && n < 100 {
		size = int(n)
	}
	conns, next := e.dx.page(from, size)
	out := map[string]any{"connections": e.described(conns)}
	if next > 0 {
		out["nextToken"] = strconv.Itoa(next)
	}
	writeJSON(w, http.StatusOK, mediaAmzJSON, out)
}

// described is the connections list a DescribeConnections answer carries, with the faults that
// change it.
func (e *Emulator) described(conns []map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(conns))
	for _, c := range conns {
		if e.has(faultDXDescribeNotListed) {
			continue
		}
		if e.has(faultDXDescribeTagsDropped) {
			cp := make(map[string]any, len(c))
			for k, v := range c {
				if k != "tags" {
					cp[k] = v
				}
			}
			c = cp
		}
		out = append(out, c)
		if e.has(faultDXDescribeListedTwice) {
			out = append(out, c)
		}
	}
	return out
}

// dxInput reads and validates a Direct Connect request body against rules, the order every
// awsJson operation of the emulator checks in: Content-Type, body size, JSON syntax, unknown
// members (under the fault that rejects them), then the whole validation table as one
// DirectConnectClientException. It writes the error answer itself; ok is false then.
func (e *Emulator) dxInput(w http.ResponseWriter, r *http.Request, rules []rule) (map[string]any, bool) {
	if msg, bad := mediaTypeError(r, mediaAmzJSON); bad {
		e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeDXClient, msg})
		return nil, false
	}
	obj, ae := e.readObject(r)
	if ae != nil {
		if ae.typ == typeValidation {
			ae.typ = typeDXClient
		}
		e.writeAmzJSONError(w, *ae)
		return nil, false
	}
	if name, ok := e.unknownMember(obj, rules); ok {
		e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeDXClient, unknownMemberMessage(name)})
		return nil, false
	}
	var v validator
	vals := v.object(obj, rules, "")
	if len(v.errs) > 0 {
		e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeDXClient, v.message()})
		return nil, false
	}
	return vals, true
}
