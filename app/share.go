package app

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/export"
)

// Preferences of the Share actions.
const (
	prefPaper     = "export.paper"
	prefExportDir = "export.folder"
)

// slowExport is how long an export may take before a progress dialog shows.
const slowExport = 400 * time.Millisecond

// system is how Debrief reaches the desktop: opening files and folders,
// and handing a file to the mail client. Tests replace it.
type system struct {
	open     func(u *url.URL) error
	lookPath func(name string) (string, error)
	run      func(name string, args ...string) error
}

func desktopSystem(a fyne.App) system {
	return system{
		open:     a.OpenURL,
		lookPath: exec.LookPath,
		run:      func(name string, args ...string) error { return exec.Command(name, args...).Run() },
	}
}

// Paper is the paper size PDFs are exported on: the saved setting, else the locale's.
func (s *Shell) Paper() export.Paper {
	if p, err := export.ParsePaper(s.app.Preferences().String(prefPaper)); err == nil {
		return p
	}
	return export.DefaultPaper()
}

// SetPaper saves the paper size for PDF exports.
func (s *Shell) SetPaper(p export.Paper) {
	s.app.Preferences().SetString(prefPaper, string(p))
	s.win.SetMainMenu(s.mainMenu())
}

// exportDir is where the save dialog starts: the last folder used, else
// Documents, else home.
func (s *Shell) exportDir() fyne.ListableURI {
	candidates := []string{s.app.Preferences().String(prefExportDir)}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, "Documents"), home)
	}
	for _, dir := range candidates {
		if dir == "" {
			continue
		}
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				return l
			}
		}
	}
	return nil
}

// ExportDialog asks where to save d in format f, then writes it there.
func (s *Shell) ExportDialog(d *model.Dossier, f export.Format) {
	s.askWhere(export.FileName(d.Debrief, f, time.Now()), func(path string) {
		s.ExportTo(d, f, path, func(r export.Report) { s.showExported(d, f, path, r) })
	})
}

// askWhere asks where to save a file named name, starting in the last
// folder used, and hands the path chosen to save (not on a cancel).
func (s *Shell) askWhere(name string, save func(path string)) {
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError("Could not choose where to save", err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close() // the dialog made the file; ours replaces it whole, or removes it on failure
		s.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		save(path)
	}, s.win)
	dlg.SetFileName(name)
	if dir := s.exportDir(); dir != nil {
		dlg.SetLocation(dir)
	}
	dlg.Show()
	dlg.Resize(fyne.NewSize(900, 620)) // only after Show: before it, Fyne's FileDialog has nothing to resize and panics
}

// ExportTo writes d to path in format f off the UI goroutine, showing
// progress when it takes more than a moment; done runs on success. On
// failure the path holds no partial file and the error is shown.
func (s *Shell) ExportTo(d *model.Dossier, f export.Format, path string, done func(export.Report)) {
	var progress dialog.Dialog
	finished := false // read and written on the UI goroutine only
	timer := time.AfterFunc(slowExport, func() {
		s.later(func() {
			if finished {
				return
			}
			progress = dialog.NewCustomWithoutButtons("Exporting…", container.NewVBox(
				widget.NewLabel("Writing "+filepath.Base(path)), widget.NewProgressBarInfinite()), s.win)
			progress.Show()
		})
	})
	opt := export.Options{Paper: s.Paper(), Creator: "Debrief " + Version}
	s.async(func() {
		var rep export.Report
		err := export.WriteFile(path, func(w io.Writer) error {
			var err error
			rep, err = export.Write(w, d, f, opt)
			return err
		})
		if err != nil {
			removeIfEmpty(path)
		}
		s.later(func() {
			finished = true
			timer.Stop()
			if progress != nil {
				progress.Hide()
			}
			if err != nil {
				s.showError("Could not export", err)
				return
			}
			done(rep)
		})
	})
}

// removeIfEmpty removes the empty file a save dialog made for an export
// that then failed.
func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		os.Remove(path)
	}
}

// reportText says what an export could not do perfectly, or "".
func reportText(r export.Report) string {
	var parts []string
	if r.Note != "" {
		parts = append(parts, r.Note)
	}
	if len(r.Missing) > 0 {
		parts = append(parts, fmt.Sprintf("%d characters could not be drawn with the fonts on this computer and show as �: %s",
			len(r.Missing), string(r.Missing)))
	}
	return strings.Join(parts, "\n")
}

func (s *Shell) showExported(d *model.Dossier, f export.Format, path string, r export.Report) {
	msg := widget.NewLabel("Saved " + path)
	msg.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{msg}
	if t := reportText(r); t != "" {
		warn := widget.NewLabel(t)
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.WarningImportance
		items = append(items, warn)
	}
	var dlg dialog.Dialog
	open := widget.NewButtonWithIcon("Open", theme.FileIcon(), func() { s.openPath(path); dlg.Hide() })
	if f == export.PDF {
		open.SetText("Open PDF")
	}
	folder := widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { s.openPath(filepath.Dir(path)); dlg.Hide() })
	buttons := []fyne.CanvasObject{open, folder}
	if f == export.PDF {
		buttons = append(buttons, widget.NewButtonWithIcon("Email…", theme.MailSendIcon(), func() { dlg.Hide(); s.emailFile(d, path) }))
	}
	items = append(items, container.NewHBox(buttons...))
	dlg = dialog.NewCustom("Exported", "Close", container.NewVBox(items...), s.win)
	dlg.Resize(fyne.NewSize(620, 220))
	dlg.Show()
}

func (s *Shell) openPath(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = s.sys.open(u)
	}
	if err != nil {
		s.showError("Could not open "+path, err)
	}
}

// Email exports d as a PDF into a temporary folder and hands it to the
// mail client as an attachment.
func (s *Shell) Email(d *model.Dossier) {
	s.async(func() {
		dir, err := os.MkdirTemp("", "debrief-share-")
		s.later(func() {
			if err != nil {
				s.showError("Could not prepare the email", err)
				return
			}
			path := filepath.Join(dir, export.FileName(d.Debrief, export.PDF, time.Now()))
			s.ExportTo(d, export.PDF, path, func(export.Report) { s.emailFile(d, path) })
		})
	})
}

// emailFile opens a new message with path attached (xdg-email, run off
// the UI goroutine: a mail client may take its time); where that is not
// possible it shows the file in its folder instead.
func (s *Shell) emailFile(d *model.Dossier, path string) {
	subject := "Debrief: " + model.OneLine(d.Debrief.Title)
	s.async(func() {
		xdg, err := s.sys.lookPath("xdg-email")
		if err == nil {
			err = s.sys.run(xdg, "--subject", subject, "--attach", path)
		}
		if err == nil {
			return
		}
		s.later(func() { s.attachByHand(path) })
	})
}

// attachByHand says, in one dialog, where the PDF is when no mail client
// could take it: the folder is shown when the desktop can show it, and the
// path can be copied either way.
func (s *Shell) attachByHand(path string) {
	msg := "No mail client could be opened from here, so the folder with the PDF is shown instead. Attach it to a new email."
	u, err := url.Parse(storage.NewFileURI(filepath.Dir(path)).String())
	if err == nil {
		err = s.sys.open(u)
	}
	if err != nil {
		msg = "No mail client or file manager could be opened from here. Attach this PDF to a new email:"
	}
	where := widget.NewEntry()
	where.SetText(path)
	where.OnChanged = func(string) { where.SetText(path) } // selectable, not editable
	copyPath := widget.NewButtonWithIcon("Copy the path", theme.ContentCopyIcon(), func() {
		s.app.Clipboard().SetContent(path)
	})
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Attach the PDF", "Close", container.NewVBox(text, container.NewBorder(nil, nil, nil, copyPath, where)), s.win)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}
