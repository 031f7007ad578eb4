package library

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// ---- check-ins ----

// loadCheckIns reads the check-ins due today, off the UI goroutine.
func (h *Home) loadCheckIns() {
	h.dueLoads++
	n := h.dueLoads
	today := h.now()
	db, group := h.db, h.shownGroup()
	ui.Background(h.host, "Could not read the check-ins", func(ctx context.Context) ([]store.CheckIn, error) {
		return db.CheckInsDue(ctx, today, group)
	}, func(due []store.CheckIn) {
		if n == h.dueLoads {
			h.showCheckIns(due)
		}
	})
}

func (h *Home) showCheckIns(due []store.CheckIn) {
	if min(len(due), checkInsShown+1) != min(len(h.due), checkInsShown+1) {
		h.moved.scrolled(h.clock()) // the section changed height: the whole list moved under the pointer
	}
	h.due = due
	h.checkInList.Objects = nil
	for i, ci := range due {
		if i == checkInsShown {
			more := widget.NewLabel(fmt.Sprintf("%s more after these.", ui.Plural(len(due)-checkInsShown, "check-in", "check-ins")))
			more.SizeName = theme.SizeNameCaptionText
			h.checkInList.Add(more)
			break
		}
		h.checkInList.Add(h.checkInEntry(ci))
	}
	if len(due) == 0 {
		h.checkIns.Hide()
	} else {
		h.checkIns.Show()
	}
	h.relayout()
}

// relayout fits the screen again around a section that appeared, went or
// changed height: the check-ins or the undo banner.
func (h *Home) relayout() {
	if c, ok := h.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// oneCheckInHeight is the height of the check-ins section with only its
// first entry: the least it is given while any is due.
func (h *Home) oneCheckInHeight() float32 {
	hgt := 2 * theme.Padding() // the section's padding
	for i, o := range h.checkIns.Objects {
		if i > 0 {
			hgt += theme.Padding()
		}
		if o == h.checkInList {
			if len(h.checkInList.Objects) > 0 {
				hgt += h.checkInList.Objects[0].MinSize().Height
			}
			continue
		}
		hgt += o.MinSize().Height
	}
	return hgt
}

// checkInQuestion asks whether a commitment stuck, in the words of the practice.
func checkInQuestion(ci store.CheckIn) string {
	when := "check back " + ui.Date(ci.Change.CheckBack)
	if owner := strings.TrimSpace(model.OneLine(ci.Change.Owner)); owner != "" {
		when = owner + ", " + when
	}
	return fmt.Sprintf("Last time you committed to %s (%s) — did it stick?", quoted(ci.Change.What, 160), when)
}

func (h *Home) checkInEntry(ci store.CheckIn) fyne.CanvasObject {
	link := widget.NewHyperlink(model.OneLine(ci.DebriefTitle), nil)
	link.TextStyle = fyne.TextStyle{Bold: true}
	link.Truncation = fyne.TextTruncateEllipsis
	link.OnTapped = func() { h.open(ci.DebriefID) }
	question := widget.NewLabel(checkInQuestion(ci))
	question.Wrapping = fyne.TextWrapWord
	record := widget.NewButtonWithIcon("Record…", theme.DocumentCreateIcon(), func() { h.recordOutcome(ci) })
	record.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.HistoryIcon())
	return ui.Panel(model.Process.RGB(), container.NewBorder(nil, nil,
		container.NewCenter(icon), container.NewCenter(record),
		container.NewVBox(link, question)))
}

// recordOutcome asks what became of a checked-in change and stores it.
func (h *Home) recordOutcome(ci store.CheckIn) {
	labels := make([]string, len(model.Outcomes))
	for i, o := range model.Outcomes {
		labels[i] = o.Label()
	}
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), nil)
	save.Importance = widget.HighImportance
	save.Disable()
	outcome := widget.NewRadioGroup(labels, func(s string) {
		if s == "" {
			save.Disable()
		} else {
			save.Enable()
		}
	})
	outcome.Horizontal = true
	note := ui.NewMultiLineField()
	note.SetLimit(ui.EditLimit)
	note.Wrapping = fyne.TextWrapWord
	note.SetMinRowsVisible(3)
	note.SetPlaceHolder("What happened with it? What would you change?")
	explain := widget.NewLabel("Kept: it stuck as agreed  ·  Adjusted: we kept it, but changed it  ·  Dropped: we stopped doing it")
	explain.SizeName = theme.SizeNameCaptionText
	explain.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		ui.Para(fmt.Sprintf("In %s you committed to %s. Did it stick?", quoted(ci.DebriefTitle, 100), quoted(ci.Change.What, 300))),
		outcome, explain, widget.NewLabelWithStyle("Note", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), note,
		ui.Gap(theme.Padding()*2))
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	dlg := dialog.NewCustomWithoutButtons("Check in", content, h.host.Win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	cancel.OnTapped = dlg.Hide
	save.OnTapped = func() {
		o, ok := model.ParseOutcome(outcome.Selected)
		if !ok {
			return
		}
		text := strings.TrimSpace(note.Text)
		dlg.Hide()
		ui.Background(h.host, "Could not record the check-in", func(ctx context.Context) (struct{}, error) {
			return struct{}{}, h.db.RecordOutcome(ctx, ci.Change.ID, o, text)
		}, func(struct{}) { h.Reload() })
	}
	dlg.Resize(fyne.NewSize(560, dlg.MinSize().Height))
	dlg.Show()
}

// quoted puts s on one line in curly quotes, cut to at most n characters.
func quoted(s string, n int) string {
	r := []rune(strings.TrimSpace(model.OneLine(s)))
	if len(r) > n {
		return "“" + strings.TrimSpace(string(r[:n-1])) + "…”"
	}
	return "“" + string(r) + "”"
}
