package storetest

// Fixtures for the tests of other packages: a debrief, a change or a
// warning sign stored in one call, and the rows of a debrief read back.
// They are built on what the store exports (ImportDossier, LoadDossier,
// SaveParts), as the app itself writes whole dossiers and parts.

import (
	"context"
	"fmt"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// CreateDebrief stores d, a debrief with nothing in it, and sets its ID
// and times.
func CreateDebrief(ctx context.Context, db *store.DB, d *model.Debrief) error {
	id, err := db.ImportDossier(ctx, &model.Dossier{Debrief: *d})
	if err != nil {
		return err
	}
	stored, err := Debrief(ctx, db, id)
	if err != nil {
		return err
	}
	*d = stored
	return nil
}

// CreateChange adds a candidate process change to its debrief (c.DebriefID)
// and sets its ID and creation time. Adding a chosen change when another
// is chosen fails with model.ErrSeveralChosen.
func CreateChange(ctx context.Context, db *store.DB, c *model.ProcessChange) error {
	_, id, _, err := db.NextPartIDs(ctx)
	if err != nil {
		return err
	}
	c.ID = id
	if err := addPart(ctx, db, c.DebriefID, func(p *store.Parts) { p.Changes = append(p.Changes, *c) }); err != nil {
		return err
	}
	list, err := Changes(ctx, db, c.DebriefID)
	if err != nil {
		return err
	}
	for _, stored := range list {
		if stored.ID == id {
			*c = stored
			return nil
		}
	}
	return fmt.Errorf("process change %d was not stored", id)
}

// CreateWarningSign adds a missed warning sign to its debrief (w.DebriefID)
// and sets its ID. A sign that points at a card not stored in the debrief
// fails with store.ErrNotFound, as a foreign key would.
func CreateWarningSign(ctx context.Context, db *store.DB, w *model.WarningSign) error {
	sign, _, _, err := db.NextPartIDs(ctx)
	if err != nil {
		return err
	}
	w.ID = sign
	return addPart(ctx, db, w.DebriefID, func(p *store.Parts) {
		p.WarningSigns = append(p.WarningSigns, *w)
	}, w.FactorID)
}

// addPart loads a debrief's parts, lets add change them and saves them,
// after checking that the cards (non-zero IDs) are on its board.
func addPart(ctx context.Context, db *store.DB, debriefID int64, add func(*store.Parts), cards ...int64) error {
	d, err := db.LoadDossier(ctx, debriefID)
	if err != nil {
		return err
	}
	for _, id := range cards {
		if id != 0 && !hasCard(d, id) {
			return fmt.Errorf("card %d in debrief %d: %w", id, debriefID, store.ErrNotFound)
		}
	}
	p := store.Parts{Lesson: d.Lesson, WarningSigns: d.WarningSigns, Changes: d.Changes, Kudos: d.Kudos, Timeline: d.Timeline}
	add(&p)
	return db.SaveParts(ctx, debriefID, p)
}

func hasCard(d *model.Dossier, id int64) bool {
	for _, f := range d.Factors {
		if f.ID == id {
			return true
		}
	}
	return false
}

// Debrief reads a debrief; a missing one is store.ErrNotFound.
func Debrief(ctx context.Context, db *store.DB, id int64) (model.Debrief, error) {
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		return model.Debrief{}, err
	}
	return d.Debrief, nil
}

// Factor reads the card with ID id, whichever debrief it is in; a missing
// one is store.ErrNotFound.
func Factor(ctx context.Context, db *store.DB, id int64) (model.Factor, error) {
	list, err := db.ListDebriefs(ctx, store.AllGroups)
	if err != nil {
		return model.Factor{}, err
	}
	for _, s := range list {
		d, err := db.LoadDossier(ctx, s.ID)
		if err != nil {
			return model.Factor{}, err
		}
		for _, f := range d.Factors {
			if f.ID == id {
				return f, nil
			}
		}
	}
	return model.Factor{}, fmt.Errorf("card %d: %w", id, store.ErrNotFound)
}

// Factors lists a debrief's cards from bottom to top.
func Factors(ctx context.Context, db *store.DB, debriefID int64) ([]model.Factor, error) {
	d, err := db.LoadDossier(ctx, debriefID)
	if err != nil {
		return nil, err
	}
	return d.Factors, nil
}

// Links lists a debrief's links.
func Links(ctx context.Context, db *store.DB, debriefID int64) ([]model.Link, error) {
	d, err := db.LoadDossier(ctx, debriefID)
	if err != nil {
		return nil, err
	}
	return d.Links, nil
}

// WarningSigns lists a debrief's missed warning signs in order.
func WarningSigns(ctx context.Context, db *store.DB, debriefID int64) ([]model.WarningSign, error) {
	d, err := db.LoadDossier(ctx, debriefID)
	if err != nil {
		return nil, err
	}
	return d.WarningSigns, nil
}

// Changes lists a debrief's candidate process changes, oldest first.
func Changes(ctx context.Context, db *store.DB, debriefID int64) ([]model.ProcessChange, error) {
	d, err := db.LoadDossier(ctx, debriefID)
	if err != nil {
		return nil, err
	}
	return d.Changes, nil
}
