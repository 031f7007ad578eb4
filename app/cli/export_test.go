package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/cli"
)

// needTool fails (never skips) when a tool the tests rely on is missing.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed; run `make deps-test`", name)
	}
}

func TestExportPDFAndMarkdown(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	h := newHarness(t)
	db := h.path("d.db")
	h.listLines("--db", db) // the sample is debrief 1

	cases := []struct {
		name  string
		args  []string
		file  string
		start string
	}{
		{"pdf by extension", nil, "rover.pdf", "%PDF-"},
		{"pdf by flag, letter", []string{"--format", "pdf", "--paper", "letter"}, "rover-letter.out", "%PDF-"},
		{"markdown by extension", nil, "rover.md", "# Rover bench test"},
		{"markdown by flag", []string{"--format", "md"}, "rover.txt", "# Rover bench test"},
		{"json by extension", nil, "rover.json", "{"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := h.path(c.file)
			h.ok(append([]string{"--db", db, "export", "--id", "1", "--out", out}, c.args...)...)
			b := mustRead(t, out)
			if !bytes.HasPrefix(b, []byte(c.start)) {
				t.Fatalf("%s starts %q, want %q", c.file, b[:min(len(b), 30)], c.start)
			}
			if c.start != "%PDF-" {
				return
			}
			if o, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", out, err, o)
			}
			text, err := exec.Command("pdftotext", out, "-").Output()
			if err != nil || !strings.Contains(string(text), "Sign-offs for each major step") {
				t.Errorf("the PDF's text lacks the chosen change (%v)", err)
			}
		})
	}

	t.Run("markdown to stdout", func(t *testing.T) {
		out := h.ok("--db", db, "export", "--id", "1", "--format", "md", "--out", "-")
		if !strings.HasPrefix(out, "# Rover bench test") || !strings.Contains(out, "## The one change") {
			t.Errorf("stdout markdown starts %q", out[:min(len(out), 60)])
		}
	})
}

func TestExportPDFReportsCharactersNoFontHas(t *testing.T) {
	needTool(t, "qpdf")
	h := newHarness(t)
	db := h.path("d.db")
	doc := h.path("rocket.json")
	mustWrite(t, doc, []byte(`{"format":"debrief","version":1,"debrief":{"title":"Launch 🚀 slipped",
		"factors":[{"key":"f1","text":"Zoë Łukasiewicz-Ødegård said: the rocket 🚀 was late","category":"people"}]}}`))
	id := h.importFile(db, doc)
	out := h.path("rocket.pdf")
	r := h.run("--no-sample", "--db", db, "export", "--id", strconv.FormatInt(id, 10), "--out", out)
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// gofpdf cannot draw characters beyond U+FFFF, so the rocket is always
	// reported; the export still succeeds and says so in one line.
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "could not be drawn") || !strings.Contains(r.stderr, "🚀") {
		t.Errorf("stderr = %q, want one warning line naming 🚀", r.stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the PDF was not written: %v", err)
	}
	if left, _ := filepath.Glob(h.path(".debrief-*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
