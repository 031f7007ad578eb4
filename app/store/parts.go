package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/debrief-app/debrief/app/model"
)

// Parts are what a group writes about a debrief besides its board.
type Parts = model.Parts

// NextPartIDs returns IDs above every warning sign, process change and
// kudos ID in the database, for the app to hand out to new ones.
func (q *Queries) NextPartIDs(ctx context.Context) (sign, change, kudos int64, err error) {
	err = q.q.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(max(id), 0) + 1 FROM warning_sign),
		(SELECT coalesce(max(id), 0) + 1 FROM process_change),
		(SELECT coalesce(max(id), 0) + 1 FROM kudos)`).Scan(&sign, &change, &kudos)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("read next IDs: %w", err)
	}
	return sign, change, kudos, nil
}

// NextTimelineID returns an ID above every timeline event's in the
// database (apart from NextPartIDs, whose callers need no timeline).
func (q *Queries) NextTimelineID(ctx context.Context) (int64, error) {
	var id int64
	if err := q.q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM timeline_event`).Scan(&id); err != nil {
		return 0, fmt.Errorf("read the next timeline ID: %w", err)
	}
	return id, nil
}

// SaveParts replaces a debrief's lesson, warning signs, process changes,
// kudos and timeline with p, in one transaction, keeping each row's ID (which must be
// positive). A reference to a card that is not on the debrief's board (it
// was deleted meanwhile) is stored as none. An ID that belongs to another
// debrief wraps ErrConflict and changes nothing; so does anything the
// model refuses.
func (db *DB) SaveParts(ctx context.Context, debriefID int64, p Parts) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("save the lessons of debrief %d: %w", debriefID, err)
	}
	return db.WithTx(ctx, func(tx *Queries) error { return tx.saveParts(ctx, debriefID, p) })
}

// saveParts is SaveParts inside the caller's transaction; p is valid.
func (q *Queries) saveParts(ctx context.Context, debriefID int64, p Parts) error {
	now := formatTime(q.now())
	tx := q
	l := p.Lesson
	l.DebriefID = debriefID
	if err := tx.saveLesson(ctx, &l); err != nil {
		return err
	}
	for _, table := range []string{"warning_sign", "process_change", "kudos", "timeline_event"} {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM `+table+` WHERE debrief_id = ?`, debriefID); err != nil {
			return fmt.Errorf("save the lessons of debrief %d: %w", debriefID, err)
		}
	}
	card := `(SELECT id FROM factor WHERE id = ? AND debrief_id = ?)`
	for i, w := range p.WarningSigns {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO warning_sign (id, debrief_id, position, text, factor_id)
			VALUES (?, ?, ?, ?, `+card+`)`, w.ID, debriefID, i, w.Text, w.FactorID, debriefID)
		if err != nil {
			return partError("warning sign", w.ID, err)
		}
	}
	for _, c := range p.Changes {
		created := now
		if !c.CreatedAt.IsZero() {
			created = formatTime(c.CreatedAt)
		}
		_, err := tx.q.ExecContext(ctx, `INSERT INTO process_change (id, debrief_id, what, owner, check_back, measure, votes,
			chosen, outcome, outcome_note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, debriefID, c.What, c.Owner, nullDate(c.CheckBack), c.Measure, c.Votes, c.Chosen, c.Outcome, c.OutcomeNote, created)
		if err != nil {
			return partError("process change", c.ID, err)
		}
	}
	for _, k := range p.Kudos {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO kudos (id, debrief_id, who, what, factor_id, created_at)
			VALUES (?, ?, ?, ?, `+card+`, ?)`, k.ID, debriefID, k.Who, k.For, k.FactorID, debriefID, now)
		if err != nil {
			return partError("kudos", k.ID, err)
		}
	}
	for i, e := range p.Timeline {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO timeline_event (id, debrief_id, position, at, text, kind)
			VALUES (?, ?, ?, ?, ?, ?)`, e.ID, debriefID, i, e.At, e.Text, e.Kind)
		if err != nil {
			return partError("timeline event", e.ID, err)
		}
	}
	return nil
}

func partError(what string, id int64, err error) error {
	if strings.Contains(err.Error(), "UNIQUE constraint failed") && strings.Contains(err.Error(), ".id") {
		return fmt.Errorf("save %s %d: %w", what, id, ErrConflict)
	}
	return fmt.Errorf("save %s %d: %w", what, id, err)
}
