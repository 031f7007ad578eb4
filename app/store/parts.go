package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/debrief-app/debrief/app/model"
)

// Parts are what a group writes about a debrief besides its board: the
// lesson, the missed warning signs, the candidate process changes and the
// kudos. The app keeps them in memory while a debrief is open and stores
// them as a whole with SaveParts after each edit; they are a handful of
// rows, so replacing them is cheap and keeps every save one transaction.
type Parts struct {
	Lesson       model.Lesson
	WarningSigns []model.WarningSign
	Changes      []model.ProcessChange
	Kudos        []model.Kudos
}

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

// SaveParts replaces a debrief's lesson, warning signs, process changes and
// kudos with p, in one transaction, keeping each row's ID (which must be
// positive). A reference to a card that is not on the debrief's board (it
// was deleted meanwhile) is stored as none. An ID that belongs to another
// debrief wraps ErrConflict and changes nothing; so does anything the
// model refuses.
func (db *DB) SaveParts(ctx context.Context, debriefID int64, p Parts) error {
	if err := validateParts(debriefID, p); err != nil {
		return fmt.Errorf("save the lessons of debrief %d: %w", debriefID, err)
	}
	now := formatTime(db.now())
	return db.WithTx(ctx, func(tx *Queries) error {
		l := p.Lesson
		l.DebriefID = debriefID
		if err := tx.saveLesson(ctx, &l); err != nil {
			return err
		}
		for _, table := range []string{"warning_sign", "process_change", "kudos"} {
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
		return nil
	})
}

func validateParts(debriefID int64, p Parts) error {
	if err := p.Lesson.Validate(); err != nil {
		return err
	}
	seen := map[string]bool{}
	id := func(kind string, id int64) error {
		key := fmt.Sprint(kind, id)
		if id <= 0 || seen[key] {
			return fmt.Errorf("%s ID %d is not positive or used twice", kind, id)
		}
		seen[key] = true
		return nil
	}
	for _, w := range p.WarningSigns {
		if err := id("warning sign", w.ID); err != nil {
			return err
		}
		if err := w.Validate(); err != nil {
			return err
		}
	}
	for _, c := range p.Changes {
		if err := id("process change", c.ID); err != nil {
			return err
		}
		if err := c.Validate(); err != nil {
			return err
		}
	}
	if err := model.ValidateChanges(p.Changes); err != nil {
		return err
	}
	for _, k := range p.Kudos {
		if err := id("kudos", k.ID); err != nil {
			return err
		}
		if err := k.Validate(); err != nil {
			return err
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
