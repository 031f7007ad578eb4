package store_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
)

// holdWriteLock starts a write transaction on the database at path from a
// connection of its own, as another program writing it would, and returns
// the function that commits it.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	raw := rawOpen(t, path)
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `UPDATE debrief SET summary = 'being written'`); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if done {
			return
		}
		done = true
		if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
			t.Error(err)
		}
		conn.Close()
		raw.Close()
	}
	t.Cleanup(release)
	return release
}

// TestOpenWhileAnotherProgramWrites: a database whose schema is current
// opens, and is read, while another program holds its write lock: opening
// takes no write lock when there is nothing to migrate.
func TestOpenWhileAnotherProgramWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	fill(t, path, "busy", 3)
	holdWriteLock(t, path)
	start := time.Now()
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("open while another program writes: %v", err)
	}
	defer db.Close()
	ds, err := db.ListDebriefs(ctx, store.AllGroups)
	if err != nil || len(ds) != 1 {
		t.Fatalf("list = %d debriefs, %v", len(ds), err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("opening and listing took %v: it waited for the write lock", d)
	}
}

// TestBusyIsNotDamage: a database that must be migrated while another
// program holds its write lock is refused as busy (ErrBusy), not as
// damaged: the message says so and offers no backup to restore.
func TestBusyIsNotDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	makeVersion1(t, path, "older")
	// A backup exists, which a damaged database's message would offer.
	os.MkdirAll(store.BackupsDir(path), 0o700)
	os.WriteFile(filepath.Join(store.BackupsDir(path), "debrief-20260101T000000Z.db"), []byte("x"), 0o600)
	release := holdWriteLock(t, path)
	_, err := store.Open(path)
	release()
	if !errors.Is(err, store.ErrBusy) || !store.IsBusy(err) {
		t.Fatalf("err = %v, want ErrBusy", err)
	}
	var oe *store.OpenError
	if !errors.As(err, &oe) || oe.Backups != "" {
		t.Fatalf("err = %#v, want an *OpenError that names no backups", err)
	}
	msg := err.Error()
	for _, want := range []string{path, "busy (another program is writing it)", "try again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	for _, not := range []string{"restore", "damaged", "unreadable"} {
		if strings.Contains(msg, not) {
			t.Errorf("message %q says %q about a busy database", msg, not)
		}
	}
	// Once the other program has finished, it opens and is migrated.
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v < 2 {
		t.Errorf("schema version %d after the open, want it migrated", v)
	}
}

// TestIsBusy tells SQLite's "database is locked" from other errors.
func TestIsBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	fill(t, path, "busy", 1)
	holdWriteLock(t, path)
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	_, err = raw.Exec(`BEGIN IMMEDIATE`)
	if !store.IsBusy(err) {
		t.Errorf("IsBusy(%v) = false", err)
	}
	if store.IsBusy(errors.New("disk I/O error")) || store.IsBusy(nil) || store.IsBusy(store.ErrUnreadable) {
		t.Error("IsBusy is true for an error that is not busy")
	}
}
