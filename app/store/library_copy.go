package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// copySuffix ends the title of a duplicated debrief.
const copySuffix = " (copy)"

// readDossier reads a debrief and everything in it, inside q's transaction.
func (q *Queries) readDossier(ctx context.Context, id int64) (*model.Dossier, error) {
	d := &model.Dossier{}
	var err error
	if d.Debrief, err = q.getDebrief(ctx, id); err != nil {
		return nil, err
	}
	if d.Factors, err = q.listFactors(ctx, id); err != nil {
		return nil, err
	}
	if d.Links, err = q.listLinks(ctx, id); err != nil {
		return nil, err
	}
	if d.Lesson, err = q.getLesson(ctx, id); err != nil {
		return nil, err
	}
	if d.WarningSigns, err = q.listWarningSigns(ctx, id); err != nil {
		return nil, err
	}
	if d.Changes, err = q.listChanges(ctx, id); err != nil {
		return nil, err
	}
	if d.Kudos, err = q.listKudos(ctx, id); err != nil {
		return nil, err
	}
	if d.Timeline, err = q.listTimeline(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// DuplicateDebrief copies a debrief and everything in it, in one
// transaction, and returns the copy's ID: cards with their positions,
// links, lesson, warning signs, candidate changes (without their outcomes),
// kudos and timeline, with every reference to a card pointing at the copy's card.
// The copy is a draft titled "<title> (copy)", shortened to fit
// model.MaxTitle, started now.
func (db *DB) DuplicateDebrief(ctx context.Context, id int64) (int64, error) {
	var newID int64
	err := db.WithTx(ctx, func(tx *Queries) error {
		d, err := tx.readDossier(ctx, id)
		if err != nil {
			return err
		}
		d.Debrief.Title = copyTitle(d.Debrief.Title)
		d.Debrief.Status = model.Draft
		d.Debrief.CreatedAt, d.Debrief.UpdatedAt = tx.now(), tx.now()
		for i := range d.Changes {
			d.Changes[i].Outcome, d.Changes[i].OutcomeNote = model.NoOutcome, ""
		}
		if err := d.Validate(); err != nil {
			return err
		}
		newID, err = tx.insertDossier(ctx, d)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("duplicate debrief %d: %w", id, err)
	}
	return newID, nil
}

// copyTitle is title with copySuffix, the title shortened (by whole
// characters) so the whole stays within model.MaxTitle.
func copyTitle(title string) string {
	title = strings.TrimSpace(title)
	room := model.MaxTitle - utf8.RuneCountInString(copySuffix)
	if utf8.RuneCountInString(title) > room {
		title = strings.TrimSpace(string([]rune(title)[:room]))
	}
	return title + copySuffix
}

// insertDossier writes a valid dossier as a new debrief, every row under a
// new ID, and returns its ID. Times are stored as they are in d; a zero
// one is now.
func (q *Queries) insertDossier(ctx context.Context, d *model.Dossier) (int64, error) {
	now := q.now()
	stamp := func(t time.Time) string {
		if t.IsZero() {
			t = now
		}
		return formatTime(t)
	}
	deb := d.Debrief
	group, err := q.importGroup(ctx, deb)
	if err != nil {
		return 0, fmt.Errorf("store debrief: %w", err)
	}
	id, err := q.insert(ctx, "debrief",
		`title, summary, happened_at, scheduled_at, timebox_minutes, template, status, created_at, updated_at`,
		deb.Title, deb.Summary, nullTime(deb.HappenedAt), nullTime(deb.ScheduledAt), deb.TimeboxMinutes, deb.Template, deb.Status,
		stamp(deb.CreatedAt), stamp(deb.UpdatedAt))
	if err != nil {
		return 0, fmt.Errorf("store debrief: %w", err)
	}
	if group != 0 {
		if _, err := q.q.ExecContext(ctx, `UPDATE debrief SET group_id = ? WHERE id = ?`, group, id); err != nil {
			return 0, fmt.Errorf("store debrief: %w", err)
		}
	}
	if err := q.setParticipants(ctx, id, deb.Participants); err != nil {
		return 0, err
	}
	cards := make(map[int64]int64, len(d.Factors))
	card := func(old int64) any {
		if old == 0 {
			return nil
		}
		return cards[old]
	}
	for _, f := range d.Factors {
		newID, err := q.insert(ctx, "factor",
			`debrief_id, text, category, x, y, w, h, z, author, votes, created_at`,
			id, f.Text, f.Category, f.X, f.Y, f.W, f.H, f.Z, nullString(f.Author), f.Votes, stamp(f.CreatedAt))
		if err != nil {
			return 0, fmt.Errorf("store card %d: %w", f.ID, err)
		}
		// Only a copy of a debrief with a room's cards has these; leaving
		// them out otherwise keeps imports working at older schema
		// versions, which the migration tests build databases with.
		if f.Face != model.FaceUp || f.Pending != 0 {
			if _, err := q.q.ExecContext(ctx, `UPDATE factor SET face = ?, pending_votes = ? WHERE id = ?`, f.Face, f.Pending, newID); err != nil {
				return 0, fmt.Errorf("store card %d: %w", f.ID, err)
			}
		}
		cards[f.ID] = newID
	}
	for _, l := range d.Links {
		if _, err := q.insert(ctx, "link", `debrief_id, from_factor, to_factor, label`,
			id, card(l.FromID), card(l.ToID), l.Label); err != nil {
			return 0, fmt.Errorf("store link %d→%d: %w", l.FromID, l.ToID, err)
		}
	}
	if !d.Lesson.Empty() {
		lesson := d.Lesson
		lesson.DebriefID = id
		if err := q.saveLesson(ctx, &lesson); err != nil {
			return 0, err
		}
	}
	for _, w := range d.WarningSigns {
		if _, err := q.insert(ctx, "warning_sign", `debrief_id, position, text, factor_id`,
			id, w.Position, w.Text, card(w.FactorID)); err != nil {
			return 0, fmt.Errorf("store warning sign: %w", err)
		}
	}
	for _, c := range d.Changes {
		if _, err := q.insert(ctx, "process_change",
			`debrief_id, what, owner, check_back, measure, votes, chosen, outcome, outcome_note, created_at`,
			id, c.What, c.Owner, nullDate(c.CheckBack), c.Measure, c.Votes, c.Chosen, c.Outcome, c.OutcomeNote,
			stamp(c.CreatedAt)); err != nil {
			return 0, changeError("store process change", c.ID, err)
		}
	}
	for _, k := range d.Kudos {
		if _, err := q.insert(ctx, "kudos", `debrief_id, who, what, factor_id, created_at`,
			id, k.Who, k.For, card(k.FactorID), formatTime(now)); err != nil {
			return 0, fmt.Errorf("store kudos: %w", err)
		}
	}
	for i, e := range d.Timeline {
		if _, err := q.insert(ctx, "timeline_event", `debrief_id, position, at, text, kind`,
			id, i, e.At, e.Text, e.Kind); err != nil {
			return 0, fmt.Errorf("store timeline event: %w", err)
		}
	}
	return id, nil
}

// insert adds a row to table (one of the schema's, never user input) and
// returns its new ID.
func (q *Queries) insert(ctx context.Context, table string, columns string, args ...any) (int64, error) {
	marks := strings.TrimPrefix(strings.Repeat(", ?", len(args)), ", ")
	res, err := q.q.ExecContext(ctx, `INSERT INTO `+table+` (`+columns+`) VALUES (`+marks+`)`, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}
