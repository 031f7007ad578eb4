package app

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// TestOpenProblemWindowRestoresABackup starts on a database that turned
// into random bytes: the window says what is wrong and that the file is
// untouched, lists the backup, and restoring it opens the library on the
// backup's debriefs while the damaged file is kept among the backups.
func TestOpenProblemWindowRestoresABackup(t *testing.T) {
	path := sampleWithBackup(t)
	junk := make([]byte, 32768)
	rand.New(rand.NewSource(7)).Read(junk)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	_, openErr := store.Open(path)
	if openErr == nil {
		t.Fatal("random bytes opened as a database")
	}

	a := test.NewTempApp(t)
	var opened *store.DB
	p := showOpenProblem(a, path, openErr, func(db *store.DB) { opened = db })
	p.async = func(f func()) { f() }
	t.Cleanup(func() {
		if opened != nil {
			opened.Close()
		}
	})
	screen := uitest.Texts(p.win.Canvas())
	for _, want := range []string{"Debrief cannot open its database", path, "not a database file", "The file has not been changed", "daily"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the window does not say %q:\n%s", want, screen)
		}
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, junk) {
		t.Fatal("showing the problem changed the file")
	}

	uitest.Button(t, p.win.Canvas(), "Restore").OnTapped()
	uitest.Button(t, p.win.Canvas(), "Yes").OnTapped()
	if opened == nil {
		t.Fatalf("restoring did not open the database; the window says:\n%s", uitest.Texts(p.win.Canvas()))
	}
	ds, err := opened.ListDebriefs(context.Background(), store.AllGroups)
	if err != nil || len(ds) != 1 || !strings.HasPrefix(ds[0].Title, "Rover bench test") {
		t.Fatalf("after the restore the library is %+v (%v)", ds, err)
	}
	backups, _ := store.ListBackups(path)
	var kept []byte
	for _, b := range backups {
		if b.Kind == store.BackupReplaced {
			kept, _ = os.ReadFile(b.Path)
		}
	}
	if !bytes.Equal(kept, junk) {
		t.Errorf("the damaged file was not kept among the backups (%d backups)", len(backups))
	}
}

// TestRestoreFromBackupInTheShell restores yesterday's backup from the
// File menu's dialog: the debrief made since is gone from the library, and
// the database it replaced is kept.
func TestRestoreFromBackupInTheShell(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	if _, err := db.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	d := s.home.Items()[0]
	if _, err := db.DuplicateDebrief(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	s.OpenDebrief(d.ID) // restoring leaves the open debrief first
	s.RestoreFromBackup()
	tapButton(t, s, "Restore")
	tapButton(t, s, "Yes")
	t.Cleanup(func() { s.db.Close() })
	if s.db == db {
		t.Fatal("the shell still uses the old database")
	}
	if s.open != nil {
		t.Error("a debrief is still open after the restore")
	}
	var titles []string
	for _, it := range s.home.Items() {
		titles = append(titles, it.Title)
	}
	if len(titles) != 1 {
		t.Errorf("after the restore the library shows %q", titles)
	}
	screen := uitest.Texts(s.win.Canvas())
	if !strings.Contains(screen, "Backup restored") || !strings.Contains(screen, "replaced is kept at") {
		t.Errorf("no word of the restore:\n%s", screen)
	}
	backups, _ := store.ListBackups(s.db.Path())
	replaced := 0
	for _, b := range backups {
		if b.Kind == store.BackupReplaced {
			replaced++
		}
	}
	if replaced != 1 {
		t.Errorf("%d copies of the replaced database kept, want 1", replaced)
	}
}

// TestBusyDatabaseIsNotOfferedARestore: when the database could not be
// opened because another program is writing it, the window says so in a
// sentence, offers no backup to restore (nothing is wrong with the file),
// and Try again opens it once it is free.
func TestBusyDatabaseIsNotOfferedARestore(t *testing.T) {
	path := sampleWithBackup(t)
	before, _ := os.ReadFile(path)
	openErr := &store.OpenError{Path: path, Err: store.ErrBusy} // as Open returns it

	a := test.NewTempApp(t)
	var opened *store.DB
	p := showOpenProblem(a, path, openErr, func(db *store.DB) { opened = db })
	p.async = func(f func()) { f() }
	t.Cleanup(func() {
		if opened != nil {
			opened.Close()
		}
	})
	screen := uitest.Texts(p.win.Canvas())
	for _, want := range []string{"Another program is writing to " + path, "Nothing is wrong with the file", "Try again"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the window does not say %q:\n%s", want, screen)
		}
	}
	for _, not := range []string{"Restore", "restore", "daily", "damaged", "Backups"} {
		if strings.Contains(strings.ReplaceAll(screen, path, "PATH"), not) {
			t.Errorf("the window says %q over a busy database:\n%s", not, screen)
		}
	}
	uitest.Walk(p.win.Canvas(), func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "Restore") {
			t.Errorf("a button %q over a busy database", b.Text)
		}
		return true
	})
	if b, _ := os.ReadFile(path); !bytes.Equal(b, before) {
		t.Fatal("showing the problem changed the file")
	}
	uitest.Button(t, p.win.Canvas(), "Try again").OnTapped()
	if opened == nil {
		t.Fatalf("Try again did not open the database; the window says:\n%s", uitest.Texts(p.win.Canvas()))
	}
	if ds, err := opened.ListDebriefs(context.Background(), store.AllGroups); err != nil || len(ds) != 1 {
		t.Errorf("after Try again the library is %+v (%v)", ds, err)
	}
}

// sampleWithBackup is a closed database holding the sample, with one daily
// backup of it.
func sampleWithBackup(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "debrief.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := cli.ImportSample(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	return path
}
