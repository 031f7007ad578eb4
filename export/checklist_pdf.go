package export

import (
	"fmt"
	"io"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
	"github.com/debrief-app/debrief/assets"
)

// The pre-mortem checklist (insights.BeforeYouStart) as a printable page:
// check boxes to tick before the next project, trip or competition.

// checklistKinds are the checklist's parts, in order.
var checklistKinds = []struct {
	kind  insights.ChecklistKind
	title string
	hint  string
}{
	{insights.KeepDoing, "Keep doing", "changes the group kept"},
	{insights.WatchFor, "Watch for", "what keeps coming back"},
	{insights.Remember, "Remember", "what led to past problems"},
}

// checklistIntro says what the checklist is made from.
func checklistIntro(c insights.Checklist) string {
	s := "From " + countOf(len(c.From), "past debrief", "past debriefs")
	if c.Template != "" {
		name := assets.TemplateName(c.Template)
		if name == "" {
			name = model.OneLine(c.Template)
		}
		s += fmt.Sprintf(", for the next “%s” (%d of the same kind first)", name, len(c.SameTemplate))
	}
	return s + ". Tick each before you start."
}

// WriteChecklistPDF writes the pre-mortem checklist of group as a one-page
// PDF (more only if the items' texts are very long): a check box per item,
// grouped by kind (keep doing, watch for, remember), each with the titles
// of the debriefs it comes from in small type.
func WriteChecklistPDF(w io.Writer, group string, c insights.Checklist, opt Options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("could not make the PDF: %v", p)
		}
	}()
	doc, err := openPDF(opt, checklistTitle(group), "Before you start: a pre-mortem checklist", pdfKeywords)
	if err != nil {
		return err
	}
	doc.newPage(false)
	doc.checklist(c)
	_, err = doc.output(w)
	return err
}

func (d *pdfDoc) checklist(c insights.Checklist) {
	refs := debriefIndex(c.Debriefs)
	d.pdf.Bookmark("Before you start", 0, d.top)
	rows := d.text([]pdfSpan{{"PRE-MORTEM · BEFORE YOU START", pdfStyle{font: fontBold, size: pdfTinySize, color: colour.Shade(changeHue, 0.8)}}}, 0)
	rows = append(rows, vspace(1.5))
	rows = append(rows, d.text([]pdfSpan{{d.title, pdfStyle{font: fontBold, size: pdfTitleSize, color: pdfInk}}}, 0)...)
	rows = append(rows, vspace(2))
	rows = append(rows, d.text([]pdfSpan{{checklistIntro(c), pdfStyle{font: fontRegular, size: pdfBodySize + 1, color: pdfMuted}}}, 0)...)
	if len(c.Items) == 0 {
		rows = append(rows, vspace(8))
		rows = append(rows, d.text([]pdfSpan{spanQuiet(nothingChecked)}, 0)...)
	}
	d.flow(rows)
	const indent = 9.0
	for _, k := range checklistKinds {
		var items []insights.ChecklistItem
		for _, it := range c.Items {
			if it.Kind == k.kind {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			continue
		}
		rows := d.heading(k.title, pdfH1Size, 0, pdfSectionGap)
		rows = append(rows, pdfHeadRows(d.text([]pdfSpan{spanSmall(k.hint)}, 0))...)
		rows = append(rows, vspace(2))
		for i, it := range items {
			if i > 0 {
				rows = append(rows, vspace(3.2))
			}
			item := d.bulletRows([]pdfSpan{{sentence(it.Text), pdfStyle{font: fontRegular, size: pdfBodySize + 0.5, color: pdfInk}}}, indent, func(x, y, base float64) {
				d.drawColor(pdfInk)
				d.fillColor(pdfWhite)
				d.pdf.SetLineWidth(0.35)
				d.pdf.Rect(x+0.5, base-3.6, 4.2, 4.2, "FD")
			})
			if len(it.Debriefs) > 0 {
				item[len(item)-1].keep = true
				from := make([]string, len(it.Debriefs))
				for i, id := range it.Debriefs {
					from[i] = refs.title(id)
				}
				item = append(item, d.text([]pdfSpan{spanSmall("from " + ltrList(from))}, indent)...)
			}
			rows = append(rows, item...)
		}
		d.flow(rows)
	}
}
