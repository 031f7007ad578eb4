package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/export"
)

// OpenDebrief shows one debrief on its board. Until it is read, the screen
// says so.
func (s *Shell) OpenDebrief(id int64) {
	if s.keepUnsaved(func() { s.OpenDebrief(id) }) {
		return
	}
	s.closeDebrief()
	back := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), s.ShowHome)
	s.win.SetContent(container.NewBorder(container.NewHBox(back), nil, nil, nil,
		container.NewCenter(widget.NewLabel("Opening…"))))
	ui.Background(s.host, "Could not open the debrief", func(ctx context.Context) (debrief.Load, error) {
		return debrief.Read(ctx, s.db, id)
	}, func(l debrief.Load) {
		v := debrief.Open(s.host, s, s.db, l, s.editPause)
		s.open = v
		s.win.SetMainMenu(s.mainMenu())
		roomOpen := false
		v.WatchRoom(func(st debrief.RoomState) { // Debrief ▸ Open/Close the room
			if open := st.Status != nil; open != roomOpen {
				roomOpen = open
				if s.open == v && s.presenting == nil {
					s.win.SetMainMenu(s.mainMenu())
				}
			}
		})
		s.win.SetTitle(model.OneLine(l.Dossier.Debrief.Title) + " — Debrief")
		content := v.Content()
		p := l.Clock.Phase
		if s.probe != nil { // the frame benchmark measures the board
			content = s.probe.Attach(v.Board(), content)
			p = model.FactorsPhase
		}
		s.win.SetContent(content)
		v.Show(p)
		s.audienceWin().show(v) // the audience window, if open, follows
	})
}

// keepUnsaved stops leaving the open debrief while the disk refuses its
// changes: leaving would lose them. It asks instead: stay (Debrief keeps
// trying), save a copy as a file, or leave without them, which then runs
// leave. It reports whether it stopped the leaving.
func (s *Shell) keepUnsaved(leave func()) bool {
	v := s.open
	if v == nil || s.leaveUnsaved {
		return false
	}
	st := v.Session().SaveState()
	if !st.Failing {
		return false
	}
	msg := widget.NewLabel(fmt.Sprintf("%s of “%s” could not be saved yet, and would be lost if you leave now.\n"+
		"Stay, and Debrief keeps trying; or save a copy of the debrief as a file first.",
		ui.Plural(st.Pending, "change", "changes"), model.Shorten(model.OneLine(v.Session().Debrief().Title), 40)))
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	stay := widget.NewButton("Stay", func() { d.Hide() })
	stay.Importance = widget.HighImportance
	saveCopy := widget.NewButton("Save a copy…", func() { d.Hide(); s.ExportDialog(v.Current(), export.JSON) })
	drop := widget.NewButton("Leave without saving", func() {
		d.Hide()
		s.leaveUnsaved = true
		defer func() { s.leaveUnsaved = false }()
		leave()
	})
	drop.Importance = widget.DangerImportance
	body := container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), drop, saveCopy, stay))
	d = dialog.NewCustomWithoutButtons("Not saved", container.NewPadded(body), s.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	return true
}

// closeDebrief stores the open debrief's last edits and lets its session
// finish storing what is queued, in the background, and stop.
func (s *Shell) closeDebrief() {
	if s.presenting != nil {
		s.leavePresentation()
	}
	v := s.open
	s.open = nil
	if v != nil {
		s.audienceWin().show(nil) // the audience window, if open, waits for the next one
		s.win.SetMainMenu(s.mainMenu())
		v.Close()
		s.closing.Add(1)
		s.async(func() {
			defer s.closing.Done()
			v.Session().Close()
		})
	}
}

// GlobalKey and GlobalRune are the window's keys, for the board to hand
// on what it does not use.
func (s *Shell) GlobalKey(ev *fyne.KeyEvent) { s.globalKey(ev) }
func (s *Shell) GlobalRune(r rune)           { s.globalRune(r) }
