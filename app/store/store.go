package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
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

	"github.com/debrief-app/debrief/app/model"

	"modernc.org/sqlite" // registers the "sqlite" driver
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
	ErrReadOnly     = errors.New("it is read-only: the file or its folder cannot be written")
	ErrNotFound     = errors.New("not found")
	// ErrBusy is another program holding the database's write lock for
	// longer than SQLite waits (5 s): nothing is wrong with the file.
	ErrBusy = errors.New("the database is busy (another program is writing it)")
)

// sqliteBusy is SQLite's SQLITE_BUSY, the low byte of its extended codes.
const sqliteBusy = 5

// IsBusy reports whether err is the database being busy: ErrBusy, or
// SQLite's "database is locked" from any query.
func IsBusy(err error) bool {
	if errors.Is(err, ErrBusy) {
		return true
	}
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqliteBusy
}

// busyOr is ErrBusy when err is SQLite's "database is locked", else err.
func busyOr(err error) error {
	if err != nil && IsBusy(err) {
		return ErrBusy
	}
	return err
}

// OpenError says which database could not be opened and why.
type OpenError struct {
	Path    string
	Err     error
	Backups string // the backups folder, when it holds backups of this database
}

func (e *OpenError) Error() string {
	advice := "pass another file with --db, or restore a backup"
	switch {
	case errors.Is(e.Err, ErrBusy):
		advice = "wait until it has finished, or close it, then try again"
	case errors.Is(e.Err, ErrNewerVersion):
		advice = "update Debrief to open it, or pass another file with --db"
	case errors.Is(e.Err, ErrReadOnly):
		advice = "make it writable, or copy it to a folder you can write and pass that with --db"
	case e.Backups != "":
		advice = fmt.Sprintf("restore a backup instead: debrief --db %s restore --from FILE (backups are in %s)", quoteArg(e.Path), e.Backups)
	}
	return fmt.Sprintf("Cannot open %s: %v; %s.", e.Path, e.Err, advice)
}

// openError names path and, when there are backups of it, their folder.
// A busy database is not offered its backups: nothing is wrong with it.
func openError(path string, err error) *OpenError {
	e := &OpenError{Path: path, Err: err}
	if errors.Is(err, ErrBusy) {
		return e
	}
	if list, lerr := ListBackups(path); lerr == nil && len(list) > 0 {
		e.Backups = BackupsDir(path)
	}
	return e
}

// quoteArg quotes a path for a command line when it needs it.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"$`!&;|<>()*?[]{}#~") {
		return s
	}
	if !strings.ContainsAny(s, "\"$`") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
		return nil, &OpenError{Path: path, Err: err}
	}
	// Through a symbolic link, the file it leads to: it is made there when
	// new, and its -wal and -shm are beside it (as SQLite puts them).
	file := located(abs)
	created, err := prepareFile(file)
	if err != nil {
		return nil, openError(abs, err)
	}
	if !created {
		empty, err := inspect(file)
		if err != nil {
			return nil, openError(abs, err)
		}
		created = empty
	}
	if err := writable(file); err != nil {
		return nil, openError(abs, err)
	}
	sqlDB, err := sql.Open("sqlite", dsn(file, false))
	if err != nil {
		return nil, openError(abs, err)
	}
	db := &DB{Queries: Queries{q: sqlDB, now: now}, sql: sqlDB, path: abs, created: created}
	if err := db.migrate(context.Background(), latestVersion()); err != nil {
		sqlDB.Close()
		return nil, openError(abs, busyOr(err))
	}
	cleanStaleTemps(abs)
	return db, nil
}

// writable refuses a database that could be read but not written, which
// SQLite would open only to fail at the first edit: the file must open for
// writing, and so must its -wal and -shm files, or its folder must take
// new ones.
func writable(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		switch {
		case errors.Is(err, fs.ErrPermission):
			return ErrReadOnly
		case errors.Is(err, fs.ErrNotExist) && p != path:
			continue // SQLite makes it
		case err != nil:
			return err
		}
		f.Close()
	}
	if !folderWritable(filepath.Dir(path)) {
		return ErrReadOnly
	}
	return nil
}

// dsn builds a modernc DSN whose pragmas apply to every pooled connection.
//
// Every connection is defensive (SQLITE_DBCONFIG_DEFENSIVE: no
// writable_schema, no journal_mode=OFF, no writes to sqlite_dbpage) and
// does not trust the schema (trusted_schema=0: only functions and virtual
// tables SQLite marks harmless may be used by views, triggers, CHECK
// constraints, defaults and indexes), as SQLite advises for files that may
// come from someone else. The schema check
// (verifySchema) refuses such objects before; this is the second fence.
func dsn(path string, readOnly bool) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	const hardened = "&_defensive=1&_pragma=trusted_schema(0)"
	if readOnly {
		return "file:" + esc + "?mode=ro&_pragma=busy_timeout(5000)" + hardened
	}
	// secure_delete overwrites deleted content with zeros, so a name taken
	// off an anonymous card is not left in the file's free space.
	return "file:" + esc + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_txlock=immediate" + hardened
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
	case !st.Mode().IsRegular():
		return false, notAFile(st.Mode())
	}
	return st.Size() == 0, nil
}

// notAFile says what a path that is not a regular file is. Such a path is
// never opened: a named pipe would block the open for ever.
func notAFile(mode fs.FileMode) error {
	var what string
	switch {
	default:
		return errors.New("it is not a regular file")
	case mode.IsDir():
		return errors.New("it is a folder, not a file")
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeCharDevice != 0:
		what = "a character device"
	case mode&fs.ModeDevice != 0:
		what = "a block device"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	}
	return fmt.Errorf("it is %s, not a file", what)
}

// inspect looks at an existing file without writing to it and refuses it
// unless it is an empty SQLite database or a Debrief database this version
// understands, whole as far as its header and PRAGMA quick_check (a few
// milliseconds for 10,000 cards) can tell. It reports whether the
// database is empty.
func inspect(path string) (bool, error) {
	return check(path, "quick_check")
}

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// check is inspect with the given check pragma (quick_check or
// integrity_check). Its steps go from cheap to thorough, and each runs
// only when the ones before found nothing: the markers, then the schema
// (verifySchema: exactly the one Debrief's migrations make for the
// file's version), then the check pragma, which evaluates the schema's
// CHECK constraints and so must not meet a hostile one.
func check(path, checkPragma string) (bool, error) {
	walMode, err := checkHeader(path)
	if err != nil {
		return false, err
	}
	var appID, version, objects int
	var result string
	var refused error
	err = withReadOnlyFile(path, walMode, func(ro *sql.DB) error {
		err := ro.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
			(SELECT user_version FROM pragma_user_version),
			(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &objects)
		if err != nil {
			return err
		}
		switch {
		case appID == 0 && objects == 0:
			return nil
		case appID != ApplicationID:
			refused = ErrForeign
			return nil
		case version > latestVersion():
			refused = fmt.Errorf("%w (schema %d; this version knows up to %d)", ErrNewerVersion, version, latestVersion())
			return nil
		}
		if err := verifySchema(context.Background(), ro, version); err != nil {
			if errors.Is(err, ErrSchema) {
				refused = err
				return nil
			}
			return err
		}
		return ro.QueryRow(`PRAGMA ` + checkPragma).Scan(&result)
	})
	switch {
	case err != nil && IsBusy(err):
		return false, ErrBusy
	case err != nil:
		return false, fmt.Errorf("%w (%v)", ErrUnreadable, err)
	case refused != nil:
		return false, refused
	case appID == 0 && objects == 0:
		return true, nil
	case result != "ok":
		return false, fmt.Errorf("%w (%s)", ErrUnreadable, model.OneLine(result))
	}
	return false, nil
}

// checkHeader reads the 100-byte SQLite header and refuses a file that is
// not SQLite, or is shorter than its header says. The size in the header
// is trusted only when it is valid (its "version-valid-for" number equals
// the change counter) and no -wal holds newer pages. It reports whether
// the file is in WAL mode.
func checkHeader(path string) (walMode bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	hdr := make([]byte, 100)
	n, _ := io.ReadFull(f, hdr)
	if n < len(sqliteMagic) || string(hdr[:len(sqliteMagic)]) != sqliteMagic {
		return false, ErrNotSQLite
	}
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	if n < len(hdr) {
		return false, fmt.Errorf("%w (it was cut short: %d bytes)", ErrUnreadable, st.Size())
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return false, fmt.Errorf("%w (its header is damaged)", ErrUnreadable)
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return hdr[18] == 2, nil // the size in the file's header may be older
	}
	pages := int64(binary.BigEndian.Uint32(hdr[28:]))
	valid := binary.BigEndian.Uint32(hdr[92:]) == binary.BigEndian.Uint32(hdr[24:])
	if want := pageSize * pages; valid && st.Size() < want || st.Size() < pageSize {
		return false, fmt.Errorf("%w (it was cut short: %d of %d bytes)", ErrUnreadable, st.Size(), max(want, pageSize))
	}
	return hdr[18] == 2, nil
}

// withReadOnly runs fn with a read-only connection to the database file
// at path.
func withReadOnly(path string, fn func(ro *sql.DB) error) error {
	walMode, err := checkHeader(path)
	if err != nil {
		return err
	}
	return withReadOnlyFile(path, walMode, fn)
}

// withReadOnlyFile runs fn with a read-only connection to path. A file in
// WAL mode without a -wal beside it has nothing open on it: it is read as
// immutable, for SQLite would otherwise leave an empty -wal and a -shm
// beside it.
func withReadOnlyFile(path string, walMode bool, fn func(ro *sql.DB) error) error {
	source := dsn(path, true)
	if _, err := os.Lstat(path + "-wal"); walMode && errors.Is(err, fs.ErrNotExist) {
		source += "&immutable=1"
	}
	ro, err := sql.Open("sqlite", source)
	if err != nil {
		return err
	}
	defer ro.Close()
	ro.SetMaxOpenConns(1)
	return fn(ro)
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

// migrate applies each pending migration up to version upTo (the latest,
// but for tests that make a database as an older Debrief did) in its own
// transaction and records it in schema_migration. Another process migrating at the same moment is
// harmless: the version is re-read inside the (immediate) transaction.
//
// Before it upgrades a database that has a schema, it takes a backup
// (BackupBeforeMigration) named with the first version it will apply; a
// new database gets none.
//
// A database whose schema is current is only read: opening it needs no
// write lock, so it opens while another program writes. upTo is the last
// version to apply (latestVersion(); tests make older databases).
func (db *DB) migrate(ctx context.Context, upTo int) error {
	var current int
	if err := db.sql.QueryRowContext(ctx, `SELECT user_version FROM pragma_user_version`).Scan(&current); err != nil {
		return err
	}
	if current >= upTo {
		return nil
	}
	if current >= 1 {
		for _, m := range migrations() {
			if m.version > current && m.version <= upTo {
				if _, err := db.backup(ctx, BackupBeforeMigration, m.version); err != nil {
					return fmt.Errorf("back up the database before upgrading it: %w", err)
				}
				break
			}
		}
	}
	return db.migrateTo(ctx, upTo)
}

// migrateTo applies the migrations up to version that the database lacks,
// each in its own transaction. It also makes the expected schema of each
// version (expectedSchema), so what it does is what the check expects.
func (db *DB) migrateTo(ctx context.Context, version int) error {
	for _, m := range migrations() {
		if m.version > version {
			break
		}
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
