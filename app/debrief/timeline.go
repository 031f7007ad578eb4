package debrief

import (
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// The Timeline section of Set the stage: what happened when, typed while
// people talk. The time is now unless someone changes it; Enter adds the
// event and leaves the keyboard in the text field for the next one.
// Events are listed by time, each editable and deletable in place, and
// every change is one step of the debrief's undo.

// Placeholders of the section's fields; tests find the fields by them.
const (
	timelineAtHint   = "Time, e.g. 14:30"
	timelineTextHint = "What happened then? Enter adds it"
	timelineNoKind   = "No kind"
)

// timelineView is the section. It is rebuilt with its phase; refresh
// redraws the list from the session.
type timelineView struct {
	v       *Screen
	now     func() time.Time
	at      *ui.TextField
	prefill string // the time the field was last set to; typing another keeps it after an add
	kind    *widget.Select
	text    *ui.TextField
	problem *widget.Label
	list    *fyne.Container
	undo    *widget.Button

	day      time.Time         // when it happened, as the list was last drawn
	editing  int64             // the event being edited in place; 0 for none
	editRow  fyne.CanvasObject // its form, kept across a refresh so typing is not lost
	editText *ui.TextField     // the form's text field
}

// timelineSection builds the section and makes it the screen's.
func (v *Screen) timelineSection() fyne.CanvasObject {
	t := &timelineView{v: v, now: time.Now}
	v.timeline = t

	t.at = ui.Line("", timelineAtHint, nil)
	t.at.SetLimit(model.MaxAt)
	t.setNow()
	t.problem = ui.ProblemLabel()
	t.at.OnChanged = func(s string) {
		if _, err := model.ParseAt(s); err == nil || strings.TrimSpace(s) == "" {
			ui.ShowProblem(t.problem, nil)
		}
	}
	t.at.OnSubmitted = func(string) { v.host.Win.Canvas().Focus(t.text) }
	t.kind = kindSelect()
	t.text = ui.Line("", timelineTextHint, nil)
	t.text.OnSubmitted = func(string) { t.add() }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), t.add)
	t.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), func() {
		v.sess.Undo(v)
		t.refresh()
	})
	t.undo.Importance = widget.LowImportance
	t.list = container.NewVBox()
	t.refresh()

	entry := container.New(growRow{grow: 2}, ui.Sized(t.at, atWidth(t.prefill)), ui.WideSelect(t.kind), t.text, add)
	head := container.NewBorder(nil, nil, nil, t.undo, ui.Heading("Timeline"))
	return container.NewVBox(head,
		ui.Caption("When did it start? When did someone notice? What was tried, and when was it fixed? "+
			"The time is now unless you change it; Enter adds the event."),
		entry, t.problem, t.list)
}

// kindSelect offers the kinds, or none.
func kindSelect() *widget.Select {
	opts := []string{timelineNoKind}
	for _, k := range model.TimelineKinds() {
		opts = append(opts, k.Label())
	}
	s := widget.NewSelect(opts, nil)
	s.SetSelectedIndex(0)
	return s
}

// selectedKind is the kind a kindSelect shows.
func selectedKind(s *widget.Select) model.TimelineKind {
	if i := s.SelectedIndex(); i > 0 {
		return model.TimelineKinds()[i-1]
	}
	return model.NoKind
}

// setNow puts the time now in the time field: the time of day, and the
// date too when the reflection is on a later day than the setback (a time
// without a date is on the day it happened).
func (t *timelineView) setNow() {
	now, layout := t.now(), "15:04"
	if day := t.v.sess.Debrief().HappenedAt; !day.IsZero() && day.Local().Format(model.DateLayout) != now.Format(model.DateLayout) {
		layout = "2006-01-02 15:04"
	}
	t.prefill = now.Format(layout)
	t.at.SetText(t.prefill)
}

// add puts the event typed into the timeline, and readies the fields for
// the next one: the text empty and focused, the kind none, the time now
// (or as typed, when someone is filling in times from earlier).
func (t *timelineView) add() {
	win := t.v.host.Win
	text := strings.TrimSpace(t.text.Text)
	if text == "" {
		win.Canvas().Focus(t.text)
		return
	}
	at := strings.TrimSpace(t.at.Text)
	if _, err := model.ParseAt(at); err != nil {
		ui.ShowProblem(t.problem, err)
		win.Canvas().Focus(t.at)
		return
	}
	ui.ShowProblem(t.problem, nil)
	e := model.TimelineEvent{ID: t.v.sess.NewTimelineID(), DebriefID: t.v.sess.ID(), At: at, Text: text, Kind: selectedKind(t.kind)}
	t.v.editTimeline("Add to the timeline", func(list *[]model.TimelineEvent) { *list = append(*list, e) })
	t.text.SetText("")
	t.kind.SetSelectedIndex(0)
	if at == t.prefill {
		t.setNow()
	}
	t.refresh()
	win.Canvas().Focus(t.text)
}

// editTimeline changes the timeline as one undo step, stored at once.
func (v *Screen) editTimeline(label string, edit func(list *[]model.TimelineEvent)) {
	p := v.sess.Parts()
	edit(&p.Timeline)
	v.apply(true, model.Change{Label: label, Parts: &p})
}

// changed follows a change of the debrief: the list when someone else
// (an undo, a redo) changed the timeline or the day it happened changed;
// the undo button always.
func (t *timelineView) changed(echo bool, c model.Change) {
	if !echo && c.Parts != nil || c.Debrief != nil && !c.Debrief.HappenedAt.Local().Equal(t.day) {
		t.refresh() // the day decides where undated events sort
		return
	}
	t.refreshUndo()
}

func (t *timelineView) refreshUndo() { setEnabled(t.undo, t.v.sess.CanUndo()) }

// refresh redraws the list, sorted by time.
func (t *timelineView) refresh() {
	t.refreshUndo()
	day := t.v.sess.Debrief().HappenedAt.Local() // the day as the form shows it
	t.day = day
	events := model.SortTimeline(t.v.sess.Parts().Timeline, day)
	rows := make([]fyne.CanvasObject, 0, len(events))
	col := clockColumn(events, day)
	editing := false
	for _, e := range events {
		if e.ID == t.editing {
			editing = true
			if t.editRow == nil {
				t.editRow = t.editForm(e)
			}
			rows = append(rows, t.editRow)
			continue
		}
		rows = append(rows, t.eventRow(e, day, col))
	}
	if !editing { // saved, cancelled, or deleted meanwhile
		t.editing, t.editRow, t.editText = 0, nil, nil
	}
	if len(rows) == 0 {
		rows = append(rows, roomEmpty("No events yet. Add the first: when did it start?"))
	}
	t.list.Objects = rows
	t.list.Refresh()
}

// eventRow is one event as the list shows it, with its edit and delete
// buttons.
func (t *timelineView) eventRow(e model.TimelineEvent, day time.Time, col float32) fyne.CanvasObject {
	id := e.ID
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		t.editing, t.editRow = id, nil
		t.refresh()
		if t.editText != nil {
			t.v.host.Win.Canvas().Focus(t.editText) // the text is what is most often put right
		}
	})
	edit.Importance = widget.LowImportance
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		t.v.editTimeline("Delete from the timeline", func(list *[]model.TimelineEvent) {
			*list = slices.DeleteFunc(*list, func(x model.TimelineEvent) bool { return x.ID == id })
		})
		t.refresh()
	})
	del.Importance = widget.LowImportance
	return timelineRow(e, day, col, container.NewHBox(edit, del))
}

// timelineRows are the events read-only, sorted, for the Share step's
// summary and presentation mode; none when there are none.
func timelineRows(d *model.Dossier, aligned bool) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	day := d.Debrief.HappenedAt.Local()
	events := model.SortTimeline(d.Timeline, day)
	col := float32(0)
	if aligned {
		col = clockColumn(events, day)
	}
	for _, e := range events {
		rows = append(rows, timelineRow(e, day, col, nil))
	}
	return rows
}

// timelineRow is an event read-only: its time, a dot in its kind's
// colour, its kind and its text; actions (may be nil) at the end. With a
// column width (clockColumn), times take a column of it, so the list
// reads down; 0 in presentation mode, whose text is scaled past it.
func timelineRow(e model.TimelineEvent, day time.Time, col float32, actions fyne.CanvasObject) fyne.CanvasObject {
	clock := widget.NewLabelWithStyle(model.ClockText(e.At, day), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	var when fyne.CanvasObject = clock
	if col > 0 {
		when = container.New(fixedWidth(col), clock)
	}
	dot := canvas.NewCircle(e.Kind.RGB())
	left := container.NewHBox(when, container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(10), dot)))
	if e.Kind != model.NoKind {
		left.Add(container.NewCenter(ui.NewPill(e.Kind.Label(), e.Kind.RGB())))
	}
	return container.NewBorder(nil, nil, left, actions, ui.Para(e.Text))
}

// atWidth is a time field's width: wider for a date and a time.
func atWidth(at string) float32 {
	if len(strings.TrimSpace(at)) > len("00:00:00") {
		return 160
	}
	return 112
}

// clockColumn is wide enough for the times of the list: of day, or with
// a date when one is on another day than day.
func clockColumn(events []model.TimelineEvent, day time.Time) float32 {
	for _, e := range events {
		if len(model.ClockText(e.At, day)) > len("00:00:00") {
			return 150
		}
	}
	return 80
}

// editForm edits event e in place: Enter or Save keeps the change, Cancel
// drops it.
func (t *timelineView) editForm(e model.TimelineEvent) fyne.CanvasObject {
	id := e.ID
	at := ui.Line(e.At, timelineAtHint, nil)
	at.SetLimit(model.MaxAt)
	kind := kindSelect()
	for i, k := range model.TimelineKinds() {
		if k == e.Kind {
			kind.SetSelectedIndex(i + 1)
		}
	}
	var text *ui.TextField
	if strings.Contains(e.Text, "\n") {
		text = ui.Multiline(e.Text, "What happened", 2, nil)
	} else {
		text = ui.Line(e.Text, "What happened", nil)
	}
	problem := ui.ProblemLabel()
	save := func() {
		newAt := strings.TrimSpace(at.Text)
		if _, err := model.ParseAt(newAt); err != nil {
			ui.ShowProblem(problem, err)
			return
		}
		newText := strings.TrimSpace(text.Text)
		if text.Disabled() {
			newText = e.Text // too long to edit here (see ui.Line): kept whole
		}
		if newText == "" {
			ui.ShowProblem(problem, errors.New("say what happened, or delete the event"))
			return
		}
		t.v.editTimeline("Edit the timeline", func(list *[]model.TimelineEvent) {
			for i := range *list {
				if (*list)[i].ID == id {
					(*list)[i].At, (*list)[i].Text, (*list)[i].Kind = newAt, newText, selectedKind(kind)
				}
			}
		})
		t.editing, t.editRow = 0, nil
		t.refresh()
	}
	t.editText = text
	at.OnSubmitted = func(string) { save() }
	text.OnSubmitted = func(string) { save() }
	ok := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), save)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() {
		t.editing, t.editRow = 0, nil
		t.refresh()
	})
	form := container.New(growRow{grow: 2}, ui.Sized(at, atWidth(e.At)), ui.WideSelect(kind), text, cancel, ok)
	return ui.Panel(theme.Color(theme.ColorNamePrimary), container.NewVBox(form, problem))
}

// growRow lays its objects out in a row, in their order, each at its
// minimum width but the one at index grow, which takes the rest. Unlike a
// Border, the order on screen is the order of Tab.
type growRow struct{ grow int }

func (r growRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(0, len(objs)-1)), h)
}

func (r growRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rest := size.Width - r.MinSize(objs).Width
	x := float32(0)
	for i, o := range objs {
		w := o.MinSize().Width
		if i == r.grow {
			w += max(0, rest)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}
