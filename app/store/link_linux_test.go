package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
)

// hardLink makes a database at real and a hard link to it at link.
func hardLink(t *testing.T, real, link string) {
	t.Helper()
	db, err := store.Open(real)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.MkdirAll(filepath.Dir(link), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(real, link); err != nil {
		t.Fatal(err)
	}
}

// TestInstanceLockThroughAHardLink: a child holds the lock on the
// database; the same file under another name, in another folder, is
// refused with the child's id. Killed, the child lets go.
func TestInstanceLockThroughAHardLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "debrief.db")
	other := filepath.Join(dir, "elsewhere", "same.db")
	hardLink(t, real, other)
	c := startChild(t, "lock", "DEBRIEF_TEST_DB="+real)
	if got, want := c.line(), fmt.Sprintf("locked %d", c.cmd.Process.Pid); got != want {
		t.Fatalf("child said %q, want %q", got, want)
	}
	if inUse := refusedBy(t, other, c.cmd.Process.Pid); !inUse.OtherName || inUse.Path != other {
		t.Errorf("InUseError = %+v, want OtherName and the path asked for, %s", inUse, other)
	}
	if _, err := os.Stat(other + ".lock"); err == nil {
		t.Error("a refused lock left its lock file")
	}

	c.cmd.Process.Kill()
	c.cmd.Wait()
	lock, err := store.LockInstance(other)
	if err != nil {
		t.Fatalf("LockInstance through the hard link after the holder was killed: %v", err)
	}
	defer lock.Release()
	refusedBy(t, real, os.Getpid())
}

// TestIdentityLockFollowsTheDatabaseFile: a window takes the lock before
// its database exists, and keeps it across a restore, which puts another
// file in its place; Watch moves the lock on the file itself to the file
// there now, so a hard link made to it later is refused too, and a hard
// link to the replaced file (no longer the database) is not.
func TestIdentityLockFollowsTheDatabaseFile(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "debrief.db")
	lock, err := store.LockInstance(real)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	stop := lock.Watch(5*time.Millisecond, func(int64) {})
	defer stop()

	db, err := store.Open(real)
	if err != nil {
		t.Fatal(err)
	}
	mustDebrief(t, db, "in the backup")
	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	first := filepath.Join(dir, "first.db")
	if err := os.Link(real, first); err != nil {
		t.Fatal(err)
	}
	eventuallyRefused(t, first)

	if _, err := store.Restore(real, b.Path); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.db")
	if err := os.Link(real, second); err != nil {
		t.Fatal(err)
	}
	eventuallyRefused(t, second)
	other, err := store.LockInstance(first)
	if err != nil {
		t.Fatalf("a hard link to the file the restore replaced: %v, want it free", err)
	}
	other.Release()
}

// eventuallyRefused waits (up to ten seconds) for LockInstance(path) to be
// refused as open under another name by this process.
func eventuallyRefused(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		lock, err := store.LockInstance(path)
		if err == nil {
			lock.Release()
			if time.Now().After(deadline) {
				t.Fatalf("LockInstance(%s) still takes the lock", path)
			}
			time.Sleep(5 * time.Millisecond)
			continue
		}
		var inUse *store.InUseError
		if !errors.As(err, &inUse) || !inUse.OtherName || inUse.PID != os.Getpid() {
			t.Fatalf("LockInstance(%s): %v (%+v), want an *InUseError for this process under another name", path, err, inUse)
		}
		return
	}
}
