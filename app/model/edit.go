package model

import (
	"cmp"
	"slices"
)

// Change is one finished edit of an open debrief, whoever made it: a
// gesture on the board, a field typed in Lessons, a button, an undo, a
// participant's device. It holds whole rows as they are after the edit,
// and is applied (in memory and in the database, in one transaction) in
// this order: DeleteLinks, Factors, Links, DeleteFactors. A row that
// exists is replaced, one that does not is inserted with its ID; deleting
// a row already gone is not an error, and deleting a card deletes its
// links.
type Change struct {
	Factors       []Factor
	Links         []Link
	DeleteLinks   []int64
	DeleteFactors []int64

	// Debrief, when set, is the debrief's own fields as they are now
	// (title, summary, dates, participants, timebox, status).
	Debrief *Debrief
	// Parts, when set, replaces the lesson, the warning signs, the process
	// changes, the kudos and the timeline as a whole: they are a handful of rows.
	Parts *Parts
	// Clock, when set, is the phase on screen and the countdowns.
	Clock *Session

	// Label names the edit for Undo ("Move", "Edit lesson"). Changes in a
	// row with the same non-empty Merge key undo as one (typing, nudges).
	Label, Merge string
	// View is state of the view that made the change which undo must give
	// back but nobody stores (the board's fishbone drawing). The owner of
	// the debrief keeps it with the undo step and hands it back on undo
	// and redo.
	View any
}

// Parts are what a group writes about a debrief besides its board.
type Parts struct {
	Lesson       Lesson
	WarningSigns []WarningSign
	Changes      []ProcessChange
	Kudos        []Kudos
	Timeline     []TimelineEvent // what happened when, in the order written (SortTimeline sorts it)
}

// Clone copies the parts' lists, so the copy can be edited alone.
func (p Parts) Clone() Parts {
	p.WarningSigns = slices.Clone(p.WarningSigns)
	p.Changes = slices.Clone(p.Changes)
	p.Kudos = slices.Clone(p.Kudos)
	p.Timeline = slices.Clone(p.Timeline)
	return p
}

// Empty reports whether the change does nothing.
func (c Change) Empty() bool {
	return !c.TouchesBoard() && c.Debrief == nil && c.Parts == nil && c.Clock == nil
}

// TouchesBoard reports whether the change puts or deletes cards or links.
func (c Change) TouchesBoard() bool {
	return len(c.Factors) > 0 || len(c.Links) > 0 || len(c.DeleteLinks) > 0 || len(c.DeleteFactors) > 0
}

// Clone copies everything the change refers to, so the caller may reuse
// its slices and the copy may be handed to another goroutine.
func (c Change) Clone() Change {
	c.Factors = slices.Clone(c.Factors)
	c.Links = slices.Clone(c.Links)
	c.DeleteLinks = slices.Clone(c.DeleteLinks)
	c.DeleteFactors = slices.Clone(c.DeleteFactors)
	if c.Debrief != nil {
		d := *c.Debrief
		d.Participants = slices.Clone(d.Participants)
		c.Debrief = &d
	}
	if c.Parts != nil {
		p := c.Parts.Clone()
		c.Parts = &p
	}
	if c.Clock != nil {
		s := *c.Clock
		c.Clock = &s
	}
	return c
}

// Sort puts every list of the change in ID order, so equal changes look
// equal.
func (c *Change) Sort() {
	slices.SortFunc(c.Factors, func(a, b Factor) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Links, func(a, b Link) int { return cmp.Compare(a.ID, b.ID) })
	slices.Sort(c.DeleteFactors)
	slices.Sort(c.DeleteLinks)
}

// Then is c followed by n as one change: for each row, what n says wins;
// Label and Merge are c's, View is n's when set. Undo steps merge this way.
func (c Change) Then(n Change) Change {
	out := Change{Label: c.Label, Merge: c.Merge, View: c.View}
	if n.View != nil {
		out.View = n.View
	}
	factors := map[int64]*Factor{}
	links := map[int64]*Link{}
	for _, ch := range []Change{c, n} {
		for _, id := range ch.DeleteLinks {
			links[id] = nil
		}
		for i := range ch.Factors {
			factors[ch.Factors[i].ID] = &ch.Factors[i]
		}
		for i := range ch.Links {
			links[ch.Links[i].ID] = &ch.Links[i]
		}
		for _, id := range ch.DeleteFactors {
			factors[id] = nil
		}
		if ch.Debrief != nil {
			out.Debrief = ch.Debrief
		}
		if ch.Parts != nil {
			out.Parts = ch.Parts
		}
		if ch.Clock != nil {
			out.Clock = ch.Clock
		}
	}
	for id, f := range factors {
		if f == nil {
			out.DeleteFactors = append(out.DeleteFactors, id)
		} else {
			out.Factors = append(out.Factors, *f)
		}
	}
	for id, l := range links {
		if l == nil {
			out.DeleteLinks = append(out.DeleteLinks, id)
		} else {
			out.Links = append(out.Links, *l)
		}
	}
	out.Sort()
	return out.Clone()
}

// EventKind says why observers of an open debrief hear of a change.
type EventKind int

const (
	// Edited: someone changed the debrief; it is stored.
	Edited EventKind = iota
	// Undone and Redone: the debrief's owner undid or redid a step; the
	// change puts back the rows as they were (or will be again).
	Undone
	Redone
	// Previewed: a gesture in progress (a card being dragged) shown to
	// the other views; nothing is stored, and a final Edited follows.
	Previewed
)

// Event is one change of an open debrief as its observers hear it. Seq
// counts the events of one open debrief from 1, in the order they were
// applied; every observer hears them in that order.
type Event struct {
	Seq    uint64
	Kind   EventKind
	Origin any // who made the change (a view, a device), for it to skip its own echo; nil for none
	Change Change
}

// Echo reports whether the event is one origin applied itself already:
// an edit or preview it made. Undo and redo are never echoes: the owner
// decides what they change.
func (e Event) Echo(origin any) bool {
	return origin != nil && e.Origin == origin && (e.Kind == Edited || e.Kind == Previewed)
}
