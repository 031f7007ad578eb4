package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Document is an open debrief in memory: every part of its dossier and
// its clock, kept so that applying a change costs what the change touches,
// not what the board holds. It is not safe for concurrent use; the
// session that owns it serialises access.
type Document struct {
	debrief Debrief
	factors map[int64]*Factor // into one slice loaded at once: a Factor is too big for a map to hold in place, and 10,000 allocations cost an open
	links   map[int64]Link
	parts   Parts
	clock   Session
}

// NewDocument holds d (copied) and its clock.
func NewDocument(d *Dossier, clock Session) *Document {
	doc := &Document{
		debrief: d.Debrief,
		factors: make(map[int64]*Factor, len(d.Factors)),
		links:   make(map[int64]Link, len(d.Links)),
		parts:   Parts{Lesson: d.Lesson, WarningSigns: d.WarningSigns, Changes: d.Changes, Kudos: d.Kudos, Timeline: d.Timeline}.Clone(),
		clock:   clock,
	}
	doc.debrief.Participants = slices.Clone(d.Debrief.Participants)
	cards := slices.Clone(d.Factors)
	for i := range cards {
		doc.factors[cards[i].ID] = &cards[i]
	}
	for _, l := range d.Links {
		doc.links[l.ID] = l
	}
	return doc
}

// ID is the debrief's ID.
func (d *Document) ID() int64 { return d.debrief.ID }

// Debrief is the debrief's own fields.
func (d *Document) Debrief() Debrief {
	out := d.debrief
	out.Participants = slices.Clone(out.Participants)
	return out
}

// Parts are the lesson, warning signs, process changes, kudos and timeline.
func (d *Document) Parts() Parts { return d.parts.Clone() }

// Clock is the phase and the countdowns.
func (d *Document) Clock() Session { return d.clock }

// Factor is one card.
func (d *Document) Factor(id int64) (Factor, bool) {
	f, ok := d.factors[id]
	if !ok {
		return Factor{}, false
	}
	return *f, true
}

// Len is the number of cards and of links.
func (d *Document) Len() (factors, links int) { return len(d.factors), len(d.links) }

// Dossier is the whole debrief as it is now, cards from bottom to top and
// links in ID order, for export and for views that load it whole.
func (d *Document) Dossier() *Dossier {
	p := d.Parts()
	out := &Dossier{Debrief: d.Debrief(), Lesson: p.Lesson, WarningSigns: p.WarningSigns, Changes: p.Changes, Kudos: p.Kudos, Timeline: p.Timeline,
		Factors: make([]Factor, 0, len(d.factors)), Links: make([]Link, 0, len(d.links))}
	for _, f := range d.factors {
		out.Factors = append(out.Factors, *f)
	}
	slices.SortFunc(out.Factors, func(a, b Factor) int {
		return cmp.Or(cmp.Compare(a.Z, b.Z), cmp.Compare(a.ID, b.ID))
	})
	for _, l := range d.links {
		out.Links = append(out.Links, l)
	}
	slices.SortFunc(out.Links, func(a, b Link) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Check reports why c cannot be applied, or nil: a row the model refuses,
// a row of another debrief, a link whose cards would not both be on the
// board, parts whose IDs clash. Nothing is changed either way.
func (d *Document) Check(c Change) error {
	id := d.debrief.ID
	putting := make(map[int64]bool, len(c.Factors))
	for _, f := range c.Factors {
		if f.DebriefID != 0 && f.DebriefID != id {
			return fmt.Errorf("card %d is in debrief %d, not %d", f.ID, f.DebriefID, id)
		}
		if err := f.Validate(); err != nil {
			return fmt.Errorf("the card was not changed: %w", err)
		}
		putting[f.ID] = true
	}
	for _, l := range c.Links {
		if l.DebriefID != 0 && l.DebriefID != id {
			return fmt.Errorf("link %d is in debrief %d, not %d", l.ID, l.DebriefID, id)
		}
		if err := l.Validate(); err != nil {
			return fmt.Errorf("the arrow was not changed: %w", err)
		}
		for _, end := range []int64{l.FromID, l.ToID} {
			if _, ok := d.factors[end]; !ok && !putting[end] {
				return fmt.Errorf("the arrow was not changed: card %d is not on the board", end)
			}
		}
	}
	if c.Debrief != nil {
		if c.Debrief.ID != id {
			return fmt.Errorf("the fields of debrief %d were sent to debrief %d", c.Debrief.ID, id)
		}
		if err := c.Debrief.Validate(); err != nil {
			return err
		}
	}
	if c.Parts != nil {
		if err := c.Parts.Validate(); err != nil {
			return err
		}
	}
	if c.Clock != nil {
		if err := c.Clock.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks the parts' own rows, that their IDs are positive and
// unique, and the rule of one chosen change.
func (p Parts) Validate() error {
	if err := p.Lesson.Validate(); err != nil {
		return err
	}
	seen := map[string]bool{}
	unique := func(kind string, id int64) error {
		key := fmt.Sprint(kind, id)
		if id <= 0 || seen[key] {
			return fmt.Errorf("%s ID %d is not positive or used twice", kind, id)
		}
		seen[key] = true
		return nil
	}
	var errs []error
	for _, w := range p.WarningSigns {
		errs = append(errs, unique("warning sign", w.ID), w.Validate())
	}
	for _, c := range p.Changes {
		errs = append(errs, unique("process change", c.ID), c.Validate())
	}
	errs = append(errs, ValidateChanges(p.Changes))
	for _, k := range p.Kudos {
		errs = append(errs, unique("kudos", k.ID), k.Validate())
	}
	for _, e := range p.Timeline {
		errs = append(errs, unique("timeline event", e.ID), e.Validate())
	}
	return errors.Join(errs...)
}

// Apply checks c and makes the document hold it. It returns what changed,
// which may be more than c: the links of deleted cards are listed as
// deleted, and parts that pointed at a deleted card point at none. The
// rows of the result carry the debrief's ID.
func (d *Document) Apply(c Change) (Change, error) {
	if err := d.Check(c); err != nil {
		return Change{}, err
	}
	id := d.debrief.ID
	out := Change{Label: c.Label, Merge: c.Merge, View: c.View}
	for _, lid := range c.DeleteLinks {
		if _, ok := d.links[lid]; ok {
			delete(d.links, lid)
			out.DeleteLinks = append(out.DeleteLinks, lid)
		}
	}
	for _, f := range c.Factors {
		f.DebriefID = id
		if p, ok := d.factors[f.ID]; ok {
			*p = f
		} else {
			d.factors[f.ID] = &f
		}
		out.Factors = append(out.Factors, f)
	}
	for _, l := range c.Links {
		l.DebriefID = id
		d.links[l.ID] = l
		out.Links = append(out.Links, l)
	}
	if c.Debrief != nil {
		deb := *c.Debrief
		deb.Participants = slices.Clone(deb.Participants)
		d.debrief = deb
		out.Debrief = &deb
	}
	if c.Parts != nil {
		d.parts = c.Parts.Clone()
		d.parts.Lesson.DebriefID = id
	}
	gone := map[int64]bool{}
	for _, fid := range c.DeleteFactors {
		if _, ok := d.factors[fid]; !ok {
			continue
		}
		delete(d.factors, fid)
		out.DeleteFactors = append(out.DeleteFactors, fid)
		gone[fid] = true
	}
	for _, lid := range d.linksTo(gone) {
		delete(d.links, lid)
		out.DeleteLinks = append(out.DeleteLinks, lid)
	}
	if d.forget(gone) || c.Parts != nil {
		p := d.parts.Clone()
		out.Parts = &p
	}
	if c.Clock != nil {
		d.clock = *c.Clock
		d.clock.DebriefID = id
		s := d.clock
		out.Clock = &s
	}
	out.DeleteLinks = slices.Compact(sortedIDs(out.DeleteLinks))
	out.Sort()
	return out, nil
}

func sortedIDs(ids []int64) []int64 { slices.Sort(ids); return ids }

// forget drops the parts' references to cards that are gone, as the
// database does; it reports whether any did.
func (d *Document) forget(gone map[int64]bool) bool {
	if len(gone) == 0 {
		return false
	}
	changed := false
	for i := range d.parts.WarningSigns {
		if gone[d.parts.WarningSigns[i].FactorID] {
			d.parts.WarningSigns[i].FactorID, changed = 0, true
		}
	}
	for i := range d.parts.Kudos {
		if gone[d.parts.Kudos[i].FactorID] {
			d.parts.Kudos[i].FactorID, changed = 0, true
		}
	}
	return changed
}

// Before is the change that undoes c: the rows c would touch as they are
// now, and deletes of the rows it would add. Call it before applying c.
func (d *Document) Before(c Change) Change {
	out := Change{Label: c.Label, Merge: c.Merge, View: c.View}
	links := map[int64]bool{}
	restoreLink := func(lid int64) {
		if l, ok := d.links[lid]; ok && !links[lid] {
			links[lid] = true
			out.Links = append(out.Links, l)
		}
	}
	for _, lid := range c.DeleteLinks {
		restoreLink(lid)
	}
	for _, f := range c.Factors {
		if old, ok := d.factors[f.ID]; ok {
			out.Factors = append(out.Factors, *old)
		} else {
			out.DeleteFactors = append(out.DeleteFactors, f.ID)
		}
	}
	for _, l := range c.Links {
		if _, ok := d.links[l.ID]; ok {
			restoreLink(l.ID)
		} else {
			out.DeleteLinks = append(out.DeleteLinks, l.ID)
		}
	}
	refers := false
	gone := map[int64]bool{}
	for _, fid := range c.DeleteFactors {
		old, ok := d.factors[fid]
		if !ok {
			continue
		}
		out.Factors = append(out.Factors, *old)
		gone[fid] = true
		refers = refers || d.refersTo(fid)
	}
	for _, lid := range d.linksTo(gone) {
		restoreLink(lid)
	}
	if c.Debrief != nil {
		deb := d.Debrief()
		out.Debrief = &deb
	}
	if c.Parts != nil || refers {
		p := d.Parts()
		out.Parts = &p
	}
	if c.Clock != nil {
		s := d.clock
		out.Clock = &s
	}
	out.Sort()
	return out
}

func (d *Document) refersTo(fid int64) bool {
	for _, w := range d.parts.WarningSigns {
		if w.FactorID == fid {
			return true
		}
	}
	for _, k := range d.parts.Kudos {
		if k.FactorID == fid {
			return true
		}
	}
	return false
}

// linksTo lists the links that touch any of these cards, in ID order. It
// walks every link: deleting cards is rare, and a map from each card to
// its links would cost every open debrief thousands of small maps.
func (d *Document) linksTo(cards map[int64]bool) []int64 {
	if len(cards) == 0 {
		return nil
	}
	var out []int64
	for id, l := range d.links {
		if cards[l.FromID] || cards[l.ToID] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// MaxIDs are the highest IDs in the document, for handing out new ones.
func (d *Document) MaxIDs() (factor, link, sign, change, kudos int64) {
	for id := range d.factors {
		factor = max(factor, id)
	}
	for id := range d.links {
		link = max(link, id)
	}
	for _, w := range d.parts.WarningSigns {
		sign = max(sign, w.ID)
	}
	for _, c := range d.parts.Changes {
		change = max(change, c.ID)
	}
	for _, k := range d.parts.Kudos {
		kudos = max(kudos, k.ID)
	}
	return
}

// MaxTimelineID is the highest timeline event ID in the document (apart
// from MaxIDs, whose callers need no timeline).
func (d *Document) MaxTimelineID() (id int64) {
	for _, e := range d.parts.Timeline {
		id = max(id, e.ID)
	}
	return id
}
