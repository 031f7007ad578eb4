//go:build unix

package store_test

import (
	"bytes"
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

// sameFile reports whether a and b are one file (or folder), however
// spelt.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
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

// TestOpenThroughADanglingSymlink: a link to a database that does not
// exist yet makes the database where the link points, and leaves the link.
func TestOpenThroughADanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "debrief.db")
	link := filepath.Join(dir, "link.db")
	symlink(t, real, link)
	db, err := store.Open(link)
	if err != nil {
		t.Fatal(err)
	}
	mustDebrief(t, db, "through the link")
	db.Close()
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v (%v)", st, err)
	}
	if got := dbTitles(t, real); !sameStrings(got, []string{"through the link"}) {
		t.Errorf("the real file holds %q", got)
	}
	if st, err := os.Stat(real); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the real file: %v (%v), want mode 0600", st, err)
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

// TestRestoreThroughASymlink: restoring into a link to the database
// replaces the real file, keeps the link, and keeps the replaced copy and
// the backups in the real file's backups folder: one history whichever
// name is used.
func TestRestoreThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "debrief.db")
	link := filepath.Join(dir, "elsewhere", "link.db")
	target := filepath.Join("..", "data", "debrief.db")
	symlink(t, target, link)
	c := &clock{time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	made, err := store.Open(real)
	if err != nil {
		t.Fatal(err)
	}
	made.Close()

	db := openAt(t, link, c)
	if db.Path() != link {
		t.Errorf("Path() = %q, want the path opened, %s", db.Path(), link)
	}
	mustDebrief(t, db, "kept by the backup")
	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "data", "backups")
	if !sameFile(filepath.Dir(b.Path), backups) || !strings.HasPrefix(filepath.Base(b.Path), "debrief-") {
		t.Errorf("backup through the link at %s, want debrief-….db in %s", b.Path, backups)
	}
	if !sameFile(store.BackupsDir(link), backups) || !sameFile(store.BackupsDir(real), backups) {
		t.Errorf("BackupsDir: %s through the link, %s for the real file; want %s for both", store.BackupsDir(link), store.BackupsDir(real), backups)
	}
	mustDebrief(t, db, "made after the backup")
	db.Close()
	current, _ := os.ReadFile(real)
	backup, _ := os.ReadFile(b.Path)

	kept, err := store.Restore(link, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.Readlink(link); err != nil || got != target {
		t.Fatalf("after the restore the link reads %q (%v), want %q", got, err, target)
	}
	if after, _ := os.ReadFile(real); !bytes.Equal(after, backup) {
		t.Error("the real file does not hold the backup's bytes")
	}
	for _, p := range []string{link, real} {
		if got := dbTitles(t, p); !sameStrings(got, []string{"kept by the backup"}) {
			t.Errorf("after the restore %s holds %q, want what the backup held", p, got)
		}
	}
	if !sameFile(filepath.Dir(kept), backups) || !strings.HasSuffix(kept, "-replaced.db") {
		t.Errorf("kept = %q, want a …-replaced.db in %s", kept, backups)
	}
	if k, _ := os.ReadFile(kept); !bytes.Equal(k, current) {
		t.Error("the kept copy is not the database the restore replaced, byte for byte")
	}
	viaLink, _ := store.ListBackups(link)
	viaReal, _ := store.ListBackups(real)
	if len(viaLink) != 2 || len(viaReal) != 2 || !sameFile(viaLink[0].Path, viaReal[0].Path) || !sameFile(viaLink[1].Path, viaReal[1].Path) {
		t.Errorf("backups through the link %v, of the real file %v; want the same two", viaLink, viaReal)
	}
	// Nothing but the link in its folder: no -wal, -shm, backups or
	// temporary files beside it.
	if entries, _ := os.ReadDir(filepath.Dir(link)); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the link: %q, want only the link", names)
	}
}
