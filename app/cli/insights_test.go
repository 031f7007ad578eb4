package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/insights"
)

var cliToday = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

// insightsDB is a database with two debriefs in "Robotics club" and one
// in the default group.
func insightsDB(t *testing.T) (*harness, string) {
	h := newHarness(t)
	h.now = func() time.Time { return cliToday }
	db := h.path("d.db")
	h.ok("--db", db, "--no-sample", "import", groupFile(t, h, "a.json", "Regional", "Robotics club"))
	h.ok("--db", db, "import", groupFile(t, h, "b.json", "State finals", "Robotics club"))
	h.ok("--db", db, "import", groupFile(t, h, "c.json", "Camping trip", ""))
	return h, db
}

// pdfText is what pdftotext reads from the PDF at path; without pdftotext
// the test fails, as the export package's PDF tests do.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext is not installed, and the PDF tests need it: run `make deps-test` (poppler-utils)")
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestInsightsCommand(t *testing.T) {
	h, db := insightsDB(t)
	report := func(args ...string) insights.Report {
		t.Helper()
		out := h.ok(append([]string{"--db", db, "insights"}, args...)...)
		var r insights.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("insights %q is not a Report: %v\n%s", args, err, out)
		}
		if !strings.HasPrefix(out, "{\n  \"version\": 1,") || !strings.HasSuffix(out, "}\n") {
			t.Errorf("insights %q is not indented JSON ending in a newline: %.60q", args, out)
		}
		for _, field := range []string{`"time_to_reflection"`, `"did_the_change_hold"`, `"warning_signs_missed_again"`, `"luck"`} {
			if !strings.Contains(out, field) {
				t.Errorf("insights %q has no %s", args, field)
			}
		}
		return r
	}
	titles := func(r insights.Report) []string {
		var ts []string
		for _, d := range r.Debriefs {
			ts = append(ts, d.Title)
		}
		return ts
	}
	r := report("--group", "robotics CLUB", "--out", "-")
	if got := titles(r); len(got) != 2 || !r.Today.Equal(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("--group: debriefs %q, today %v; want Regional and State finals, 5 Dec 2026", got, r.Today)
	}
	if len(r.Themes) == 0 {
		t.Error("two copies of the sample share no theme")
	}
	if got := titles(report("--out", "-")); len(got) != 1 || got[0] != "Camping trip" {
		t.Errorf("without --group: %q, want the default group's Camping trip", got)
	}
	if got := titles(report("--all", "--format", "json", "--out", "-")); len(got) != 3 {
		t.Errorf("--all: %q, want all 3", got)
	}

	// The format from the extension, and --format over it.
	h.ok("--db", db, "insights", "--group", "Robotics club", "--out", h.path("r.json"))
	var fromFile insights.Report
	if err := json.Unmarshal(mustRead(t, h.path("r.json")), &fromFile); err != nil || len(fromFile.Debriefs) != 2 {
		t.Errorf("r.json: %v, %d debriefs", err, len(fromFile.Debriefs))
	}
	h.ok("--db", db, "insights", "--group", "Robotics club", "--out", h.path("r.md"))
	md := string(mustRead(t, h.path("r.md")))
	for _, s := range []string{"# Insights — Robotics club\n", "## Recurring themes", "Regional", "State finals"} {
		if !strings.Contains(md, s) {
			t.Errorf("r.md lacks %q", s)
		}
	}
	if out := h.ok("--db", db, "insights", "--all", "--format", "markdown", "--out", "-"); !strings.HasPrefix(out, "# Insights — All groups\n") {
		t.Errorf("--all --format markdown to stdout: %.60q", out)
	}
	h.ok("--db", db, "insights", "--group", "Robotics club", "--paper", "letter", "--out", h.path("r.pdf"))
	text := pdfText(t, h.path("r.pdf"))
	for _, s := range []string{"Insights — Robotics club", "2 debriefs", "Recurring themes", "Regional", "State finals", "as of Sat 5 Dec 2026"} {
		if !strings.Contains(text, s) {
			t.Errorf("r.pdf lacks %q", s)
		}
	}
	h.ok("--db", db, "insights", "--format", "pdf", "--out", h.path("report.out"))
	if !strings.HasPrefix(string(mustRead(t, h.path("report.out"))), "%PDF-") {
		t.Error("--format pdf did not write a PDF")
	}

	// A folder that is not there: exit 1, nothing written.
	checkError(t, h.run("--db", db, "insights", "--out", h.path("no/such/folder/r.pdf")), cli.ExitError)

	// An unknown group: exit 1 as list --group says it, and no file.
	r2 := h.run("--db", db, "insights", "--group", "Chess club", "--out", h.path("chess.pdf"))
	checkError(t, r2, cli.ExitError, `o group is named "Chess club"`, `"Robotics club"`, "'debrief groups'")
	if _, err := os.Stat(h.path("chess.pdf")); err == nil {
		t.Error("a report of an unknown group was written")
	}
}

func TestInsightsCommandUsage(t *testing.T) {
	h, db := insightsDB(t)
	for _, args := range [][]string{
		{"insights"},
		{"insights", "--group", "Robotics club"},
		{"insights", "--out", "-", "--format", "pdf"},
		{"insights", "--out", "-", "--format", "ics"},
		{"insights", "--out", "x.ics", "--format", "ics"},
		{"insights", "--group", "", "--out", "-"},
		{"insights", "--group", "Robotics club", "--all", "--out", "-"},
		{"insights", "--out", "-", "extra"},
		{"insights", "--out", "-", "--paper", "a4"},
		{"insights", "--out", "r.pdf", "--paper", "a5"},
		{"insights", "--nope"},
		{"checklist"},
		{"checklist", "--out", "-", "--format", "json"},
		{"checklist", "--out", "-", "--format", "pdf"},
		{"checklist", "--template", "chess", "--out", "-"},
		{"checklist", "--all", "--out", "-"},
	} {
		checkError(t, h.run(append([]string{"--db", db}, args...)...), cli.ExitUsage)
	}
	help := h.ok("help")
	for _, s := range []string{"insights [--group NAME | --all] [--format md|json|pdf] --out PATH", "checklist [--group NAME] [--template ID] [--format md|pdf] --out PATH"} {
		if !strings.Contains(help, s) {
			t.Errorf("help lacks %q", s)
		}
	}
	if out := h.ok("insights", "-h"); !strings.Contains(out, "docs/insights.md") {
		t.Errorf("insights -h: %q", out)
	}
}

func TestChecklistCommand(t *testing.T) {
	h, db := insightsDB(t)
	md := h.ok("--db", db, "checklist", "--group", "Robotics club", "--template", "failed-test", "--out", "-")
	for _, s := range []string{"# Before you start — Robotics club\n", "for the next “Failed test / hardware”", "- [ ] ", "_from Regional · State finals_"} {
		if !strings.Contains(md, s) {
			t.Errorf("checklist lacks %q:\n%s", s, md)
		}
	}
	h.ok("--db", db, "checklist", "--group", "Robotics club", "--out", h.path("c.pdf"))
	text := pdfText(t, h.path("c.pdf"))
	for _, s := range []string{"Before you start — Robotics club", "From 2 past debriefs", "Watch for", "from Regional · State finals"} {
		if !strings.Contains(text, s) {
			t.Errorf("c.pdf lacks %q:\n%s", s, text)
		}
	}
	h.ok("--db", db, "checklist", "--out", h.path("c.md"))
	if got := string(mustRead(t, h.path("c.md"))); !strings.HasPrefix(got, "# Before you start — My debriefs\n") {
		t.Errorf("checklist of the default group: %.80q", got)
	}
	checkError(t, h.run("--db", db, "checklist", "--group", "Chess club", "--out", "-"), cli.ExitError, `o group is named "Chess club"`)
}
