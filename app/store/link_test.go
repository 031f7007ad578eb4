//go:build unix

package store_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
)

// symlink makes link point at target, failing the test if it cannot.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// refusedBy checks that LockInstance(path) is refused as in use by the
// process pid.
func refusedBy(t *testing.T, path string, pid int) *store.InUseError {
	t.Helper()
	lock, err := store.LockInstance(path)
	if err == nil {
		lock.Release()
		t.Fatalf("LockInstance(%s) took the lock another process holds on the same database", path)
	}
	var inUse *store.InUseError
	if !errors.As(err, &inUse) || !errors.Is(err, store.ErrInUse) {
		t.Fatalf("LockInstance(%s): %v, want an *InUseError", path, err)
	}
	if inUse.PID != pid {
		t.Errorf("InUseError = %+v, want the holder's id %d", inUse, pid)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("message %q should name %s", err, path)
	}
	return inUse
}

// noRequestsLeft checks that no .show file or temporary request is left
// in the folders dirs.
func noRequestsLeft(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".show") {
				t.Errorf("%s was left in %s", e.Name(), dir)
			}
		}
	}
}

// TestInstanceLockThroughASymlink: a child holds the lock on the real
// file; the database through a symbolic link to it (relative, from
// another folder) is refused with the child's id, and asking through the
// link reaches the child's Watch. Killed, the child lets go.
func TestInstanceLockThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "debrief.db")
	link := filepath.Join(dir, "elsewhere", "link.db")
	symlink(t, filepath.Join("..", "data", "debrief.db"), link)
	c := startChild(t, "lock", "DEBRIEF_TEST_DB="+real)
	if got, want := c.line(), fmt.Sprintf("locked %d", c.cmd.Process.Pid); got != want {
		t.Fatalf("child said %q, want %q", got, want)
	}
	if inUse := refusedBy(t, link, c.cmd.Process.Pid); inUse.Path != link {
		t.Errorf("InUseError.Path = %q, want the path asked for, %s", inUse.Path, link)
	}

	if err := store.AskToShow(link, 42, 10*time.Second); err != nil {
		t.Fatalf("AskToShow through the link: %v", err)
	}
	if got := c.line(); got != "shown 42" {
		t.Errorf("child said %q, want shown 42", got)
	}
	noRequestsLeft(t, filepath.Dir(real), filepath.Dir(link))
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v (%v)", st, err)
	}
	if _, err := os.Lstat(link + ".lock"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a lock file was made beside the link (%v)", err)
	}

	c.cmd.Process.Kill()
	c.cmd.Wait()
	lock, err := store.LockInstance(link)
	if err != nil {
		t.Fatalf("LockInstance through the link after the holder was killed: %v", err)
	}
	defer lock.Release()
	// And the other way round: held through the link, the real path is
	// refused.
	refusedBy(t, real, os.Getpid())
}

// TestInstanceLockThroughASymlinkedFolder: the database's folder reached
// through a link to it is the same folder.
func TestInstanceLockThroughASymlinkedFolder(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "debrief.db")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(dir, "shortcut", "debrief.db")
	symlink(t, filepath.Join(dir, "data"), filepath.Dir(linked))
	c := startChild(t, "lock", "DEBRIEF_TEST_DB="+real)
	if got, want := c.line(), fmt.Sprintf("locked %d", c.cmd.Process.Pid); got != want {
		t.Fatalf("child said %q, want %q", got, want)
	}
	refusedBy(t, linked, c.cmd.Process.Pid)
	if err := store.AskToShow(linked, 7, 10*time.Second); err != nil {
		t.Fatalf("AskToShow through the linked folder: %v", err)
	}
	if got := c.line(); got != "shown 7" {
		t.Errorf("child said %q, want shown 7", got)
	}
	noRequestsLeft(t, filepath.Dir(real))
}

// TestAskToShowThroughASymlinkReachesWatch: in one process, a request
// made through a link to the database reaches the holder's Watch, and one
// made through the real path reaches a holder that locked through the
// link.
func TestAskToShowThroughASymlinkReachesWatch(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "debrief.db")
	link := filepath.Join(dir, "link.db")
	symlink(t, "debrief.db", link)
	for _, c := range []struct{ lockAt, askAt string }{{real, link}, {link, real}} {
		lock, err := store.LockInstance(c.lockAt)
		if err != nil {
			t.Fatal(err)
		}
		shown := make(chan int64, 1)
		stop := lock.Watch(5*time.Millisecond, func(id int64) { shown <- id })
		if err := store.AskToShow(c.askAt, 3, 10*time.Second); err != nil {
			t.Errorf("locked at %s, asked at %s: %v", c.lockAt, c.askAt, err)
		} else if id := <-shown; id != 3 {
			t.Errorf("shown %d, want 3", id)
		}
		stop()
		lock.Release()
		noRequestsLeft(t, dir)
	}
}

// TestLockThroughADanglingSymlink: a link to a database that does not
// exist yet locks the file it will be.
func TestLockThroughADanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "debrief.db")
	link := filepath.Join(dir, "link.db")
	symlink(t, real, link)
	lock, err := store.LockInstance(link)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	refusedBy(t, real, os.Getpid())
	if _, err := os.Stat(real + ".lock"); err != nil {
		t.Errorf("the lock file is not beside the real file: %v", err)
	}
}
