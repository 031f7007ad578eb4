package insights

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// Pools of texts clustered apart: a lucky break and a problem may share
// words ("the rain held off" and "rain flooded the tent") but never a
// theme.
const (
	poolProblem = iota // factors that are not went-well or lucky, and warning signs
	poolLucky          // lucky factors and lines of "where we got lucky"
	pools
)

// debrief is one dossier as the analysis reads it.
type debrief struct {
	orig     *model.Dossier // as given
	d        *model.Dossier // shown only
	ref      DebriefRef
	lex      *lexicon
	entries  []int // indexes in analysis.entries
	position int   // in setback order
}

// entry is one text clustered.
type entry struct {
	Item
	debrief int // index in analysis.debriefs
	pool    int
	toks    []token
	vec     vector
	group   int // cluster within its pool
}

// analysis is everything computed once and shared by the parts of a
// Report, Recurrences and BeforeYouStart.
type analysis struct {
	debriefs []*debrief // in setback order (then ID, then given order)
	entries  []entry
	vocab    *vocab
	// groups[pool][g] are the entries of cluster g of that pool, in
	// setback order (entries are read debrief by debrief, in that order).
	groups [pools][][]int
	labels map[[2]int]string // groupLabel's, by pool and group
}

// groupLabel is the label of group g of pool, worked out once.
func (a *analysis) groupLabel(pool, g int) string {
	k := [2]int{pool, g}
	l, ok := a.labels[k]
	if !ok {
		l = a.label(a.groups[pool][g])
		a.labels[k] = l
	}
	return l
}

// analyse reads the dossiers (nil ones are skipped) and clusters their
// texts.
func analyse(ds []*model.Dossier) *analysis {
	a := &analysis{vocab: newVocab(), labels: map[[2]int]string{}}
	for _, d := range ds {
		if d == nil {
			continue
		}
		s := d.Shown()
		db := &debrief{orig: d, d: s, ref: refOf(s.Debrief)}
		texts := []string{s.Debrief.Title, s.Debrief.Summary, s.Lesson.WhatLed}
		for _, f := range s.Factors {
			texts = append(texts, f.Text)
		}
		db.lex = lexiconFor(language(texts...))
		a.debriefs = append(a.debriefs, db)
	}
	slices.SortStableFunc(a.debriefs, func(x, y *debrief) int {
		return cmp.Or(x.ref.SetbackAt.Compare(y.ref.SetbackAt), cmp.Compare(x.ref.ID, y.ref.ID))
	})
	for i, db := range a.debriefs {
		db.position = i
		a.collect(i, db)
	}
	for pool := range pools {
		a.cluster(pool)
	}
	return a
}

func refOf(d model.Debrief) DebriefRef {
	r := DebriefRef{ID: d.ID, Title: d.Title, Template: d.Template, SetbackAt: d.HappenedAt, SetbackKnown: !d.HappenedAt.IsZero(), ReflectedAt: d.ScheduledAt}
	if r.SetbackAt.IsZero() {
		r.SetbackAt = d.CreatedAt
	}
	if r.ReflectedAt.IsZero() {
		r.ReflectedAt = d.CreatedAt
	}
	return r
}

// collect adds the texts of debrief i: its shown factors (but went-well),
// its warning signs that point at no shown factor (one that does is that
// factor already), and the lines of "where we got lucky".
func (a *analysis) collect(i int, db *debrief) {
	s := db.d
	id := s.Debrief.ID
	shown := map[int64]bool{}
	for _, f := range s.Factors {
		shown[f.ID] = true
		pool := poolProblem
		switch f.Category {
		case model.WentWell:
			continue
		case model.Lucky:
			pool = poolLucky
		}
		a.add(i, pool, Item{Debrief: id, Source: FromFactor, Factor: f.ID, Category: f.Category, Votes: f.Votes, Text: f.Text})
	}
	for _, w := range s.WarningSigns {
		if w.FactorID != 0 && shown[w.FactorID] {
			continue
		}
		a.add(i, poolProblem, Item{Debrief: id, Source: FromWarningSign, WarningSign: w.ID, Text: w.Text})
	}
	for _, line := range lines(s.Lesson.Lucky) {
		a.add(i, poolLucky, Item{Debrief: id, Source: FromLessonLucky, Text: line})
	}
}

func (a *analysis) add(i, pool int, it Item) {
	db := a.debriefs[i]
	toks := db.lex.tokens(it.Text)
	if len(toks) == 0 {
		return // nothing to compare: punctuation, numbers, small words
	}
	db.entries = append(db.entries, len(a.entries))
	a.entries = append(a.entries, entry{Item: it, debrief: i, pool: pool, toks: toks, vec: a.vocab.vectorOf(toks)})
}

// lines splits a lesson field into its lines, without list markers ("- ",
// "• ", "2. ", "3) "); a number that starts a sentence stays.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimSpace(strings.TrimLeft(l, "-*•·–—"))
		if n := len(l) - len(strings.TrimLeft(l, "0123456789")); n > 0 && n < len(l) && (l[n] == '.' || l[n] == ')') {
			l = strings.TrimSpace(l[n+1:])
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// cluster groups one pool's entries into themes; identical vectors are
// clustered once, with their count as weight.
func (a *analysis) cluster(pool int) {
	var vs []vector
	var weight []int
	var idx []int // entry → its distinct vector
	var members []int
	seen := map[string]int{}
	for i := range a.entries {
		e := &a.entries[i]
		if e.pool != pool {
			continue
		}
		k := e.vec.key()
		j, ok := seen[k]
		if !ok {
			j = len(vs)
			seen[k] = j
			vs = append(vs, e.vec)
			weight = append(weight, 0)
		}
		weight[j]++
		idx = append(idx, j)
		members = append(members, i)
	}
	groups := clusterVectors(vs, weight)
	n := 0
	for _, g := range groups {
		n = max(n, g+1)
	}
	out := make([][]int, n)
	for k, i := range members {
		g := groups[idx[k]]
		a.entries[i].group = g
		out[g] = append(out[g], i)
	}
	a.groups[pool] = out
}

// debriefsOf lists the distinct debriefs of entries, in setback order.
func (a *analysis) debriefsOf(entries []int) []int64 {
	var pos []int
	for _, i := range entries {
		pos = append(pos, a.entries[i].debrief)
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	out := make([]int64, len(pos))
	for k, p := range pos {
		out[k] = a.debriefs[p].ref.ID
	}
	return out
}

// spread is how many distinct debriefs entries come from.
func (a *analysis) spread(entries []int) int {
	seen := map[int]bool{}
	for _, i := range entries {
		seen[a.entries[i].debrief] = true
	}
	return len(seen)
}

// label names a group of entries by the terms most of them share: each
// term in at least half of them (and in two at least, when there are two
// or more), most shared first, at most three; else the commonest one.
func (a *analysis) label(entries []int) string {
	count := map[string]int{}
	spell := map[string]map[string]int{}
	for _, i := range entries {
		seen := map[string]bool{}
		for _, t := range a.entries[i].toks {
			if seen[t.key] {
				continue
			}
			seen[t.key] = true
			count[t.key]++
			if spell[t.key] == nil {
				spell[t.key] = map[string]int{}
			}
			spell[t.key][t.surface]++
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int {
		// Most shared first; a concept before a plain word; then by name.
		return cmp.Or(-cmp.Compare(count[x], count[y]), cmp.Compare(b2i(y[0] == '='), b2i(x[0] == '=')), strings.Compare(x, y))
	})
	need := max((len(entries)+1)/2, min(2, len(entries)))
	var out []string
	for _, k := range keys {
		if len(out) == 3 || (count[k] < need && len(out) > 0) {
			break
		}
		out = append(out, commonest(spell[k]))
	}
	return strings.Join(out, ", ")
}

func commonest(m map[string]int) string {
	best, n := "", -1
	for s, c := range m {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// example is the text of the entry most like the others of its group:
// the one nearest the group's centroid (the first such, in the order
// given). Linear in the group's size, where comparing every pair would be
// quadratic.
func (a *analysis) example(entries []int) string {
	return model.OneLine(a.entries[a.exampleEntry(entries)].Text)
}

// exampleEntry is the entry example quotes.
func (a *analysis) exampleEntry(entries []int) int {
	centroid := map[uint32]float32{}
	for _, i := range entries {
		for _, t := range a.entries[i].vec {
			centroid[t.id] += t.w
		}
	}
	best, score := entries[0], float32(-1)
	for _, i := range entries {
		var s float32
		for _, t := range a.entries[i].vec {
			s += t.w * centroid[t.id]
		}
		if s > score {
			best, score = i, s
		}
	}
	return best
}

// items are the public Items of entries.
func (a *analysis) items(entries []int) []Item {
	out := make([]Item, len(entries))
	for k, i := range entries {
		out[k] = a.entries[i].Item
	}
	return out
}

func monthOf(t time.Time) string { return t.Format("2006-01") }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
