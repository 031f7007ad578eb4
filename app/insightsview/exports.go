package insightsview

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// fileName is a file name for the group's report or checklist.
func (v *View) fileName(what, ext string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\\:*?"<>|`, r) || r < 0x20 {
			return '-'
		}
		return r
	}, model.OneLine(v.groupName))
	return what + " — " + name + " — " + v.now().Format("2006-01-02") + ext
}

// saveReport asks for PDF or Markdown, then where to save the group report.
func (v *View) saveReport() {
	r, group := v.report, v.groupName
	pdf := widget.NewButtonWithIcon("PDF, to print or email", theme.DocumentIcon(), nil)
	pdf.Importance = widget.HighImportance
	md := widget.NewButtonWithIcon("Markdown, to paste in a wiki", theme.DocumentIcon(), nil)
	d := dialog.NewCustom("Group report", "Cancel", container.NewVBox(
		ui.Para("Every figure and chart on this page, for the team lead's monthly email."), pdf, md), v.host.Win)
	pdf.OnTapped = func() {
		d.Hide()
		opt := v.options()
		v.save(v.fileName("Insights", ".pdf"), func(w io.Writer) error { return export.WriteInsightsPDF(w, group, r, opt) })
	}
	md.OnTapped = func() {
		d.Hide()
		v.save(v.fileName("Insights", ".md"), func(w io.Writer) error { return export.WriteInsightsMarkdown(w, group, r) })
	}
	d.Show()
}

// showChecklist shows "Before you start": a checklist for the group's next
// project, trip or competition from its past lessons, warning signs and
// kept changes, with the template picked.
func (v *View) showChecklist() {
	templates := assets.Templates()
	names := make([]string, len(templates))
	for i, t := range templates {
		names[i] = t.Name
	}
	pick := widget.NewSelect(names, nil)
	list := container.NewVBox()
	var c insights.Checklist
	fill := func() {
		tmpl := ""
		if i := pick.SelectedIndex(); i >= 0 && templates[i].ID != "blank" {
			tmpl = templates[i].ID
		}
		c = insights.BeforeYouStart(v.dossiers, tmpl)
		list.Objects = nil
		if len(c.Items) == 0 {
			list.Add(ui.Para("Nothing to check yet: the group's debriefs have no kept change, recurring factor or lesson."))
		}
		for _, kind := range []insights.ChecklistKind{insights.KeepDoing, insights.WatchFor, insights.Remember} {
			head := false
			for _, it := range c.Items {
				if it.Kind != kind {
					continue
				}
				if !head {
					list.Add(widget.NewLabelWithStyle(kindTitle(kind), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
					head = true
				}
				check := widget.NewCheck("", nil)
				list.Add(container.NewBorder(nil, nil, container.NewVBox(check), nil, ui.Para(it.Text)))
			}
		}
		list.Refresh()
	}
	pick.OnChanged = func(string) { fill() }
	pick.SetSelectedIndex(v.usualTemplate(templates))
	group := v.groupName
	pdf := widget.NewButtonWithIcon("Save as PDF…", theme.DocumentSaveIcon(), func() {
		opt := v.options()
		v.save(v.fileName("Before you start", ".pdf"), func(w io.Writer) error { return export.WriteChecklistPDF(w, group, c, opt) })
	})
	pdf.Importance = widget.HighImportance
	md := widget.NewButtonWithIcon("Save as Markdown…", theme.DocumentSaveIcon(), func() {
		v.save(v.fileName("Before you start", ".md"), func(w io.Writer) error { return export.WriteChecklistMarkdown(w, group, c) })
	})
	body := container.NewBorder(
		container.NewVBox(ui.Para("Before the next project, trip or competition: what this group learned, to check first."),
			ui.Labelled("For", pick)),
		container.NewHBox(pdf, md), nil, nil,
		container.NewVScroll(list))
	d := dialog.NewCustom("Before you start", "Close", body, v.host.Win)
	size := v.host.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(640, size.Height*0.9)))
	d.Show()
}

// usualTemplate is the index of the template most of the group's debriefs
// used.
func (v *View) usualTemplate(templates []assets.Template) int {
	count := map[string]int{}
	for _, d := range v.dossiers {
		count[d.Debrief.Template]++
	}
	best, at := -1, 0
	for i, t := range templates {
		id := t.ID
		if id == "blank" {
			id = ""
		}
		if count[id] > best {
			best, at = count[id], i
		}
	}
	return at
}

func kindTitle(k insights.ChecklistKind) string {
	switch k {
	case insights.KeepDoing:
		return "Keep doing: changes that held"
	case insights.WatchFor:
		return "Watch for: what keeps coming back"
	}
	return "Remember: what led to it last time"
}
