package store

import (
	"context"
	"fmt"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// LoadDossier reads a debrief and everything in it, as one consistent view.
func (db *DB) LoadDossier(ctx context.Context, id int64) (*model.Dossier, error) {
	var d *model.Dossier
	err := db.WithTx(ctx, func(tx *Queries) error {
		var err error
		d, err = tx.readDossier(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ImportDossier stores a whole debrief in one transaction and returns its
// new ID. The dossier's IDs need only be unique within it; every row gets a
// new one, references following. The debrief is started now. If anything
// is wrong, nothing is written.
func (db *DB) ImportDossier(ctx context.Context, d *model.Dossier) (int64, error) {
	if err := d.Validate(); err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	fresh := *d
	fresh.Debrief.CreatedAt, fresh.Debrief.UpdatedAt = time.Time{}, time.Time{}
	var newID int64
	err := db.WithTx(ctx, func(tx *Queries) error {
		var err error
		newID, err = tx.insertDossier(ctx, &fresh)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	return newID, nil
}

// ImportDossiers stores several debriefs (a group's export) in one
// transaction, all or none, and returns their new IDs in order.
func (db *DB) ImportDossiers(ctx context.Context, ds []*model.Dossier) ([]int64, error) {
	for i, d := range ds {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("import debrief %d of %d: %w", i+1, len(ds), err)
		}
	}
	ids := make([]int64, 0, len(ds))
	err := db.WithTx(ctx, func(tx *Queries) error {
		for i, d := range ds {
			fresh := *d
			fresh.Debrief.CreatedAt, fresh.Debrief.UpdatedAt = time.Time{}, time.Time{}
			id, err := tx.insertDossier(ctx, &fresh)
			if err != nil {
				return fmt.Errorf("debrief %d of %d: %w", i+1, len(ds), err)
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return ids, nil
}
