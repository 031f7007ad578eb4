package app

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui/uitest"
	"github.com/debrief-app/debrief/export"
)

// fakeSystem records what Debrief asked of the desktop.
type fakeSystem struct {
	opened  []string
	ran     [][]string
	noEmail bool
}

func (f *fakeSystem) install(s *Shell) {
	s.sys = system{
		open: func(u *url.URL) error { f.opened = append(f.opened, u.String()); return nil },
		lookPath: func(name string) (string, error) {
			if f.noEmail {
				return "", errors.New("not found")
			}
			return "/usr/bin/" + name, nil
		},
		run: func(name string, args ...string) error {
			f.ran = append(f.ran, append([]string{name}, args...))
			return nil
		},
	}
}

func openSample(t *testing.T) (*Shell, *model.Dossier, *fakeSystem) {
	t.Helper()
	s, db := newTestShell(t, true)
	fake := &fakeSystem{}
	fake.install(s)
	d, err := db.LoadDossier(context.Background(), s.home.Items()[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	s.OpenDebrief(d.Debrief.ID)
	s.open.Show(model.SharePhase)
	return s, d, fake
}

func TestExportPDFThenOpenAndShowFolder(t *testing.T) {
	s, d, fake := openSample(t)
	c := s.win.Canvas()
	for _, want := range []string{"Export PDF…", "Markdown…", "Email…"} {
		uitest.Button(t, c, want)
	}
	path := filepath.Join(t.TempDir(), export.FileName(d.Debrief, export.PDF, storetest.Clock))
	var got *export.Report
	s.ExportTo(d, export.PDF, path, func(r export.Report) { got = &r; s.showExported(d, export.PDF, path, r) })
	if got == nil {
		t.Fatal("the export did not finish")
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF (%v)", path, err)
	}
	if !strings.Contains(uitest.Texts(c), "Saved "+path) {
		t.Error("the Exported dialog does not say where the file is")
	}
	tapButton(t, s, "Show in folder")
	s.showExported(d, export.PDF, path, *got)
	tapButton(t, s, "Open PDF")
	want := []string{storage.NewFileURI(filepath.Dir(path)).String(), storage.NewFileURI(path).String()}
	if strings.Join(fake.opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %v, want %v", fake.opened, want)
	}
}

// tapButton taps a button by its text; dialogs that close on it are fine.
func tapButton(t *testing.T, s *Shell, text string) {
	t.Helper()
	b := uitest.Button(t, s.win.Canvas(), text)
	b.OnTapped()
}

func TestExportMarkdownWritesTheSummary(t *testing.T) {
	s, d, _ := openSample(t)
	path := filepath.Join(t.TempDir(), "sample.md")
	done := false
	s.ExportTo(d, export.Markdown, path, func(export.Report) { done = true })
	b, err := os.ReadFile(path)
	if !done || err != nil || !strings.HasPrefix(string(b), "# "+d.Debrief.Title) {
		t.Fatalf("markdown export: done=%v err=%v starts %q", done, err, string(b[:min(len(b), 80)]))
	}
}

func TestExportToUnwritablePathShowsErrorAndLeavesNothing(t *testing.T) {
	s, d, _ := openSample(t)
	dir := t.TempDir()
	blocker := filepath.Join(dir, "not-a-folder")
	os.WriteFile(blocker, []byte("x"), 0o644)
	path := filepath.Join(blocker, "out.pdf")
	called := false
	s.ExportTo(d, export.PDF, path, func(export.Report) { called = true })
	if called {
		t.Error("done ran for a failed export")
	}
	if !strings.Contains(uitest.Texts(s.win.Canvas()), "Could not export") {
		t.Error("no error was shown for an unwritable path")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 1 {
		t.Errorf("files after a failed export: %v", left)
	}
}

func TestEmailAttachesThePDF(t *testing.T) {
	s, d, fake := openSample(t)
	tapButton(t, s, "Email…")
	if len(fake.ran) != 1 {
		t.Fatalf("ran %v, want one xdg-email call", fake.ran)
	}
	args := fake.ran[0]
	if args[0] != "/usr/bin/xdg-email" || args[1] != "--subject" || args[2] != "Debrief: "+d.Debrief.Title || args[3] != "--attach" {
		t.Fatalf("xdg-email called as %q", args)
	}
	b, err := os.ReadFile(args[4])
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("the attachment %s is not a PDF (%v)", args[4], err)
	}
	os.RemoveAll(filepath.Dir(args[4]))
}

func TestEmailWithoutMailClientShowsTheFolder(t *testing.T) {
	s, _, fake := openSample(t)
	fake.noEmail = true
	tapButton(t, s, "Email…")
	if len(fake.ran) != 0 || len(fake.opened) != 1 || !strings.HasPrefix(fake.opened[0], "file://") {
		t.Fatalf("ran %v, opened %v; want the folder opened instead", fake.ran, fake.opened)
	}
	dir := strings.TrimPrefix(fake.opened[0], "file://")
	if m, _ := filepath.Glob(filepath.Join(dir, "*.pdf")); len(m) != 1 {
		t.Errorf("the folder shown holds %v, want the PDF", m)
	}
	if !strings.Contains(uitest.Texts(s.win.Canvas()), "Attach it to a new email") {
		t.Error("the user is not told to attach the file")
	}
	if n := len(s.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs, want one", n)
	}
	os.RemoveAll(dir)
}

// With neither a mail client nor a file manager there is one dialog, not
// two that contradict each other, with the PDF's path to copy.
func TestEmailWithNeitherMailClientNorFileManager(t *testing.T) {
	s, _, fake := openSample(t)
	fake.noEmail = true
	s.sys.open = func(*url.URL) error { return errors.New("xdg-open not found") }
	tapButton(t, s, "Email…")
	c := s.win.Canvas()
	if n := len(c.Overlays().List()); n != 1 {
		t.Fatalf("%d dialogs, want one:\n%s", n, uitest.Texts(c))
	}
	screen := uitest.Texts(c)
	if strings.Contains(screen, "folder with the PDF is shown") || strings.Contains(screen, "Could not open") {
		t.Errorf("the dialog contradicts itself:\n%s", screen)
	}
	var path string
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasSuffix(l, ".pdf") {
			path = l
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the dialog shows no PDF that exists (%q):\n%s", path, screen)
	}
	test.Tap(uitest.Button(t, c, "Copy the path"))
	if got := s.app.Clipboard().Content(); got != path {
		t.Errorf("copied %q, want %q", got, path)
	}
	os.RemoveAll(filepath.Dir(path))
}

func TestPaperSetting(t *testing.T) {
	s, _ := newTestShell(t, false)
	s.SetPaper(export.Letter)
	if s.Paper() != export.Letter {
		t.Fatalf("paper = %v after choosing Letter", s.Paper())
	}
	var checked []string
	for _, item := range s.win.MainMenu().Items[0].Items {
		if item.ChildMenu != nil {
			for _, sub := range item.ChildMenu.Items {
				if sub.Checked {
					checked = append(checked, sub.Label)
				}
			}
		}
	}
	if len(checked) != 1 || checked[0] != "US Letter" {
		t.Errorf("checked paper items = %v, want [US Letter]", checked)
	}
	s.SetPaper(export.A4)
	if s.Paper() != export.A4 {
		t.Errorf("paper = %v after choosing A4", s.Paper())
	}
}

func TestExportButtonsOpenTheSaveDialog(t *testing.T) {
	for _, label := range []string{"Export PDF…", "Markdown…"} {
		t.Run(label, func(t *testing.T) {
			s, _, _ := openSample(t)
			c := s.win.Canvas()
			before := len(c.Overlays().List())
			tapButton(t, s, label) // this panicked once: FileDialog.Resize before Show
			if len(c.Overlays().List()) != before+1 {
				t.Fatalf("%s did not open a dialog", label)
			}
			if !strings.Contains(uitest.Texts(c), "Save") {
				t.Errorf("the dialog after %s is not a save dialog:\n%s", label, uitest.Texts(c))
			}
		})
	}
}
