package cli_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/store"
)

// TestWindowOnAHardLinkToAnOpenDatabase: a window asked for on a hard link
// to the database a window has open does not start; it cannot ask the open
// one (whose name for the file it does not know) to come forward, so it
// says so at once. A restore through the hard link is refused.
func TestWindowOnAHardLinkToAnOpenDatabase(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("debrief.db")
	makeDB(t, db, 3, "current")
	backup := strings.TrimSuffix(h.ok("--db", db, "backup"), "\n")
	other := h.path("same.db")
	if err := os.Link(db, other); err != nil {
		t.Fatal(err)
	}
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()

	start := time.Now()
	r := h.run("--db", other)
	checkError(t, r, cli.ExitError, fmt.Sprintf("debrief: Debrief is already open on %s under another name (process %d); switch to its window, or close it and start Debrief again.", other, os.Getpid()))
	if d := time.Since(start); d > time.Second {
		t.Errorf("it took %v to say so", d)
	}
	if len(h.gui) != 0 {
		t.Error("a second window was started")
	}

	before := treeOf(t, h.dir)
	r = h.run("--db", other, "restore", "--from", backup)
	checkError(t, r, cli.ExitError, fmt.Sprintf("debrief: Debrief is open on %s under another name (process %d); close it first", other, os.Getpid()))
	if after := treeOf(t, h.dir); after != before {
		t.Errorf("a refused restore changed files:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
