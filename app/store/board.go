package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/debrief-app/debrief/app/model"
)

// ErrConflict says a card or link ID the board chose already belongs to
// another debrief.
var ErrConflict = errors.New("the ID belongs to another debrief")

// NextIDs returns IDs above every card and link ID in the database
// (max(id)+1 of each table, 1 when it is empty), for the board to hand out
// to new cards and links. IDs are global, not per debrief.
func (q *Queries) NextIDs(ctx context.Context) (factor, link int64, err error) {
	err = q.q.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(max(id), 0) + 1 FROM factor),
		(SELECT coalesce(max(id), 0) + 1 FROM link)`).Scan(&factor, &link)
	if err != nil {
		return 0, 0, fmt.Errorf("read next card and link IDs: %w", err)
	}
	return factor, link, nil
}

// putFactor stores a card under the ID it already has (which must be
// positive): it inserts it, or, when a card with that ID exists in the same
// debrief, updates every field but DebriefID and CreatedAt. A card with that
// ID in another debrief is not touched and the error wraps ErrConflict. A
// zero CreatedAt is stored as now. f is not modified.
func (q *Queries) putFactor(ctx context.Context, f *model.Factor) error {
	if f.ID <= 0 {
		return fmt.Errorf("save card %d: the ID must be positive", f.ID)
	}
	if err := f.Validate(); err != nil {
		return fmt.Errorf("save card %d: %w", f.ID, err)
	}
	created := f.CreatedAt
	if created.IsZero() {
		created = q.now()
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO factor (id, debrief_id, text, category, x, y, w, h, z, author, votes, created_at, face, pending_votes)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET text = excluded.text, category = excluded.category,
				x = excluded.x, y = excluded.y, w = excluded.w, h = excluded.h, z = excluded.z,
				author = excluded.author, votes = excluded.votes, face = excluded.face, pending_votes = excluded.pending_votes
			WHERE factor.debrief_id = excluded.debrief_id`,
			f.ID, f.DebriefID, f.Text, f.Category, f.X, f.Y, f.W, f.H, f.Z, nullString(f.Author), f.Votes, formatTime(created), f.Face, f.Pending)
		if err != nil {
			return fmt.Errorf("save card %d: %w", f.ID, err)
		}
		return mustUpsert(res, "card", f.ID)
	})
}

// putLink stores a link under the ID it already has (which must be
// positive): it inserts it, or, when a link with that ID exists in the same
// debrief, updates its cards and label. Both cards must be in l.DebriefID,
// else the error wraps ErrNotFound; a link with that ID in another debrief
// is not touched and the error wraps ErrConflict. Two links between the
// same cards in the same direction are refused.
func (q *Queries) putLink(ctx context.Context, l *model.Link) error {
	if l.ID <= 0 {
		return fmt.Errorf("save link %d: the ID must be positive", l.ID)
	}
	if err := l.Validate(); err != nil {
		return fmt.Errorf("save link %d: %w", l.ID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		var n int
		err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM factor WHERE id IN (?, ?) AND +debrief_id = ?`,
			l.FromID, l.ToID, l.DebriefID).Scan(&n)
		if err != nil {
			return fmt.Errorf("save link %d: %w", l.ID, err)
		}
		if n != 2 {
			return fmt.Errorf("save link %d (%d→%d): both cards must be in debrief %d: %w", l.ID, l.FromID, l.ToID, l.DebriefID, ErrNotFound)
		}
		res, err := tx.q.ExecContext(ctx, `INSERT INTO link (id, debrief_id, from_factor, to_factor, label)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET from_factor = excluded.from_factor, to_factor = excluded.to_factor, label = excluded.label
			WHERE link.debrief_id = excluded.debrief_id`,
			l.ID, l.DebriefID, l.FromID, l.ToID, l.Label)
		if err != nil {
			return fmt.Errorf("save link %d (%d→%d): %w", l.ID, l.FromID, l.ToID, err)
		}
		return mustUpsert(res, "link", l.ID)
	})
}

// mustUpsert turns an upsert that changed no row (its DO UPDATE ... WHERE
// found the ID in another debrief) into ErrConflict.
func mustUpsert(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("save %s %d: %w", what, id, err)
	}
	if n == 0 {
		return fmt.Errorf("save %s %d: %w", what, id, ErrConflict)
	}
	return nil
}

// Apply stores one change of debrief debriefID (model.Change) in one
// transaction: the board's rows in the order DeleteLinks, Factors
// (PutFactor), Links (PutLink), DeleteFactors, so a change may put a card
// and links to it together, and an undone delete restores a card and its
// links under their old IDs; then the debrief's fields, its parts and its
// clock when the change holds them. Rows whose DebriefID is 0 are taken to
// be debriefID's; another debrief is an error. Deleting a row that is
// already gone, or that belongs to another debrief, does nothing. On any
// error nothing is kept.
func (db *DB) Apply(ctx context.Context, debriefID int64, c model.Change) error {
	if c.Parts != nil {
		if err := c.Parts.Validate(); err != nil {
			return fmt.Errorf("save the lessons of debrief %d: %w", debriefID, err)
		}
	}
	if c.Debrief != nil && c.Debrief.ID != debriefID {
		return fmt.Errorf("save debrief %d: the change is for debrief %d", c.Debrief.ID, debriefID)
	}
	return db.WithTx(ctx, func(tx *Queries) error {
		for _, id := range c.DeleteLinks {
			if _, err := tx.q.ExecContext(ctx, `DELETE FROM link WHERE id = ? AND debrief_id = ?`, id, debriefID); err != nil {
				return fmt.Errorf("delete link %d: %w", id, err)
			}
		}
		for _, f := range c.Factors {
			if f.DebriefID == 0 {
				f.DebriefID = debriefID
			}
			if f.DebriefID != debriefID {
				return fmt.Errorf("save card %d: it is in debrief %d, not %d", f.ID, f.DebriefID, debriefID)
			}
			if err := tx.putFactor(ctx, &f); err != nil {
				return err
			}
		}
		for _, l := range c.Links {
			if l.DebriefID == 0 {
				l.DebriefID = debriefID
			}
			if l.DebriefID != debriefID {
				return fmt.Errorf("save link %d: it is in debrief %d, not %d", l.ID, l.DebriefID, debriefID)
			}
			if err := tx.putLink(ctx, &l); err != nil {
				return err
			}
		}
		for _, id := range c.DeleteFactors {
			if _, err := tx.q.ExecContext(ctx, `DELETE FROM factor WHERE id = ? AND debrief_id = ?`, id, debriefID); err != nil {
				return fmt.Errorf("delete card %d: %w", id, err)
			}
		}
		if c.Debrief != nil {
			d := *c.Debrief
			if err := tx.UpdateDebrief(ctx, &d); err != nil {
				return err
			}
		}
		if c.Parts != nil {
			if err := tx.saveParts(ctx, debriefID, *c.Parts); err != nil {
				return err
			}
		}
		if c.Clock != nil {
			s := *c.Clock
			s.DebriefID = debriefID
			if err := tx.SaveSession(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
}
