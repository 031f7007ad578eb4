package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// editPause is how long typing must pause before a field's edit is stored.
// With the transaction, every finished edit is on the disk within a second.
const editPause = 400 * time.Millisecond

// content is the debrief's screen: a header (back, title, status, timer,
// share), the step bar, and the phase on screen.
func (v *debriefView) content() fyne.CanvasObject {
	deb := v.d.Debrief
	back := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), v.s.ShowHome)
	v.titleLbl = widget.NewLabelWithStyle(model.OneLine(deb.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.titleLbl.SizeName = theme.SizeNameHeadingText
	v.titleLbl.Truncation = fyne.TextTruncateEllipsis
	v.status = newPill(deb.Status.Label(), statusColour(deb.Status))
	v.saved = widget.NewLabel("All changes saved")
	v.saved.SizeName = theme.SizeNameCaptionText
	v.banner = container.NewStack()
	v.banner.Hide()
	v.unsaved = container.NewStack()
	v.unsaved.Hide()
	v.timer = newTimerView(v)
	top := container.NewBorder(nil, nil, container.NewCenter(back),
		container.NewHBox(container.NewCenter(v.status), v.timer), v.titleLbl)

	v.steps = newStepBar(v.show)
	v.tools = v.toolbar()
	v.body = container.NewStack()
	head := container.NewVBox(container.NewPadded(top), widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewCenter(v.saved), v.steps), v.unsaved, v.banner)
	v.root = container.NewBorder(head, nil, nil, nil, v.body)
	if v.s.probe != nil {
		return v.s.probe.Over(v.root)
	}
	return v.root
}

// Phase is the phase on screen.
func (v *debriefView) Phase() model.Phase { return v.session.Phase }

// show puts phase p on screen (building it the first time) and remembers it.
func (v *debriefView) show(p model.Phase) {
	if v.closed || v.body == nil {
		return
	}
	v.flush() // what was typed in the phase left is stored now
	if p != v.session.Phase {
		v.session = v.session.Enter(p, time.Now())
		v.saveSession()
	}
	if v.phases[p] == nil {
		v.phases[p] = v.buildPhase(p)
	} else if f := v.refresh[p]; f != nil {
		f()
	}
	v.board.SetVoting(p == model.ConnectPhase)
	v.steps.set(p)
	v.timer.update()
	v.body.Objects = []fyne.CanvasObject{v.phases[p]}
	v.body.Refresh()
	if p == model.FactorsPhase || p == model.ConnectPhase {
		v.s.win.Canvas().Focus(v.board)
	}
	if pr := v.s.presenting; pr != nil && pr.v == v {
		pr.show(p)
	}
}

func (v *debriefView) buildPhase(p model.Phase) fyne.CanvasObject {
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

// ---- editing and saving ----

// editDebrief changes the debrief's own fields; they are stored once
// typing pauses.
func (v *debriefView) editDebrief(edit func(d *model.Debrief)) {
	edit(&v.d.Debrief)
	v.dirtyDebrief = true
	v.later()
}

// editParts changes the lesson, warning signs, changes or kudos. With now
// set (a button, not typing) they are stored at once.
func (v *debriefView) editParts(now bool, edit func(d *model.Dossier)) {
	edit(v.d)
	v.dirtyParts = true
	if v.d.Debrief.Status == model.Reviewed && model.ReadyForReview(v.d) != nil {
		// The chosen change lost its owner or date, or was un-chosen.
		v.d.Debrief.Status = model.Draft
		v.dirtyDebrief = true
		v.status.set(model.Draft.Label(), statusColour(model.Draft))
	}
	if now {
		v.flush()
	} else {
		v.later()
	}
}

// later stores the pending edits once typing has paused for editPause.
func (v *debriefView) later() {
	v.saving()
	if v.flushTimer != nil {
		v.flushTimer.Stop()
	}
	v.flushTimer = time.AfterFunc(v.pause, func() { v.s.later(v.flush) })
}

// flush queues the pending edits to be stored, in order behind every
// board change made before them.
func (v *debriefView) flush() {
	if v.flushTimer != nil {
		v.flushTimer.Stop()
		v.flushTimer = nil
	}
	db := v.s.db
	if v.dirtyDebrief {
		v.dirtyDebrief = false
		d := v.d.Debrief
		d.Participants = slices.Clone(d.Participants)
		v.saver.Do(func(ctx context.Context) error { return db.UpdateDebrief(ctx, &d) })
		v.saving()
	}
	if v.dirtyParts {
		v.dirtyParts = false
		p := store.Parts{Lesson: v.d.Lesson, WarningSigns: slices.Clone(v.d.WarningSigns),
			Changes: slices.Clone(v.d.Changes), Kudos: slices.Clone(v.d.Kudos)}
		id := v.d.Debrief.ID
		v.saver.Do(func(ctx context.Context) error { return db.SaveParts(ctx, id, p) })
		v.saving()
	}
}

// saveSession stores the phase and the countdowns.
func (v *debriefView) saveSession() {
	s := v.session
	db := v.s.db
	v.saver.Do(func(ctx context.Context) error { return db.SaveSession(ctx, s) })
}

// forgetCards drops references to deleted cards from warning signs and
// kudos in memory (the store does the same).
func (v *debriefView) forgetCards(ids []int64) {
	changed := false
	for i := range v.d.WarningSigns {
		if slices.Contains(ids, v.d.WarningSigns[i].FactorID) {
			v.d.WarningSigns[i].FactorID, changed = 0, true
		}
	}
	for i := range v.d.Kudos {
		if slices.Contains(ids, v.d.Kudos[i].FactorID) {
			v.d.Kudos[i].FactorID, changed = 0, true
		}
	}
	if changed {
		v.board.SetKudos(v.kudosCards())
		v.dirtyParts = true
		v.later()
	}
}

func (v *debriefView) kudosCards() []int64 {
	var ids []int64
	for _, k := range v.d.Kudos {
		if k.FactorID != 0 {
			ids = append(ids, k.FactorID)
		}
	}
	return ids
}

// close stores what is pending and stops the timer's ticks.
func (v *debriefView) close() {
	v.flush()
	v.closed = true
	if v.timer != nil {
		v.timer.stopTicking()
	}
}

// MarkReviewed marks the debrief reviewed when it has a chosen change with
// an owner and a date; otherwise it says what is missing and changes nothing.
func (v *debriefView) MarkReviewed() error {
	if err := model.ReadyForReview(v.d); err != nil {
		return err
	}
	v.setStatus(model.Reviewed)
	return nil
}

func (v *debriefView) setStatus(st model.Status) {
	v.flush()
	v.d.Debrief.Status = st
	v.status.set(st.Label(), statusColour(st))
	db, id := v.s.db, v.d.Debrief.ID
	v.saver.Do(func(ctx context.Context) error {
		err := db.SetStatus(ctx, id, st)
		if errors.Is(err, model.ErrNotReady) {
			// Refused by the rule: the screen was wrong. Say so; retrying would not help.
			v.s.later(func() {
				v.d.Debrief.Status = model.Draft
				v.status.set(model.Draft.Label(), statusColour(model.Draft))
				dialog.ShowError(err, v.s.win)
			})
			return nil
		}
		return err
	})
	v.saving()
	if f := v.refresh[model.SharePhase]; f != nil && v.session.Phase == model.SharePhase {
		f()
	}
}

// ---- the step bar ----

// stepBar shows the six phases as numbered steps; the current one stands
// out. Any step can be opened at any time.
type stepBar struct {
	widget.BaseWidget
	buttons []*widget.Button
	box     *fyne.Container
}

func newStepBar(open func(model.Phase)) *stepBar {
	b := &stepBar{box: container.NewHBox()}
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

func (b *stepBar) set(p model.Phase) {
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

func (b *stepBar) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(b.box))
}
