package specs

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxRE2Repeat is the largest repeat count Go's regexp (RE2) accepts in {n,m}.
const maxRE2Repeat = 1000

var patternCache sync.Map // pattern text -> *regexp.Regexp

// CompilePattern compiles an OpenAPI pattern for Go.
//
// Documents state patterns such as ^[a-zA-Z0-9+/=]{1,1024}$ that RE2 refuses (repeat counts
// above 1000). CompilePattern rewrites a bounded repeat whose upper bound exceeds 1000 into an
// unbounded one ({1,1024} becomes {1,}). For the documents' patterns, whose large repeats are of
// a single character class spanning the whole string, this matches exactly the same language
// once the schema's own maxLength (always stated beside them) is enforced; every place plumb
// validates or generates applies both. Lower bounds above 1000 cannot be rewritten exactly and
// are reported as errors rather than silently weakened.
func CompilePattern(pattern string) (*regexp.Regexp, error) {
	if re, ok := patternCache.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	rewritten, err := rewriteLargeRepeats(pattern)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	re, err := regexp.Compile(rewritten)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	patternCache.Store(pattern, re)
	return re, nil
}

// RegexCompiler adapts CompilePattern to kin-openapi's RegexCompilerFunc.
//
// kin-openapi caches compiled patterns process-wide, keyed by the pattern text alone, whichever
// compiler produced them. Every kin-openapi call in plumb therefore passes this compiler (see
// SchemaOptions), and Load primes the cache with it, so the cache never holds a pattern compiled
// any other way and a pattern RE2 refuses is never reported as uncompilable.
func RegexCompiler(pattern string) (openapi3.RegexMatcher, error) {
	re, err := CompilePattern(pattern)
	if err != nil {
		return nil, err
	}
	return re, nil
}

// SchemaOptions are the kin-openapi schema validation options every plumb validation uses.
func SchemaOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.MultiErrors(),
		openapi3.SetSchemaRegexCompiler(RegexCompiler),
	}
}

// rewriteLargeRepeats replaces {n,m} and {n} quantifiers whose bounds RE2 refuses. It skips
// escaped characters and character classes, where braces are literals.
func rewriteLargeRepeats(p string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
			continue
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			// A ']' right after '[' or '[^' is a literal member of the class.
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte(c)
				i++
				c = p[i]
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(c)
				i++
				c = p[i]
			}
		case c == '{':
			end := strings.IndexByte(p[i:], '}')
			if end > 0 {
				if q, ok, err := rewriteQuantifier(p[i+1 : i+end]); err != nil {
					return "", err
				} else if ok {
					b.WriteString(q)
					i += end
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// rewriteQuantifier takes the text between braces. ok is false when the text is not a
// quantifier or needs no rewrite.
func rewriteQuantifier(body string) (q string, ok bool, err error) {
	lo, hi, comma := strings.Cut(body, ",")
	min, err1 := strconv.Atoi(lo)
	if err1 != nil {
		return "", false, nil
	}
	max := min
	if comma {
		if hi == "" {
			max = -1
		} else if max, err1 = strconv.Atoi(hi); err1 != nil {
			return "", false, nil
		}
	}
	if min <= maxRE2Repeat && max <= maxRE2Repeat {
		return "", false, nil
	}
	if min > maxRE2Repeat {
		return "", false, fmt.Errorf("repeat {%s}: a lower bound above %d cannot be expressed in RE2", body, maxRE2Repeat)
	}
	return fmt.Sprintf("{%d,}", min), true, nil
}
