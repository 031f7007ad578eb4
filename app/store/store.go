package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks an SQLite file as a Debrief database
// (PRAGMA application_id; the bytes spell "DBRF").
const ApplicationID = 0x44425246

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Errors that say what kind of file was refused. Open wraps them in an
// *OpenError that names the file.
var (
	ErrNotSQLite    = errors.New("it is not a database file")
	ErrForeign      = errors.New("it is an SQLite database, but not one of Debrief's")
	ErrNewerVersion = errors.New("it was made by a newer version of Debrief")
	ErrUnreadable   = errors.New("it is damaged or unreadable")
	ErrNotFound     = errors.New("not found")
)

// OpenError says which database could not be opened and why.
type OpenError struct {
	Path string
	Err  error
}

func (e *OpenError) Error() string {
	advice := "pass another file with --db, or restore a backup"
	if errors.Is(e.Err, ErrNewerVersion) {
		advice = "update Debrief to open it, or pass another file with --db"
	}
	return fmt.Sprintf("Cannot open %s: %v; %s.", e.Path, e.Err, advice)
}

func (e *OpenError) Unwrap() error { return e.Err }

// DB is an open Debrief database. Its embedded Queries run each call as a
// transaction of its own; WithTx groups several.
type DB struct {
	Queries
	sql     *sql.DB
	path    string
	created bool
}

// Open opens the Debrief database at path, creating it (mode 0600, in a
// folder made with mode 0700) when it does not exist, and brings its schema
// up to date. A file that is not a Debrief database, or that a newer
// Debrief made, is refused without being modified.
func Open(path string) (*DB, error) {
	return open(path, time.Now)
}

func open(path string, now func() time.Time) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{path, err}
	}
	created, err := prepareFile(abs)
	if err != nil {
		return nil, &OpenError{abs, err}
	}
	if !created {
		empty, err := inspect(abs)
		if err != nil {
			return nil, &OpenError{abs, err}
		}
		created = empty
	}
	sqlDB, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, &OpenError{abs, err}
	}
	db := &DB{Queries: Queries{q: sqlDB, now: now}, sql: sqlDB, path: abs, created: created}
	if err := db.migrate(context.Background()); err != nil {
		sqlDB.Close()
		return nil, &OpenError{abs, err}
	}
	return db, nil
}

// dsn builds a modernc DSN whose pragmas apply to every pooled connection.
func dsn(path string, readOnly bool) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	if readOnly {
		return "file:" + esc + "?mode=ro&_pragma=busy_timeout(5000)"
	}
	// secure_delete overwrites deleted content with zeros, so a name taken
	// off an anonymous card is not left in the file's free space.
	return "file:" + esc + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_txlock=immediate"
}

// prepareFile makes the folder and, when there is no file yet, an empty one
// with mode 0600, so the database is never readable by others. It reports
// whether the file is new (or was empty).
func prepareFile(path string) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, err
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return false, err
		}
		return true, f.Close()
	case err != nil:
		return false, err
	case st.IsDir():
		return false, errors.New("it is a folder, not a file")
	}
	return st.Size() == 0, nil
}

// inspect looks at an existing file without writing to it and refuses it
// unless it is an empty SQLite database or a Debrief database this version
// understands. It reports whether the database is empty.
func inspect(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	magic := make([]byte, 16)
	_, err = io.ReadFull(f, magic)
	f.Close()
	if err != nil || string(magic) != "SQLite format 3\x00" {
		return false, ErrNotSQLite
	}
	ro, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return false, err
	}
	defer ro.Close()
	var appID, version, tables int
	err = ro.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table')`).Scan(&appID, &version, &tables)
	if err != nil {
		return false, fmt.Errorf("%w (%v)", ErrUnreadable, err)
	}
	switch {
	case appID == 0 && tables == 0:
		return true, nil
	case appID != ApplicationID:
		return false, ErrForeign
	case version > latestVersion():
		return false, fmt.Errorf("%w (schema %d; this version knows up to %d)", ErrNewerVersion, version, latestVersion())
	}
	return false, nil
}

// Path is the database file's absolute path.
func (db *DB) Path() string { return db.path }

// Created reports whether Open created the database (or found it empty),
// so the caller may seed it.
func (db *DB) Created() bool { return db.created }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// SetClock replaces the clock used for created/updated times (for tests).
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// WithTx runs fn in one transaction: if fn returns an error or panics,
// nothing it wrote is kept.
func (db *DB) WithTx(ctx context.Context, fn func(tx *Queries) error) (err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(&Queries{q: tx, now: db.now}); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// SchemaVersion is the newest migration applied to the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, `SELECT user_version FROM pragma_user_version`).Scan(&v)
	return v, err
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the embedded schema migrations in order, read once.
var migrations = sync.OnceValue(func() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("migration file without a number: " + e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms
})

func latestVersion() int {
	ms := migrations()
	return ms[len(ms)-1].version
}

// migrate applies each pending migration in its own transaction and records
// it in schema_migration. Another process migrating at the same moment is
// harmless: the version is re-read inside the (immediate) transaction.
func (db *DB) migrate(ctx context.Context) error {
	for _, m := range migrations() {
		err := db.WithTx(ctx, func(tx *Queries) error {
			var current int
			if err := tx.q.QueryRowContext(ctx, `SELECT user_version FROM pragma_user_version`).Scan(&current); err != nil {
				return err
			}
			if current >= m.version {
				return nil
			}
			if _, err := tx.q.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
				return err
			}
			if _, err := tx.q.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.q.ExecContext(ctx, `INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, formatTime(db.now())); err != nil {
				return err
			}
			_, err := tx.q.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", m.version, ApplicationID))
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.name, err)
		}
	}
	return nil
}
