package insights

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// Targets of a change: the factors of its debrief whose similarity to the
// change's text is at least targetThreshold (a change names the remedy,
// not the problem, so it shares fewer words than two factors of one
// theme), at most maxTargets of them, most similar first.
const (
	targetThreshold = 0.25
	maxTargets      = 3
)

// target is a factor a change was meant to address.
type target struct {
	entry int
	by    string // "text" or "votes"
}

// targets finds what the chosen change ch of db was meant to address: the
// factors most like its text, else the most-voted factor that is not
// went-well or lucky (the first of a tie, in the debrief's order).
func (a *analysis) targets(db *debrief, ch model.ProcessChange) []target {
	toks := db.lex.tokens(ch.What)
	v := a.vocab.vectorOf(toks)
	type scored struct {
		entry int
		sim   float64
	}
	var alike []scored
	best := -1
	for _, i := range db.entries {
		e := &a.entries[i]
		if e.Source != FromFactor || e.pool != poolProblem {
			continue
		}
		if s := cosine(v, e.vec); s >= targetThreshold {
			alike = append(alike, scored{i, s})
		}
		if best < 0 || e.Votes > a.entries[best].Votes {
			best = i
		}
	}
	if len(alike) == 0 {
		if best < 0 {
			return nil
		}
		return []target{{best, "votes"}}
	}
	slices.SortStableFunc(alike, func(x, y scored) int { return -cmp.Compare(x.sim, y.sim) })
	var out []target
	for _, s := range alike[:min(len(alike), maxTargets)] {
		out = append(out, target{s.entry, "text"})
	}
	return out
}

// held lists, for every chosen change, the later debriefs (by setback
// date) with a factor in the same theme as one of its targets: one
// recurrence per change and later debrief, with the first such factor
// (of the most similar target). With only set, only recurrences in that
// debrief are listed. A zero today leaves the changes' Overdue unset.
func (a *analysis) held(themeOf []int, only *debrief, today time.Time) []Recurrence {
	out := []Recurrence{}
	for _, db := range a.debriefs {
		ch, ok := chosen(db)
		if !ok {
			continue
		}
		seen := map[int]bool{} // later debriefs already reported for this change
		for _, t := range a.targets(db, ch) {
			te := &a.entries[t.entry]
			es := a.groups[poolProblem][te.group]
			// A group's entries are in setback order: start after db's.
			from, _ := slices.BinarySearchFunc(es, db.position+1, func(i, p int) int { return cmp.Compare(a.entries[i].debrief, p) })
			for _, i := range es[from:] {
				e := &a.entries[i]
				later := a.debriefs[e.debrief]
				if e.Source != FromFactor || seen[e.debrief] || !later.ref.SetbackAt.After(db.ref.SetbackAt) || (only != nil && later != only) {
					continue
				}
				seen[e.debrief] = true
				rec := Recurrence{
					Change:       changeOf(db, ch, time.Time{}),
					Target:       te.Item,
					TargetBy:     t.by,
					Later:        later.ref.ID,
					CameBack:     e.Item,
					Theme:        themeOf[te.group],
					ThemeLabel:   a.groupLabel(poolProblem, te.group),
					ChangeMadeAt: db.ref.ReflectedAt,
				}
				rec.Sentence = sentence(rec, later.ref)
				out = append(out, rec)
			}
		}
	}
	return out
}

// sentence is a recurrence as Set the stage says it: "The March change —
// second sign-off — may not have held: “skipped the wiring check” came
// back." The year is named when it is not the later debrief's.
func sentence(r Recurrence, later DebriefRef) string {
	when := r.ChangeMadeAt.Format("January")
	if r.ChangeMadeAt.Year() != later.SetbackAt.Year() {
		when = r.ChangeMadeAt.Format("January 2006")
	}
	return fmt.Sprintf("The %s change — %s — may not have held: “%s” came back.",
		when, lowerFirst(quote(r.Change.What)), lowerFirst(quote(r.CameBack.Text)))
}

// quote is text as a sentence quotes it: on one line, at most 80
// characters (model.Shorten), without a copy when it already is.
func quote(s string) string {
	if len(s) <= 80 && !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	return model.Shorten(s, 80)
}

// lowerFirst lowers the first letter of a sentence quoted mid-sentence,
// unless the second letter is a capital too (an acronym: "CI").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// Recurrences is what Set the stage of current says about the group's
// earlier changes: those that may not have held because one of current's
// factors is in the theme of the factor the change was meant to address.
// ds are the group's debriefs; current may be among them (the same
// pointer or the same non-zero ID) or not yet stored. Only changes of
// debriefs whose setback was before current's count.
func Recurrences(ds []*model.Dossier, current *model.Dossier) []Recurrence {
	if current == nil {
		return nil
	}
	all := make([]*model.Dossier, 0, len(ds)+1)
	for _, d := range ds {
		if d == nil || d == current || (current.Debrief.ID != 0 && d.Debrief.ID == current.Debrief.ID) {
			continue
		}
		all = append(all, d)
	}
	all = append(all, current)
	a := analyse(all)
	var cur *debrief
	for _, db := range a.debriefs {
		if db.orig == current {
			cur = db
		}
	}
	if cur == nil {
		return nil
	}
	var r Report
	out := a.held(a.themes(&r), cur, time.Time{})
	for i := range out {
		out[i].Theme = -1 // r is not the caller's
	}
	return out
}
