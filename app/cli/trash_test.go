package cli_test

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/assets"
)

var trashLine = regexp.MustCompile(`^([0-9]+)\t([0-9]{4}-[0-9]{2}-[0-9]{2})\t([0-9]+) days? left\t(.*)$`)

// trashLines runs trash on db and returns its lines.
func (h *harness) trashLines(db string) []string {
	h.t.Helper()
	out := h.ok("--db", db, "trash")
	if out == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

func TestDeleteTrashUndelete(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	sample := readSample(t).Debrief.Title
	if lines := h.listLines("--db", db); len(lines) != 1 || !strings.HasPrefix(lines[0], "1\t") {
		t.Fatalf("a new database lists %q, want the sample as 1", lines)
	}
	if out := h.runIn(string(assets.Sample()), "--db", db, "import", "-"); out.stdout != "2\n" {
		t.Fatalf("import printed %q", out.stdout)
	}
	before := h.ok("--db", db, "export", "--id", "1", "--format", "json", "--out", "-")

	out := h.ok("--db", db, "delete", "--id", "1")
	if want := "Moved debrief 1 “" + sample + "” to the Trash; it is kept 30 days. 'debrief undelete --id 1' brings it back.\n"; out != want {
		t.Errorf("delete printed %q, want %q", out, want)
	}
	if lines := h.listLines("--db", db); len(lines) != 1 || !strings.HasPrefix(lines[0], "2\t") {
		t.Errorf("after delete, list shows %q, want only debrief 2", lines)
	}
	lines := h.trashLines(db)
	if len(lines) != 1 {
		t.Fatalf("trash lists %q, want one line", lines)
	}
	m := trashLine.FindStringSubmatch(lines[0])
	if m == nil || m[1] != "1" || m[2] != time.Now().Format("2006-01-02") || m[3] != "30" || m[4] != sample {
		t.Errorf("trash line %q, want 1, today, 30 days left, the title", lines[0])
	}

	for _, c := range []struct {
		args []string
		code int
		says []string
	}{
		{[]string{"export", "--id", "1", "--out", "-"}, cli.ExitError, []string{"Debrief 1 is in the Trash", "'debrief undelete --id 1'"}},
		{[]string{"delete", "--id", "1"}, cli.ExitError, []string{"Debrief 1 is in the Trash already", "'debrief undelete --id 1'"}},
		{[]string{"delete", "--id", "99"}, cli.ExitError, []string{"There is no debrief with id 99", "'debrief list'"}},
		{[]string{"undelete", "--id", "2"}, cli.ExitError, []string{"Debrief 2 is not in the Trash", "'debrief list'"}},
		{[]string{"undelete", "--id", "99"}, cli.ExitError, []string{"There is no debrief with id 99 in the Trash", "'debrief trash'"}},
		{[]string{"delete"}, cli.ExitUsage, []string{"Delete needs --id ID", "'debrief list'"}},
		{[]string{"undelete"}, cli.ExitUsage, []string{"Undelete needs --id ID", "'debrief trash'"}},
		{[]string{"delete", "--id", "2", "extra"}, cli.ExitUsage, []string{`Delete takes flags only, got "extra"`}},
		{[]string{"trash", "extra"}, cli.ExitUsage, []string{`Trash takes no arguments, got "extra"`}},
	} {
		r := h.run(append([]string{"--db", db}, c.args...)...)
		checkError(t, r, c.code, c.says...)
		if r.stdout != "" {
			t.Errorf("debrief %s wrote %q to stdout", strings.Join(c.args, " "), r.stdout)
		}
	}
	if lines := h.listLines("--db", db); len(lines) != 1 {
		t.Errorf("the refused commands changed the library: %q", lines)
	}

	out = h.ok("--db", db, "undelete", "--id", "1")
	if want := "Brought debrief 1 “" + sample + "” back from the Trash.\n"; out != want {
		t.Errorf("undelete printed %q, want %q", out, want)
	}
	if lines := h.listLines("--db", db); len(lines) != 2 {
		t.Errorf("after undelete, list shows %q, want both", lines)
	}
	if lines := h.trashLines(db); len(lines) != 0 {
		t.Errorf("after undelete, trash lists %q", lines)
	}
	if after := h.ok("--db", db, "export", "--id", "1", "--format", "json", "--out", "-"); after != before {
		t.Error("the debrief brought back exports differently from before its delete")
	}
}

// TestTrashDeletesForGoodAfterThirtyDays: listing the Trash first deletes
// what has been in it for 30 days.
func TestTrashDeletesForGoodAfterThirtyDays(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	h.listLines("--db", db) // the sample, 1
	h.runIn(string(assets.Sample()), "--db", db, "import", "-")
	h.ok("--db", db, "delete", "--id", "1")
	h.ok("--db", db, "delete", "--id", "2")
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for id, ago := range map[int]time.Duration{1: 30*24*time.Hour + time.Minute, 2: 29*24*time.Hour + time.Hour} {
		if _, err := raw.Exec(`UPDATE debrief SET deleted_at = ? WHERE id = ?`, now.Add(-ago).Format(time.RFC3339Nano), id); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	lines := h.trashLines(db)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "2\t") || !strings.Contains(lines[0], "\t1 day left\t") {
		t.Errorf("trash lists %q, want only debrief 2, 1 day left", lines)
	}
	checkError(t, h.run("--db", db, "undelete", "--id", "1"), cli.ExitError, "There is no debrief with id 1 in the Trash")
	if lines := h.listLines("--db", db); len(lines) != 0 {
		t.Errorf("list shows %q", lines)
	}
}
