//go:build unix

package cli_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/assets"
)

// TestCommandsThroughASymlinkSeeTheLock: while a window holds the lock on
// the real database, the commands given a symbolic link to it behave as
// they do given the real path: a second window hands over, restore is
// refused and changes nothing, import works beside the window and writes
// into the real file.
func TestCommandsThroughASymlinkSeeTheLock(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("data/debrief.db")
	makeDB(t, db, 3, "current")
	backup := strings.TrimSuffix(h.ok("--db", db, "backup"), "\n")
	link := h.path("elsewhere/link.db")
	if err := os.MkdirAll(filepath.Dir(link), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "data", "debrief.db"), link); err != nil {
		t.Fatal(err)
	}
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	shown := make(chan int64, 1)
	stop := lock.Watch(5*time.Millisecond, func(id int64) { shown <- id })
	defer stop()

	t.Run("a second window", func(t *testing.T) {
		out := h.ok("--db", link, "--open", "5")
		if want := "Debrief is already open on " + link + "; brought its window forward.\n"; out != want {
			t.Errorf("stdout = %q, want %q", out, want)
		}
		select {
		case id := <-shown:
			if id != 5 {
				t.Errorf("the open window was asked to show %d, want 5", id)
			}
		case <-time.After(10 * time.Second):
			t.Error("the open window was not asked to come forward")
		}
		if len(h.gui) != 0 {
			t.Error("a second window was started")
		}
	})
	t.Run("restore", func(t *testing.T) {
		before := treeOf(t, h.dir)
		r := h.run("--db", link, "restore", "--from", backup)
		checkError(t, r, cli.ExitError, fmt.Sprintf("debrief: Debrief is open on %s (process %d); close it first, or use File > Restore from backup… in its window.", link, os.Getpid()))
		if after := treeOf(t, h.dir); after != before {
			t.Errorf("a refused restore changed files:\nbefore:\n%s\nafter:\n%s", before, after)
		}
	})
	t.Run("import", func(t *testing.T) {
		sample := h.path("sample.json")
		mustWrite(t, sample, assets.Sample())
		h.importFile(link, sample)
		if got := h.titlesIn(db); len(got) != 2 {
			t.Errorf("the real database holds %q, want the import beside the first debrief", got)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link is no longer a link: %v (%v)", st, err)
		}
		for _, suffix := range []string{"-wal", "-shm", ".lock"} {
			if _, err := os.Lstat(link + suffix); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s was made beside the link (%v)", link+suffix, err)
			}
		}
	})
}
