package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// ErrNotChosen says an outcome was recorded for a change that is only a
// candidate: only the chosen change is checked back on.
var ErrNotChosen = errors.New("only the chosen change has a check-in")

// CheckIn is the chosen change of a debrief, with the debrief it belongs to:
// what the group committed to, to ask at check-back whether it stuck.
type CheckIn struct {
	DebriefID      int64
	DebriefTitle   string
	DebriefCreated time.Time
	Change         model.ProcessChange
}

// checkInColumns reads a CheckIn from debrief d joined with process_change c.
const checkInColumns = `d.id, d.title, d.created_at,
	c.id, c.debrief_id, c.what, c.owner, c.check_back, c.measure, c.votes, c.chosen, c.outcome, c.outcome_note, c.created_at`

func scanCheckIn(s scanner) (CheckIn, error) {
	var ci CheckIn
	var created sql.NullString
	c := &ci.Change
	var check, changeCreated sql.NullString
	if err := s.Scan(&ci.DebriefID, &ci.DebriefTitle, &created,
		&c.ID, &c.DebriefID, &c.What, &c.Owner, &check, &c.Measure, &c.Votes, &c.Chosen, &c.Outcome, &c.OutcomeNote, &changeCreated); err != nil {
		return ci, err
	}
	var errs [3]error
	ci.DebriefCreated, errs[0] = parseTime(created)
	c.CheckBack, errs[1] = parseDate(check)
	c.CreatedAt, errs[2] = parseTime(changeCreated)
	return ci, errors.Join(errs[:]...)
}

// CheckInsDue lists the chosen changes whose check-back date is today (in
// the local calendar) or earlier and whose outcome is not recorded yet,
// oldest check-back first, of group's debriefs (AllGroups: of every
// group). Debriefs in the Trash are left out.
func (q *Queries) CheckInsDue(ctx context.Context, today time.Time, group int64) ([]CheckIn, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+checkInColumns+`
		FROM process_change c JOIN debrief d ON d.id = c.debrief_id
		WHERE c.chosen = 1 AND c.outcome = '' AND c.check_back IS NOT NULL AND c.check_back <= ?1 AND d.deleted_at IS NULL
		AND (?2 = 0 OR d.group_id = ?2)
		ORDER BY c.check_back, julianday(d.created_at), d.id`, model.Today(today).Format(model.DateLayout), group)
	if err != nil {
		return nil, fmt.Errorf("list check-ins due: %w", err)
	}
	defer rows.Close()
	var list []CheckIn
	for rows.Next() {
		ci, err := scanCheckIn(rows)
		if err != nil {
			return nil, fmt.Errorf("list check-ins due: %w", err)
		}
		if ci.Change.CheckInDue(today) {
			list = append(list, ci)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list check-ins due: %w", err)
	}
	return list, nil
}

// RecordOutcome records what became of a chosen change at check-back:
// kept, adjusted or dropped, with a note. It refuses NoOutcome or an
// unknown outcome, a note longer than model.MaxText, and a change that is
// not the chosen one (ErrNotChosen); a missing change is ErrNotFound. A
// refused call changes nothing. Recording again replaces the outcome.
func (q *Queries) RecordOutcome(ctx context.Context, changeID int64, o model.Outcome, note string) error {
	if o == model.NoOutcome || !o.Valid() {
		return fmt.Errorf("record the outcome of change %d: %q is not an outcome; want kept, adjusted or dropped", changeID, o)
	}
	if err := (model.ProcessChange{What: "-", Outcome: o, OutcomeNote: note}).Validate(); err != nil {
		return fmt.Errorf("record the outcome of change %d: %w", changeID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		var chosen bool
		err := tx.q.QueryRowContext(ctx, `SELECT chosen FROM process_change WHERE id = ?`, changeID).Scan(&chosen)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("record the outcome of change %d: %w", changeID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("record the outcome of change %d: %w", changeID, err)
		}
		if !chosen {
			return fmt.Errorf("record the outcome of change %d: %w", changeID, ErrNotChosen)
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE process_change SET outcome = ?, outcome_note = ? WHERE id = ?`, o, note, changeID); err != nil {
			return fmt.Errorf("record the outcome of change %d: %w", changeID, err)
		}
		return nil
	})
}

// LastCheckIn is the chosen change of the most recently started debrief
// of the same group as exceptDebriefID, other than it, that has one,
// outcome and all: what the next debrief's "Set the stage" recalls. It
// never crosses groups: the robotics club is not shown the family's
// change (exceptDebriefID 0 looks in every group). Debriefs in the Trash
// are left out.
// ok is false when there is none.
func (q *Queries) LastCheckIn(ctx context.Context, exceptDebriefID int64) (CheckIn, bool, error) {
	ci, err := scanCheckIn(q.q.QueryRowContext(ctx, `SELECT `+checkInColumns+`
		FROM debrief d JOIN process_change c ON c.debrief_id = d.id AND c.chosen = 1
		WHERE d.id <> ?1 AND d.deleted_at IS NULL AND (?1 = 0 OR d.group_id = (SELECT group_id FROM debrief WHERE id = ?1))
		ORDER BY julianday(d.created_at) DESC, d.created_at DESC, d.id DESC LIMIT 1`, exceptDebriefID))
	if errors.Is(err, sql.ErrNoRows) {
		return CheckIn{}, false, nil
	}
	if err != nil {
		return CheckIn{}, false, fmt.Errorf("read the last check-in: %w", err)
	}
	return ci, true, nil
}
