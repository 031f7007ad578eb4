package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	dcanvas "github.com/debrief-app/debrief/canvas"
	"github.com/debrief-app/debrief/export"
)

// debriefView is one open debrief, walked through its phases: Set the
// stage, the board (Factors and Connect), Lessons, Kudos and Share.
//
// The view holds the debrief in memory and stores every edit through one
// ordered background saver: board changes as they happen, the other parts
// (fields, lesson, changes, kudos, the session) shortly after typing
// pauses, and at once when leaving or quitting.
type debriefView struct {
	s       *Shell
	d       *model.Dossier // the debrief as edited; Current adds the board's cards and links
	board   *dcanvas.Board
	saver   *boardSaver
	session model.Session
	lastIn  *store.CheckIn // the change committed to in the previous debrief, if any
	ids     struct{ sign, change, kudos int64 }

	quick      *textField
	cat        *widget.Select
	undo       *widget.Button
	redo       *widget.Button
	zoom       *widget.Label
	saved      *widget.Label
	tools      fyne.CanvasObject // the board's toolbar
	boardCoach *coachNote        // the coach's hint for the card being typed and the quick-add field
	coachNotes []*coachNote      // every coached field's hint, for tests

	root     *fyne.Container // the whole screen
	body     *fyne.Container // the phase on screen
	steps    *stepBar
	timer    *timerView
	status   *pill
	titleLbl *widget.Label
	banner   *fyne.Container // a non-modal message under the step bar (time's up)
	unsaved  *fyne.Container // the "Not saved" banner, shown while the disk refuses
	phases   [6]fyne.CanvasObject
	refresh  [6]func() // brings a built phase up to date when it is shown again

	dirtyDebrief, dirtyParts bool
	pause                    time.Duration // editPause; tests make it long and flush by hand
	flushTimer               *time.Timer
	closed                   bool
}

// boardLoad is what opening a debrief reads from the disk.
type boardLoad struct {
	d                   *model.Dossier
	nextID, nextLink    int64
	session             model.Session
	sign, change, kudos int64
	lastIn              *store.CheckIn
}

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
	background(s, "Could not open the debrief", func(ctx context.Context) (boardLoad, error) {
		return s.loadDebrief(ctx, id)
	}, func(l boardLoad) {
		v := s.newDebriefView(l)
		s.open = v
		s.win.SetMainMenu(s.mainMenu())
		s.win.SetTitle(model.OneLine(l.d.Debrief.Title) + " — Debrief")
		s.win.SetContent(v.content())
		p := v.session.Phase
		if s.probe != nil {
			p = model.FactorsPhase // the frame benchmark measures the board
		}
		v.show(p)
		s.audienceWin().show(v) // the audience window, if open, follows
	})
}

func (s *Shell) loadDebrief(ctx context.Context, id int64) (boardLoad, error) {
	var l boardLoad
	var err error
	if l.d, err = s.db.LoadDossier(ctx, id); err != nil {
		return l, err
	}
	if l.nextID, l.nextLink, err = s.db.NextIDs(ctx); err != nil {
		return l, err
	}
	if l.sign, l.change, l.kudos, err = s.db.NextPartIDs(ctx); err != nil {
		return l, err
	}
	if l.session, err = s.db.GetSession(ctx, id); err != nil {
		return l, err
	}
	if in, ok, err := s.db.LastCheckIn(ctx, id); err != nil {
		return l, err
	} else if ok {
		l.lastIn = &in
	}
	return l, nil
}

// keepUnsaved stops leaving the open debrief while the disk refuses its
// changes: leaving would lose them. It asks instead: stay (Debrief keeps
// trying), save a copy as a file, or leave without them, which then runs
// leave. It reports whether it stopped the leaving.
func (s *Shell) keepUnsaved(leave func()) bool {
	v := s.open
	if v == nil || s.leaveUnsaved || !v.saver.Failing() {
		return false
	}
	n := v.saver.Pending()
	msg := widget.NewLabel(fmt.Sprintf("%s of “%s” could not be saved yet, and would be lost if you leave now.\n"+
		"Stay, and Debrief keeps trying; or save a copy of the debrief as a file first.",
		plural(n, "change", "changes"), model.Shorten(model.OneLine(v.d.Debrief.Title), 40)))
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

// closeDebrief stores the open debrief's last edits and lets its saver
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
		v.close()
		s.closing.Add(1)
		s.async(func() {
			defer s.closing.Done()
			v.saver.Close()
		})
	}
}

func (s *Shell) newDebriefView(l boardLoad) *debriefView {
	v := &debriefView{s: s, d: l.d, board: dcanvas.NewBoard(), session: l.session, lastIn: l.lastIn, pause: editPause}
	v.ids.sign, v.ids.change, v.ids.kudos = l.sign, l.change, l.kudos
	debriefID := l.d.Debrief.ID
	v.saver = newBoardSaver(func(ctx context.Context, c dcanvas.Change) error {
		return s.db.ApplyBoard(ctx, debriefID, toStore(c))
	}, v.saveFailed, v.allSaved)
	v.saver.deliver = s.later
	v.board.Load(l.d, l.nextID, l.nextLink)
	v.board.OnChange = func(c dcanvas.Change) {
		v.saver.Save(c)
		v.saving()
		if len(c.DeleteFactors) > 0 {
			v.forgetCards(c.DeleteFactors)
		}
		if f := v.refresh[model.ConnectPhase]; f != nil && v.session.Phase == model.ConnectPhase {
			f()
		}
	}
	v.board.OnStateChanged = v.refreshTools
	v.board.OnRefused = func(err error) { dialog.ShowError(err, s.win) }
	v.board.OnOtherKey = func(ev *fyne.KeyEvent) { s.globalKey(ev) }
	v.board.OnOtherRune = func(r rune) { s.globalRune(r) }
	if s.probe != nil { // the frame benchmark
		v.board.OnRedraw = s.probe.Redraw
		v.board.SetNaive(s.probe.naive)
	}
	return v
}

// saving says an edit is on its way to the disk.
func (v *debriefView) saving() {
	if v.saved != nil {
		v.saved.SetText("Saving…")
	}
}

// saveFailed shows the "Not saved" banner: it stays until the changes are
// stored, which the saver keeps trying. Nothing on screen is undone.
func (v *debriefView) saveFailed(err error) {
	v.saved.SetText("Not saved")
	if v.unsaved == nil {
		return
	}
	msg := widget.NewLabelWithStyle(notSavedText(err), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Wrapping = fyne.TextWrapWord
	retry := widget.NewButton("Try now", v.saver.Retry)
	saveCopy := widget.NewButton("Save a copy…", func() { v.s.ExportDialog(v.Current(), export.JSON) })
	v.unsaved.Objects = []fyne.CanvasObject{panel(timerRed, container.NewBorder(nil, nil,
		widget.NewIcon(theme.ErrorIcon()), container.NewCenter(container.NewHBox(retry, saveCopy)), msg))}
	v.unsaved.Show()
	v.unsaved.Refresh()
}

// notSavedText is the banner's sentence for a failed save: what went wrong
// and that nothing is lost.
func notSavedText(err error) string {
	reason := err
	if inner := errors.Unwrap(err); inner != nil {
		reason = inner // the saver's wrapping says what the banner says anyway
	}
	text := strings.TrimSuffix(reason.Error(), ".")
	switch low := strings.ToLower(text); {
	case strings.Contains(low, "disk is full"), strings.Contains(low, "disk i/o error"), strings.Contains(low, "no space"):
		text = "the disk refused to write (is it full?)"
	case strings.Contains(low, "readonly"), strings.Contains(low, "read-only"), strings.Contains(low, "permission denied"):
		text = "the database cannot be written (is its folder read-only?)"
	}
	return fmt.Sprintf("Not saved: %s. Your changes stay on screen and Debrief keeps trying; "+
		"free some disk space or fix the folder's permissions, or save a copy.", text)
}

func (v *debriefView) allSaved() {
	if v.saver.Pending() == 0 {
		v.saved.SetText("All changes saved")
	}
	if v.unsaved != nil && !v.saver.Failing() {
		v.unsaved.Hide()
	}
}

// Current is the debrief as it is now: what was loaded, with the board's
// cards and links.
func (v *debriefView) Current() *model.Dossier {
	d := *v.d
	d.Debrief.Participants = slices.Clone(d.Debrief.Participants)
	d.WarningSigns = slices.Clone(d.WarningSigns)
	d.Changes = slices.Clone(d.Changes)
	d.Kudos = slices.Clone(d.Kudos)
	d.Factors = v.board.Factors()
	d.Links = v.board.Links()
	return &d
}

// toolbar is the row above the board: quick add, category, undo and redo,
// arrange, zoom, and whether everything is saved.
func (v *debriefView) toolbar() fyne.CanvasObject {
	b := v.board
	v.quick = newTextField()
	v.quick.SetPlaceHolder("Type a factor, press Enter to add it")
	v.quick.OnSubmitted = func(text string) {
		if b.QuickAdd(text) != 0 {
			v.quick.SetText("")
		}
	}
	labels := make([]string, 0, 7)
	for i, c := range model.Categories() {
		labels = append(labels, fmt.Sprintf("%d  %s", i+1, c.Label()))
	}
	v.cat = widget.NewSelect(labels, func(label string) {
		for i, l := range labels {
			if l == label {
				b.SetCategory(model.Categories()[i])
			}
		}
	})
	v.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), b.Undo)
	v.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), b.Redo)
	var arrange *widget.Button
	arrange = widget.NewButtonWithIcon("Arrange", theme.ViewRestoreIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem("By category, in columns", b.ArrangeByCategory),
			fyne.NewMenuItem("As a fishbone (Ishikawa)", b.ArrangeFishbone))
		c := v.s.win.Canvas()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(arrange).Add(fyne.NewPos(0, arrange.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu, c, pos)
	})
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), b.ZoomOut)
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), b.ZoomIn)
	fit := widget.NewButtonWithIcon("Fit", theme.ZoomFitIcon(), b.ZoomToFit)
	v.zoom = widget.NewLabel("100 %")
	v.refreshTools()
	tools := container.NewHBox(v.cat, widget.NewSeparator(), v.undo, v.redo, arrange,
		widget.NewSeparator(), out, v.zoom, in, fit)
	v.boardCoach = newCoachNote(v.s.later)
	v.quick.OnChanged = v.boardCoach.check
	b.OnTyping = v.boardCoach.check
	return container.NewPadded(container.NewVBox(container.NewBorder(nil, nil, nil, tools, v.quick), v.boardCoach.box))
}

// refreshTools follows the board: category, undo and redo, zoom.
func (v *debriefView) refreshTools() {
	if v.cat == nil {
		return
	}
	b := v.board
	for i, c := range model.Categories() {
		if c == b.Category() && v.cat.SelectedIndex() != i {
			v.cat.SetSelectedIndex(i)
		}
	}
	setEnabled(v.undo, b.CanUndo())
	setEnabled(v.redo, b.CanRedo())
	v.zoom.SetText(fmt.Sprintf("%.0f %%", b.Viewport().Zoom*100))
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
