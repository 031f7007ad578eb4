package store

import (
	"context"
	"errors"
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
	return d, nil
}

// TakeDebrief deletes a debrief and returns it as it was, everything in it
// included, read and deleted in one transaction: what RestoreDossier needs
// to undo the delete. A missing debrief is ErrNotFound; if it cannot be
// read, nothing is deleted.
func (db *DB) TakeDebrief(ctx context.Context, id int64) (*model.Dossier, error) {
	var d *model.Dossier
	err := db.WithTx(ctx, func(tx *Queries) error {
		var err error
		if d, err = tx.readDossier(ctx, id); err != nil {
			return err
		}
		return tx.DeleteDebrief(ctx, id)
	})
	if err != nil {
		return nil, fmt.Errorf("delete debrief %d: %w", id, err)
	}
	return d, nil
}

// DuplicateDebrief copies a debrief and everything in it, in one
// transaction, and returns the copy's ID: cards with their positions,
// links, lesson, warning signs, candidate changes (without their outcomes)
// and kudos, with every reference to a card pointing at the copy's card.
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
		newID, err = tx.insertDossier(ctx, d, false)
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

// RestoreDossier stores d again exactly as it was loaded (LoadDossier or
// TakeDebrief), to undo a delete, in one transaction, and returns the
// debrief's ID. Each row keeps its old ID when that is still free and gets
// a fresh one otherwise, references following it; created and updated
// times are kept. If d is not valid, nothing is written.
func (db *DB) RestoreDossier(ctx context.Context, d *model.Dossier) (int64, error) {
	if d == nil {
		return 0, errors.New("restore debrief: nothing to restore")
	}
	if err := d.Validate(); err != nil {
		return 0, fmt.Errorf("restore debrief %d: %w", d.Debrief.ID, err)
	}
	var id int64
	err := db.WithTx(ctx, func(tx *Queries) error {
		var err error
		id, err = tx.insertDossier(ctx, d, true)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("restore debrief %d: %w", d.Debrief.ID, err)
	}
	return id, nil
}

// insertDossier writes a valid dossier as a new debrief and returns its ID.
// With keepIDs, each row is stored under its old ID when that is free.
// Times are stored as they are in d; a zero one is now.
func (q *Queries) insertDossier(ctx context.Context, d *model.Dossier, keepIDs bool) (int64, error) {
	now := q.now()
	stamp := func(t time.Time) string {
		if t.IsZero() {
			t = now
		}
		return formatTime(t)
	}
	deb := d.Debrief
	id, err := q.insert(ctx, "debrief", deb.ID, keepIDs,
		`title, summary, happened_at, scheduled_at, timebox_minutes, template, status, created_at, updated_at`,
		deb.Title, deb.Summary, nullTime(deb.HappenedAt), nullTime(deb.ScheduledAt), deb.TimeboxMinutes, deb.Template, deb.Status,
		stamp(deb.CreatedAt), stamp(deb.UpdatedAt))
	if err != nil {
		return 0, fmt.Errorf("store debrief: %w", err)
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
		newID, err := q.insert(ctx, "factor", f.ID, keepIDs,
			`debrief_id, text, category, x, y, w, h, z, author, votes, created_at`,
			id, f.Text, f.Category, f.X, f.Y, f.W, f.H, f.Z, nullString(f.Author), f.Votes, stamp(f.CreatedAt))
		if err != nil {
			return 0, fmt.Errorf("store card %d: %w", f.ID, err)
		}
		cards[f.ID] = newID
	}
	for _, l := range d.Links {
		if _, err := q.insert(ctx, "link", l.ID, keepIDs, `debrief_id, from_factor, to_factor, label`,
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
		if _, err := q.insert(ctx, "warning_sign", w.ID, keepIDs, `debrief_id, position, text, factor_id`,
			id, w.Position, w.Text, card(w.FactorID)); err != nil {
			return 0, fmt.Errorf("store warning sign: %w", err)
		}
	}
	for _, c := range d.Changes {
		if _, err := q.insert(ctx, "process_change", c.ID, keepIDs,
			`debrief_id, what, owner, check_back, measure, votes, chosen, outcome, outcome_note, created_at`,
			id, c.What, c.Owner, nullDate(c.CheckBack), c.Measure, c.Votes, c.Chosen, c.Outcome, c.OutcomeNote,
			stamp(c.CreatedAt)); err != nil {
			return 0, changeError("store process change", c.ID, err)
		}
	}
	for _, k := range d.Kudos {
		if _, err := q.insert(ctx, "kudos", k.ID, keepIDs, `debrief_id, who, what, factor_id, created_at`,
			id, k.Who, k.For, card(k.FactorID), formatTime(now)); err != nil {
			return 0, fmt.Errorf("store kudos: %w", err)
		}
	}
	return id, nil
}

// insert adds a row to table (one of the schema's, never user input) and
// returns its ID: the given id when tryID is set and no row has it yet,
// else a fresh one.
func (q *Queries) insert(ctx context.Context, table string, id int64, tryID bool, columns string, args ...any) (int64, error) {
	marks := strings.TrimPrefix(strings.Repeat(", ?", len(args)), ", ")
	if tryID && id > 0 {
		var taken bool
		if err := q.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE id = ?)`, id).Scan(&taken); err != nil {
			return 0, err
		}
		if !taken {
			_, err := q.q.ExecContext(ctx, `INSERT INTO `+table+` (id, `+columns+`) VALUES (?, `+marks+`)`, append([]any{id}, args...)...)
			return id, err
		}
	}
	res, err := q.q.ExecContext(ctx, `INSERT INTO `+table+` (`+columns+`) VALUES (`+marks+`)`, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}
