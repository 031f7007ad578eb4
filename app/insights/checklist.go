package insights

import (
	"cmp"
	"slices"

	"github.com/debrief-app/debrief/app/model"
)

// MaxChecklistItems is the most items BeforeYouStart gives: a checklist
// people read before they start, not a report.
const MaxChecklistItems = 12

// How many items of each kind a checklist takes before the others fill
// what is left: what worked, what keeps coming back, what was learned.
var checklistQuota = map[ChecklistKind]int{KeepDoing: 4, WatchFor: 5, Remember: 3}

// ChecklistKind is what a checklist item asks.
type ChecklistKind string

// The kinds of checklist item, in the order they are listed.
const (
	KeepDoing ChecklistKind = "keep_doing" // a change the group kept
	WatchFor  ChecklistKind = "watch_for"  // a recurring theme, or a warning sign missed more than once
	Remember  ChecklistKind = "remember"   // a line of a lesson: what led to the problem
)

// Checklist is a pre-mortem: what a group's past debriefs say to do, watch
// for and remember before the next project, trip or competition.
type Checklist struct {
	Template string `json:"template"`
	// SameTemplate are the debriefs made from Template, whose items come
	// first; From is every debrief read.
	SameTemplate []int64 `json:"same_template"`
	From         []int64 `json:"from"`
	// Debriefs are those of From with their titles and dates, so a
	// printed checklist can name an item's sources.
	Debriefs []DebriefRef    `json:"debriefs"`
	Items    []ChecklistItem `json:"items"`
}

// ChecklistItem is one line of the checklist and the debriefs it comes
// from.
type ChecklistItem struct {
	Kind     ChecklistKind `json:"kind"`
	Text     string        `json:"text"`
	Debriefs []int64       `json:"debriefs"`
}

// candidate is a checklist item before it is chosen.
type candidate struct {
	ChecklistItem
	vec    vector
	same   int // source debriefs of the template
	latest int // setback position of the newest source
}

// BeforeYouStart makes the pre-mortem checklist for a new debrief of
// template from a group's past debriefs: kept changes ("keep doing"),
// recurring themes and warning signs missed more than once ("watch
// for"), and the lines of the lessons' "what led to the problem"
// ("remember"). Items from debriefs of the same template come first, then
// those from more debriefs, then the newest. Items that say the same thing
// are listed once, with all their debriefs; there are at most
// MaxChecklistItems.
func BeforeYouStart(ds []*model.Dossier, template string) Checklist {
	a := analyse(ds)
	c := Checklist{Template: template, SameTemplate: []int64{}, From: []int64{}, Debriefs: []DebriefRef{}, Items: []ChecklistItem{}}
	same := map[int]bool{}
	for i, db := range a.debriefs {
		c.From = append(c.From, db.ref.ID)
		c.Debriefs = append(c.Debriefs, db.ref)
		if db.ref.Template == template {
			same[i] = true
			c.SameTemplate = append(c.SameTemplate, db.ref.ID)
		}
	}
	var cands []candidate
	add := func(kind ChecklistKind, text string, vec vector, from []int) {
		cd := candidate{ChecklistItem: ChecklistItem{Kind: kind, Text: model.OneLine(text)}, vec: vec}
		slices.Sort(from)
		from = slices.Compact(from)
		for _, p := range from {
			cd.Debriefs = append(cd.Debriefs, a.debriefs[p].ref.ID)
			if same[p] {
				cd.same++
			}
			cd.latest = max(cd.latest, p)
		}
		cands = append(cands, cd)
	}
	positions := func(es []int) []int {
		var out []int
		for _, i := range es {
			out = append(out, a.entries[i].debrief)
		}
		return out
	}

	for p, db := range a.debriefs {
		if ch, ok := chosen(db); ok && ch.Outcome == model.Kept {
			add(KeepDoing, ch.What, a.vocab.vectorOf(db.lex.tokens(ch.What)), []int{p})
		}
		for _, line := range lines(db.d.Lesson.WhatLed) {
			if toks := db.lex.tokens(line); len(toks) > 0 {
				add(Remember, line, a.vocab.vectorOf(toks), []int{p})
			}
		}
	}
	for _, es := range a.groups[poolProblem] {
		// A warning sign missed more than once is in such a theme too.
		if a.spread(es) >= 2 {
			ex := a.exampleEntry(es)
			add(WatchFor, a.entries[ex].Text, a.entries[ex].vec, positions(es))
		}
	}

	// Best first: same template, then more debriefs, then newer.
	slices.SortStableFunc(cands, func(x, y candidate) int {
		return cmp.Or(-cmp.Compare(x.same, y.same), -cmp.Compare(len(x.Debriefs), len(y.Debriefs)), -cmp.Compare(x.latest, y.latest))
	})
	// Say each thing once: an item like one already taken of its kind
	// adds its debriefs to it. Not across kinds: a kept change reads like
	// the problem it fixed, and both belong on the list.
	var kept []candidate
	for _, cd := range cands {
		dup := slices.IndexFunc(kept, func(k candidate) bool { return k.Kind == cd.Kind && cosine(k.vec, cd.vec) >= themeThreshold })
		if dup < 0 {
			kept = append(kept, cd)
			continue
		}
		for _, id := range cd.Debriefs {
			if !slices.Contains(kept[dup].Debriefs, id) {
				kept[dup].Debriefs = append(kept[dup].Debriefs, id)
			}
		}
	}
	// Each kind's quota first, then the best of what is left.
	taken := make([]bool, len(kept))
	n := map[ChecklistKind]int{}
	total := 0
	for i, cd := range kept {
		if n[cd.Kind] < checklistQuota[cd.Kind] && total < MaxChecklistItems {
			taken[i] = true
			n[cd.Kind]++
			total++
		}
	}
	for i := range kept {
		if !taken[i] && total < MaxChecklistItems {
			taken[i] = true
			total++
		}
	}
	for _, kind := range []ChecklistKind{KeepDoing, WatchFor, Remember} {
		for i, cd := range kept {
			if taken[i] && cd.Kind == kind {
				c.Items = append(c.Items, cd.ChecklistItem)
			}
		}
	}
	return c
}
