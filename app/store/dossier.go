package store

import (
	"context"
	"fmt"

	"github.com/debrief-app/debrief/app/model"
)

// LoadDossier reads a debrief and everything in it, as one consistent view.
func (db *DB) LoadDossier(ctx context.Context, id int64) (*model.Dossier, error) {
	d := &model.Dossier{}
	err := db.WithTx(ctx, func(tx *Queries) error {
		var err error
		if d.Debrief, err = tx.GetDebrief(ctx, id); err != nil {
			return err
		}
		if d.Factors, err = tx.ListFactors(ctx, id); err != nil {
			return err
		}
		if d.Links, err = tx.ListLinks(ctx, id); err != nil {
			return err
		}
		if d.Lesson, err = tx.GetLesson(ctx, id); err != nil {
			return err
		}
		if d.WarningSigns, err = tx.ListWarningSigns(ctx, id); err != nil {
			return err
		}
		if d.Changes, err = tx.ListChanges(ctx, id); err != nil {
			return err
		}
		d.Kudos, err = tx.ListKudos(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ImportDossier stores a whole debrief in one transaction and returns its
// new ID. The dossier's factor IDs need only be unique within it; they are
// mapped to new ones. If anything is wrong, nothing is written.
func (db *DB) ImportDossier(ctx context.Context, d *model.Dossier) (int64, error) {
	if err := d.Validate(); err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	var newID int64
	err := db.WithTx(ctx, func(tx *Queries) error {
		deb := d.Debrief
		if err := tx.CreateDebrief(ctx, &deb); err != nil {
			return err
		}
		newID = deb.ID
		ids := make(map[int64]int64, len(d.Factors))
		for _, f := range d.Factors {
			old := f.ID
			f.DebriefID = deb.ID
			if err := tx.CreateFactor(ctx, &f); err != nil {
				return err
			}
			ids[old] = f.ID
		}
		for _, l := range d.Links {
			l.DebriefID, l.FromID, l.ToID = deb.ID, ids[l.FromID], ids[l.ToID]
			if err := tx.CreateLink(ctx, &l); err != nil {
				return err
			}
		}
		lesson := d.Lesson
		lesson.DebriefID = deb.ID
		if !lesson.Empty() {
			if err := tx.SaveLesson(ctx, &lesson); err != nil {
				return err
			}
		}
		for _, w := range d.WarningSigns {
			w.DebriefID, w.FactorID = deb.ID, ids[w.FactorID]
			if err := tx.CreateWarningSign(ctx, &w); err != nil {
				return err
			}
		}
		for _, c := range d.Changes {
			c.DebriefID = deb.ID
			if err := tx.CreateChange(ctx, &c); err != nil {
				return err
			}
		}
		for _, k := range d.Kudos {
			k.DebriefID, k.FactorID = deb.ID, ids[k.FactorID]
			if err := tx.CreateKudos(ctx, &k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return newID, nil
}
