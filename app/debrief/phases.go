package debrief

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// Content is the debrief's screen: a header (back, title, status, timer,
// share), the step bar, and the phase on screen.
func (v *Screen) Content() fyne.CanvasObject {
	if v.root != nil {
		return v.root
	}
	deb := v.sess.Debrief()
	back := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), v.shell.ShowHome)
	v.titleLbl = widget.NewLabelWithStyle(model.OneLine(deb.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.titleLbl.SizeName = theme.SizeNameHeadingText
	v.titleLbl.Truncation = fyne.TextTruncateEllipsis
	v.status = ui.NewPill(deb.Status.Label(), ui.StatusColour(deb.Status))
	v.saved = widget.NewLabel("All changes saved")
	v.saved.SizeName = theme.SizeNameCaptionText
	v.banner = container.NewStack()
	v.banner.Hide()
	v.unsaved = container.NewStack()
	v.unsaved.Hide()
	v.timer = newTimerView(v)
	v.roomSlot = container.New(fixedWidth(panelWidth))
	v.roomSlot.Hide() // until the room opens: no empty column
	v.roomBtn = widget.NewButtonWithIcon("Open the room", theme.AccountIcon(), v.ToggleRoom)
	v.roomPill = container.NewStack(v.roomBtn)
	top := container.NewBorder(nil, nil, container.NewCenter(back),
		container.NewHBox(container.NewCenter(v.roomPill), container.NewCenter(v.status), v.timer), v.titleLbl)

	v.steps = NewStepBar(v.Show)
	v.tools = v.toolbar()
	v.body = container.NewStack()
	head := container.NewVBox(container.NewPadded(top), widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewCenter(v.saved), v.steps), v.unsaved, v.banner)
	v.root = container.NewBorder(head, nil, nil, v.roomSlot, v.body)
	if v.room != nil {
		v.placeRoom()
	}
	return v.root
}

// Phase is the phase on screen.
func (v *Screen) Phase() model.Phase { return v.Clock().Phase }

// Show puts phase p on screen (building it the first time) and remembers it.
func (v *Screen) Show(p model.Phase) {
	if v.closed || v.body == nil {
		return
	}
	v.sess.Commit() // what was typed in the phase left is stored now
	if c := v.Clock(); p != c.Phase {
		v.setClock(c.Enter(p, time.Now()))
	}
	if v.phases[p] == nil {
		v.phases[p] = v.buildPhase(p)
	} else if f := v.refresh[p]; f != nil {
		f()
	}
	v.board.SetVoting(p == model.ConnectPhase)
	v.steps.Set(p)
	v.timer.update()
	v.body.Objects = []fyne.CanvasObject{v.phases[p]}
	v.body.Refresh()
	if p == model.FactorsPhase || p == model.ConnectPhase {
		v.host.Win.Canvas().Focus(v.board)
	}
	if v.OnPhase != nil {
		v.OnPhase(p)
	}
}

func (v *Screen) buildPhase(p model.Phase) fyne.CanvasObject {
	switch p {
	case model.FactorsPhase:
		return v.factorsPhase()
	case model.ConnectPhase:
		return v.connectPhase()
	case model.LessonsPhase:
		return v.lessonsPhase()
	case model.KudosPhase:
		return v.kudosPhase()
	case model.SharePhase:
		return v.sharePhase()
	}
	return v.stagePhase()
}

// ---- editing ----

// editDebrief changes the debrief's own fields, as typed: the session
// stores them once typing pauses.
func (v *Screen) editDebrief(edit func(d *model.Debrief)) {
	d := v.sess.Debrief()
	edit(&d)
	v.apply(false, model.Change{Label: "Edit the stage", Merge: "stage", Debrief: &d})
}

// editParts changes the lesson, warning signs, changes, kudos or timeline. With now
// set (a button, not typing) they are stored at once.
func (v *Screen) editParts(now bool, edit func(d *model.Dossier)) {
	d := v.dossier()
	edit(d)
	p := model.Parts{Lesson: d.Lesson, WarningSigns: d.WarningSigns, Changes: d.Changes, Kudos: d.Kudos, Timeline: d.Timeline}
	c := model.Change{Label: "Edit lessons", Parts: &p}
	if !now {
		c.Merge = "lessons"
	}
	v.apply(now, c)
}

// apply hands the session an edit made here: at once, or as typing.
func (v *Screen) apply(now bool, c model.Change) {
	var err error
	if now {
		err = v.sess.Edit(v, c)
	} else {
		err = v.sess.Type(v, c)
	}
	if err != nil {
		dialog.ShowError(err, v.host.Win)
	}
}

// setClock stores the phase and the countdowns.
func (v *Screen) setClock(c model.Session) {
	if err := v.sess.SetClock(v, c); err != nil {
		dialog.ShowError(err, v.host.Win)
	}
}

// Close stores what is pending, stops hearing the session and stops the
// timer's ticks. The shell closes the session.
func (v *Screen) Close() {
	v.CloseRoom() // the room belongs to this debrief
	v.sess.Commit()
	v.closed = true
	for _, stop := range v.stopObs {
		stop()
	}
	v.board.SetOwner(nil)
	if v.timer != nil {
		v.timer.stopTicking()
	}
}

// MarkReviewed marks the debrief reviewed when it has a chosen change with
// an owner and a date; otherwise it says what is missing and changes nothing.
func (v *Screen) MarkReviewed() error { return v.setStatus(model.Reviewed) }

func (v *Screen) setStatus(st model.Status) error {
	if err := v.sess.SetStatus(v, st); err != nil {
		return err
	}
	if f := v.refresh[model.SharePhase]; f != nil && v.Clock().Phase == model.SharePhase {
		f()
	}
	return nil
}

// ---- the step bar ----

// StepBar shows the six phases as numbered steps; the current one stands
// out. Any step can be opened at any time.
type StepBar struct {
	widget.BaseWidget
	buttons []*widget.Button
	box     *fyne.Container
}

func NewStepBar(open func(model.Phase)) *StepBar {
	b := &StepBar{box: container.NewHBox()}
	for i, p := range model.Phases() {
		btn := widget.NewButton(fmt.Sprintf("%d  %s", i+1, p.Label()), func() { open(p) })
		b.buttons = append(b.buttons, btn)
		if i > 0 {
			b.box.Add(widget.NewIcon(theme.NavigateNextIcon()))
		}
		b.box.Add(btn)
	}
	b.box.Add(layout.NewSpacer())
	b.ExtendBaseWidget(b)
	return b
}

func (b *StepBar) Set(p model.Phase) {
	for i, btn := range b.buttons {
		imp := widget.LowImportance
		if model.Phase(i) == p {
			imp = widget.HighImportance
		}
		if btn.Importance != imp {
			btn.Importance = imp
			btn.Refresh()
		}
	}
}

func (b *StepBar) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(b.box))
}

// Step moves d phases on, if there is a phase there.
func (v *Screen) Step(d int) {
	if p := int(v.Clock().Phase) + d; p >= 0 && p < len(model.Phases()) {
		v.Show(model.Phase(p))
	}
}
