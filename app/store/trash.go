package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TrashKeep is how long a deleted debrief stays in the Trash, restorable,
// before PurgeTrash deletes it for good.
const TrashKeep = 30 * 24 * time.Hour

// Errors of the Trash. A debrief in the Trash is left out of every list,
// search and count, and is not opened: reading it wraps ErrInTrash.
var (
	ErrInTrash    = errors.New("it is in the Trash")
	ErrNotInTrash = errors.New("it is not in the Trash")
)

// TrashedDebrief is a debrief in the Trash, as the Trash lists it.
type TrashedDebrief struct {
	DebriefSummary
	DeletedAt time.Time // zero for a debrief that is not in the Trash
}

// PurgeAt is when the debrief leaves the Trash for good.
func (t TrashedDebrief) PurgeAt() time.Time { return t.DeletedAt.Add(TrashKeep) }

// DaysLeft is how many days (counting a part of one as one) the debrief
// stays in the Trash after now; 0 once its time is up.
func (t TrashedDebrief) DaysLeft(now time.Time) int {
	left := t.PurgeAt().Sub(now)
	if left <= 0 {
		return 0
	}
	const day = 24 * time.Hour
	return int((left + day - 1) / day)
}

// trashColumns, then deleted_at, read a TrashedDebrief from the debrief table.
const trashColumns = debriefColumns + `, (SELECT count(*) FROM factor f WHERE f.debrief_id = debrief.id AND f.face = 0)`

func scanTrashed(s scanner) (TrashedDebrief, error) {
	var t TrashedDebrief
	var deleted sql.NullString
	var err error
	if t.Debrief, err = scanDebrief(s, &t.Factors, &deleted); err != nil {
		return t, err
	}
	t.DeletedAt, err = parseTime(deleted)
	return t, err
}

// anyDebrief reads a debrief in the library or in the Trash (without its
// participants); a missing one is ErrNotFound.
func (q *Queries) anyDebrief(ctx context.Context, id int64) (TrashedDebrief, error) {
	t, err := scanTrashed(q.q.QueryRowContext(ctx, `SELECT `+trashColumns+`, deleted_at FROM debrief WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	return t, err
}

// TrashDebrief moves a debrief to the Trash: it only marks it deleted now,
// and every row of it stays as it is, so UndeleteDebrief brings it back
// exactly. It returns the debrief as the Trash lists it. A missing debrief
// is ErrNotFound; one in the Trash already, ErrInTrash.
func (q *Queries) TrashDebrief(ctx context.Context, id int64) (TrashedDebrief, error) {
	var t TrashedDebrief
	err := q.atomic(ctx, func(tx *Queries) error {
		var err error
		if t, err = tx.anyDebrief(ctx, id); err != nil {
			return err
		}
		if !t.DeletedAt.IsZero() {
			return ErrInTrash
		}
		now := tx.now().UTC()
		if _, err := tx.q.ExecContext(ctx, `UPDATE debrief SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, formatTime(now), id); err != nil {
			return err
		}
		t.DeletedAt = now
		return nil
	})
	if err != nil {
		return TrashedDebrief{}, fmt.Errorf("move debrief %d to the Trash: %w", id, err)
	}
	return t, nil
}

// UndeleteDebrief brings a debrief back from the Trash into the library,
// as it was when it was deleted, and returns it as the Trash listed it. A
// missing debrief is ErrNotFound; one that is not in the Trash,
// ErrNotInTrash.
func (q *Queries) UndeleteDebrief(ctx context.Context, id int64) (TrashedDebrief, error) {
	var t TrashedDebrief
	err := q.atomic(ctx, func(tx *Queries) error {
		var err error
		if t, err = tx.anyDebrief(ctx, id); err != nil {
			return err
		}
		if t.DeletedAt.IsZero() {
			return ErrNotInTrash
		}
		if _, err = tx.q.ExecContext(ctx, `UPDATE debrief SET deleted_at = NULL WHERE id = ?`, id); err != nil {
			return err
		}
		// A debrief of a group in the Trash brings its group back (alone):
		// it must belong to a group in the library.
		g, err := tx.Group(ctx, t.GroupID)
		if err != nil {
			return err
		}
		_, err = tx.reviveGroup(ctx, g)
		return err
	})
	if err != nil {
		return TrashedDebrief{}, fmt.Errorf("bring debrief %d back from the Trash: %w", id, err)
	}
	return t, nil
}

// ListTrash lists the debriefs in the Trash, the last deleted first.
func (q *Queries) ListTrash(ctx context.Context) ([]TrashedDebrief, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+trashColumns+`, deleted_at FROM debrief WHERE deleted_at IS NOT NULL
		ORDER BY julianday(deleted_at) DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list the Trash: %w", err)
	}
	defer rows.Close()
	var list []TrashedDebrief
	for rows.Next() {
		t, err := scanTrashed(rows)
		if err != nil {
			return nil, fmt.Errorf("list the Trash: %w", err)
		}
		list = append(list, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list the Trash: %w", err)
	}
	return list, nil
}

// CountTrash is how many debriefs are in the Trash.
func (q *Queries) CountTrash(ctx context.Context) (int, error) {
	var n int
	if err := q.q.QueryRowContext(ctx, `SELECT count(*) FROM debrief WHERE deleted_at IS NOT NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count the Trash: %w", err)
	}
	return n, nil
}

// PurgeTrash deletes for good, in one transaction, every debrief that has
// been in the Trash for TrashKeep or longer, with everything in it, and
// says how many it deleted.
func (q *Queries) PurgeTrash(ctx context.Context) (int, error) {
	cutoff := formatTime(q.now().Add(-TrashKeep))
	var n int64
	err := q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM debrief
			WHERE deleted_at IS NOT NULL AND julianday(deleted_at) <= julianday(?)`, cutoff)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		return tx.purgeGroups(ctx, cutoff)
	})
	if err != nil {
		return 0, fmt.Errorf("empty the Trash of debriefs deleted over %d days ago: %w", TrashKeep/(24*time.Hour), err)
	}
	return int(n), nil
}

// DeleteForever deletes a debrief that is in the Trash for good, with
// everything in it. A debrief in the library is not deleted: the error
// wraps ErrNotInTrash; a missing one, ErrNotFound.
func (q *Queries) DeleteForever(ctx context.Context, id int64) error {
	err := q.atomic(ctx, func(tx *Queries) error {
		t, err := tx.anyDebrief(ctx, id)
		if err != nil {
			return err
		}
		if t.DeletedAt.IsZero() {
			return ErrNotInTrash
		}
		_, err = tx.q.ExecContext(ctx, `DELETE FROM debrief WHERE id = ? AND deleted_at IS NOT NULL`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete debrief %d for good: %w", id, err)
	}
	return nil
}
