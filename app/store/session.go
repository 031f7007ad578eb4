package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// GetSession reads where a group is in a debrief. A debrief never opened
// in a session gets a new one (model.NewSession), not an error.
func (q *Queries) GetSession(ctx context.Context, debriefID int64) (model.Session, error) {
	var (
		phase, minutes             string
		total, left, pTotal, pLeft int64
		since, pSince              sql.NullString
		timed                      bool
	)
	err := q.q.QueryRowContext(ctx, `SELECT phase, timer_total_ms, timer_left_ms, timer_since, phase_timed, phase_minutes,
		phase_total_ms, phase_left_ms, phase_since FROM session WHERE debrief_id = ?`, debriefID).
		Scan(&phase, &total, &left, &since, &timed, &minutes, &pTotal, &pLeft, &pSince)
	if errors.Is(err, sql.ErrNoRows) {
		d, err := q.getDebrief(ctx, debriefID)
		if err != nil {
			return model.Session{}, err
		}
		return model.NewSession(d), nil
	}
	if err != nil {
		return model.Session{}, fmt.Errorf("read the session of debrief %d: %w", debriefID, err)
	}
	s := model.Session{DebriefID: debriefID, Phase: model.PhaseFromKey(phase), PhaseTimed: timed}
	s.Timer = model.Timer{Total: ms(total), Left: ms(left)}
	s.PhaseTimer = model.Timer{Total: ms(pTotal), Left: ms(pLeft)}
	var errs [2]error
	s.Timer.Since, errs[0] = parseTime(since)
	s.PhaseTimer.Since, errs[1] = parseTime(pSince)
	for i, f := range strings.Split(minutes, ",") {
		if i < len(s.PhaseMinutes) {
			s.PhaseMinutes[i], _ = strconv.Atoi(strings.TrimSpace(f))
		}
	}
	if err := errors.Join(errs[:]...); err != nil {
		return s, fmt.Errorf("read the session of debrief %d: %w", debriefID, err)
	}
	return s, nil
}

// SaveSession writes where a group is in a debrief, replacing what was there.
func (q *Queries) SaveSession(ctx context.Context, s model.Session) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save the session of debrief %d: %w", s.DebriefID, err)
	}
	minutes := make([]string, len(s.PhaseMinutes))
	for i, m := range s.PhaseMinutes {
		minutes[i] = strconv.Itoa(m)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO session (debrief_id, phase, timer_total_ms, timer_left_ms, timer_since,
				phase_timed, phase_minutes, phase_total_ms, phase_left_ms, phase_since)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (debrief_id) DO UPDATE SET phase = excluded.phase, timer_total_ms = excluded.timer_total_ms,
				timer_left_ms = excluded.timer_left_ms, timer_since = excluded.timer_since, phase_timed = excluded.phase_timed,
				phase_minutes = excluded.phase_minutes, phase_total_ms = excluded.phase_total_ms,
				phase_left_ms = excluded.phase_left_ms, phase_since = excluded.phase_since`,
			s.DebriefID, s.Phase.Key(), s.Timer.Total.Milliseconds(), s.Timer.Left.Milliseconds(), nullTime(s.Timer.Since),
			s.PhaseTimed, strings.Join(minutes, ","), s.PhaseTimer.Total.Milliseconds(), s.PhaseTimer.Left.Milliseconds(),
			nullTime(s.PhaseTimer.Since))
		if err != nil {
			return fmt.Errorf("save the session of debrief %d: %w", s.DebriefID, err)
		}
		return nil
	})
}

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// SetStatus moves a debrief to status. Marking it reviewed needs a chosen
// change with an owner and a check-back date (model.ReadyForReview); the
// check and the write are one transaction, so nothing changes when it fails.
func (db *DB) SetStatus(ctx context.Context, debriefID int64, status model.Status) error {
	if !status.Valid() {
		return fmt.Errorf("unknown status %q (want draft, reviewed or closed)", status)
	}
	return db.WithTx(ctx, func(tx *Queries) error {
		d, err := tx.getDebrief(ctx, debriefID)
		if err != nil {
			return err
		}
		if status == model.Reviewed {
			changes, err := tx.listChanges(ctx, debriefID)
			if err != nil {
				return err
			}
			if err := model.ReadyForReview(&model.Dossier{Debrief: d, Changes: changes}); err != nil {
				return err
			}
		}
		d.Status = status
		return tx.UpdateDebrief(ctx, &d)
	})
}
