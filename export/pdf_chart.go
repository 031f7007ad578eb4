package export

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model/colour"
)

// Charts for the group report, drawn with the PDF's own lines, rectangles
// and text: vectors that print sharp, in the document's fonts, and no
// second PDF library (gonum/plot's PDF backend is go-pdf/fpdf). Every
// label is at least chartTextSize; month labels are thinned so that they
// never overlap, from one month to many years.

const (
	chartTextSize = 8.0  // points: the smallest text a chart has
	chartHeight   = 52.0 // mm, axes and labels included, of a chart without a legend
	chartPlotH    = 36.0 // mm, the plot area of a chart of months
	chartAxisW    = 11.0 // mm left of the plot for the y axis's numbers
	chartLabelGap = 2.5  // mm at least between two month labels
)

var (
	chartText  = pdfStyle{font: fontRegular, size: chartTextSize, color: pdfMuted}
	chartTitle = pdfStyle{font: fontBold, size: chartTextSize, color: pdfMuted}
	chartGrid  = pdfGrey(0xe2)
	chartAxis  = pdfGrey(0x99)
)

// Okabe–Ito colours for what is not a category.
var (
	okaOrange    = color.NRGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xff}
	okaSky       = color.NRGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xff}
	okaGreen     = color.NRGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}
	okaBlue      = color.NRGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xff}
	okaVermilion = color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}
	okaPurple    = color.NRGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xff}
)

// chartRow is a chart as one row of the flow: never split across pages.
func chartRow(h float64, draw func(x, y float64)) pdfRow {
	return pdfRow{h: h, draw: draw}
}

// niceScale is the y axis for values up to top: a step of 1, 2 or 5
// times a power of ten giving at most about five intervals, and the axis's
// end, a multiple of the step. whole keeps the step at 1 or more (counts).
func niceScale(top float64, whole bool) (step, end float64) {
	if top <= 0 || math.IsNaN(top) || math.IsInf(top, 0) {
		top = 1
	}
	raw := top / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if whole && step < 1 {
		step = 1
	}
	return step, math.Ceil(top/step-1e-9) * step
}

// chartNumber writes a tick value: no decimals for whole numbers.
func chartNumber(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
}

// plot is a chart's drawing area on the page, inside its axes.
type plot struct {
	x, y, w, h float64
	end        float64 // the value at the top
}

// yOf is where value v goes.
func (p plot) yOf(v float64) float64 { return p.y + p.h - v/p.end*p.h }

// yAxis draws the gridlines and their values left of the plot, and the
// axis's title above them.
func (d *pdfDoc) yAxis(p plot, step float64, title string, format func(float64) string) {
	d.pdf.SetLineWidth(0.15)
	for v := 0.0; v <= p.end+step/1e6; v += step {
		y := p.yOf(v)
		c := chartGrid
		if v == 0 {
			c = chartAxis
		}
		d.hline(p.x, y, p.x+p.w, c, 0.2)
		l := d.oneLine(format(v), chartText, chartAxisW)
		d.drawLine(l, p.x-1.5-l.w, y+1.0)
	}
	if title != "" {
		l := d.oneLine(title, chartTitle, p.w)
		d.drawLine(l, p.x-chartAxisW+1, p.y-3.2)
	}
}

// monthLabel is "Mar 2026" for "2026-03"; the key itself if it is not one.
func monthLabel(key string) string {
	t, err := time.Parse("2006-01", key)
	if err != nil {
		return key
	}
	return t.Format("Jan 2006")
}

// monthIndex counts months from year 0, so that thinned labels fall on
// the same months of every year (January, April, July, October).
func monthIndex(key string) int {
	t, err := time.Parse("2006-01", key)
	if err != nil {
		return 0
	}
	return t.Year()*12 + int(t.Month()) - 1
}

// labelStep is how many months apart the labels must be for a slot this
// wide: 1, 2, 3, 4, 6, 12, then whole years.
func labelStep(labelW, slot float64) int {
	for _, s := range []int{1, 2, 3, 4, 6, 12} {
		if float64(s)*slot >= labelW+chartLabelGap {
			return s
		}
	}
	return 12 * int(math.Ceil((labelW+chartLabelGap)/(12*slot)))
}

// monthAxis labels the months under a plot of len(months) slots. The
// labels are thinned (labelStep) and kept inside the page's margins.
func (d *pdfDoc) monthAxis(p plot, months []string) {
	n := len(months)
	if n == 0 {
		return
	}
	slot := p.w / float64(n)
	widest := 0.0
	for _, m := range months {
		widest = max(widest, d.textWidth(monthLabel(m), chartText))
	}
	step := labelStep(widest, slot)
	shown, lastRight := 0, math.Inf(-1)
	for i, m := range months {
		if step > 1 && monthIndex(m)%step != 0 {
			continue
		}
		// A label moved in from the right margin may come too close to
		// the one before: then it is left out.
		if x, ok := d.monthTick(p, i, slot, m, lastRight+chartLabelGap); ok {
			lastRight = x
			shown++
		}
	}
	if shown == 0 {
		d.monthTick(p, 0, slot, months[0], math.Inf(-1))
	}
}

// monthTick draws month i's tick and label, unless the label would start
// left of notBefore; it returns the label's right end.
func (d *pdfDoc) monthTick(p plot, i int, slot float64, m string, notBefore float64) (float64, bool) {
	cx := p.x + (float64(i)+0.5)*slot
	bottom := p.y + p.h
	l := d.oneLine(monthLabel(m), chartText, 40)
	x := min(max(cx-l.w/2, d.left()), d.right()-l.w)
	if x < notBefore {
		return 0, false
	}
	d.drawColor(chartAxis)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(cx, bottom, cx, bottom+1.2)
	d.drawLine(l, x, bottom+5.3)
	return x + l.w, true
}

// legendEntry is one colour of a chart and what it stands for.
type legendEntry struct {
	label  string
	fill   color.NRGBA
	border color.NRGBA // zero: none
}

// chartLegend draws swatches and their labels from x on the line at y (the
// swatches' top), wrapping at right; it returns the height it took.
func (d *pdfDoc) chartLegend(es []legendEntry, x, y, right float64) float64 {
	const sw, gap = 3.2, 4.5
	cx, cy := x, y
	for _, e := range es {
		l := d.oneLine(e.label, chartText, right-x-sw-1.5)
		w := sw + 1.3 + l.w
		if cx > x && cx+w > right {
			cx, cy = x, cy+4.6
		}
		d.swatch(cx, cy, sw, sw, e)
		d.drawLine(l, cx+sw+1.3, cy+sw-0.4)
		cx += w + gap
	}
	return cy - y + 4.6
}

// chartLegendHeight is how tall chartLegend would draw es between x and right.
func (d *pdfDoc) chartLegendHeight(es []legendEntry, x, right float64) float64 {
	const sw, gap = 3.2, 4.5
	cx, lines := x, 1
	for _, e := range es {
		w := sw + 1.3 + d.textWidth(e.label, chartText)
		if cx > x && cx+w > right {
			cx, lines = x, lines+1
		}
		cx += w + gap
	}
	return float64(lines) * 4.6
}

func (d *pdfDoc) swatch(x, y, w, h float64, e legendEntry) {
	d.fillColor(e.fill)
	style := "F"
	if e.border != (color.NRGBA{}) {
		d.drawColor(e.border)
		d.pdf.SetLineWidth(0.2)
		style = "FD"
	}
	d.pdf.Rect(x, y, w, h, style)
}

// monthChartHeight is how tall barsChart or stackedMonths draws with
// the legend es.
func (d *pdfDoc) monthChartHeight(es []legendEntry) float64 {
	return d.chartLegendHeight(es, d.left()+chartAxisW, d.right()) + 6 + chartPlotH + 7
}

// barsChart is grouped bars per month: one bar per series in each
// month's slot, the series' colours in es.
func (d *pdfDoc) barsChart(x, y float64, months []string, series [][]int, es []legendEntry, yTitle string) {
	top := 0
	for _, s := range series {
		for _, v := range s {
			top = max(top, v)
		}
	}
	step, end := niceScale(float64(top), true)
	lh := d.chartLegendHeight(es, x+chartAxisW, d.right())
	p := plot{x: x + chartAxisW, y: y + lh + 6, w: d.width() - chartAxisW, end: end}
	p.h = chartPlotH
	d.chartLegend(es, p.x, y, d.right())
	d.yAxis(p, step, yTitle, chartNumber)
	slot := p.w / float64(len(months))
	bw := min(slot*0.8/float64(len(series)), 7)
	valueSt := pdfStyle{font: fontRegular, size: chartTextSize, color: pdfInk}
	// Values on the bars only when each fits over its own bar.
	showValues := bw >= d.textWidth(chartNumber(float64(top)), valueSt)+0.6
	for i := range months {
		cx := p.x + (float64(i)+0.5)*slot
		x0 := cx - bw*float64(len(series))/2
		for k, s := range series {
			v := s[i]
			if v == 0 {
				continue
			}
			bx := x0 + float64(k)*bw
			d.fillColor(es[k].fill)
			d.pdf.Rect(bx+0.15, p.yOf(float64(v)), bw-0.3, p.y+p.h-p.yOf(float64(v)), "F")
			if showValues {
				l := d.oneLine(strconv.Itoa(v), valueSt, 20)
				d.drawLine(l, bx+(bw-l.w)/2, p.yOf(float64(v))-0.8)
			}
		}
	}
	d.monthAxis(p, months)
}

// stackedMonths is a bar per month split by share: values[i][k] is month
// i's count of kind k, drawn bottom up in es's order; a month with none
// has no bar.
func (d *pdfDoc) stackedMonths(x, y float64, months []string, values [][]int, es []legendEntry, yTitle string) {
	lh := d.chartLegendHeight(es, x+chartAxisW, d.right())
	p := plot{x: x + chartAxisW, y: y + lh + 6, w: d.width() - chartAxisW, end: 100}
	p.h = chartPlotH
	d.chartLegend(es, p.x, y, d.right())
	d.yAxis(p, 50, yTitle, func(v float64) string { return chartNumber(v) + "\u00a0%" })
	slot := p.w / float64(len(months))
	bw := min(slot*0.72, 12)
	for i := range months {
		total := 0
		for _, v := range values[i] {
			total += v
		}
		if total == 0 {
			continue
		}
		cx := p.x + (float64(i)+0.5)*slot
		acc := 0
		for k, v := range values[i] {
			if v == 0 {
				continue
			}
			y0 := p.yOf(float64(acc) * 100 / float64(total))
			acc += v
			y1 := p.yOf(float64(acc) * 100 / float64(total))
			d.fillColor(es[k].fill)
			d.pdf.Rect(cx-bw/2, y1, bw, y0-y1, "F")
		}
	}
	d.monthAxis(p, months)
}

// chartDot is one point of a dot chart.
type chartDot struct {
	at time.Time
	v  float64
}

// dotsChart plots values against time over the months (whole months,
// first to last), with a dashed line at ref and its label.
func (d *pdfDoc) dotsChart(x, y float64, months []string, dots []chartDot, ref float64, refLabel, yTitle string, unit float64) {
	top := ref
	for _, p := range dots {
		top = max(top, p.v)
	}
	// Headroom over the highest dot, so that it and the median line do
	// not sit on the axis's title.
	step, end := niceScale(top*1.08/unit, false)
	p := plot{x: x + chartAxisW, y: y + 6, w: d.width() - chartAxisW, end: end * unit}
	p.h = chartHeight - 6 - 7
	d.yAxis(p, step*unit, yTitle, func(v float64) string { return chartNumber(v / unit) })
	from, err := time.Parse("2006-01", months[0])
	if err != nil {
		return
	}
	to, err := time.Parse("2006-01", months[len(months)-1])
	if err != nil {
		return
	}
	to = to.AddDate(0, 1, 0)
	span := to.Sub(from).Seconds()
	// The median line under the dots, its label over them.
	ry := p.yOf(ref)
	if len(dots) > 0 {
		d.drawColor(okaVermilion)
		d.pdf.SetLineWidth(0.45)
		d.pdf.SetDashPattern([]float64{1.6, 1.1}, 0)
		d.pdf.Line(p.x, ry, p.x+p.w, ry)
		d.pdf.SetDashPattern([]float64{}, 0)
	}
	slot := p.w / float64(len(months))
	for _, pt := range dots {
		// Within its month's slot, by day: the dots line up with the
		// month labels of the other charts.
		y0, m0, _ := pt.at.UTC().Date()
		k := (y0-from.Year())*12 + int(m0) - int(from.Month())
		start := time.Date(y0, m0, 1, 0, 0, 0, 0, time.UTC)
		frac := pt.at.Sub(start).Seconds() / start.AddDate(0, 1, 0).Sub(start).Seconds()
		cx := p.x + (float64(k)+frac)*slot
		if span <= 0 || k < 0 || k >= len(months) {
			continue
		}
		d.fillColor(okaBlue)
		d.drawColor(colour.White)
		d.pdf.SetLineWidth(0.25)
		d.pdf.Circle(cx, p.yOf(pt.v), 1.05, "FD")
	}
	if len(dots) > 0 {
		st := pdfStyle{font: fontBold, size: chartTextSize, color: colour.Shade(okaVermilion, 0.8)}
		l := d.oneLine(refLabel, st, p.w/2)
		// On white, so that no dot hides it.
		d.fillColor(pdfWhite)
		d.pdf.Rect(p.x+p.w-l.w-1, ry-1.2-2.9, l.w+1, 3.5, "F")
		d.drawLine(l, p.x+p.w-l.w, ry-1.2)
	}
	d.monthAxis(p, months)
}

// segment is one part of a horizontal stacked bar.
type segment struct {
	n int
	legendEntry
}

// stackedBar is one horizontal bar of the full width, split into segs in
// proportion, each with its count inside when it fits, and a legend of the
// segments (with their counts) below. It returns the height it took.
func (d *pdfDoc) stackedBar(x, y float64, segs []segment) float64 {
	const h = 8.0
	total := 0
	for _, s := range segs {
		total += s.n
	}
	if total == 0 {
		return 0
	}
	w := d.width()
	cx := x
	for _, s := range segs {
		if s.n == 0 {
			continue
		}
		sw := w * float64(s.n) / float64(total)
		d.swatch(cx, y, sw, h, s.legendEntry)
		st := pdfStyle{font: fontBold, size: chartTextSize + 1, color: colour.TextOn(s.fill)}
		if l := d.oneLine(strconv.Itoa(s.n), st, 30); l.w+2 <= sw {
			d.drawLine(l, cx+(sw-l.w)/2, y+h/2+1.1)
		}
		cx += sw
	}
	var es []legendEntry
	for _, s := range segs {
		if s.n > 0 {
			e := s.legendEntry
			e.label += "\u00a0" + strconv.Itoa(s.n)
			es = append(es, e)
		}
	}
	return h + 3 + d.chartLegend(es, x, y+h+3, x+w)
}

// stackedBarHeight is how tall stackedBar draws segs.
func (d *pdfDoc) stackedBarHeight(segs []segment) float64 {
	var es []legendEntry
	for _, s := range segs {
		if s.n > 0 {
			e := s.legendEntry
			e.label += "\u00a0" + strconv.Itoa(s.n)
			es = append(es, e)
		}
	}
	return 8 + 3 + d.chartLegendHeight(es, d.left(), d.right())
}
