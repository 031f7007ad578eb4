package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// dbtx is what both *sql.DB and *sql.Tx offer.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queries are the typed reads and writes. Through a DB each write is a
// transaction of its own; inside WithTx they all share one.
type Queries struct {
	q   dbtx
	now func() time.Time
}

// atomic runs fn in a transaction: the caller's, or a new one.
func (q *Queries) atomic(ctx context.Context, fn func(tx *Queries) error) error {
	db, ok := q.q.(*sql.DB)
	if !ok {
		return fn(q)
	}
	return (&DB{Queries: *q, sql: db}).WithTx(ctx, fn)
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(model.DateLayout)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s.String)
}

func parseDate(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	return model.ParseDate(s.String)
}

func mustAffect(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// isUniqueChosen reports whether err is the "one chosen change" index firing.
func isUniqueChosen(err error) bool {
	return err != nil && strings.Contains(err.Error(), "process_change.debrief_id")
}

// ---- debriefs ----

// DebriefSummary is a debrief as the library lists it.
type DebriefSummary struct {
	model.Debrief
	Factors int
	// Match is, for a search whose words are not in the title, the text
	// of the first card that has them: why the debrief was found.
	Match string
}

const debriefColumns = `id, title, summary, happened_at, scheduled_at, timebox_minutes, template, status, created_at, updated_at, group_id`

type scanner interface{ Scan(dest ...any) error }

func scanDebrief(s scanner, extra ...any) (model.Debrief, error) {
	var d model.Debrief
	var happened, scheduled, created, updated sql.NullString
	dest := append([]any{&d.ID, &d.Title, &d.Summary, &happened, &scheduled, &d.TimeboxMinutes, &d.Template, &d.Status, &created, &updated, &d.GroupID}, extra...)
	if err := s.Scan(dest...); err != nil {
		return d, err
	}
	var errs [4]error
	d.HappenedAt, errs[0] = parseTime(happened)
	d.ScheduledAt, errs[1] = parseTime(scheduled)
	d.CreatedAt, errs[2] = parseTime(created)
	d.UpdatedAt, errs[3] = parseTime(updated)
	return d, errors.Join(errs[:]...)
}

func (q *Queries) setParticipants(ctx context.Context, debriefID int64, names []string) error {
	if _, err := q.q.ExecContext(ctx, `DELETE FROM participant WHERE debrief_id = ?`, debriefID); err != nil {
		return fmt.Errorf("save participants: %w", err)
	}
	for i, n := range names {
		if _, err := q.q.ExecContext(ctx, `INSERT INTO participant (debrief_id, position, name) VALUES (?, ?, ?)`, debriefID, i, n); err != nil {
			return fmt.Errorf("save participants: %w", err)
		}
	}
	return nil
}

func (q *Queries) participants(ctx context.Context, debriefID int64) ([]string, error) {
	return q.names(ctx, `SELECT name FROM participant WHERE debrief_id = ? ORDER BY position`, debriefID)
}

// names reads a list of names (participants, members) in order.
func (q *Queries) names(ctx context.Context, query string, id int64) ([]string, error) {
	rows, err := q.q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// getDebrief reads one debrief with its participants. A debrief in the
// Trash is not read: the error wraps ErrInTrash.
func (q *Queries) getDebrief(ctx context.Context, id int64) (model.Debrief, error) {
	var deleted sql.NullString
	d, err := scanDebrief(q.q.QueryRowContext(ctx, `SELECT `+debriefColumns+`, deleted_at FROM debrief WHERE id = ?`, id), &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("debrief %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("read debrief %d: %w", id, err)
	}
	if deleted.Valid {
		return model.Debrief{}, fmt.Errorf("debrief %d: %w", id, ErrInTrash)
	}
	d.Participants, err = q.participants(ctx, id)
	d.Group = q.groupName(ctx, d.GroupID)
	return d, err
}

// ListDebriefs lists every debrief of group (AllGroups: of every group) but
// those in the Trash, newest first (by when it happened, else when it was
// created), with its number of factors. Participants are not read.
func (q *Queries) ListDebriefs(ctx context.Context, group int64) ([]DebriefSummary, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+debriefColumns+`, (SELECT count(*) FROM factor f WHERE f.debrief_id = debrief.id AND f.face = 0)
		FROM debrief WHERE deleted_at IS NULL AND (?1 = 0 OR group_id = ?1) ORDER BY coalesce(happened_at, created_at) DESC, id DESC`, group)
	if err != nil {
		return nil, fmt.Errorf("list debriefs: %w", err)
	}
	defer rows.Close()
	var list []DebriefSummary
	for rows.Next() {
		var s DebriefSummary
		s.Debrief, err = scanDebrief(rows, &s.Factors)
		if err != nil {
			return nil, fmt.Errorf("list debriefs: %w", err)
		}
		list = append(list, s)
	}
	return list, rows.Err()
}

// UpdateDebrief saves a debrief's fields and participants and sets UpdatedAt.
func (q *Queries) UpdateDebrief(ctx context.Context, d *model.Debrief) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("save debrief %d: %w", d.ID, err)
	}
	now := q.now()
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE debrief SET title = ?, summary = ?, happened_at = ?, scheduled_at = ?,
			timebox_minutes = ?, template = ?, status = ?, updated_at = ? WHERE id = ?`,
			d.Title, d.Summary, nullTime(d.HappenedAt), nullTime(d.ScheduledAt), d.TimeboxMinutes, d.Template, d.Status, formatTime(now), d.ID)
		if err != nil {
			return fmt.Errorf("save debrief %d: %w", d.ID, err)
		}
		if err := mustAffect(res, "debrief", d.ID); err != nil {
			return err
		}
		if err := tx.setParticipants(ctx, d.ID, d.Participants); err != nil {
			return err
		}
		d.UpdatedAt = now.UTC()
		return nil
	})
}

// ---- factors ----

const factorColumns = `id, debrief_id, text, category, x, y, w, h, z, author, votes, created_at, face, pending_votes`

func scanFactor(s scanner) (model.Factor, error) {
	var f model.Factor
	var author, created sql.NullString
	if err := s.Scan(&f.ID, &f.DebriefID, &f.Text, &f.Category, &f.X, &f.Y, &f.W, &f.H, &f.Z, &author, &f.Votes, &created, &f.Face, &f.Pending); err != nil {
		return f, err
	}
	f.Author = author.String
	var err error
	f.CreatedAt, err = parseTime(created)
	return f, err
}

// listFactors lists a debrief's cards from bottom to top (z, then age).
func (q *Queries) listFactors(ctx context.Context, debriefID int64) ([]model.Factor, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+factorColumns+` FROM factor WHERE debrief_id = ? ORDER BY z, id`, debriefID)
	if err != nil {
		return nil, fmt.Errorf("list cards of debrief %d: %w", debriefID, err)
	}
	defer rows.Close()
	var list []model.Factor
	for rows.Next() {
		f, err := scanFactor(rows)
		if err != nil {
			return nil, fmt.Errorf("list cards of debrief %d: %w", debriefID, err)
		}
		list = append(list, f)
	}
	return list, rows.Err()
}

// ---- links ----

// listLinks lists a debrief's links.
func (q *Queries) listLinks(ctx context.Context, debriefID int64) ([]model.Link, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, debrief_id, from_factor, to_factor, label FROM link WHERE debrief_id = ? ORDER BY id`, debriefID)
	if err != nil {
		return nil, fmt.Errorf("list links of debrief %d: %w", debriefID, err)
	}
	defer rows.Close()
	var list []model.Link
	for rows.Next() {
		var l model.Link
		if err := rows.Scan(&l.ID, &l.DebriefID, &l.FromID, &l.ToID, &l.Label); err != nil {
			return nil, err
		}
		list = append(list, l)
	}
	return list, rows.Err()
}

// ---- lesson ----

// getLesson reads a debrief's lesson; an unwritten lesson is empty, not an error.
func (q *Queries) getLesson(ctx context.Context, debriefID int64) (model.Lesson, error) {
	l := model.Lesson{DebriefID: debriefID}
	r := &l.Reflections
	err := q.q.QueryRowContext(ctx, `SELECT what_led, went_well, lucky, reflect_nags, reflect_blame_or_causes, reflect_safer, reflect_celebrate
		FROM lesson WHERE debrief_id = ?`, debriefID).Scan(&l.WhatLed, &l.WentWell, &l.Lucky, &r.Nags, &r.BlameOrCauses, &r.Safer, &r.Celebrate)
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil
	}
	if err != nil {
		return l, fmt.Errorf("read lesson of debrief %d: %w", debriefID, err)
	}
	return l, nil
}

// saveLesson writes a debrief's lesson, replacing what was there.
func (q *Queries) saveLesson(ctx context.Context, l *model.Lesson) error {
	if err := l.Validate(); err != nil {
		return fmt.Errorf("save lesson of debrief %d: %w", l.DebriefID, err)
	}
	r := l.Reflections
	return q.atomic(ctx, func(tx *Queries) error {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO lesson (debrief_id, what_led, went_well, lucky, reflect_nags, reflect_blame_or_causes, reflect_safer, reflect_celebrate)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (debrief_id) DO UPDATE SET what_led = excluded.what_led, went_well = excluded.went_well, lucky = excluded.lucky,
				reflect_nags = excluded.reflect_nags, reflect_blame_or_causes = excluded.reflect_blame_or_causes,
				reflect_safer = excluded.reflect_safer, reflect_celebrate = excluded.reflect_celebrate`,
			l.DebriefID, l.WhatLed, l.WentWell, l.Lucky, r.Nags, r.BlameOrCauses, r.Safer, r.Celebrate)
		if err != nil {
			return fmt.Errorf("save lesson of debrief %d: %w", l.DebriefID, err)
		}
		return nil
	})
}

// ---- warning signs ----

// listWarningSigns lists a debrief's warning signs in order.
func (q *Queries) listWarningSigns(ctx context.Context, debriefID int64) ([]model.WarningSign, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, debrief_id, position, text, factor_id FROM warning_sign WHERE debrief_id = ? ORDER BY position, id`, debriefID)
	if err != nil {
		return nil, fmt.Errorf("list warning signs of debrief %d: %w", debriefID, err)
	}
	defer rows.Close()
	var list []model.WarningSign
	for rows.Next() {
		var w model.WarningSign
		var fid sql.NullInt64
		if err := rows.Scan(&w.ID, &w.DebriefID, &w.Position, &w.Text, &fid); err != nil {
			return nil, err
		}
		w.FactorID = fid.Int64
		list = append(list, w)
	}
	return list, rows.Err()
}

// ---- process changes ----

const changeColumns = `id, debrief_id, what, owner, check_back, measure, votes, chosen, outcome, outcome_note, created_at`

func scanChange(s scanner) (model.ProcessChange, error) {
	var c model.ProcessChange
	var check, created sql.NullString
	if err := s.Scan(&c.ID, &c.DebriefID, &c.What, &c.Owner, &check, &c.Measure, &c.Votes, &c.Chosen, &c.Outcome, &c.OutcomeNote, &created); err != nil {
		return c, err
	}
	var e1, e2 error
	c.CheckBack, e1 = parseDate(check)
	c.CreatedAt, e2 = parseTime(created)
	return c, errors.Join(e1, e2)
}

func changeError(what string, id int64, err error) error {
	if isUniqueChosen(err) {
		err = model.ErrSeveralChosen
	}
	return fmt.Errorf("%s %d: %w", what, id, err)
}

// listChanges lists a debrief's candidate changes, oldest first.
func (q *Queries) listChanges(ctx context.Context, debriefID int64) ([]model.ProcessChange, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+changeColumns+` FROM process_change WHERE debrief_id = ? ORDER BY id`, debriefID)
	if err != nil {
		return nil, fmt.Errorf("list process changes of debrief %d: %w", debriefID, err)
	}
	defer rows.Close()
	var list []model.ProcessChange
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// ---- kudos ----

// listKudos lists a debrief's kudos, oldest first.
func (q *Queries) listKudos(ctx context.Context, debriefID int64) ([]model.Kudos, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, debrief_id, who, what, factor_id FROM kudos WHERE debrief_id = ? ORDER BY id`, debriefID)
	if err != nil {
		return nil, fmt.Errorf("list kudos of debrief %d: %w", debriefID, err)
	}
	defer rows.Close()
	var list []model.Kudos
	for rows.Next() {
		var k model.Kudos
		var fid sql.NullInt64
		if err := rows.Scan(&k.ID, &k.DebriefID, &k.Who, &k.For, &fid); err != nil {
			return nil, err
		}
		k.FactorID = fid.Int64
		list = append(list, k)
	}
	return list, rows.Err()
}

// ---- timeline ----

// listTimeline lists a debrief's timeline in the order it was written.
func (q *Queries) listTimeline(ctx context.Context, debriefID int64) ([]model.TimelineEvent, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, debrief_id, at, text, kind FROM timeline_event WHERE debrief_id = ? ORDER BY position, id`, debriefID)
	if err != nil {
		return nil, fmt.Errorf("list the timeline of debrief %d: %w", debriefID, err)
	}
	defer rows.Close()
	var list []model.TimelineEvent
	for rows.Next() {
		var e model.TimelineEvent
		if err := rows.Scan(&e.ID, &e.DebriefID, &e.At, &e.Text, &e.Kind); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}
