//go:build unix

package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/assets"
)

// TestReadOnlyFolder runs as an ordinary user (as nobody when the tests run
// as root, for whom file modes mean nothing). A database whose file or
// folder cannot be written is refused by every command with one sentence
// naming it and saying it is read-only, and its bytes are unchanged; a new
// database is not made in a read-only folder; an export into one leaves
// nothing behind.
func TestReadOnlyFolder(t *testing.T) {
	storetest.Unprivileged(t, func(t *testing.T, dir string) {
		h := &harness{t: t, dir: dir, defaultDB: filepath.Join(dir, "data", "debrief.db")}
		folder := filepath.Join(dir, "team")
		db := filepath.Join(folder, "debrief.db")
		h.ok("--db", db, "list") // made, with the sample
		out := filepath.Join(dir, "out.json")
		commands := map[string][]string{
			"list":   {"list"},
			"import": {"import", "-"},
			"export": {"export", "--id", "1", "--format", "json", "--out", out},
			"window": nil,
		}
		refused := func(t *testing.T, why string) {
			t.Helper()
			before := mustRead(t, db)
			for name, args := range commands {
				r := h.runIn(string(assets.Sample()), append([]string{"--db", db}, args...)...)
				checkError(t, r, cli.ExitError, db, "read-only", "make it writable")
				if !bytes.Equal(before, mustRead(t, db)) {
					t.Fatalf("%s, %s changed the database", why, name)
				}
				for _, p := range []string{db + "-wal", db + "-shm", out} {
					if _, err := os.Stat(p); err == nil {
						t.Errorf("%s, %s left %s", why, name, p)
					}
				}
			}
			if len(h.gui) != 0 {
				t.Errorf("%s, the window opened", why)
			}
		}

		chmod(t, db, 0o400)
		chmod(t, folder, 0o500)
		refused(t, "file and folder read-only")
		chmod(t, db, 0o600)
		refused(t, "folder read-only")
		chmod(t, folder, 0o700)
		chmod(t, db, 0o400)
		refused(t, "file read-only")
		chmod(t, db, 0o600)
		h.ok("--db", db, "list") // writable again: it opens

		// A new database in a read-only folder is not made.
		locked := filepath.Join(dir, "locked")
		if err := os.Mkdir(locked, 0o500); err != nil {
			t.Fatal(err)
		}
		fresh := filepath.Join(locked, "debrief.db")
		checkError(t, h.run("--db", fresh, "list"), cli.ExitError, fresh, "permission denied")
		if entries, _ := os.ReadDir(locked); len(entries) != 0 {
			t.Errorf("the read-only folder now holds %d files", len(entries))
		}

		// An export into a read-only folder says so and leaves nothing.
		target := filepath.Join(locked, "out.pdf")
		checkError(t, h.run("--db", db, "export", "--id", "1", "--format", "pdf", "--out", target), cli.ExitError, target)
		if entries, _ := os.ReadDir(locked); len(entries) != 0 {
			t.Errorf("the export left %d files in the read-only folder", len(entries))
		}
	})
}

// TestExportIntoReadOnlyFolder exports into a folder that cannot be
// written (run as nobody when the tests run as root, as TestReadOnlyFolder
// is): the command fails naming the path and saying permission is denied,
// and leaves no temporary file behind.
func TestExportIntoReadOnlyFolder(t *testing.T) {
	storetest.Unprivileged(t, func(t *testing.T, dir string) {
		h := &harness{t: t, dir: dir, defaultDB: filepath.Join(dir, "data", "debrief.db")}
		db := h.path("d.db")
		h.listLines("--db", db) // the sample is debrief 1
		ro := h.path("readonly")
		if err := os.Mkdir(ro, 0o500); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(ro, "out.json")
		r := h.run("--db", db, "export", "--id", "1", "--out", out)
		checkError(t, r, cli.ExitError, "debrief: Cannot write "+out+": ", "permission denied")
		if strings.Count(r.stderr, out) != 1 {
			t.Errorf("message %q should name the path once", r.stderr)
		}
		if entries, err := os.ReadDir(ro); err != nil || len(entries) != 0 {
			t.Errorf("the read-only folder now holds %d entries (%v)", len(entries), err)
		}
	})
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}
