package generators

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode"

	"github.com/plumbhq/plumb/specs"
)

// patternPlan generates strings of an exact length (in runes) that match a pattern. It walks the
// regexp/syntax tree of the pattern as specs.CompilePattern rewrites it, having computed which
// lengths each sub-expression can produce; generation then splits a target length between
// sub-expressions so that every choice stays completable. That is what lets a generator hit the
// schema's length bounds exactly, e.g. 1024 characters of ^[a-zA-Z0-9+/=]{1,1024}$ (rewritten
// to {1,}) or 100 of ^(\w+)$, instead of hoping rapid.StringMatching lands on them.
type patternPlan struct {
	re    *regexp.Regexp
	root  *rxNode
	limit int  // the longest length planned for
	exact bool // every node is one gen steers exactly, so a generated string needs no re-check
	// edges are the characters just outside the pattern's alphabet: each range of each class
	// (and each literal) widened by one at either end, where that lands outside every class.
	// An implementation whose class is one off ([0-8], [A-Y], [\w-]) accepts one of them.
	edges []rune
}

// rxNode is one sub-expression with the lengths it can produce (up to the plan's limit).
type rxNode struct {
	re   *syntax.Regexp
	lens lenSet
	kids []*rxNode

	suffix []lenSet // concat: suffix[i] = lengths kids[i:] can produce together

	min, max int      // repeats; max -1 is unbounded
	tails    []lenSet // repeats: tails[m] = lengths of at most m optional iterations (last entry is the fixpoint)
	mand     []lenSet // repeats: mand[j] = lengths of j mandatory iterations followed by the optional ones
}

type planKey struct {
	pattern string
	limit   int
}

var planCache sync.Map // planKey -> *patternPlan

// planPattern compiles pattern with specs.CompilePattern and plans lengths 0..limit.
func planPattern(pattern string, limit int) (*patternPlan, error) {
	key := planKey{pattern, limit}
	if p, ok := planCache.Load(key); ok {
		return p.(*patternPlan), nil
	}
	re, err := specs.CompilePattern(pattern)
	if err != nil {
		return nil, err
	}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	edges := edgeRunes(tree)
	tree = unanchor(tree)
	p := &patternPlan{re: re, limit: limit, exact: steerable(tree), edges: edges}
	p.root = p.build(tree)
	planCache.Store(key, p)
	return p, nil
}

// unanchor makes the tree describe every string the pattern matches: a pattern without ^ (or $)
// matches anywhere, so anything may come before (or after) it.
func unanchor(t *syntax.Regexp) *syntax.Regexp {
	anyText := &syntax.Regexp{Op: syntax.OpStar, Sub: []*syntax.Regexp{{Op: syntax.OpAnyChar}}}
	first, last := t, t
	if t.Op == syntax.OpConcat && len(t.Sub) > 0 {
		first, last = t.Sub[0], t.Sub[len(t.Sub)-1]
	}
	subs := []*syntax.Regexp{t}
	if first.Op != syntax.OpBeginText {
		subs = append([]*syntax.Regexp{anyText}, subs...)
	}
	if last.Op != syntax.OpEndText {
		subs = append(subs, anyText)
	}
	if len(subs) == 1 {
		return t
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Sub: subs}
}

func (p *patternPlan) build(re *syntax.Regexp) *rxNode {
	n := &rxNode{re: re}
	switch re.Op {
	case syntax.OpNoMatch:
		n.lens = newLenSet(p.limit)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		n.lens = singleLen(p.limit, 0)
	case syntax.OpLiteral:
		n.lens = singleLen(p.limit, len(re.Rune))
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		n.lens = singleLen(p.limit, 1)
	case syntax.OpCapture:
		n.kids = []*rxNode{p.build(re.Sub[0])}
		n.lens = n.kids[0].lens
	case syntax.OpConcat:
		for _, s := range re.Sub {
			n.kids = append(n.kids, p.build(s))
		}
		n.suffix = make([]lenSet, len(n.kids)+1)
		n.suffix[len(n.kids)] = singleLen(p.limit, 0)
		for i := len(n.kids) - 1; i >= 0; i-- {
			n.suffix[i] = n.kids[i].lens.sum(n.suffix[i+1])
		}
		n.lens = n.suffix[0]
	case syntax.OpAlternate:
		n.lens = newLenSet(p.limit)
		for _, s := range re.Sub {
			k := p.build(s)
			n.kids = append(n.kids, k)
			n.lens = n.lens.union(k.lens)
		}
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		p.buildRepeat(n)
	default:
		n.lens = newLenSet(p.limit)
	}
	return n
}

func (p *patternPlan) buildRepeat(n *rxNode) {
	re := n.re
	switch re.Op {
	case syntax.OpStar:
		n.min, n.max = 0, -1
	case syntax.OpPlus:
		n.min, n.max = 1, -1
	case syntax.OpQuest:
		n.min, n.max = 0, 1
	default:
		n.min, n.max = re.Min, re.Max
	}
	kid := p.build(re.Sub[0])
	n.kids = []*rxNode{kid}
	s := kid.lens
	// Optional iterations: tails[m] = {0} ∪ (S + tails[m-1]), until the budget or a fixpoint.
	zero := singleLen(p.limit, 0)
	n.tails = []lenSet{zero}
	for m := 1; n.max < 0 || m <= n.max-n.min; m++ {
		next := zero.union(s.sum(n.tails[m-1]))
		if next.equal(n.tails[m-1]) {
			break
		}
		n.tails = append(n.tails, next)
	}
	// Mandatory iterations: mand[j] = S^j + tails[last].
	minReps := n.min
	if minReps > p.limit+1 && !s.has(0) {
		minReps = p.limit + 1 // more iterations than the limit allows: nothing fits
	}
	n.mand = []lenSet{n.tails[len(n.tails)-1]}
	for j := 1; j <= minReps; j++ {
		n.mand = append(n.mand, s.sum(n.mand[j-1]))
	}
	n.lens = n.mand[len(n.mand)-1]
	if minReps != n.min {
		n.lens = newLenSet(p.limit)
	}
}

// tail returns the lengths of at most m optional iterations.
func (n *rxNode) tail(m int) lenSet {
	if m < 0 {
		return newLenSet(n.tails[0].limit)
	}
	if m >= len(n.tails) {
		m = len(n.tails) - 1
	}
	return n.tails[m]
}

// lengths lists the lengths in [lo, hi] the pattern can match.
func (p *patternPlan) lengths(lo, hi int) []int { return p.root.lens.members(lo, hi) }

// generate returns a string of exactly n runes matching the pattern; ok is false when no such
// string exists (n is not a reachable length) or, for the rare shapes the length plan cannot
// steer (\b between generated characters), when the result does not match.
func (p *patternPlan) generate(c chooser, n int) (string, bool) {
	if !p.root.lens.has(n) {
		return "", false
	}
	var out []rune
	p.gen(c, p.root, n, &out)
	s := string(out)
	if p.exact {
		return s, true
	}
	return s, p.re.MatchString(s)
}

// steerable reports whether gen produces a match by construction for every node of the tree
// (no assertions such as \b, whose truth depends on neighbouring characters).
func steerable(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL,
		syntax.OpCapture, syntax.OpConcat, syntax.OpAlternate,
		syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
	default:
		return false
	}
	for _, sub := range re.Sub {
		if !steerable(sub) {
			return false
		}
	}
	return true
}

func (p *patternPlan) gen(c chooser, n *rxNode, want int, out *[]rune) {
	re := n.re
	switch re.Op {
	case syntax.OpLiteral:
		*out = append(*out, re.Rune...)
	case syntax.OpCharClass:
		*out = append(*out, c.runeIn(re.Rune))
	case syntax.OpAnyChar:
		*out = append(*out, c.runeIn(anyRunes))
	case syntax.OpAnyCharNotNL:
		*out = append(*out, c.runeIn(anyRunesNotNL))
	case syntax.OpCapture:
		p.gen(c, n.kids[0], want, out)
	case syntax.OpConcat:
		for i, k := range n.kids {
			l := choose(c, k.lens, want, func(l int) bool { return n.suffix[i+1].has(want - l) })
			p.gen(c, k, l, out)
			want -= l
		}
	case syntax.OpAlternate:
		var fits []*rxNode
		for _, k := range n.kids {
			if k.lens.has(want) {
				fits = append(fits, k)
			}
		}
		if len(fits) > 0 {
			p.gen(c, fits[c.intn(0, len(fits)-1)], want, out)
		}
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		kid := n.kids[0]
		for i := 0; i < n.min; i++ {
			rest := n.mand[n.min-i-1]
			l := choose(c, kid.lens, want, func(l int) bool { return rest.has(want - l) })
			p.gen(c, kid, l, out)
			want -= l
		}
		budget := n.max - n.min
		for want > 0 && (n.max < 0 || budget > 0) {
			m := budget - 1
			if n.max < 0 {
				m = len(n.tails) // the fixpoint
			}
			rest := n.tail(m)
			l := choose(c, kid.lens, want, func(l int) bool { return l > 0 && rest.has(want-l) })
			if l <= 0 {
				return
			}
			p.gen(c, kid, l, out)
			want -= l
			budget--
		}
	}
}

// choose picks a length from set, at most want, accepted by ok; -1 if none.
func choose(c chooser, set lenSet, want int, ok func(int) bool) int {
	var fits []int
	for _, l := range set.members(0, want) {
		if ok(l) {
			fits = append(fits, l)
		}
	}
	if len(fits) == 0 {
		return -1
	}
	return fits[c.intn(0, len(fits)-1)]
}

// anyRunes is what '.' draws from: printable ASCII plus a spread of Unicode (Latin-1, Greek,
// Cyrillic, CJK, emoji) and a few controls, so '.' exercises encoding without favouring ASCII.
var anyRunes = []rune{
	'\t', '\n', ' ', '~', 0xA0, 0x24F, 0x391, 0x3C9, 0x410, 0x44F, 0x4E00, 0x4E2D, 0x1F600, 0x1F64F,
}

var anyRunesNotNL = []rune{
	'\t', '\t', ' ', '~', 0xA0, 0x24F, 0x391, 0x3C9, 0x410, 0x44F, 0x4E00, 0x4E2D, 0x1F600, 0x1F64F,
}

// maxEdges caps how many edge characters a pattern keeps: classes such as \p{L} have hundreds
// of ranges, hence hundreds of gaps; an even sample of them (the ASCII ones first, since the
// list is in code-point order) is enough and keeps a pattern break cheap.
const maxEdges = 32

// edgeRunes lists, in code-point order, the characters one off either end of a range of any
// class or literal in the tree that no class or literal of the tree holds. '.' holds
// everything but (for (?-s)) '\n'; a tree with a bare '.' has no edges except that newline.
func edgeRunes(tree *syntax.Regexp) []rune {
	var ranges []rune // pairs lo, hi
	anyChar, anyNotNL := false, false
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpCharClass:
			ranges = append(ranges, re.Rune...)
		case syntax.OpLiteral:
			for _, r := range re.Rune {
				ranges = append(ranges, r, r)
			}
		case syntax.OpAnyChar:
			anyChar = true
		case syntax.OpAnyCharNotNL:
			anyNotNL = true
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(tree)
	if anyChar {
		return nil
	}
	if anyNotNL {
		return []rune{'\n'}
	}
	inside := func(r rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= r && r <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	seen := map[rune]bool{}
	var out []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		for _, r := range []rune{ranges[i] - 1, ranges[i+1] + 1} {
			if r < 0 || r > unicode.MaxRune || (r >= 0xD800 && r <= 0xDFFF) || seen[r] || inside(r) {
				continue
			}
			seen[r] = true
			out = append(out, r)
		}
	}
	slices.Sort(out)
	if len(out) <= maxEdges {
		return out
	}
	sample := make([]rune, maxEdges)
	for i := range sample {
		sample[i] = out[i*len(out)/maxEdges]
	}
	return sample
}
