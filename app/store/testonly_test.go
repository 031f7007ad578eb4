package store

// Writes of single rows, and a few reads, that the app and the command line
// do not use (they write through Apply, SaveParts, UpdateDebrief,
// SetStatus, SaveSession, the import of whole dossiers and the Trash), kept
// for the tests of this package to build and inspect databases with. The
// tests of other packages use app/store/storetest, which is built on what
// the store exports.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// SchemaVersion is the newest migration applied to the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, `SELECT user_version FROM pragma_user_version`).Scan(&v)
	return v, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// The store's own reads and writes, under the names the tests use.

func (q *Queries) GetDebrief(ctx context.Context, id int64) (model.Debrief, error) {
	return q.getDebrief(ctx, id)
}

func (q *Queries) ListFactors(ctx context.Context, debriefID int64) ([]model.Factor, error) {
	return q.listFactors(ctx, debriefID)
}

func (q *Queries) ListLinks(ctx context.Context, debriefID int64) ([]model.Link, error) {
	return q.listLinks(ctx, debriefID)
}

func (q *Queries) GetLesson(ctx context.Context, debriefID int64) (model.Lesson, error) {
	return q.getLesson(ctx, debriefID)
}

func (q *Queries) SaveLesson(ctx context.Context, l *model.Lesson) error { return q.saveLesson(ctx, l) }

func (q *Queries) ListWarningSigns(ctx context.Context, debriefID int64) ([]model.WarningSign, error) {
	return q.listWarningSigns(ctx, debriefID)
}

func (q *Queries) ListChanges(ctx context.Context, debriefID int64) ([]model.ProcessChange, error) {
	return q.listChanges(ctx, debriefID)
}

func (q *Queries) ListKudos(ctx context.Context, debriefID int64) ([]model.Kudos, error) {
	return q.listKudos(ctx, debriefID)
}

func (q *Queries) PutFactor(ctx context.Context, f *model.Factor) error { return q.putFactor(ctx, f) }

func (q *Queries) PutLink(ctx context.Context, l *model.Link) error { return q.putLink(ctx, l) }

// CreateDebrief stores a new debrief and sets its ID and times.
func (q *Queries) CreateDebrief(ctx context.Context, d *model.Debrief) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("create debrief: %w", err)
	}
	now := q.now()
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO debrief (title, summary, happened_at, scheduled_at, timebox_minutes, template, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.Title, d.Summary, nullTime(d.HappenedAt), nullTime(d.ScheduledAt), d.TimeboxMinutes, d.Template, d.Status, formatTime(now), formatTime(now))
		if err != nil {
			return fmt.Errorf("create debrief: %w", err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := tx.setParticipants(ctx, id, d.Participants); err != nil {
			return err
		}
		d.ID, d.CreatedAt, d.UpdatedAt = id, now.UTC(), now.UTC()
		return nil
	})
}

// CreateFactor stores a new card and sets its ID and creation time.
func (q *Queries) CreateFactor(ctx context.Context, f *model.Factor) error {
	if err := f.Validate(); err != nil {
		return fmt.Errorf("create card: %w", err)
	}
	now := q.now()
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO factor (debrief_id, text, category, x, y, w, h, z, author, votes, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.DebriefID, f.Text, f.Category, f.X, f.Y, f.W, f.H, f.Z, nullString(f.Author), f.Votes, formatTime(now))
		if err != nil {
			return fmt.Errorf("create card in debrief %d: %w", f.DebriefID, err)
		}
		f.ID, err = res.LastInsertId()
		f.CreatedAt = now.UTC()
		return err
	})
}

// GetFactor reads one card.
func (q *Queries) GetFactor(ctx context.Context, id int64) (model.Factor, error) {
	f, err := scanFactor(q.q.QueryRowContext(ctx, `SELECT `+factorColumns+` FROM factor WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("card %d: %w", id, ErrNotFound)
	}
	return f, err
}

// UpdateFactor saves every field of a card but its debrief and creation time.
func (q *Queries) UpdateFactor(ctx context.Context, f *model.Factor) error {
	if err := f.Validate(); err != nil {
		return fmt.Errorf("save card %d: %w", f.ID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE factor SET text = ?, category = ?, x = ?, y = ?, w = ?, h = ?, z = ?, author = ?, votes = ? WHERE id = ?`,
			f.Text, f.Category, f.X, f.Y, f.W, f.H, f.Z, nullString(f.Author), f.Votes, f.ID)
		if err != nil {
			return fmt.Errorf("save card %d: %w", f.ID, err)
		}
		return mustAffect(res, "card", f.ID)
	})
}

// MoveFactor saves a card's new position.
func (q *Queries) MoveFactor(ctx context.Context, id int64, x, y float64) error {
	if err := (model.Factor{Category: model.Technical, X: x, Y: y, W: 1, H: 1}).Validate(); err != nil {
		return fmt.Errorf("move card %d: %w", id, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE factor SET x = ?, y = ? WHERE id = ?`, x, y, id)
		if err != nil {
			return fmt.Errorf("move card %d: %w", id, err)
		}
		return mustAffect(res, "card", id)
	})
}

// DeleteFactor removes a card and its links; warning signs and kudos that
// pointed at it stay, pointing at nothing.
func (q *Queries) DeleteFactor(ctx context.Context, id int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM factor WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete card %d: %w", id, err)
		}
		return mustAffect(res, "card", id)
	})
}

// CreateLink stores a "contributed to" arrow between two cards of the same debrief.
func (q *Queries) CreateLink(ctx context.Context, l *model.Link) error {
	if err := l.Validate(); err != nil {
		return fmt.Errorf("create link: %w", err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO link (debrief_id, from_factor, to_factor, label)
			SELECT ?, ?, ?, ? WHERE (SELECT count(*) FROM factor WHERE id IN (?, ?) AND +debrief_id = ?) = 2`,
			l.DebriefID, l.FromID, l.ToID, l.Label, l.FromID, l.ToID, l.DebriefID)
		if err != nil {
			return fmt.Errorf("create link %d→%d: %w", l.FromID, l.ToID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("create link %d→%d: both cards must be in debrief %d: %w", l.FromID, l.ToID, l.DebriefID, ErrNotFound)
		}
		l.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateLink saves a link's label.
func (q *Queries) UpdateLink(ctx context.Context, l *model.Link) error {
	if err := l.Validate(); err != nil {
		return fmt.Errorf("save link %d: %w", l.ID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE link SET label = ? WHERE id = ?`, l.Label, l.ID)
		if err != nil {
			return fmt.Errorf("save link %d: %w", l.ID, err)
		}
		return mustAffect(res, "link", l.ID)
	})
}

// DeleteLink removes a link.
func (q *Queries) DeleteLink(ctx context.Context, id int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM link WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete link %d: %w", id, err)
		}
		return mustAffect(res, "link", id)
	})
}

// CreateWarningSign stores a missed warning sign and sets its ID.
func (q *Queries) CreateWarningSign(ctx context.Context, w *model.WarningSign) error {
	if err := w.Validate(); err != nil {
		return fmt.Errorf("create warning sign: %w", err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO warning_sign (debrief_id, position, text, factor_id) VALUES (?, ?, ?, ?)`,
			w.DebriefID, w.Position, w.Text, nullID(w.FactorID))
		if err != nil {
			return fmt.Errorf("create warning sign in debrief %d: %w", w.DebriefID, err)
		}
		w.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateWarningSign saves a warning sign's text, order and card.
func (q *Queries) UpdateWarningSign(ctx context.Context, w *model.WarningSign) error {
	if err := w.Validate(); err != nil {
		return fmt.Errorf("save warning sign %d: %w", w.ID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE warning_sign SET position = ?, text = ?, factor_id = ? WHERE id = ?`,
			w.Position, w.Text, nullID(w.FactorID), w.ID)
		if err != nil {
			return fmt.Errorf("save warning sign %d: %w", w.ID, err)
		}
		return mustAffect(res, "warning sign", w.ID)
	})
}

// DeleteWarningSign removes a warning sign.
func (q *Queries) DeleteWarningSign(ctx context.Context, id int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM warning_sign WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete warning sign %d: %w", id, err)
		}
		return mustAffect(res, "warning sign", id)
	})
}

// CreateChange stores a candidate process change and sets its ID.
// Creating it as chosen fails with model.ErrSeveralChosen when another is.
func (q *Queries) CreateChange(ctx context.Context, c *model.ProcessChange) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("create process change: %w", err)
	}
	now := q.now()
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO process_change (debrief_id, what, owner, check_back, measure, votes, chosen, outcome, outcome_note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.DebriefID, c.What, c.Owner, nullDate(c.CheckBack), c.Measure, c.Votes, c.Chosen, c.Outcome, c.OutcomeNote, formatTime(now))
		if err != nil {
			return changeError("create process change in debrief", c.DebriefID, err)
		}
		c.ID, err = res.LastInsertId()
		c.CreatedAt = now.UTC()
		return err
	})
}

// UpdateChange saves a change. Marking it chosen while another is fails
// with model.ErrSeveralChosen; use ChooseChange to switch.
func (q *Queries) UpdateChange(ctx context.Context, c *model.ProcessChange) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("save process change %d: %w", c.ID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE process_change SET what = ?, owner = ?, check_back = ?, measure = ?, votes = ?,
			chosen = ?, outcome = ?, outcome_note = ? WHERE id = ?`,
			c.What, c.Owner, nullDate(c.CheckBack), c.Measure, c.Votes, c.Chosen, c.Outcome, c.OutcomeNote, c.ID)
		if err != nil {
			return changeError("save process change", c.ID, err)
		}
		return mustAffect(res, "process change", c.ID)
	})
}

// ChooseChange makes changeID the one chosen change of its debrief and
// un-chooses any other; changeID 0 leaves none chosen.
func (q *Queries) ChooseChange(ctx context.Context, debriefID, changeID int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE process_change SET chosen = 0 WHERE debrief_id = ? AND chosen = 1`, debriefID); err != nil {
			return fmt.Errorf("choose process change %d: %w", changeID, err)
		}
		if changeID == 0 {
			return nil
		}
		res, err := tx.q.ExecContext(ctx, `UPDATE process_change SET chosen = 1 WHERE id = ? AND debrief_id = ?`, changeID, debriefID)
		if err != nil {
			return fmt.Errorf("choose process change %d: %w", changeID, err)
		}
		return mustAffect(res, "process change", changeID)
	})
}

// DeleteChange removes a candidate change.
func (q *Queries) DeleteChange(ctx context.Context, id int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM process_change WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete process change %d: %w", id, err)
		}
		return mustAffect(res, "process change", id)
	})
}

// CreateKudos stores a thank-you and sets its ID.
func (q *Queries) CreateKudos(ctx context.Context, k *model.Kudos) error {
	if err := k.Validate(); err != nil {
		return fmt.Errorf("create kudos: %w", err)
	}
	now := q.now()
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO kudos (debrief_id, who, what, factor_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			k.DebriefID, k.Who, k.For, nullID(k.FactorID), formatTime(now))
		if err != nil {
			return fmt.Errorf("create kudos in debrief %d: %w", k.DebriefID, err)
		}
		k.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateKudos saves a kudos' fields.
func (q *Queries) UpdateKudos(ctx context.Context, k *model.Kudos) error {
	if err := k.Validate(); err != nil {
		return fmt.Errorf("save kudos %d: %w", k.ID, err)
	}
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE kudos SET who = ?, what = ?, factor_id = ? WHERE id = ?`, k.Who, k.For, nullID(k.FactorID), k.ID)
		if err != nil {
			return fmt.Errorf("save kudos %d: %w", k.ID, err)
		}
		return mustAffect(res, "kudos", k.ID)
	})
}

// DeleteKudos removes a kudos.
func (q *Queries) DeleteKudos(ctx context.Context, id int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM kudos WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete kudos %d: %w", id, err)
		}
		return mustAffect(res, "kudos", id)
	})
}

// Conn is one of the database's own connections, as the app's queries get
// them (for tests of what every connection is opened with).
func (db *DB) Conn(ctx context.Context) (*sql.Conn, error) { return db.sql.Conn(ctx) }

// ReadOnlyDSN is the DSN the checks read a file through.
func ReadOnlyDSN(path string) string { return dsn(path, true) }

// DeleteDebrief removes a debrief and everything in it at once, as
// purging the Trash does: for tests of the cascade.
func (q *Queries) DeleteDebrief(ctx context.Context, id int64) error {
	return q.atomic(ctx, func(tx *Queries) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM debrief WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete debrief %d: %w", id, err)
		}
		return mustAffect(res, "debrief", id)
	})
}

// LatestVersion is the schema version the migrations make.
func LatestVersion() int { return latestVersion() }

// MigrationCount is how many migrations there are: fewer than
// LatestVersion when a number is skipped (the runner applies the numbers
// it finds, in order).
func MigrationCount() int { return len(migrations()) }

// CreateAtVersion makes a new database at path with the schema as it was
// at migration version (as an older Debrief made it, by the same embedded
// migrations) and opens it without upgrading it. Only writes are safe on
// it: reads expect the newest schema. Close it, and store.Open upgrades it.
func CreateAtVersion(path string, version int) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := prepareFile(abs); err != nil {
		return nil, err
	}
	sqlDB, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, err
	}
	db := &DB{Queries: Queries{q: sqlDB, now: time.Now}, sql: sqlDB, path: abs, created: true}
	if err := db.migrate(context.Background(), version); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return db, nil
}
