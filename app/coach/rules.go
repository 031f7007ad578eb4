package coach

import (
	_ "embed"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// rulesTSV is the rule table: one rule per line, see the comment at its top.
//
//go:embed rules.tsv
var rulesTSV string

// Rule is one line of the rule table (rules.tsv).
type Rule struct {
	// Pattern is a Go regexp (RE2 syntax), matched case-insensitively, with
	// the table's {fragments} already expanded.
	Pattern string
	// Reframe is the kinder question offered for a match. It is empty for a
	// neutral rule ("-" in rules.tsv): a phrase such as "blame-free" that is
	// never flagged and hides any blame match overlapping it.
	Reframe string
	// Why says in one short sentence why the reframe helps.
	Why string
}

// neutralMark is what the reframe column says for a neutral rule.
const neutralMark = "-"

// rule is a Rule ready to match.
type rule struct {
	Rule
	line     int            // line in rules.tsv, for messages
	re       *regexp.Regexp // Pattern, compiled by foldASCII
	triggers []string       // every match contains one of these (lowercase ASCII); nil: unknown
}

// table is the parsed rules.tsv, in file order, parsed on first use (it
// takes tens of milliseconds, which start-up should not wait for). A
// mistake in the file is a build mistake: it panics, which fails every test.
var table = sync.OnceValue(func() []rule { return mustParse(rulesTSV) })

// Rules returns a copy of the rule table, in the order the rules are tried.
func Rules() []Rule {
	rules := table()
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = r.Rule
	}
	return out
}

func mustParse(src string) []rule {
	rules, err := parseRules(src)
	if err != nil {
		panic("coach: rules.tsv: " + err.Error())
	}
	return rules
}

// fragmentRef finds {name} in a pattern. A repeat count such as {2,3}
// starts with a digit, so it never looks like a fragment.
var fragmentRef = regexp.MustCompile(`\{([a-z][a-z_]*)\}`)

// parseRules reads the rule table: comments (#), blank lines, fragment
// definitions ({name} TAB text) and rules (pattern TAB reframe TAB why),
// columns separated by one or more tabs.
func parseRules(src string) ([]rule, error) {
	fragments := map[string]string{}
	var rules []rule
	for n, line := range strings.Split(src, "\n") {
		n++
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.FieldsFunc(line, func(r rune) bool { return r == '\t' })
		if m := fragmentRef.FindStringSubmatch(cols[0]); m != nil && m[0] == cols[0] {
			if len(cols) != 2 {
				return nil, fmt.Errorf("line %d: a fragment needs 2 tab-separated columns ({name}, text), found %d", n, len(cols))
			}
			if _, dup := fragments[m[1]]; dup {
				return nil, fmt.Errorf("line %d: fragment {%s} is defined twice", n, m[1])
			}
			text, err := expand(cols[1], fragments)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			if _, err := syntax.Parse(text, syntax.Perl); err != nil {
				return nil, fmt.Errorf("line %d: fragment {%s}: %w", n, m[1], err)
			}
			fragments[m[1]] = text
			continue
		}
		pattern, err := expand(cols[0], fragments)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if len(cols) != 3 {
			return nil, fmt.Errorf("line %d: a rule needs 3 tab-separated columns (pattern, reframe, why), found %d", n, len(cols))
		}
		r := rule{Rule: Rule{Pattern: pattern, Reframe: strings.TrimSpace(cols[1]), Why: strings.TrimSpace(cols[2])}, line: n}
		if r.Reframe == neutralMark {
			r.Reframe = ""
		}
		if r.Why == "" || r.Why == neutralMark {
			return nil, fmt.Errorf("line %d: the why column is empty", n)
		}
		re, err := syntax.Parse("(?i)"+pattern, syntax.Perl)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if r.re, err = regexp.Compile(foldASCII(re).String()); err != nil { // unreachable: it parsed
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if r.re.MatchString("") {
			return nil, fmt.Errorf("line %d: the pattern matches empty text", n)
		}
		r.triggers = triggers(re)
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("no rules")
	}
	return rules, nil
}

// noRune is a surrogate code point: no UTF-8 text decodes to it. Added to
// a class such as [Bb], it keeps Go's parser from turning the class back
// into a case-folded B, which is slower to match.
const noRune = 0xD800

// foldASCII rewrites case-insensitive letters as classes, B as [Bb]: Go
// matches a small class faster than a case-folded letter. It also
// drops the folds outside ASCII, the Kelvin sign for k and the long s for s,
// so that the regexps and the ASCII-lowercased prefilter agree.
func foldASCII(re *syntax.Regexp) *syntax.Regexp {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return re
		}
		concat := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags}
		for _, r := range re.Rune {
			lower, upper := unicode.ToLower(r), unicode.ToUpper(r)
			switch {
			case r < utf8.RuneSelf && lower != upper:
				concat.Sub = append(concat.Sub, &syntax.Regexp{Op: syntax.OpCharClass, Rune: []rune{upper, upper, lower, lower, noRune, noRune}})
			case r < utf8.RuneSelf:
				concat.Sub = append(concat.Sub, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}})
			case unicode.SimpleFold(r) == r: // no other case: ’ or —
				concat.Sub = append(concat.Sub, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}})
			default:
				concat.Sub = append(concat.Sub, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}, Flags: syntax.FoldCase})
			}
		}
		return concat
	case syntax.OpCharClass:
		var ranges []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for _, odd := range []rune{'\u017f', '\u212a'} {
				if lo == odd && hi == odd {
					lo, hi = 1, 0 // drop it
				}
			}
			if lo <= hi {
				ranges = append(ranges, lo, hi)
			}
		}
		return &syntax.Regexp{Op: syntax.OpCharClass, Rune: ranges, Flags: re.Flags}
	}
	out := *re
	out.Sub = make([]*syntax.Regexp, len(re.Sub))
	for i, sub := range re.Sub {
		out.Sub[i] = foldASCII(sub)
	}
	return &out
}

// expand replaces every {name} in pattern with its fragment.
func expand(pattern string, fragments map[string]string) (string, error) {
	var err error
	out := fragmentRef.ReplaceAllStringFunc(pattern, func(ref string) string {
		text, ok := fragments[ref[1:len(ref)-1]]
		if !ok && err == nil {
			err = fmt.Errorf("unknown fragment %s", ref)
		}
		return text
	})
	return out, err
}
