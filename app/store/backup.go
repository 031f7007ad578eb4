package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// BackupKind says why a backup was taken.
type BackupKind int

const (
	BackupDaily           BackupKind = iota // the once-a-day backup at start-up
	BackupBeforeMigration                   // taken before a schema migration
	BackupReplaced                          // the database a restore replaced
)

func (k BackupKind) String() string {
	switch k {
	case BackupDaily:
		return "daily"
	case BackupBeforeMigration:
		return "before an upgrade"
	case BackupReplaced:
		return "replaced by a restore"
	}
	return "backup kind " + strconv.Itoa(int(k))
}

// Backup is one backup file of a database.
type Backup struct {
	Path  string
	Taken time.Time // from the file name, UTC
	Kind  BackupKind
	Size  int64
}

// keepDaily is how many daily backups are kept; backups taken before a
// migration or of a replaced database are never removed.
const keepDaily = 7

// backupStamp is the UTC time in a backup's name, to the second.
const backupStamp = "20060102T150405Z"

// BackupsDir is the "backups" folder beside the database (absolute). When
// dbPath is a symbolic link, that is beside the file it leads to: a
// database has one backups folder and one history whichever path it is
// opened by.
func BackupsDir(dbPath string) string {
	return filepath.Join(filepath.Dir(located(dbPath)), "backups")
}

// backupBase is the start of a database's backup names: its file name
// without the extension ("debrief" for debrief.db), the name of the file
// a symbolic link leads to.
func backupBase(dbPath string) string {
	name := filepath.Base(located(dbPath))
	if ext := filepath.Ext(name); ext != "" && ext != name {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}

// backupName is <base>-<stamp>[-before-vN|-replaced][-n].db; n counts
// backups of one kind taken in the same second, from 2.
func backupName(base string, taken time.Time, kind BackupKind, version, n int) string {
	var b strings.Builder
	b.WriteString(base + "-" + taken.UTC().Format(backupStamp))
	switch kind {
	case BackupBeforeMigration:
		fmt.Fprintf(&b, "-before-v%d", version)
	case BackupReplaced:
		b.WriteString("-replaced")
	}
	if n > 1 {
		fmt.Fprintf(&b, "-%d", n)
	}
	b.WriteString(".db")
	return b.String()
}

// backupPattern matches the names backupName makes for base.
func backupPattern(base string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `-([0-9]{8}T[0-9]{6}Z)(-before-v[0-9]+|-replaced)?(?:-([0-9]+))?\.db$`)
}

// Backup takes a daily backup now, then removes all but the newest seven
// daily backups.
func (db *DB) Backup(ctx context.Context) (Backup, error) {
	cleanStaleTemps(db.path) // what a backup killed half-way left
	b, err := db.backup(ctx, BackupDaily, 0)
	if err != nil {
		return Backup{}, err
	}
	if err := pruneDaily(db.path); err != nil {
		return b, fmt.Errorf("the backup %s was taken, but older ones could not be removed: %w", b.Path, err)
	}
	return b, nil
}

// BackupIfDue takes a daily backup (as Backup does) when the newest daily
// backup is more than a day old by the database's clock, or there is none;
// otherwise it returns that backup. Should the clock have been put back,
// backups dated more than a day ahead of it do not count.
func (db *DB) BackupIfDue(ctx context.Context) (b Backup, made bool, err error) {
	list, err := ListBackups(db.path)
	if err != nil {
		return Backup{}, false, err
	}
	now := db.now()
	for _, old := range list {
		if age := now.Sub(old.Taken); old.Kind == BackupDaily && age <= 24*time.Hour && age >= -24*time.Hour {
			return old, false, nil
		}
	}
	b, err = db.Backup(ctx)
	return b, b.Path != "", err
}

// backup writes a copy of the database with VACUUM INTO into a temporary
// file in the backups folder and gives it its name only once complete.
func (db *DB) backup(ctx context.Context, kind BackupKind, version int) (Backup, error) {
	dir := BackupsDir(db.path)
	taken := db.now().UTC().Truncate(time.Second)
	tmp, err := newTemp(dir, backupBase(db.path))
	if err != nil {
		return Backup{}, fmt.Errorf("back up %s: %w", db.path, err)
	}
	defer os.Remove(tmp) // a no-op once it has its name
	// VACUUM INTO writes into an existing file only when it is empty, as
	// newTemp's is; the file keeps the mode 0600 newTemp gave it.
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return Backup{}, fmt.Errorf("back up %s: %w", db.path, err)
	}
	if err := syncFile(tmp); err != nil {
		return Backup{}, fmt.Errorf("back up %s: %w", db.path, err)
	}
	path, err := publish(tmp, dir, func(n int) string { return backupName(backupBase(db.path), taken, kind, version, n) })
	if err != nil {
		return Backup{}, fmt.Errorf("back up %s: %w", db.path, err)
	}
	b := Backup{Path: path, Taken: taken, Kind: kind}
	if st, err := os.Stat(path); err == nil {
		b.Size = st.Size()
	}
	return b, nil
}

// newTemp makes the backups folder (mode 0700) when needed and an empty
// temporary file in it with mode 0600. Its name starts with a dot, so it
// is never taken for a backup.
func newTemp(dir, base string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "."+base+"-*.tmp") // mode 0600
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// publish gives the complete file tmp the first free name that name(n)
// makes for n = 1, 2, ..., never replacing a file, and syncs the folder.
func publish(tmp, dir string, name func(n int) string) (string, error) {
	for n := 1; n <= 1000; n++ {
		path := filepath.Join(dir, name(n))
		err := os.Link(tmp, path) // fails if path exists
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// No hard links here (some file systems): check, then rename.
			if _, serr := os.Lstat(path); serr == nil {
				continue
			}
			if err := os.Rename(tmp, path); err != nil {
				return "", err
			}
		} else if err := os.Remove(tmp); err != nil {
			return "", err
		}
		return path, syncDir(dir)
	}
	return "", fmt.Errorf("too many backups named like %s", name(1))
}

// ListBackups lists the backups of the database at dbPath, newest first.
// Only files named as Debrief names its backups count; no backups folder
// means no backups.
func ListBackups(dbPath string) ([]Backup, error) {
	dir := BackupsDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	pattern := backupPattern(backupBase(dbPath))
	type found struct {
		Backup
		n int
	}
	var list []found
	for _, e := range entries {
		m := pattern.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		taken, err := time.Parse(backupStamp, m[1])
		if err != nil {
			continue
		}
		f := found{Backup: Backup{Path: filepath.Join(dir, e.Name()), Taken: taken.UTC(), Kind: BackupDaily}, n: 1}
		switch {
		case m[2] == "-replaced":
			f.Kind = BackupReplaced
		case m[2] != "":
			f.Kind = BackupBeforeMigration
		}
		if m[3] != "" {
			f.n, _ = strconv.Atoi(m[3])
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		f.Size = info.Size()
		list = append(list, f)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if !a.Taken.Equal(b.Taken) {
			return a.Taken.After(b.Taken)
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return a.Path > b.Path
	})
	out := make([]Backup, len(list))
	for i, f := range list {
		out[i] = f.Backup
	}
	return out, nil
}

// pruneDaily removes all but the newest keepDaily daily backups.
func pruneDaily(dbPath string) error {
	list, err := ListBackups(dbPath)
	if err != nil {
		return err
	}
	var errs []error
	daily := 0
	for _, b := range list {
		if b.Kind != BackupDaily {
			continue
		}
		if daily++; daily > keepDaily {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Restore replaces the database at dbPath with the database in the file
// from. It must be called while nothing has the database open.
//
// It first checks from without writing to it: it must be a Debrief
// database this version understands that passes PRAGMA integrity_check;
// if not, the error wraps ErrNotSQLite, ErrForeign, ErrNewerVersion or
// ErrUnreadable and nothing is changed. Then it keeps a byte copy of the
// current database (and of its -wal) in the backups folder, kind
// BackupReplaced, and returns that copy's path ("" when there was no
// database). Last it puts a copy of from in the database's place in one
// rename.
//
// When dbPath is a symbolic link, the file it leads to is replaced and the
// link is kept; the copy is kept in that file's backups folder (see
// BackupsDir).
func Restore(dbPath, from string) (kept string, err error) {
	name, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	db := located(name)
	src, err := filepath.Abs(from)
	if err != nil {
		return "", err
	}
	srcFile := located(src) // its -wal, if any, is beside the file
	refuse := func(err error) error {
		return fmt.Errorf("cannot restore from %s: %w; nothing was changed", src, err)
	}
	st, err := os.Stat(src)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the message names the file once
		}
		return "", refuse(err)
	}
	if st.IsDir() {
		return "", refuse(errors.New("it is a folder, not a file"))
	}
	if cur, err := os.Stat(db); err == nil && os.SameFile(st, cur) {
		return "", refuse(errors.New("it is the database itself"))
	}
	if err := checkRestorable(srcFile); err != nil {
		return "", refuse(err)
	}

	if _, err := os.Lstat(db); err == nil {
		if kept, err = keepReplaced(db); err != nil {
			return "", fmt.Errorf("keep a copy of %s before restoring: %w; nothing was changed", name, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}

	dir := filepath.Dir(db)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return kept, err
	}
	tmp, err := copyToTemp(srcFile, dir, backupBase(db))
	if err != nil {
		return kept, fmt.Errorf("copy %s: %w; %s was not changed", src, err, name)
	}
	defer os.Remove(tmp) // a no-op once renamed
	// The old database's journals would be applied to the new file: they
	// go first (the copy kept above has them).
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(db + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kept, fmt.Errorf("remove %s: %w", db+suffix, err)
		}
	}
	if err := os.Rename(tmp, db); err != nil {
		return kept, err
	}
	return kept, syncDir(dir)
}

// checkRestorable refuses a file that is not a whole Debrief database this
// version can open, as PRAGMA integrity_check sees it, with exactly the
// schema Debrief makes (verifySchema). It writes nothing (a file in WAL
// mode with a -wal beside it gets a -shm, as any reader makes). What is
// not a regular file (a named pipe, a device) is refused before it is
// opened: opening a named pipe waits for a writer for ever.
func checkRestorable(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return notAFile(st.Mode())
	}
	empty, err := check(path, "integrity_check")
	if err != nil {
		return err
	}
	if empty {
		return ErrForeign
	}
	return nil
}

// keepReplaced copies the database file, and its -wal if it has one, into
// the backups folder as a BackupReplaced: byte for byte, since the file
// may be damaged (often the reason to restore).
func keepReplaced(db string) (string, error) {
	dir := BackupsDir(db)
	base := backupBase(db)
	tmp, err := newTemp(dir, base)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	if err := copyInto(tmp, db); err != nil {
		return "", err
	}
	taken := time.Now().UTC().Truncate(time.Second)
	path, err := publish(tmp, dir, func(n int) string { return backupName(base, taken, BackupReplaced, 0, n) })
	if err != nil {
		return "", err
	}
	// The -wal goes beside the copy under the name SQLite looks for, so
	// opening the copy reads it as the database read it.
	if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 0 {
		wtmp, err := newTemp(dir, base)
		if err != nil {
			return path, err
		}
		defer os.Remove(wtmp)
		if err := copyInto(wtmp, db+"-wal"); err != nil {
			return path, err
		}
		if err := os.Rename(wtmp, path+"-wal"); err != nil {
			return path, err
		}
		if err := syncDir(dir); err != nil {
			return path, err
		}
	}
	return path, nil
}

// copyToTemp copies the checked database src into a new temporary file
// (mode 0600) in dir and returns its name. A database whose -wal holds
// more of it is copied with VACUUM INTO through a read-only connection, so
// the copy has everything the -wal adds; any other is copied byte for byte.
func copyToTemp(src, dir, base string) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+"-*.tmp") // mode 0600
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	f.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if st, err := os.Stat(src + "-wal"); err == nil && st.Size() > 0 {
		err := withReadOnly(src, func(ro *sql.DB) error {
			_, err := ro.Exec(`VACUUM INTO ?`, tmp)
			return err
		})
		if err != nil {
			return "", err
		}
		if err := syncFile(tmp); err != nil {
			return "", err
		}
	} else if err := copyInto(tmp, src); err != nil {
		return "", err
	}
	ok = true
	return tmp, nil
}

// copyInto copies the file src into the existing file dst and syncs it.
func copyInto(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Windows cannot sync a folder (and
// needs not): there it does nothing.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
