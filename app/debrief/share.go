package debrief

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/export"
)

// sharePhase is the summary as it will be shared, beside what to do with
// it: mark the debrief reviewed, export the PDF, email it.
func (v *Screen) sharePhase() fyne.CanvasObject {
	summary := container.NewStack()
	actions := container.NewVBox()
	refresh := func() { // show and setStatus have stored what was typed
		cur := v.Current()
		summary.Objects = []fyne.CanvasObject{summaryView(cur)}
		summary.Refresh()
		v.fillShareActions(actions, cur)
	}
	refresh()
	v.refresh[model.SharePhase] = refresh
	return container.NewBorder(nil, nil, nil, sidePanel(container.NewVScroll(actions)), summary)
}

func (v *Screen) fillShareActions(box *fyne.Container, cur *model.Dossier) {
	box.Objects = nil
	box.Add(ui.Heading("Review"))
	switch st := cur.Debrief.Status; {
	case st == model.Reviewed:
		box.Add(ui.Para("Reviewed. The change has an owner and a date; Debrief will ask how it went on the check-back day."))
		back := widget.NewButton("Back to draft", func() { v.setStatus(model.Draft) })
		box.Add(container.NewHBox(back))
	default:
		mark := widget.NewButtonWithIcon("Mark reviewed", theme.ConfirmIcon(), nil)
		mark.Importance = widget.HighImportance
		msg := ui.Caption("")
		msg.Importance = widget.WarningImportance
		if err := model.ReadyForReview(cur); err != nil {
			msg.SetText(ui.Capitalise(err.Error()) + ".")
		} else {
			msg.SetText("Ready: one change, with an owner and a check-back date.")
			msg.Importance = widget.SuccessImportance
		}
		mark.OnTapped = func() {
			if err := v.MarkReviewed(); err != nil {
				msg.SetText(ui.Capitalise(err.Error()) + ".")
				msg.Refresh()
			}
		}
		box.Add(container.NewHBox(mark))
		box.Add(msg)
	}
	box.Add(widget.NewSeparator())
	box.Add(ui.Heading("Share"))
	box.Add(ui.Caption("One PDF, small enough to email, with every factor, the lessons, the change and the kudos."))
	current := v.Current
	pdf := widget.NewButtonWithIcon("Export PDF…", theme.DocumentSaveIcon(), func() { v.sess.Commit(); v.shell.ExportDialog(current(), export.PDF) })
	pdf.Importance = widget.HighImportance
	md := widget.NewButtonWithIcon("Markdown…", theme.DocumentIcon(), func() { v.sess.Commit(); v.shell.ExportDialog(current(), export.Markdown) })
	js := widget.NewButtonWithIcon("JSON (for another Debrief)…", theme.DownloadIcon(), func() { v.sess.Commit(); v.shell.ExportDialog(current(), export.JSON) })
	mail := widget.NewButtonWithIcon("Email…", theme.MailSendIcon(), func() { v.sess.Commit(); v.shell.Email(current()) })
	for _, b := range []*widget.Button{pdf, md, js, mail} {
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	box.Refresh()
}
