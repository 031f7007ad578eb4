package model

import (
	"errors"
	"fmt"
	"slices"
)

// The most parts one dossier may have. A board of a few hundred cards is
// large; these are far above what a person makes, and they keep what an
// import of a hostile file can hold in memory small (export.ReadJSON
// refuses a file with more). Links are in proportion to cards (two per
// card); the lists of a reflection are far shorter than the board.
const (
	MaxFactors      = 100_000
	MaxLinks        = 2 * MaxFactors
	MaxWarningSigns = 10_000
	MaxChanges      = 10_000
	MaxKudos        = 10_000
	MaxParticipants = 10_000
)

// Dossier is a debrief with everything that belongs to it: what is imported,
// exported and shown on one screen. Within a dossier, links, warning signs
// and kudos refer to factors by Factor.ID; before a dossier is stored those
// IDs only need to be unique inside it.
type Dossier struct {
	Debrief      Debrief
	Factors      []Factor
	Links        []Link
	Lesson       Lesson
	WarningSigns []WarningSign
	Changes      []ProcessChange
	Kudos        []Kudos
	Timeline     []TimelineEvent
}

// Factor returns the factor with the given id.
//
// It walks the list; to look up many cards (one per link, say) make
// FactorsByID once instead.
func (d *Dossier) Factor(id int64) (Factor, bool) {
	for _, f := range d.Factors {
		if f.ID == id {
			return f, true
		}
	}
	return Factor{}, false
}

// FactorsByID maps each card's ID to the card; of a repeated ID, the first
// card wins, as with Factor.
func (d *Dossier) FactorsByID() map[int64]Factor {
	m := make(map[int64]Factor, len(d.Factors))
	for i := len(d.Factors) - 1; i >= 0; i-- {
		m[d.Factors[i].ID] = d.Factors[i]
	}
	return m
}

// Validate checks every part and how the parts refer to each other.
func (d *Dossier) Validate() error {
	var errs []error
	add := func(where string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
	}
	add("debrief", d.Debrief.Validate())
	ids := make(map[int64]bool, len(d.Factors))
	for i, f := range d.Factors {
		add(fmt.Sprintf("factor %d", i+1), f.Validate())
		if ids[f.ID] {
			add(fmt.Sprintf("factor %d", i+1), fmt.Errorf("id %d is used twice", f.ID))
		}
		ids[f.ID] = true
	}
	ref := func(where string, id int64) {
		if id != 0 && !ids[id] {
			add(where, fmt.Errorf("refers to factor %d, which is not in this debrief", id))
		}
	}
	seen := map[[2]int64]bool{}
	for i, l := range d.Links {
		w := fmt.Sprintf("link %d", i+1)
		add(w, l.Validate())
		if l.FromID == 0 || l.ToID == 0 {
			add(w, errors.New("needs both ends"))
		}
		ref(w, l.FromID)
		ref(w, l.ToID)
		if seen[[2]int64{l.FromID, l.ToID}] {
			add(w, errors.New("links the same two factors twice"))
		}
		seen[[2]int64{l.FromID, l.ToID}] = true
	}
	add("lesson", d.Lesson.Validate())
	for i, w := range d.WarningSigns {
		add(fmt.Sprintf("warning sign %d", i+1), w.Validate())
		ref(fmt.Sprintf("warning sign %d", i+1), w.FactorID)
	}
	for i, c := range d.Changes {
		add(fmt.Sprintf("process change %d", i+1), c.Validate())
	}
	add("process changes", ValidateChanges(d.Changes))
	for i, k := range d.Kudos {
		add(fmt.Sprintf("kudos %d", i+1), k.Validate())
		ref(fmt.Sprintf("kudos %d", i+1), k.FactorID)
	}
	for i, e := range d.Timeline {
		add(fmt.Sprintf("timeline event %d", i+1), e.Validate())
	}
	return errors.Join(errs...)
}

// Shown is the dossier as everyone may read it: without the cards written
// in the room that are still face down or were hidden, the links to them,
// and the warning signs' and kudos' references to them. Votes cast in the
// room and not yet shown are left out too. Export, print and every view
// but the board's owner read this; it returns d itself when nothing is
// left out.
func (d *Dossier) Shown() *Dossier {
	out := *d
	gone := map[int64]bool{}
	pending := false
	for _, f := range d.Factors {
		if !f.Shown() {
			gone[f.ID] = true
		}
		pending = pending || f.Pending != 0
	}
	if len(gone) == 0 && !pending {
		return d
	}
	out.Factors = make([]Factor, 0, len(d.Factors)-len(gone))
	for _, f := range d.Factors {
		if !gone[f.ID] {
			f.Pending = 0
			out.Factors = append(out.Factors, f)
		}
	}
	if len(gone) == 0 {
		return &out
	}
	out.Links = nil
	for _, l := range d.Links {
		if !gone[l.FromID] && !gone[l.ToID] {
			out.Links = append(out.Links, l)
		}
	}
	out.WarningSigns = slices.Clone(d.WarningSigns)
	for i := range out.WarningSigns {
		if gone[out.WarningSigns[i].FactorID] {
			out.WarningSigns[i].FactorID = 0
		}
	}
	out.Kudos = slices.Clone(d.Kudos)
	for i := range out.Kudos {
		if gone[out.Kudos[i].FactorID] {
			out.Kudos[i].FactorID = 0
		}
	}
	return &out
}
