package verdict

import (
	"sort"
	"strings"
	"sync"

	"github.com/plumbhq/plumb/check"
	"github.com/plumbhq/plumb/protocol"
	"github.com/plumbhq/plumb/specs"
	"github.com/plumbhq/plumb/target"
)

// maxSignatures bounds the distinct answers remembered per operation: enough to tell "one
// answer to everything" from "many answers", whatever the target sends.
const maxSignatures = 16

// Evidence accumulates, per operation, what the target's answers prove. It is safe for
// concurrent use and its memory does not grow with the number of exchanges.
type Evidence struct {
	mu  sync.Mutex
	ops map[string]*opEvidence
}

type opEvidence struct {
	exchanges int
	exercised int            // answers showing the target implements the operation
	refused   int            // exchanges every check of which was inconclusive
	refusals  map[string]int // refusal cause -> count
	// Valid requests and the answers they got: an operation whose every valid request got one
	// and the same answer that shows nothing implemented is not implemented by the target.
	valid      int
	signatures map[string]int // answer to a valid request -> count (bounded)
	overflow   bool           // more distinct signatures than maxSignatures
	// Schema-valid requests whose outcome the spec leaves open (an id only the service hands
	// out, x-plumb-opaque; a read of an id nobody created): Kind any with no broken rule. For
	// an operation every valid input of which carries such a member, they stand in for the
	// valid requests.
	open           int
	openSignatures map[string]int
	openOverflow   bool
	// The same over every request, for an operation the selection sent no valid request to.
	allSignatures map[string]int
	allOverflow   bool
}

// NewEvidence returns an empty record.
func NewEvidence() *Evidence { return &Evidence{ops: map[string]*opEvidence{}} }

// Add records one judged exchange of op, made with what the driver expected of it.
func (e *Evidence) Add(op *specs.Operation, exp check.Expect, ex target.Exchange, rs []check.Result) {
	if e == nil || op == nil {
		return
	}
	sig, exercised := check.Answer(op, ex)
	refusal := check.Refused(rs)
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.ops[op.ID]
	if o == nil {
		o = &opEvidence{refusals: map[string]int{}, signatures: map[string]int{}, openSignatures: map[string]int{}, allSignatures: map[string]int{}}
		e.ops[op.ID] = o
	}
	o.exchanges++
	if refusal != "" {
		o.refused++
		if len(o.refusals) < maxSignatures || o.refusals[refusal] > 0 {
			o.refusals[refusal]++
		}
	}
	if exercised { // even when not judged: a documented NotFoundException shows the operation is served
		o.exercised++
	}
	if _, seen := o.allSignatures[sig]; seen || len(o.allSignatures) < maxSignatures {
		o.allSignatures[sig]++
	} else {
		o.allOverflow = true
	}
	if exp.Kind == check.KindAny && exp.Path == "" && exp.Keyword == "" && !exp.Protocol {
		o.open++
		if _, seen := o.openSignatures[sig]; seen || len(o.openSignatures) < maxSignatures {
			o.openSignatures[sig]++
		} else {
			o.openOverflow = true
		}
	}
	if exp.Kind != check.KindValid {
		return
	}
	o.valid++
	if _, seen := o.signatures[sig]; seen || len(o.signatures) < maxSignatures {
		o.signatures[sig]++
	} else {
		o.overflow = true
	}
}

// Exercised reports whether some answer showed the target implements op: a finding about op
// stands, whatever else the run sees (a driver that stops at its first finding asks this).
func (e *Evidence) Exercised(op string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.ops[op]
	return o != nil && o.exercised > 0
}

// snapshot is an operation's evidence, read under the lock.
type snapshot struct {
	exchanges, exercised, refused, valid int
	topRefusal                           string
	onlyAnswer                           string // the one answer every valid request got, if it is one
}

func (e *Evidence) snapshot(op string) snapshot {
	if e == nil {
		return snapshot{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.ops[op]
	if o == nil {
		return snapshot{}
	}
	s := snapshot{exchanges: o.exchanges, exercised: o.exercised, refused: o.refused, valid: o.valid, topRefusal: top(o.refusals)}
	sigs, overflow := o.signatures, o.overflow
	switch {
	case o.valid == 0 && o.open > 0:
		sigs, overflow = o.openSignatures, o.openOverflow
		s.valid = o.open
	case o.valid == 0:
		sigs, overflow = o.allSignatures, o.allOverflow
	}
	if sig, ok := only(sigs); ok && !overflow && absent(sig) {
		s.onlyAnswer = sig
	}
	return s
}

// top returns the most frequent key (ties broken by name, for stable output).
func top(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) == 0 {
		return ""
	}
	return keys[0]
}

// absent reports whether an answer is one a target gives for an operation it does not serve:
// no HTTP response, a refusal (401, 403, 429), no such route (404, 405, 501,
// UnknownOperationException) or a server error. A 400 is an answer to the input, never that,
// unless it names a throttling type (400 ThrottlingException).
func absent(sig string) bool {
	if strings.HasPrefix(sig, "no HTTP response") || strings.Contains(sig, "UnknownOperation") {
		return true
	}
	status, name, _ := strings.Cut(sig, " ")
	if protocol.IsThrottling(name) { // AWS throttles with 400 ThrottlingException too
		return true
	}
	switch status {
	case "401", "403", "404", "405", "429", "501":
		return true
	}
	return strings.HasPrefix(status, "5")
}

// only returns the one answer every request got, if there is one. Transport failures count as
// one answer whatever their kind: a target answering garbage and closing is seen as garbage or
// as a reset depending on timing.
func only(sigs map[string]int) (string, bool) {
	var kinds []string
	other := ""
	for sig := range sigs {
		if kind, ok := strings.CutPrefix(sig, check.NoResponse+" ("); ok {
			kinds = append(kinds, strings.TrimSuffix(kind, ")"))
			continue
		}
		if other != "" {
			return "", false
		}
		other = sig
	}
	switch {
	case other != "" && len(kinds) == 0:
		return other, true
	case other == "" && len(kinds) > 0:
		sort.Strings(kinds)
		return check.NoResponse + " (" + strings.Join(kinds, ", ") + ")", true
	}
	return "", false
}
