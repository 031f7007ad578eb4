package cli_test

import (
	"os"
	"testing"

	"github.com/debrief-app/debrief/app/cli"
)

// TestExportOutIsAFolder: export --out naming a folder says it is a
// folder, in one sentence, and writes nothing into it.
func TestExportOutIsAFolder(t *testing.T) {
	h := newHarness(t)
	db := h.path("d.db")
	makeDB(t, db, 1, "one")
	folder := h.path("reports")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	r := h.run("--db", db, "export", "--id", "1", "--out", folder)
	checkError(t, r, cli.ExitError, folder+": it is a folder")
	if entries, _ := os.ReadDir(folder); len(entries) > 0 {
		t.Errorf("the folder has %d entries", len(entries))
	}
	if l := tmpLeftovers(t, h.dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
