//go:build unix

package store_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/debrief-app/debrief/app/store"
)

// TestFileModes checks that nothing Debrief or SQLite writes is readable by
// others, even under a umask of 0 (the worst case). It changes the
// process's umask, so it must not run in parallel.
func TestFileModes(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	dir := filepath.Join(t.TempDir(), "new", "data")
	path := filepath.Join(dir, "debrief.db")
	lock, err := store.LockInstance(path)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustDebrief(t, db, "private")

	wantMode := func(p string, want fs.FileMode) {
		t.Helper()
		st, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, st.Mode().Perm(), want)
		}
	}
	wantMode(dir, 0o700)
	wantMode(path, 0o600)
	wantMode(path+".lock", 0o600)
	// SQLite makes these beside an open database in WAL mode.
	wantMode(path+"-wal", 0o600)
	wantMode(path+"-shm", 0o600)

	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantMode(store.BackupsDir(path), 0o700)
	wantMode(b.Path, 0o600)

	// A restore over a database whose -wal is not checkpointed keeps both.
	kept := func() string {
		crashed := filepath.Join(t.TempDir(), "crashed", "debrief.db")
		os.MkdirAll(filepath.Dir(crashed), 0o700)
		for _, suffix := range []string{"", "-wal"} {
			data, err := os.ReadFile(path + suffix)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(crashed+suffix, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		kept, err := store.Restore(crashed, b.Path)
		if err != nil {
			t.Fatal(err)
		}
		wantMode(crashed, 0o600)
		return kept
	}()
	wantMode(kept, 0o600)
	wantMode(kept+"-wal", 0o600)
}
