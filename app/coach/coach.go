// Package coach is the blameless coach: it finds blame language in what
// someone types (a card, a lesson, a process change) and offers a kinder
// question that looks at systems and conditions instead of at a person.
// It only advises: it never blocks or changes the text. The rules are a data
// table, rules.tsv. The package knows nothing of Fyne or SQL.
package coach

import (
	"cmp"
	"slices"
	"sync"

	"github.com/debrief-app/debrief/app/model"
)

// Hint is one piece of blame language found in a text, with a kinder way to put it.
type Hint struct {
	Start, End int    // byte offsets of the match in the text
	Match      string // the matched words as typed
	Reframe    string // a reframing question or phrase, e.g. "What made this easy to miss?"
	Why        string // one short sentence on why, e.g. "Asking who points at a person; asking what finds the conditions."
}

// maxSentence is the length, in bytes, past which a sentence without an
// end is cut at the next space or tab, so that work stays bounded per
// sentence in text without punctuation.
const maxSentence = 1000

// Check returns the hints for text, in order of Start, never overlapping.
// It never fails; it is safe and fast on any input (200,000 characters,
// invalid UTF-8, NUL bytes), and safe to call from several goroutines.
// A hint never spans two sentences or lines.
func Check(text string) []Hint {
	return std().check(text, true).hints
}

// Advice is the coach's hint for text as one sentence to show its writer
// (the first piece of blame language and its reframe), "" when there is
// none.
func Advice(text string) string {
	hs := Check(text)
	if len(hs) == 0 {
		return ""
	}
	h := hs[0]
	// No arrow: Fyne draws "→" from a fallback font that breaks the space after it.
	msg := "Instead of “" + model.OneLine(h.Match) + "”, try asking: " + h.Reframe
	if h.Why != "" {
		msg += "  " + h.Why
	}
	return msg
}

// Warm builds the rule table and its matcher now, so that the first Check
// does not wait for it. The app calls it on a goroutine of its own at
// start-up; calling it again, or from several goroutines, is harmless.
func Warm() { std() }

// std is the matcher for the rule table, made on first use.
var std = sync.OnceValue(func() *matcher { return newMatcher(table()) })

// matcher runs a rule table over text, one sentence at a time.
type matcher struct {
	rules []rule
	pf    *prefilter
	// everySentence is set when a blame rule has no trigger, so that
	// every sentence must be checked. The tests make sure it is not.
	everySentence bool
}

func newMatcher(rules []rule) *matcher {
	m := &matcher{rules: rules, pf: newPrefilter(rules)}
	for _, r := range rules {
		m.everySentence = m.everySentence || (r.triggers == nil && r.Reframe != "")
	}
	return m
}

// found is one rule's match inside a sentence.
type found struct{ start, end, rule int }

// check finds the hints. With prefilter false every rule runs on every
// sentence: the slow reference the tests compare against.
func (m *matcher) check(text string, prefilter bool) *scan {
	s := &scan{m: m, text: text, woken: make([]int, len(m.rules))}
	lower := asciiLower(text)
	start := 0
	for i := 0; i < len(lower); i++ {
		if prefilter {
			m.pf.at(lower, i, s.wake)
		}
		if c := lower[i]; sentenceEnd(c) || (i+1-start >= maxSentence && (c == ' ' || c == '\t')) {
			s.sentence(start, i+1, prefilter)
			start = i + 1
		}
	}
	s.sentence(start, len(text), prefilter)
	return s
}

// scan is the state of one check.
type scan struct {
	m     *matcher
	text  string
	hints []Hint
	n     int     // the sentence number, from 0
	woken []int   // woken[r] == n+1: a trigger of rule r is in sentence n
	blame bool    // a blame rule is woken in this sentence
	finds []found // the current sentence's matches
	// rulesHit[i] is the rule behind hints[i].
	rulesHit []int
}

func (s *scan) wake(r int) {
	s.woken[r] = s.n + 1
	if s.m.rules[r].Reframe != "" {
		s.blame = true
	}
}

// sentence checks text[start:end] and moves on to the next sentence.
//
// A neutral match hides every blame match that overlaps it. Of the blame
// matches left, the one that starts first wins, then the rule written
// first, and any match overlapping a winner is dropped.
func (s *scan) sentence(start, end int, prefilter bool) {
	defer func() { s.n++; s.blame = false }()
	if start >= end || (prefilter && !s.blame && !s.m.everySentence) {
		return
	}
	text := s.text[start:end]
	runs := func(r int) bool { return !prefilter || s.woken[r] == s.n+1 || s.m.rules[r].triggers == nil }
	s.finds = s.finds[:0]
	for i, r := range s.m.rules {
		if r.Reframe != "" && runs(i) {
			s.find(i, text)
		}
	}
	blame := len(s.finds)
	if blame == 0 {
		return
	}
	for i, r := range s.m.rules {
		if r.Reframe == "" && runs(i) {
			s.find(i, text)
		}
	}
	finds, neutral := s.finds[:blame], merge(s.finds[blame:])
	slices.SortFunc(finds, byStart)
	next := 0
	for _, f := range finds {
		// The first neutral span that ends after f starts overlaps f if
		// it starts before f ends.
		i, _ := slices.BinarySearchFunc(neutral, f.start, func(n found, start int) int { return cmp.Compare(n.end, start+1) })
		if f.start < next || (i < len(neutral) && neutral[i].start < f.end) {
			continue // overlaps a neutral match, or a match that starts earlier (or at the same place, in an earlier rule)
		}
		next = f.end
		r := s.m.rules[f.rule]
		s.rulesHit = append(s.rulesHit, f.rule)
		s.hints = append(s.hints, Hint{
			Start: start + f.start, End: start + f.end,
			Match:   s.text[start+f.start : start+f.end],
			Reframe: r.Reframe, Why: r.Why,
		})
	}
}

// merge sorts spans and joins the ones that overlap, in place.
func merge(spans []found) []found {
	slices.SortFunc(spans, byStart)
	out := spans[:0]
	for _, f := range spans {
		if k := len(out) - 1; k >= 0 && f.start < out[k].end {
			out[k].end = max(out[k].end, f.end)
			continue
		}
		out = append(out, f)
	}
	return out
}

// byStart orders matches by where they start, then by rule.
func byStart(a, b found) int {
	if a.start != b.start {
		return a.start - b.start
	}
	return a.rule - b.rule
}

func (s *scan) find(r int, text string) {
	for _, loc := range s.m.rules[r].re.FindAllStringIndex(text, -1) {
		if loc[1] > loc[0] {
			s.finds = append(s.finds, found{loc[0], loc[1], r})
		}
	}
}

// sentenceEnd reports whether c ends a sentence: . ! ? ; or a control
// character other than tab (a line break, a NUL).
func sentenceEnd(c byte) bool {
	switch c {
	case '.', '!', '?', ';':
		return true
	case '\t':
		return false
	}
	return c < 0x20 || c == 0x7f
}

// asciiLower lowercases ASCII letters and leaves every other byte, so byte
// offsets stay the same.
func asciiLower(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}
