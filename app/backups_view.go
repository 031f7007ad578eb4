package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/library"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// backupTimeLayout is how a backup's time reads in the window.
const backupTimeLayout = "Mon 2 Jan 2006, 15:04"

// backupRows lists backups newest first, each with a Restore button that
// calls restore. With none it says where they would be.
func backupRows(dbPath string, backups []store.Backup, restore func(store.Backup)) fyne.CanvasObject {
	if len(backups) == 0 {
		l := widget.NewLabel("There are no backups yet in " + store.BackupsDir(dbPath) + ".")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	rows := container.NewVBox()
	for _, b := range backups {
		when := widget.NewLabel(b.Taken.Local().Format(backupTimeLayout))
		when.TextStyle.Bold = true
		what := widget.NewLabel(fmt.Sprintf("%s · %s", b.Kind, sizeText(b.Size)))
		btn := widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), func() { restore(b) })
		rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(btn), container.NewHBox(when, what)))
	}
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(520, min(float32(len(backups)), 6)*44))
	return scroll
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
}

// RestoreFromBackup lists the database's backups; restoring one replaces
// the database (a copy of what it replaces is kept among the backups).
func (s *Shell) RestoreFromBackup() {
	if s.keepUnsaved(s.RestoreFromBackup) {
		return
	}
	path := s.db.Path()
	ui.Background(s.host, "Could not list the backups", func(context.Context) ([]store.Backup, error) {
		return store.ListBackups(path)
	}, func(backups []store.Backup) {
		var d dialog.Dialog
		intro := widget.NewLabel("Restoring a backup replaces every debrief with the backup's. " +
			"What it replaces is kept as a backup too, so a restore can be undone.")
		intro.Wrapping = fyne.TextWrapWord
		list := backupRows(path, backups, func(b store.Backup) {
			d.Hide()
			s.confirmRestore(b.Path, b.Taken.Local().Format(backupTimeLayout))
		})
		d = dialog.NewCustom("Restore from backup", "Cancel", container.NewVBox(intro, list), s.win)
		d.Resize(fyne.NewSize(640, 0))
		d.Show()
	})
}

func (s *Shell) confirmRestore(from, label string) {
	dialog.ShowConfirm("Restore this backup?",
		fmt.Sprintf("Every debrief goes back to how it was on %s.\nThe database as it is now is kept in %s.", label, store.BackupsDir(s.db.Path())),
		func(ok bool) {
			if ok {
				s.restore(from)
			}
		}, s.win)
}

// restore closes the database, replaces it with from, and opens it again.
// The library shows what was restored. If from is refused, the database is
// left as it was and opened again.
func (s *Shell) restore(from string) {
	s.ShowHome()
	if s.open != nil {
		return // the user chose to stay with unsaved changes
	}
	busy := dialog.NewCustomWithoutButtons("Restoring…", widget.NewProgressBarInfinite(), s.win)
	busy.Show()
	old := s.db
	path := old.Path()
	s.async(func() {
		s.closing.Wait() // the last debrief's writer has finished
		old.Close()
		kept, err := store.Restore(path, from)
		db, openErr := store.Open(path)
		s.later(func() {
			busy.Hide()
			if openErr != nil {
				// Neither the restored nor the old file opens: say so; the app cannot go on.
				dialog.ShowError(fmt.Errorf("%w; Debrief will close", openErr), s.win)
				return
			}
			s.useDB(db)
			if err != nil {
				s.showError("The backup was not restored; nothing changed", err)
				return
			}
			msg := fmt.Sprintf("Restored %s.", filepath.Base(from))
			if kept != "" {
				msg += "\nThe database it replaced is kept at " + kept + "."
			}
			dialog.ShowInformation("Backup restored", msg, s.win)
		})
	})
}

// useDB makes db the shell's database and shows its library.
func (s *Shell) useDB(db *store.DB) {
	s.db = db
	s.home = library.New(s.host, s.db, s.app.Preferences(), s.OpenDebrief)
	s.ShowHome()
}

// problemWindow is shown instead of the library when the database cannot
// be opened: what is wrong, that the file was not touched, and its backups.
// Restoring one opens it and goes on to the library (done).
type problemWindow struct {
	app  fyne.App
	win  fyne.Window
	path string
	done func(db *store.DB)
	// async runs disk work; tests run it in line. later brings its end
	// back to the UI goroutine (fyne.Do, as the shell's later).
	async func(func())
	later func(func())
}

// showOpenProblem opens the problem window for the database at path that
// could not be opened because of openErr.
func showOpenProblem(a fyne.App, path string, openErr error, done func(db *store.DB)) *problemWindow {
	p := &problemWindow{app: a, path: path, done: done, async: func(f func()) { go f() }, later: fyne.Do}
	p.win = a.NewWindow("Debrief cannot open its database")
	p.win.SetIcon(ui.Icon())
	p.win.Resize(fyne.NewSize(760, 520))
	p.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { p.app.Quit() })
	p.show(openErr)
	p.win.Show()
	return p
}

func (p *problemWindow) show(openErr error) {
	if errors.Is(openErr, store.ErrBusy) {
		p.showBusy(openErr)
		return
	}
	title := widget.NewLabelWithStyle("Debrief cannot open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabel(problemText(openErr))
	msg.Wrapping = fyne.TextWrapWord
	untouched := widget.NewLabel("The file has not been changed.")
	backups, err := store.ListBackups(p.path)
	var list fyne.CanvasObject
	if err != nil {
		l := widget.NewLabel("The backups could not be listed: " + err.Error())
		l.Wrapping = fyne.TextWrapWord
		list = l
	} else {
		list = backupRows(p.path, backups, func(b store.Backup) { p.confirm(b.Path, b.Taken.Local().Format(backupTimeLayout)) })
	}
	fromFile := widget.NewButtonWithIcon("Restore from a file…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			r.Close()
			p.confirm(r.URI().Path(), r.URI().Name())
		}, p.win)
		d.Resize(fyne.NewSize(700, 480))
		d.Show()
	})
	quit := widget.NewButton("Quit", p.app.Quit)
	quit.Importance = widget.HighImportance
	backupsTitle := widget.NewLabelWithStyle("Backups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(title, msg, untouched, widget.NewSeparator(), backupsTitle, list)
	p.win.SetContent(container.NewPadded(container.NewBorder(nil,
		container.NewHBox(fromFile, layout.NewSpacer(), quit), nil, nil, container.NewVScroll(body))))
}

// showBusy is the problem window for a database that another program is
// writing: nothing is wrong with it, so no backup is offered, only to try
// again (and Quit).
func (p *problemWindow) showBusy(openErr error) {
	title := widget.NewLabelWithStyle("Debrief is waiting for its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabel(problemText(openErr))
	msg.Wrapping = fyne.TextWrapWord
	again := widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), p.tryAgain)
	again.Importance = widget.HighImportance
	quit := widget.NewButton("Quit", p.app.Quit)
	body := container.NewVBox(title, msg)
	p.win.SetContent(container.NewPadded(container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), quit, again), nil, nil, container.NewVScroll(body))))
}

// tryAgain opens the database again: the library if it opens, else the
// problem window for what is wrong now.
func (p *problemWindow) tryAgain() {
	wait := dialog.NewCustomWithoutButtons("Opening…", widget.NewProgressBarInfinite(), p.win)
	wait.Show()
	p.async(func() {
		db, err := store.Open(p.path)
		p.later(func() {
			wait.Hide()
			if err != nil {
				p.show(err)
				return
			}
			p.done(db)
			p.win.Close()
		})
	})
}

// problemText says what is wrong and what to do, in the window's words
// (the command line's advice names commands).
func problemText(err error) string {
	var oe *store.OpenError
	if !errors.As(err, &oe) {
		return ui.Capitalise(err.Error())
	}
	advice := "Restore one of its backups below, or a copy of it you kept elsewhere."
	switch {
	case errors.Is(oe.Err, store.ErrBusy):
		return fmt.Sprintf("Another program is writing to %s right now, so Debrief could not open it. "+
			"Nothing is wrong with the file.\nWait until that program has finished (or close it), then press Try again.", oe.Path)
	case errors.Is(oe.Err, store.ErrNewerVersion):
		advice = "Update Debrief to open it; or restore a backup below, which loses what the newer version added."
	case errors.Is(oe.Err, store.ErrReadOnly):
		advice = "Make the file and its folder writable (or copy the file to a folder you can write) and start Debrief again."
	}
	return fmt.Sprintf("Cannot open %s: %s.\n%s", oe.Path, strings.TrimSuffix(oe.Err.Error(), "."), advice)
}

func (p *problemWindow) confirm(from, label string) {
	dialog.ShowConfirm("Restore this backup?",
		fmt.Sprintf("Debrief opens the backup of %s.\nThe file that could not be opened is kept in %s.", label, store.BackupsDir(p.path)),
		func(ok bool) {
			if ok {
				p.restore(from)
			}
		}, p.win)
}

func (p *problemWindow) restore(from string) {
	busy := dialog.NewCustomWithoutButtons("Restoring…", widget.NewProgressBarInfinite(), p.win)
	busy.Show()
	p.async(func() {
		_, err := store.Restore(p.path, from)
		var db *store.DB
		if err == nil {
			db, err = store.Open(p.path)
		}
		p.later(func() {
			busy.Hide()
			if err != nil {
				var oe *store.OpenError
				if !errors.As(err, &oe) {
					err = fmt.Errorf("the backup was not restored: %w", err)
				}
				dialog.ShowError(err, p.win)
				return
			}
			p.done(db)
			p.win.Close()
		})
	})
}

// backupsDue writes the day's backup in the background when the newest is
// over a day old. A failure is logged, not shown: the app works without it,
// and the next start tries again.
func backupsDue(db *store.DB) {
	go func() {
		if _, _, err := db.BackupIfDue(context.Background()); err != nil {
			fyne.LogError("daily backup", err)
		}
	}()
}
