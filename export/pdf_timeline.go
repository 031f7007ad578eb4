package export

import (
	"image/color"
	"strings"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// The timeline on the summary page, after "What happened": a compact
// vertical line, each event a dot on it, its time to the left and its
// text to the right. Kept apart from pdf_sections.go so the two change
// independently.

// timelineRows are the rows of the timeline, heading included; none when
// the debrief has no timeline.
func (d *pdfDoc) timelineRows() []pdfRow {
	if len(d.d.Timeline) == 0 {
		return nil
	}
	day := d.d.Debrief.HappenedAt.In(d.loc) // the day as the page writes it
	events := model.SortTimeline(d.d.Timeline, day)
	timeSt := pdfStyle{font: fontBold, size: pdfSmallSize, color: pdfInk}

	// The time column is as wide as the widest time, within reason: a
	// time with a date ("2026-12-04 14:30") is wider than one without.
	clocks := make([]string, len(events))
	timeW := 0.0
	for i, e := range events {
		clocks[i] = model.OneLine(model.ClockText(e.At, day))
		timeW = max(timeW, d.textWidth(clocks[i], timeSt))
	}
	timeW = min(timeW, d.width()/3)
	const railGap, textGap, dotR = 2.5, 4.0, 1.1
	rail := timeW + railGap
	indent := rail + textGap

	rows := d.heading("Timeline", pdfH2Size, -1, 6)
	for i, e := range events {
		last := i == len(events)-1
		spans := []pdfSpan{}
		if e.Kind != model.NoKind {
			spans = append(spans, pdfSpan{strings.ToUpper(e.Kind.Label()) + "  ",
				pdfStyle{font: fontBold, size: pdfTinySize, color: colour.Shade(e.Kind.RGB(), 0.75)}})
		}
		spans = append(spans, spanBody(strings.TrimSpace(e.Text)))
		lines := d.paragraph(spans, d.width()-indent)
		if len(lines) == 0 {
			continue
		}
		clock := d.oneLine(clocks[i], timeSt, timeW)
		hue := e.Kind.RGB()
		for j, l := range lines {
			// The line runs from the first event's dot to the last's.
			r := pdfRow{h: l.height(), keep: j < len(lines)-1 || !last}
			r.draw = func(x, y float64) {
				base := y + l.ascent()
				dotY := base - 1.2
				top, bottom := y, y+r.h
				if j == 0 && i == 0 {
					top = dotY
				}
				if last {
					bottom = dotY
				}
				if bottom > top && !(last && j > 0) {
					d.vline(x+rail, top, bottom, pdfRuleColour, 0.4)
				}
				d.drawLine(l, x+indent, base)
				if j == 0 {
					d.drawLine(clock, x+timeW-clock.w, base)
					d.dot(x+rail, dotY, dotR, hue)
				}
			}
			rows = append(rows, r)
		}
		if !last {
			// A small step between events, the line running through it.
			rows = append(rows, pdfRow{h: 1.6, keep: true, draw: func(x, y float64) {
				d.vline(x+rail, y, y+1.6, pdfRuleColour, 0.4)
			}})
		}
	}
	return rows
}

// vline is hline's upright twin.
func (d *pdfDoc) vline(x, y1, y2 float64, c color.NRGBA, width float64) {
	d.drawColor(c)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x, y1, x, y2)
}
