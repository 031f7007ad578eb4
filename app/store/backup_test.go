package store_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// clock is a settable clock for a database.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// openAt opens (or creates) the database at path with its clock at c.
func openAt(t *testing.T, path string, c *clock) *store.DB {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetClock(c.now)
	t.Cleanup(func() { db.Close() })
	return db
}

// dbTitles lists, sorted, the titles of the debriefs in the database at path.
func dbTitles(t *testing.T, path string) []string {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	ds, err := db.ListDebriefs(ctx, store.AllGroups)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		out = append(out, d.Title)
	}
	sort.Strings(out)
	return out
}

// rawTitles reads the titles from a backup without store.Open (which
// would migrate or refuse it), read-only.
func rawTitles(t *testing.T, path string) []string {
	t.Helper()
	raw := rawReadOnly(t, path)
	defer raw.Close()
	rows, err := raw.Query(`SELECT title FROM debrief ORDER BY id`)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// rawReadOnly opens the SQLite file at path read-only, without store.
func rawReadOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func sameStrings(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

// treeState is every file under a folder: its mode and contents.
func treeState(t *testing.T, root string) map[string]string {
	t.Helper()
	state := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		entry := info.Mode().String()
		if d.Type().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			entry += " " + string(b)
		}
		state[path] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return state
}

func diffTrees(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			t.Errorf("%s was removed", p)
		case a != b:
			t.Errorf("%s was changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

func TestBackupKindString(t *testing.T) {
	for k, want := range map[store.BackupKind]string{
		store.BackupDaily:           "daily",
		store.BackupBeforeMigration: "before an upgrade",
		store.BackupReplaced:        "replaced by a restore",
	} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", k, got, want)
		}
	}
}

func TestBackupsDir(t *testing.T) {
	dir := t.TempDir()
	if got, want := store.BackupsDir(filepath.Join(dir, "debrief.db")), filepath.Join(dir, "backups"); got != want {
		t.Errorf("BackupsDir = %q, want %q", got, want)
	}
	t.Chdir(dir)
	if got, want := store.BackupsDir("debrief.db"), filepath.Join(dir, "backups"); !filepath.IsAbs(got) || got != want {
		t.Errorf("BackupsDir of a relative path = %q, want %q", got, want)
	}
}

func TestBackup(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "debrief.db")
	c := &clock{time.Date(2026, 11, 26, 10, 15, 0, 500_000_000, time.FixedZone("CET", 3600))}
	db := openAt(t, path, c)
	mustDebrief(t, db, "before the backup")

	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantPath := filepath.Join(dir, "backups", "debrief-20261126T091500Z.db")
	if b.Path != wantPath || b.Kind != store.BackupDaily || !b.Taken.Equal(time.Date(2026, 11, 26, 9, 15, 0, 0, time.UTC)) || b.Taken.Location() != time.UTC {
		t.Errorf("Backup = %+v, want %s, daily, taken 09:15:00 UTC", b, wantPath)
	}
	st, err := os.Stat(b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != b.Size || b.Size == 0 {
		t.Errorf("Size = %d, file has %d bytes", b.Size, st.Size())
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", st.Mode().Perm())
	}
	if dst, _ := os.Stat(filepath.Dir(b.Path)); dst.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode = %v, want 0700", dst.Mode().Perm())
	}
	mustDebrief(t, db, "after the backup")
	if got := rawTitles(t, b.Path); !sameStrings(got, []string{"before the backup"}) {
		t.Errorf("the backup holds %q, want only the debrief made before it", got)
	}

	// A second backup in the same second gets a name of its own.
	b2, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b2.Path == b.Path || !strings.HasPrefix(filepath.Base(b2.Path), "debrief-20261126T091500Z") {
		t.Errorf("second backup in the same second: %s (first %s)", b2.Path, b.Path)
	}
	if got := rawTitles(t, b.Path); len(got) != 1 {
		t.Error("the second backup overwrote the first")
	}
	list, err := store.ListBackups(path)
	if err != nil || len(list) != 2 || list[0].Path != b2.Path || list[1].Path != b.Path {
		t.Errorf("ListBackups = %+v (%v), want the two, the later first", list, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "backups", ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBackupKeepsTheNewestSevenDaily(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	c := &clock{time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)}
	db := openAt(t, path, c)
	// Old backups of other kinds, and files that are not ours, stay.
	bdir := store.BackupsDir(path)
	os.MkdirAll(bdir, 0o700)
	others := []string{"debrief-20200101T000000Z-before-v2.db", "debrief-20200102T000000Z-replaced.db",
		"notes.txt", "other-20200101T000000Z.db", "debrief-2020.db"}
	for _, name := range others {
		os.WriteFile(filepath.Join(bdir, name), []byte("x"), 0o600)
	}
	var made []string
	for day := 0; day < 10; day++ {
		b, err := db.Backup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, b.Path)
		c.t = c.t.Add(24 * time.Hour)
	}
	for i, p := range made {
		_, err := os.Stat(p)
		if kept := i >= 3; kept != (err == nil) {
			t.Errorf("backup of day %d: exists = %v, want %v", i, err == nil, kept)
		}
	}
	for _, name := range others {
		if _, err := os.Stat(filepath.Join(bdir, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
	list, err := store.ListBackups(path)
	if err != nil {
		t.Fatal(err)
	}
	var daily int
	for _, b := range list {
		if b.Kind == store.BackupDaily {
			daily++
		}
	}
	if daily != 7 || len(list) != 9 {
		t.Errorf("ListBackups has %d daily of %d, want 7 of 9: %+v", daily, len(list), list)
	}
}

func TestListBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	if list, err := store.ListBackups(path); err != nil || list != nil {
		t.Errorf("ListBackups with no backups folder = %v, %v; want nothing and no error", list, err)
	}
	bdir := store.BackupsDir(path)
	os.MkdirAll(bdir, 0o700)
	files := map[string]int{
		"debrief-20261126T101500Z.db":           3,
		"debrief-20261126T101500Z-2.db":         4,
		"debrief-20261127T000000Z-before-v3.db": 5,
		"debrief-20261125T235959Z-replaced.db":  6,
		"debrief-20261124T000000Z-replaced.db":  7,
		// not ours
		".debrief-123.tmp":                    1,
		"debrief-20261126T1015Z.db":           1,
		"debrief-20261126T101500Z.db-wal":     1,
		"debrief-20261126T101500Z.sqlite":     1,
		"debriefs-20261126T101500Z.db":        1,
		"other-20261126T101500Z.db":           1,
		"debrief-20261126T101500Z-after.db":   1,
		"debrief-20261126T101500Z-before.db":  1,
		"debrief-20261126T101500Z-replace.db": 1,
	}
	for name, size := range files {
		os.WriteFile(filepath.Join(bdir, name), bytes.Repeat([]byte("x"), size), 0o600)
	}
	os.Mkdir(filepath.Join(bdir, "debrief-20261128T000000Z.db"), 0o700) // a folder
	list, err := store.ListBackups(path)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name  string
		taken string
		kind  store.BackupKind
		size  int64
	}
	want := []row{
		{"debrief-20261127T000000Z-before-v3.db", "20261127T000000Z", store.BackupBeforeMigration, 5},
		{"debrief-20261126T101500Z-2.db", "20261126T101500Z", store.BackupDaily, 4},
		{"debrief-20261126T101500Z.db", "20261126T101500Z", store.BackupDaily, 3},
		{"debrief-20261125T235959Z-replaced.db", "20261125T235959Z", store.BackupReplaced, 6},
		{"debrief-20261124T000000Z-replaced.db", "20261124T000000Z", store.BackupReplaced, 7},
	}
	var got []row
	for _, b := range list {
		if filepath.Dir(b.Path) != bdir || b.Taken.Location() != time.UTC {
			t.Errorf("%+v: not in %s or not UTC", b, bdir)
		}
		got = append(got, row{filepath.Base(b.Path), b.Taken.Format("20060102T150405Z"), b.Kind, b.Size})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ListBackups =\n%v\nwant\n%v", got, want)
	}
}

func TestBackupIfDue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	c := &clock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	db := openAt(t, path, c)

	steps := []struct {
		name    string
		advance time.Duration
		made    bool
	}{
		{"no backup yet", 0, true},
		{"an hour later", time.Hour, false},
		{"exactly a day after the first", 23 * time.Hour, false},
		{"a day and a second after", time.Second, true},
		{"the clock put back three days", -72 * time.Hour, true},
		{"right after that", time.Minute, false},
	}
	var newest store.Backup
	for _, s := range steps {
		c.t = c.t.Add(s.advance)
		b, made, err := db.BackupIfDue(ctx)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if made != s.made {
			t.Errorf("%s: made = %v, want %v", s.name, made, s.made)
		}
		if made {
			newest = b
			if !b.Taken.Equal(c.t) {
				t.Errorf("%s: taken %v, want %v", s.name, b.Taken, c.t)
			}
		} else if b != newest {
			t.Errorf("%s: returned %+v, want the newest backup %+v", s.name, b, newest)
		}
	}
	list, _ := store.ListBackups(path)
	if len(list) != 3 {
		t.Fatalf("%d backups, want 3", len(list))
	}
}

func TestBackupIfDueIgnoresOtherKinds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	c := &clock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	db := openAt(t, path, c)
	bdir := store.BackupsDir(path)
	os.MkdirAll(bdir, 0o700)
	os.WriteFile(filepath.Join(bdir, "debrief-20260301T085900Z-before-v3.db"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(bdir, "debrief-20260301T085900Z-replaced.db"), []byte("x"), 0o600)
	if _, made, err := db.BackupIfDue(ctx); err != nil || !made {
		t.Errorf("BackupIfDue with only other kinds of backup: made = %v, %v; want a daily one", made, err)
	}
}

// makeVersion1 makes a database at path with schema version 1 (as an
// older Debrief left it) holding the debriefs titled.
func makeVersion1(t *testing.T, path string, titles ...string) {
	t.Helper()
	db, err := store.CreateAtVersion(path, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range titles {
		mustDebrief(t, db, title)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestBackupBeforeMigration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	makeVersion1(t, path, "from version 1")
	if _, err := os.Stat(store.BackupsDir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a new database got backups (%v)", err)
	}
	before, _ := os.ReadFile(path)

	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(ctx); v < 2 {
		t.Errorf("schema version after opening = %d, want ≥ 2", v)
	}
	db.Close()
	list, err := store.ListBackups(path)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups after an upgrade = %+v (%v), want one", list, err)
	}
	b := list[0]
	if b.Kind != store.BackupBeforeMigration || !regexp.MustCompile(`^debrief-[0-9]{8}T[0-9]{6}Z-before-v2\.db$`).MatchString(filepath.Base(b.Path)) {
		t.Errorf("backup %+v, want one before an upgrade named …-before-v2.db", b)
	}
	if st, _ := os.Stat(b.Path); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", st.Mode().Perm())
	}
	raw := rawReadOnly(t, b.Path)
	var version, sessions int
	raw.QueryRow(`PRAGMA user_version`).Scan(&version)
	raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'session'`).Scan(&sessions)
	raw.Close()
	if version != 1 || sessions != 0 {
		t.Errorf("the backup has schema %d and %d session tables, want the database as it was: 1 and 0", version, sessions)
	}
	if got := rawTitles(t, b.Path); !sameStrings(got, []string{"from version 1"}) {
		t.Errorf("the backup holds %q", got)
	}
	if len(before) == 0 {
		t.Fatal("no database before the upgrade")
	}

	// Opening the upgraded database again takes no backup.
	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if list, _ := store.ListBackups(path); len(list) != 1 {
		t.Errorf("%d backups after reopening, want still 1", len(list))
	}
}

// corrupt overwrites the last page of the database file at path (a page
// of cards, far from the schema) with noise; the header stays valid.
func corrupt(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	last := len(b) - page
	if last < 4*page {
		t.Fatal("database too small to damage inside")
	}
	rand.New(rand.NewSource(3)).Read(b[last:])
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// fill makes a database at path with one debrief of n cards and closes it
// (so its -wal is checkpointed and removed).
func fill(t *testing.T, path, title string, n int) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d := mustDebrief(t, db, title)
	err = db.WithTx(ctx, func(tx *store.Queries) error {
		for i := 0; i < n; i++ {
			f := model.Factor{DebriefID: d.ID, Text: fmt.Sprintf("card %d of %s", i, title), Category: model.Process, W: 1, H: 1}
			if err := tx.CreateFactor(ctx, &f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a -wal is left after closing (%v)", err)
	}
}

// truncate cuts the file at path to half its size.
func truncate(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	c := &clock{time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	db := openAt(t, path, c)
	mustDebrief(t, db, "kept by the backup")
	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustDebrief(t, db, "made after the backup")
	db.Close()
	current, _ := os.ReadFile(path)
	backup, _ := os.ReadFile(b.Path)

	kept, err := store.Restore(path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if got := dbTitles(t, path); !sameStrings(got, []string{"kept by the backup"}) {
		t.Errorf("after the restore the database holds %q, want what the backup held", got)
	}
	if after, _ := os.ReadFile(b.Path); !bytes.Equal(after, backup) {
		t.Error("the restore changed the backup it restored")
	}
	if filepath.Dir(kept) != store.BackupsDir(path) {
		t.Errorf("kept = %q, want a file in %s", kept, store.BackupsDir(path))
	}
	if k, _ := os.ReadFile(kept); !bytes.Equal(k, current) {
		t.Error("the kept copy is not the database the restore replaced, byte for byte")
	}
	for _, p := range []string{kept, path} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", p, st.Mode().Perm(), err)
		}
	}
	list, _ := store.ListBackups(path)
	var replaced []store.Backup
	for _, l := range list {
		if l.Kind == store.BackupReplaced {
			replaced = append(replaced, l)
		}
	}
	if len(replaced) != 1 || replaced[0].Path != kept || !regexp.MustCompile(`-replaced\.db$`).MatchString(kept) {
		t.Errorf("replaced backups = %+v, want the kept copy %s", replaced, kept)
	}
	if got := rawTitles(t, kept); !sameStrings(got, []string{"kept by the backup", "made after the backup"}) {
		t.Errorf("the kept copy holds %q", got)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	left2, _ := filepath.Glob(filepath.Join(store.BackupsDir(path), ".*"))
	if len(left)+len(left2) > 0 {
		t.Errorf("temporary files left: %v %v", left, left2)
	}
}

// TestRestoreAfterACrash restores over a database whose -wal still holds
// transactions (as a crash leaves it), then restores the kept copy back:
// nothing is lost either way.
func TestRestoreAfterACrash(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live", "debrief.db")
	path := filepath.Join(dir, "debrief.db")
	c := &clock{time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	db := openAt(t, live, c)
	mustDebrief(t, db, "old")
	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustDebrief(t, db, "only in the -wal")
	// Copy the file and its -wal while the database is open: a crashed
	// Debrief leaves this.
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if st, _ := os.Stat(path + "-wal"); st.Size() == 0 {
		t.Fatal("the crashed database has an empty -wal: the test needs one with transactions")
	}

	kept, err := store.Restore(path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the replaced database's %s is still there (%v)", suffix, err)
		}
	}
	if _, err := os.Stat(kept + "-wal"); err != nil {
		t.Errorf("the -wal of the replaced database was not kept: %v", err)
	}
	if got := dbTitles(t, path); !sameStrings(got, []string{"old"}) {
		t.Errorf("after the restore: %q, want the backup's", got)
	}

	// Restoring the kept copy (with its -wal) brings everything back.
	if _, err := store.Restore(path, kept); err != nil {
		t.Fatal(err)
	}
	if got := dbTitles(t, path); !sameStrings(got, []string{"old", "only in the -wal"}) {
		t.Errorf("after restoring the kept copy: %q, want both debriefs", got)
	}
}

func TestRestoreOverADamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	fill(t, path, "good", 300)
	db, _ := store.Open(path)
	b, err := db.Backup(ctx)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	truncate(t, path)
	if _, err := store.Open(path); !errors.Is(err, store.ErrUnreadable) {
		t.Fatalf("Open of the cut file: %v, want ErrUnreadable", err)
	}
	damaged, _ := os.ReadFile(path)
	kept, err := store.Restore(path, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if got := dbTitles(t, path); !sameStrings(got, []string{"good"}) {
		t.Errorf("after the restore: %q", got)
	}
	if k, _ := os.ReadFile(kept); !bytes.Equal(k, damaged) {
		t.Error("the kept copy is not the damaged file byte for byte")
	}
}

func TestRestoreWithoutADatabase(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "elsewhere", "debrief.db")
	fill(t, src, "brought over", 3)
	path := filepath.Join(dir, "new", "folder", "debrief.db")
	kept, err := store.Restore(path, src)
	if err != nil || kept != "" {
		t.Fatalf("Restore into nothing = %q, %v; want no kept copy and no error", kept, err)
	}
	if got := dbTitles(t, path); !sameStrings(got, []string{"brought over"}) {
		t.Errorf("restored database holds %q", got)
	}
	if st, _ := os.Stat(filepath.Dir(path)); st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", st.Mode().Perm())
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", st.Mode().Perm())
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	fill(t, path, "current", 5)
	db, _ := store.Open(path)
	if _, err := db.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	src := filepath.Join(dir, "sources")
	os.Mkdir(src, 0o700)
	at := func(name string) string { return filepath.Join(src, name) }

	noise := make([]byte, 8192)
	rand.New(rand.NewSource(9)).Read(noise)
	os.WriteFile(at("random.db"), noise, 0o600)
	raw := rawOpen(t, at("foreign.db"))
	raw.Exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')`)
	raw.Close()
	raw = rawOpen(t, at("empty-sqlite.db"))
	raw.Exec(`PRAGMA user_version = 0; VACUUM`)
	raw.Close()
	fill(t, at("newer.db"), "newer", 3)
	raw = rawOpen(t, at("newer.db"))
	raw.Exec(`PRAGMA user_version = 999; PRAGMA journal_mode = DELETE`)
	raw.Close()
	fill(t, at("cut.db"), "cut", 300)
	truncate(t, at("cut.db"))
	fill(t, at("damaged.db"), "damaged", 300)
	corrupt(t, at("damaged.db"))
	os.WriteFile(at("empty.db"), nil, 0o600)
	os.Mkdir(at("folder.db"), 0o700)

	cases := []struct {
		name, from string
		want       error
		says       string
	}{
		{"random bytes", at("random.db"), store.ErrNotSQLite, "not a database file"},
		{"an empty file", at("empty.db"), store.ErrNotSQLite, "not a database file"},
		{"another app's SQLite", at("foreign.db"), store.ErrForeign, "not one of Debrief's"},
		{"an empty SQLite database", at("empty-sqlite.db"), store.ErrForeign, "not one of Debrief's"},
		{"from a newer Debrief", at("newer.db"), store.ErrNewerVersion, "newer version"},
		{"cut short", at("cut.db"), store.ErrUnreadable, "cut short"},
		{"damaged inside", at("damaged.db"), store.ErrUnreadable, "damaged"},
		{"missing", at("missing.db"), fs.ErrNotExist, "no such file"},
		{"a folder", at("folder.db"), nil, "folder"},
		{"the database itself", path, nil, "the database itself"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := treeState(t, dir)
			kept, err := store.Restore(path, c.from)
			if err == nil {
				t.Fatalf("restored from %s", c.from)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			if msg := err.Error(); !strings.Contains(msg, c.from) || !strings.Contains(msg, c.says) || !strings.Contains(msg, "nothing was changed") {
				t.Errorf("message %q should name %s, say %q and that nothing was changed", msg, c.from, c.says)
			}
			if kept != "" {
				t.Errorf("kept = %q after a refusal", kept)
			}
			diffTrees(t, before, treeState(t, dir))
		})
	}
	if got := dbTitles(t, path); !sameStrings(got, []string{"current"}) {
		t.Errorf("after the refusals the database holds %q", got)
	}
}

func TestOpenErrorNamesTheBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "my data", "debrief.db")
	fill(t, path, "x", 300)
	truncate(t, path)
	_, err := store.Open(path)
	if msg := err.Error(); !strings.Contains(msg, "restore a backup") || strings.Contains(msg, "backups are in") {
		t.Errorf("without backups: %q, want the plain advice", msg)
	}

	os.MkdirAll(store.BackupsDir(path), 0o700)
	os.WriteFile(filepath.Join(store.BackupsDir(path), "debrief-20260101T000000Z.db"), []byte("x"), 0o600)
	_, err = store.Open(path)
	if !errors.Is(err, store.ErrUnreadable) {
		t.Fatalf("err = %v, want ErrUnreadable", err)
	}
	msg := err.Error()
	for _, want := range []string{"Cannot open " + path + ": ", "cut short", `debrief --db "` + path + `" restore --from FILE`, "(backups are in " + store.BackupsDir(path) + ")."} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
	if strings.Count(msg, ". ") > 0 || !strings.HasSuffix(msg, ".") {
		t.Errorf("message %q is not one sentence", msg)
	}

	newer := filepath.Join(dir, "my data", "newer.db")
	fill(t, newer, "n", 1)
	raw := rawOpen(t, newer)
	raw.Exec(`PRAGMA user_version = 999`)
	raw.Close()
	os.WriteFile(filepath.Join(store.BackupsDir(newer), "newer-20260101T000000Z.db"), []byte("x"), 0o600)
	if _, err := store.Open(newer); err == nil || !strings.Contains(err.Error(), "update Debrief") {
		t.Errorf("a newer database with backups: %v, want the advice to update Debrief", err)
	}
}
