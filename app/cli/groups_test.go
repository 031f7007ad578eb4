package cli_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// groupFile is the sample retitled, naming group (none if "").
func groupFile(t *testing.T, h *harness, name, title, group string) string {
	t.Helper()
	d := readSample(t)
	d.Debrief.Title, d.Debrief.Group = title, group
	var b bytes.Buffer
	if err := export.WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	path := h.path(name)
	mustWrite(t, path, b.Bytes())
	return path
}

func TestGroupsOnTheCommandLine(t *testing.T) {
	h := newHarness(t)
	db := h.path("d.db")
	h.ok("--db", db, "--no-sample", "import", groupFile(t, h, "a.json", "Regional", "Robotics club"))
	h.ok("--db", db, "import", groupFile(t, h, "b.json", "State finals", "robotics club")) // the same group, whatever the case
	h.ok("--db", db, "import", groupFile(t, h, "c.json", "Camping trip", ""))              // no group: the default one
	h.ok("--db", db, "import", "--group", "Robotics club", groupFile(t, h, "d.json", "Worlds", "Family"))

	if got, want := h.ok("--db", db, "groups"), "1\t1 debrief\tMy debriefs\n2\t3 debriefs\tRobotics club\n"; got != want {
		t.Errorf("groups =\n%s\nwant\n%s", got, want)
	}
	lines := func(args ...string) []string {
		out := h.ok(append([]string{"--db", db, "list"}, args...)...)
		var ts []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			f := strings.Split(l, "\t")
			ts = append(ts, f[len(f)-1])
		}
		slices.Sort(ts)
		return ts
	}
	if got, want := lines("--group", "ROBOTICS club"), []string{"Regional", "State finals", "Worlds"}; !slices.Equal(got, want) {
		t.Errorf("list --group = %q, want %q", got, want)
	}
	if got := lines(); len(got) != 4 {
		t.Errorf("list = %q, want all 4", got)
	}

	// An unknown group: exit 1, the groups there are, nothing written.
	r := h.run("--db", db, "list", "--group", "Chess club")
	checkError(t, r, cli.ExitError, `o group is named "Chess club"`, `"My debriefs"`, `"Robotics club"`, "'debrief groups'")
	r = h.run("--db", db, "import", "--group", "Chess club", h.path("a.json"))
	checkError(t, r, cli.ExitError, "othing was imported", `no group is named "Chess club"`)
	r = h.run("--db", db, "export", "--group", "Chess club", "--out", h.path("out"))
	checkError(t, r, cli.ExitError, `o group is named "Chess club"`)
	if _, err := os.Stat(h.path("out")); err == nil {
		t.Error("an export of an unknown group made its folder")
	}
	if got := lines(); len(got) != 4 {
		t.Errorf("a refused import stored something: %q", got)
	}
	for _, args := range [][]string{
		{"list", "--group", ""},
		{"export", "--group", "Robotics club"},
		{"export", "--group", "Robotics club", "--id", "1", "--out", "x"},
		{"export", "--group", "Robotics club", "--format", "pdf", "--out", "x"},
		{"groups", "extra"},
	} {
		checkError(t, h.run(append([]string{"--db", db}, args...)...), cli.ExitUsage)
	}

	// Handing the group over: a folder and a .zip, each imported into
	// another person's Debrief as the same group.
	out := h.ok("--db", db, "export", "--group", "Robotics club", "--out", h.path("club"))
	if !strings.Contains(out, "Exported 3 debriefs") {
		t.Errorf("export --group said %q", out)
	}
	files, _ := filepath.Glob(h.path("club/*.json"))
	if len(files) != 3 {
		t.Fatalf("the folder has %q", files)
	}
	h.ok("--db", db, "export", "--group", "Robotics club", "--out", h.path("club.zip"))
	zr, err := zip.OpenReader(h.path("club.zip"))
	if err != nil || len(zr.File) != 3 {
		t.Fatalf("club.zip: %v", err)
	}
	zr.Close()
	for i, src := range [][]string{files, {h.path("club.zip")}} {
		other := h.path("other" + string(rune('0'+i)) + ".db")
		got := h.ok(append([]string{"--db", other, "--no-sample", "import"}, src...)...)
		if strings.Count(got, "\n") != 3 {
			t.Errorf("import printed %q, want 3 ids", got)
		}
		if g := h.ok("--db", other, "groups"); !strings.Contains(g, "3 debriefs\tRobotics club") {
			t.Errorf("after the hand-over the groups are\n%s", g)
		}
	}

	// A .zip with one bad file imports nothing.
	bad := h.path("bad.zip")
	f, _ := os.Create(bad)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("001-good.json")
	w.Write(assets.Sample())
	w, _ = zw.Create("002-bad.json")
	w.Write([]byte(`{"format":"debrief","version":1,"debrief":{"title":""}}`))
	zw.Close()
	f.Close()
	other := h.path("other-bad.db")
	r = h.run("--db", other, "--no-sample", "import", bad)
	checkError(t, r, cli.ExitError, "othing was imported", "002-bad.json")
	if l := h.listLines("--db", other, "--no-sample"); len(l) != 0 {
		t.Errorf("a bad .zip stored %q", l)
	}
}
