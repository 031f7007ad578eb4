package coach

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// The prefilter keeps Check fast on long text: a rule's regexp only runs on
// a sentence that contains one of the rule's triggers, pieces of text that
// every match of the rule contains, such as "who" followed by spaces and
// "caused". Triggers are worked out from the pattern itself, so adding a
// rule never means maintaining a keyword list.
//
// The text is lowercased for the prefilter in ASCII only, which keeps byte
// offsets. Go's case folding also equates k with the Kelvin sign (U+212A)
// and s with the long s (U+017F); a word spelled with those is not found.

// Besides text, a trigger holds two markers.
const (
	markBoundary = '\x00' // an ASCII word boundary (\b); matches no byte
	markSpace    = '\x01' // one or more ASCII spaces (\s+ or \s)
)

// minTrigger is the fewest letters a trigger needs: shorter ones occur in
// almost every sentence.
const minTrigger = 3

// maxExact caps the strings tracked for one part of a pattern.
const maxExact = 64

// literals describes what a part of a pattern can match.
type literals struct {
	// exact: the part matches one of set (spaces: one or more).
	// Otherwise every match of the part contains one of set, or set is nil
	// when nothing is known.
	exact bool
	set   []string
}

// triggers returns strings, lowercase in ASCII, at least one of which
// occurs in every match of re; nil when there is no such set of strings
// of at least minTrigger letters each.
func triggers(re *syntax.Regexp) []string {
	l := analyze(re.Simplify())
	var set []string
	for _, s := range l.set {
		set = append(set, trimMarks(s))
	}
	set = dedupe(set)
	if letters, _ := score(set); letters < minTrigger {
		return nil
	}
	// A text that contains "who caused" contains "who": keep the shortest.
	var out []string
	for _, s := range set {
		if !slices.ContainsFunc(set, func(t string) bool { return t != s && strings.Contains(s, t) }) {
			out = append(out, s)
		}
	}
	return out
}

// trimMarks drops the markers a trigger starts with, but keeps a word
// boundary just before the first letter: "\x01\x00who" becomes "\x00who".
func trimMarks(s string) string {
	t := strings.TrimLeft(s, "\x00\x01")
	if len(t) < len(s) && s[len(s)-len(t)-1] == markBoundary {
		return string(markBoundary) + t
	}
	return t
}

func analyze(re *syntax.Regexp) literals {
	switch re.Op {
	case syntax.OpLiteral:
		s, ok := lowerRunes(re.Rune)
		if !ok {
			return literals{}
		}
		return literals{exact: true, set: []string{s}}
	case syntax.OpCharClass:
		if isSpaceClass(re) {
			return literals{exact: true, set: []string{string(markSpace)}}
		}
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 8 {
				return literals{}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				s, ok := lowerRunes([]rune{r})
				if !ok {
					return literals{}
				}
				set = append(set, s)
			}
		}
		set = dedupe(set)
		if len(set) == 0 || len(set) > 8 {
			return literals{}
		}
		return literals{exact: true, set: set}
	case syntax.OpWordBoundary:
		return literals{exact: true, set: []string{string(markBoundary)}}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpNoWordBoundary:
		return literals{exact: true, set: []string{""}}
	case syntax.OpCapture:
		return analyze(re.Sub[0])
	case syntax.OpQuest:
		l := analyze(re.Sub[0])
		if !l.exact {
			return literals{}
		}
		return literals{exact: true, set: dedupe(append([]string{""}, l.set...))}
	case syntax.OpPlus:
		if isSpaceClass(re.Sub[0]) {
			return literals{exact: true, set: []string{string(markSpace)}}
		}
		return literals{set: analyze(re.Sub[0]).set}
	case syntax.OpRepeat:
		if re.Min < 1 {
			return literals{}
		}
		return literals{set: analyze(re.Sub[0]).set}
	case syntax.OpConcat:
		return analyzeConcat(re.Sub)
	case syntax.OpAlternate:
		all := literals{exact: true}
		for _, sub := range re.Sub {
			l := analyze(sub)
			if l.set == nil {
				return literals{}
			}
			all.exact = all.exact && l.exact
			all.set = append(all.set, l.set...)
		}
		all.set = dedupe(all.set)
		return all
	}
	return literals{} // any character, star, no match
}

// analyzeConcat joins exact neighbours into longer strings (who, spaces,
// caused gives "who\x01caused") and keeps the best set it meets.
func analyzeConcat(subs []*syntax.Regexp) literals {
	cur, allExact := []string{""}, true
	var best []string
	keep := func(set []string) {
		if better(set, best) {
			best = set
		}
	}
	for _, sub := range subs {
		l := analyze(sub)
		if l.exact && len(cur)*len(l.set) <= maxExact {
			cur = cross(cur, l.set)
			continue
		}
		allExact = false
		keep(cur)
		if l.exact {
			cur = l.set
		} else {
			keep(l.set)
			cur = []string{""}
		}
	}
	if allExact {
		return literals{exact: true, set: cur}
	}
	keep(cur)
	return literals{set: best}
}

// isSpaceClass reports whether re is \s: [\t\n\f\r ].
func isSpaceClass(re *syntax.Regexp) bool {
	return re.Op == syntax.OpCharClass && slices.Equal(re.Rune, []rune{'\t', '\n', '\f', '\r', ' ', ' '})
}

// score rates a set by its weakest string: the letters it has (1 for a
// very common word, -1 for no set) and, to break ties, its length with
// markers. A set with a short or common string filters nothing.
func score(set []string) (letters, length int) {
	if len(set) == 0 {
		return -1, -1
	}
	letters, length = 1<<30, 1<<30
	for _, s := range set {
		plain := strings.Map(func(r rune) rune {
			if r == markBoundary || r == markSpace {
				return -1
			}
			return r
		}, s)
		n := len(plain)
		if common[plain] {
			n = 1
		}
		letters, length = min(letters, n), min(length, len(s))
	}
	return letters, length
}

// common words make poor triggers: nearly every sentence has one.
var common = map[string]bool{
	"the": true, "and": true, "this": true, "that": true, "these": true, "those": true,
	"they": true, "there": true, "their": true, "then": true, "than": true,
	"with": true, "have": true, "from": true, "what": true, "when": true, "were": true,
	"been": true, "will": true, "under": true,
}

func better(a, b []string) bool {
	la, na := score(a)
	lb, nb := score(b)
	if la != lb {
		return la > lb
	}
	if na != nb {
		return na > nb
	}
	return la >= 0 && len(a) < len(b)
}

func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if strings.HasSuffix(x, string(markSpace)) && strings.HasPrefix(y, string(markSpace)) {
				y = y[1:] // spaces, then spaces, are spaces
			}
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func dedupe(set []string) []string {
	slices.Sort(set)
	return slices.Compact(set)
}

// lowerRunes lowercases ASCII letters; ok is false when a rune has other
// case forms outside ASCII, which the ASCII-lowercased text could miss, or
// is a control character, which could be taken for a marker.
func lowerRunes(rs []rune) (string, bool) {
	var b strings.Builder
	for _, r := range rs {
		if r < 0x20 || (r >= 0x80 && unicode.SimpleFold(r) != r) {
			return "", false
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// prefilter finds the triggers in lowercased text.
type prefilter struct {
	trigs []string
	rules [][]int // the rules each trigger wakes
	// byPair holds the triggers by their first two letters (after a
	// leading word boundary), pairs the set of those pairs; bySingle holds
	// the few triggers whose second element is a marker.
	byPair   map[uint16][]int
	pairs    [1 << 16 / 64]uint64
	bySingle [256][]int
}

func newPrefilter(rules []rule) *prefilter {
	p := &prefilter{byPair: map[uint16][]int{}}
	index := map[string]int{}
	for i, r := range rules {
		for _, t := range r.triggers {
			id, ok := index[t]
			if !ok {
				id = len(p.trigs)
				index[t] = id
				p.trigs = append(p.trigs, t)
				p.rules = append(p.rules, nil)
				body := strings.TrimPrefix(t, string(markBoundary))
				if len(body) >= 2 && body[1] > markSpace {
					pair := uint16(body[0])<<8 | uint16(body[1])
					p.byPair[pair] = append(p.byPair[pair], id)
					p.pairs[pair/64] |= 1 << (pair % 64)
				} else {
					p.bySingle[body[0]] = append(p.bySingle[body[0]], id)
				}
			}
			p.rules[id] = append(p.rules[id], i)
		}
	}
	return p
}

// at calls wake for each rule that has a trigger starting at lower[i].
func (p *prefilter) at(lower []byte, i int, wake func(rule int)) {
	for _, id := range p.bySingle[lower[i]] {
		p.try(lower, i, id, wake)
	}
	if i+1 < len(lower) {
		pair := uint16(lower[i])<<8 | uint16(lower[i+1])
		if p.pairs[pair/64]&(1<<(pair%64)) != 0 {
			for _, id := range p.byPair[pair] {
				p.try(lower, i, id, wake)
			}
		}
	}
}

func (p *prefilter) try(lower []byte, i, id int, wake func(rule int)) {
	if matchTrigger(lower, i, p.trigs[id]) {
		for _, r := range p.rules[id] {
			wake(r)
		}
	}
}

// matchTrigger reports whether b, at i, matches trigger t.
func matchTrigger(b []byte, i int, t string) bool {
	for k := 0; k < len(t); k++ {
		switch c := t[k]; c {
		case markBoundary:
			if isWordByte(b, i-1) == isWordByte(b, i) {
				return false
			}
		case markSpace:
			if i >= len(b) || !isSpace(b[i]) {
				return false
			}
			for i++; ; i++ {
				if matchTrigger(b, i, t[k+1:]) {
					return true
				}
				if i >= len(b) || !isSpace(b[i]) {
					return false
				}
			}
		default:
			if i >= len(b) || b[i] != c {
				return false
			}
			i++
		}
	}
	return true
}

// isWordByte reports whether b[i] is an ASCII word character, as \b sees
// it; outside b is not.
func isWordByte(b []byte, i int) bool {
	if i < 0 || i >= len(b) {
		return false
	}
	c := b[i]
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
