package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Config configures an Emulator.
type Config struct {
	// Faults names the faults to inject (see Faults for the catalogue).
	// An unknown name makes New fail.
	Faults []string
	// MaxBodyBytes caps request bodies; 0 means 1 MiB. A larger body gets a
	// 413 error response.
	MaxBodyBytes int64
	// MaxConnections caps the Outposts connection table; 0 means
	// DefaultMaxConnections. The oldest connection makes room for a new one
	// unless it is younger than MinConnectionAge; then StartConnection
	// answers 429 ThrottlingException.
	MaxConnections int
	// Clock reads the time for connection ages; nil means time.Now. Tests
	// inject one to age connections without sleeping.
	Clock func() time.Time
}

// Emulator is an in-memory reference implementation of Outposts
// StartConnection/GetConnection (restJson1) and Direct Connect
// CreateConnection (awsJson1_1), both served by one http.Handler. It
// ignores SigV4 signatures. It is safe for concurrent use.
type Emulator struct {
	faults  faultSet
	maxBody int64
	conns   *store
	account string

	// Validation tables, built once from the fault set.
	startRules    []rule
	getRules      []rule
	createRules   []rule
	describeRules []rule
	maxTags       int // 0 = no limit

	dx dxStore // created Direct Connect connections, for DescribeConnections

	dxIDs  *idSequence // Direct Connect connection ids, never one twice
	dxLast lastDX      // dx-connectionid-reused: the connection ids collide into
}

// New builds an Emulator. It fails on an unknown fault name or a negative
// MaxBodyBytes or MaxConnections.
func New(cfg Config) (*Emulator, error) {
	fs, err := newFaultSet(cfg.Faults)
	if err != nil {
		return nil, err
	}
	if cfg.MaxBodyBytes < 0 {
		return nil, fmt.Errorf("emulator: MaxBodyBytes must not be negative, got %d", cfg.MaxBodyBytes)
	}
	if cfg.MaxConnections < 0 {
		return nil, fmt.Errorf("emulator: MaxConnections must not be negative, got %d", cfg.MaxConnections)
	}
	maxConns, clock := cfg.MaxConnections, cfg.Clock
	if maxConns == 0 {
		maxConns = DefaultMaxConnections
	}
	if clock == nil {
		clock = time.Now
	}
	e := &Emulator{
		faults:  fs,
		maxBody: cfg.MaxBodyBytes,
		conns:   newStore(maxConns, clock),
		account: newAccountID(),
	}
	if e.maxBody == 0 {
		e.maxBody = defaultMaxBody
	}
	e.startRules = startConnectionRules(fs)
	e.getRules = getConnectionRules(fs)
	e.createRules = createConnectionRules(fs)
	e.describeRules = describeConnectionsRules(fs)
	e.maxTags = maxTags(fs)
	e.dxIDs = newIDSequence()
	return e, nil
}

// has reports whether the named fault is injected.
func (e *Emulator) has(name string) bool { return e.faults[name] }

const (
	createConnectionTarget = "OvertureService.CreateConnection"
	connectionsPath        = "/connections"
)

// ServeHTTP routes a request: Outposts by path, Direct Connect by POST / and
// X-Amz-Target. Every response carries x-amzn-RequestId.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", newRequestID())

	// Route on the raw path: a ConnectionId holding '/' arrives as %2F and
	// must stay inside its path segment until the segment is decoded.
	path := r.URL.EscapedPath()
	if e.has(faultDecodedPathRouting) {
		path = r.URL.Path
	}

	switch {
	case path == "/":
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeRouteError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s is not allowed on /; Direct Connect operations use POST", echo(r.Method)))
			return
		}
		e.serveDirectConnect(w, r)
	case path == connectionsPath:
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			e.writeRestError(w, apiError{http.StatusMethodNotAllowed, typeUnknownOperation,
				fmt.Sprintf("method %s is not allowed on %s; StartConnection uses POST", echo(r.Method), connectionsPath)})
			return
		}
		e.startConnection(w, r)
	case strings.HasPrefix(path, connectionsPath+"/") && !strings.Contains(path[len(connectionsPath)+1:], "/"):
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			e.writeRestError(w, apiError{http.StatusMethodNotAllowed, typeUnknownOperation,
				fmt.Sprintf("method %s is not allowed on %s/{ConnectionId}; GetConnection uses GET", echo(r.Method), connectionsPath)})
			return
		}
		e.getConnection(w, r, path[len(connectionsPath)+1:])
	default:
		writeRouteError(w, http.StatusNotFound, fmt.Sprintf("no operation matches %s %s", echo(r.Method), echo(path)))
	}
}

// serveDirectConnect dispatches awsJson1_1 requests by X-Amz-Target.
func (e *Emulator) serveDirectConnect(w http.ResponseWriter, r *http.Request) {
	target := r.Header.Get("X-Amz-Target")
	if target == describeConnectionsTarget {
		e.describeConnections(w, r)
		return
	}
	if target != createConnectionTarget && !e.has(faultDXWrongTargetAccepted) {
		msg := "X-Amz-Target header is missing"
		if target != "" {
			msg = fmt.Sprintf("unknown operation '%s' in X-Amz-Target; this endpoint serves %s and %s", echo(target), createConnectionTarget, describeConnectionsTarget)
		}
		e.writeAmzJSONError(w, apiError{http.StatusBadRequest, typeUnknownOperation, msg})
		return
	}
	e.createConnection(w, r)
}
