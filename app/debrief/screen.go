package debrief

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
	dcanvas "github.com/debrief-app/debrief/canvas"
	"github.com/debrief-app/debrief/export"
)

// Screen is one open debrief on screen, walked through its phases:
// Set the stage, the board (Factors and Connect), Lessons, Kudos and Share.
//
// The debrief itself is the session's (app/session): every view turns
// gestures and typing into changes for it and redraws from what it
// reports. The view holds widgets and which phase is built.
type Screen struct {
	host    *ui.Host
	shell   Shell
	sess    *session.Session
	board   *dcanvas.Board
	lastIn  *store.CheckIn        // the change committed to in the previous debrief of its group, if any
	group   model.Group           // its group, as it was when opened
	held    []insights.Recurrence // earlier changes of the group that may not have held
	stopObs []func()              // stop hearing the session

	quick      *ui.TextField
	cat        *widget.Select
	undo       *widget.Button
	redo       *widget.Button
	zoom       *widget.Label
	saved      *widget.Label
	tools      fyne.CanvasObject // the board's toolbar
	boardCoach *ui.CoachNote     // the coach's hint for the card being typed and the quick-add field
	coachNotes []*ui.CoachNote   // every coached field's hint, for tests
	missed     []missedItem      // the "Often missed" suggestions, ticked once on the board

	root     *fyne.Container // the whole screen
	body     *fyne.Container // the phase on screen
	steps    *StepBar
	timer    *timerView
	status   *ui.Pill
	titleLbl *widget.Label
	banner   *fyne.Container // a non-modal message under the step bar (time's up)
	unsaved  *fyne.Container // the "Not saved" banner, shown while the disk refuses
	phases   [6]fyne.CanvasObject
	refresh  [6]func() // brings a built phase up to date when it is shown again

	closed bool

	room     *roomPanel      // the room's panel, made when first opened
	roomSlot *fyne.Container // where the panel goes, right of the phase
	roomPill *fyne.Container // where the folded panel's pill goes, in the header
	roomBtn  *widget.Button  // "Open the room" in the header
	fdBar    *fyne.Container // the face-down cards' count per category, over the board
	fdRow    *fyne.Container // its text and pills

	boardAreas []*fyne.Container // the board under its toolbar, on Factors and on Connect

	lastLesson   model.Lesson // the lesson as last heard, to tell a list's change from the lesson's
	boardTouched bool         // a change in the batch being followed put or deleted cards

	timeline *timelineView // Set the stage's timeline, once built

	// OnPhase hears every phase put on screen, and OnClock the clock as
	// it is drawn: presentation mode follows them.
	OnPhase func(model.Phase)
	OnClock func(text string, ink, fill color.Color)
}

// Shell is what the screen needs from the window around it besides the
// ui.Host: leaving for the library, exporting, and the keys the board
// does not use.
type Shell interface {
	ShowHome()
	ExportDialog(d *model.Dossier, f export.Format)
	Email(d *model.Dossier)
	GlobalKey(ev *fyne.KeyEvent)
	GlobalRune(r rune)
}

// changedAll follows a batch of changes (model.Coalesce): each in turn,
// then what follows the board once for them all, however many a room
// full of devices sent.
func (v *Screen) changedAll(evs []model.Event) {
	for _, ev := range evs {
		v.changed(ev)
	}
	if v.closed || !v.boardTouched {
		return
	}
	v.boardTouched = false
	v.stale(model.KudosPhase) // its list of cards to thank someone for
	v.markMissed()
	v.refreshFaceDown()
	if v.RoomOpen() {
		v.room.refresh() // face-down cards and votes to show
	}
}

// changed follows a change of the debrief, whoever made it: the header,
// and the phases that show what changed. A phase that made the change
// itself (typing) is not rebuilt under the typist's fingers.
func (v *Screen) changed(ev model.Event) {
	if v.closed {
		return
	}
	v.saving()
	c := ev.Change
	if d := c.Debrief; d != nil {
		v.titleLbl.SetText(model.OneLine(d.Title))
		v.host.Win.SetTitle(model.OneLine(d.Title) + " — Debrief")
		v.status.Set(d.Status.Label(), ui.StatusColour(d.Status))
		v.board.SetNames(v.names(d.Participants)) // the authors a card's menu offers
	}
	echo := ev.Echo(v)
	if !echo && c.Debrief != nil {
		v.stale(model.SetTheStage)
	}
	if !echo && c.Parts != nil {
		// A change proposed or a kudos given from a device (or an undo of
		// a list) is shown in place: rebuilding the phase would take the
		// keyboard from someone typing in it, and a kudos half typed.
		// Only a lesson changed elsewhere (an undo) rebuilds Lessons.
		if c.Parts.Lesson != v.lastLesson {
			v.stale(model.LessonsPhase)
		} else {
			v.refreshShown(model.LessonsPhase)
		}
		v.refreshShown(model.KudosPhase)
	}
	if v.timeline != nil {
		v.timeline.changed(echo, c)
	}
	if c.Parts != nil {
		v.lastLesson = c.Parts.Lesson
	}
	if c.TouchesBoard() {
		v.boardTouched = true // followed once per batch, in changedAll
	}
	if c.Clock != nil && !echo && v.timer != nil {
		v.timer.follow(*c.Clock) // started, paused or reset elsewhere
	}
	cur := v.Clock().Phase
	if f := v.refresh[cur]; f != nil && (cur == model.ConnectPhase || cur == model.SharePhase) {
		f()
	}
	v.refreshTools()
}

// refreshShown brings phase p up to date in place when it is on screen
// (a phase built but not shown is brought up to date when it is).
func (v *Screen) refreshShown(p model.Phase) {
	if f := v.refresh[p]; f != nil && v.phases[p] != nil && v.Clock().Phase == p {
		f()
	}
}

// stale forgets built phases that no longer show the debrief as it is; the
// one on screen is built again now.
func (v *Screen) stale(phases ...model.Phase) {
	cur := v.Clock().Phase
	for _, p := range phases {
		if v.phases[p] == nil {
			continue
		}
		v.phases[p], v.refresh[p] = nil, nil
		if p == cur {
			v.phases[p] = v.buildPhase(p)
			v.body.Objects = []fyne.CanvasObject{v.phases[p]}
			v.body.Refresh()
		}
	}
}

// saving says an edit is on its way to the disk.
func (v *Screen) saving() {
	if v.saved != nil {
		v.saved.SetText("Saving…")
	}
}

// saveStateChanged shows whether everything is stored: "All changes
// saved", or the "Not saved" banner, which stays until the changes are
// stored (the session keeps trying). Nothing on screen is undone.
func (v *Screen) saveStateChanged(st session.SaveState) {
	if v.saved == nil || v.closed {
		return
	}
	if !st.Failing {
		if st.Pending == 0 {
			v.saved.SetText("All changes saved")
		}
		v.unsaved.Hide()
		return
	}
	v.saved.SetText("Not saved")
	msg := widget.NewLabelWithStyle(notSavedText(st.Err), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Wrapping = fyne.TextWrapWord
	retry := widget.NewButton("Try now", v.sess.Retry)
	saveCopy := widget.NewButton("Save a copy…", func() { v.shell.ExportDialog(v.Current(), export.JSON) })
	v.unsaved.Objects = []fyne.CanvasObject{ui.Panel(ui.TimerRed, container.NewBorder(nil, nil,
		widget.NewIcon(theme.ErrorIcon()), container.NewCenter(container.NewHBox(retry, saveCopy)), msg))}
	v.unsaved.Show()
	v.unsaved.Refresh()
}

// notSavedText is the banner's sentence for a failed save: what went
// wrong, that nothing is lost, and what would help, for that cause only:
// a full disk, a folder that cannot be written, or anything else.
func notSavedText(err error) string {
	if err == nil {
		err = errors.New("the disk refused to write")
	}
	reason := err
	if inner := errors.Unwrap(err); inner != nil {
		reason = inner // the writer's wrapping says what the banner says anyway
	}
	text := strings.TrimSuffix(reason.Error(), ".")
	help := "save a copy to keep them safe"
	switch low := strings.ToLower(text); {
	case strings.Contains(low, "disk is full"), strings.Contains(low, "disk i/o error"), strings.Contains(low, "no space"),
		strings.Contains(low, "file too large"):
		text = "the disk refused to write (is it full?)"
		help = "free some disk space, or save a copy"
	case strings.Contains(low, "readonly"), strings.Contains(low, "read-only"), strings.Contains(low, "permission denied"):
		text = "the database cannot be written (is its folder read-only?)"
		help = "fix the folder's permissions, or save a copy"
	}
	return fmt.Sprintf("Not saved: %s. Your changes stay on screen and Debrief keeps trying; %s.", text, help)
}

// Current is the debrief as it is now, for export, the Share step's
// summary and presentation mode: what everyone may read, never a card of
// the room still face down or hidden.
func (v *Screen) Current() *model.Dossier { return v.sess.Dossier().Shown() }

// dossier is the debrief without its cards and links: what the forms
// read. It is a copy.
func (v *Screen) dossier() *model.Dossier {
	p := v.sess.Parts()
	return &model.Dossier{Debrief: v.sess.Debrief(), Lesson: p.Lesson, WarningSigns: p.WarningSigns, Changes: p.Changes, Kudos: p.Kudos, Timeline: p.Timeline}
}

// Clock is the phase on screen and the countdowns.
func (v *Screen) Clock() model.Session { return v.sess.Clock() }

// toolbar is the row above the board: quick add, category, undo and redo,
// arrange, zoom, and whether everything is saved.
func (v *Screen) toolbar() fyne.CanvasObject {
	b := v.board
	v.quick = ui.NewTextField()
	v.quick.SetLimit(model.MaxCardTyped) // it makes a card
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
		c := v.host.Win.Canvas()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(arrange).Add(fyne.NewPos(0, arrange.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu, c, pos)
	})
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), b.ZoomOut)
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), b.ZoomIn)
	fit := widget.NewButtonWithIcon("Fit", theme.ZoomFitIcon(), b.ZoomToFit)
	v.zoom = widget.NewLabel("100 %")
	v.refreshTools()
	tools := container.NewHBox(ui.WideSelect(v.cat), widget.NewSeparator(), v.undo, v.redo, arrange,
		widget.NewSeparator(), out, v.zoom, in, fit)
	v.boardCoach = ui.NewFloatingCoachNote(v.host.Later)
	v.quick.OnChanged = v.boardCoach.Check
	b.OnTyping = v.boardCoach.Check
	// Lay the board's areas out again, and repaint them, without
	// refreshing their widgets: a refresh while a theme changes (leaving
	// presentation mode) drew icons in the wrong shade.
	row := &toolRow{later: v.host.Later, relayout: func() {
		for _, a := range v.boardAreas {
			if a.Visible() && a.Size().Width > 0 {
				a.Layout.Layout(a.Objects, a.Size())
				if c := fyne.CurrentApp().Driver().CanvasForObject(a); c != nil {
					c.Refresh(a)
				}
			}
		}
	}}
	return container.NewPadded(container.New(row, v.quick, tools))
}

// refreshTools follows the board: category, undo and redo, zoom.
func (v *Screen) refreshTools() {
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

// quickMinWidth is the narrowest the quick-add field may be beside the
// tools; narrower (a small window, the room's panel open), the tools go
// on a second row under it.
const quickMinWidth = 280

// toolRow lays out the quick-add field (first) and the tools (second):
// on one row when both fit, else the field on its own row above them.
// A layout's height cannot follow its width, so when the width decides
// for the other form it asks for a new layout, once, after this one.
type toolRow struct {
	two      bool
	later    func(func())
	relayout func()
}

func (l *toolRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	f, t := objs[0].MinSize(), objs[1].MinSize()
	if l.two {
		return fyne.NewSize(t.Width, f.Height+theme.Padding()+t.Height)
	}
	return fyne.NewSize(t.Width, max(f.Height, t.Height))
}

func (l *toolRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	field, tools := objs[0], objs[1]
	t := tools.MinSize()
	pad := theme.Padding()
	if two := size.Width-t.Width-pad < quickMinWidth; two != l.two {
		l.two = two
		l.later(l.relayout)
	}
	if !l.two {
		h := max(field.MinSize().Height, t.Height)
		field.Move(fyne.NewPos(0, (size.Height-h)/2))
		field.Resize(fyne.NewSize(size.Width-t.Width-pad, h))
		tools.Move(fyne.NewPos(size.Width-t.Width, (size.Height-t.Height)/2))
		tools.Resize(t)
		return
	}
	fh := field.MinSize().Height
	field.Move(fyne.Position{})
	field.Resize(fyne.NewSize(size.Width, fh))
	tools.Move(fyne.NewPos(0, fh+pad))
	tools.Resize(fyne.NewSize(min(size.Width, t.Width), t.Height))
}
