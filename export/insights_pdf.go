package export

import (
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// The group report: what a group's debriefs say together (insights.Report),
// for the team lead's monthly email. Charts are vector drawings
// (pdf_chart.go); the words are insights_text.go's, shared with the
// Markdown.

const insightsSubject = "Insights: what a group's debriefs say together"

// WriteInsightsPDF writes the group report of group (its name) as a PDF:
// the period and number of debriefs, then setbacks and debriefs per month,
// time from setback to reflection, changes and their outcomes, recurring
// themes, whether the changes held, warning signs missed more than once,
// luck and the category mix over time. A section with no data says so in
// one line; a group with no debriefs gets one page saying there is nothing
// yet. The output depends only on its arguments (opt.Created fixes the
// date). Nothing is written if the PDF cannot be made.
func WriteInsightsPDF(w io.Writer, group string, r insights.Report, opt Options) (err error) {
	_, err = writeInsightsPDF(w, group, r, opt)
	return err
}

// writeInsightsPDF is WriteInsightsPDF with what the export could not do,
// for the tests.
func writeInsightsPDF(w io.Writer, group string, r insights.Report, opt Options) (res PDFResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = PDFResult{}, fmt.Errorf("could not make the PDF: %v", p)
		}
	}()
	doc, err := openPDF(opt, insightsTitle(group), insightsSubject, pdfKeywords)
	if err != nil {
		return res, err
	}
	rep := &insightsDoc{pdfDoc: doc, r: r, refs: debriefIndex(r.Debriefs)}
	doc.newPage(false)
	rep.build()
	return doc.output(w)
}

// insightsDoc is a group report being made.
type insightsDoc struct {
	*pdfDoc
	r    insights.Report
	refs insightsDebriefs
}

func (d *insightsDoc) build() {
	r := d.r
	d.pdf.Bookmark("Insights", 0, d.top)
	rows := d.text([]pdfSpan{{"GROUP REPORT · INSIGHTS", pdfStyle{font: fontBold, size: pdfTinySize, color: colour.Shade(changeHue, 0.8)}}}, 0)
	rows = append(rows, vspace(1.5))
	rows = append(rows, d.text([]pdfSpan{{d.title, pdfStyle{font: fontBold, size: pdfTitleSize, color: pdfInk}}}, 0)...)
	rows = append(rows, vspace(2))
	facts := countOf(len(r.Debriefs), "debrief", "debriefs")
	if p := insightsPeriod(r); p != "" {
		facts = p + " · " + facts
	}
	if !r.Today.IsZero() {
		facts += " · as of " + pdfDay(r.Today)
	}
	rows = append(rows, d.text([]pdfSpan{{facts, pdfStyle{font: fontRegular, size: pdfBodySize + 1, color: pdfMuted}}}, 0)...)
	if len(r.Debriefs) == 0 {
		rows = append(rows, vspace(8))
		rows = append(rows, d.text([]pdfSpan{spanQuiet(nothingDebriefs)}, 0)...)
		d.flow(rows)
		return
	}
	rows = append(rows, vspace(4))
	rows = append(rows, d.glance()...)
	d.flow(rows)

	d.overTime()
	d.reflection()
	d.changes()
	d.themes()
	d.held()
	d.warnings()
	d.luck()
	d.mix()
}

// glance is the report's key figures, as label: value rows.
func (d *insightsDoc) glance() []pdfRow {
	r := d.r
	const labelW = 44
	var rows []pdfRow
	field := func(label, value string) {
		if len(rows) > 0 {
			rows = append(rows, vspace(1))
		}
		rows = append(rows, d.fieldRows(label, []pdfSpan{spanBody(value)}, labelW, d.width())...)
	}
	if len(r.Reflection.Lags) > 0 {
		field("Setback to reflection", "median "+hoursText(r.Reflection.MedianHours))
	}
	field("Changes", fmt.Sprintf("%d committed, %d kept, %d overdue", r.Changes.Committed.N, r.Changes.Kept.N, r.Changes.Overdue.N))
	field("Recurring themes", fmt.Sprint(len(r.Themes)))
	field("Got lucky", fmt.Sprintf("in %d of %s", r.Luck.Debriefs.N, countOf(len(r.Debriefs), "debrief", "debriefs")))
	return rows
}

// section flows a section: its heading, then body, or the line saying
// there is nothing yet when body is empty.
func (d *insightsDoc) section(title string, body []pdfRow, nothing string) {
	head := d.heading(title, pdfH1Size, 0, pdfSectionGap)
	if len(body) == 0 {
		body = d.text([]pdfSpan{spanQuiet(nothing)}, 0)
	}
	d.flow(append(head, body...))
}

// small is a line of small print: an item's debriefs.
func (d *insightsDoc) small(s string, indent float64) []pdfRow {
	return d.text([]pdfSpan{spanSmall(s)}, indent)
}

// debriefList is "Title (10 Jan 2026) · Title (…)".
func (d *insightsDoc) debriefList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = d.refs.title(id)
		if day := d.refs.day(id); day != "" {
			parts[i] += lrm + "\u00a0(" + strings.ReplaceAll(day, " ", "\u00a0") + ")"
		}
	}
	return ltrList(parts)
}

// keepWithNext keeps rows on the page of what follows: the sentences
// that say what a chart shows, with the chart.
func keepWithNext(rows []pdfRow) []pdfRow {
	for i := range rows {
		rows[i].keep = true
	}
	return rows
}

func (d *insightsDoc) months() []string {
	out := make([]string, len(d.r.Months))
	for i, m := range d.r.Months {
		out[i] = m.Month
	}
	return out
}

// overTime is setbacks and debriefs held per month.
func (d *insightsDoc) overTime() {
	r := d.r
	setbacks, held := make([]int, len(r.Months)), make([]int, len(r.Months))
	ns, nh := 0, 0
	for i, m := range r.Months {
		setbacks[i], held[i] = m.Setbacks.N, m.Held.N
		ns += m.Setbacks.N
		nh += m.Held.N
	}
	var body []pdfRow
	if len(r.Months) > 0 {
		body = d.text([]pdfSpan{spanBody(fmt.Sprintf("%s and %s held, %s.", countOf(ns, "setback", "setbacks"), countOf(nh, "debrief", "debriefs"), insightsPeriod(r)))}, 0)
		body = append(keepWithNext(body), vspace(3))
		es := []legendEntry{{label: "Setbacks", fill: okaVermilion}, {label: "Debriefs held", fill: okaBlue}}
		body = append(body, chartRow(d.monthChartHeight(es), func(x, y float64) {
			d.barsChart(x, y, d.months(), [][]int{setbacks, held}, es, "debriefs")
		}))
	}
	d.section("Setbacks and debriefs per month", body, nothingOverTime)
}

// reflection is the time from setback to reflection: median, trend and
// the lags over time.
func (d *insightsDoc) reflection() {
	ref := d.r.Reflection
	var body []pdfRow
	if len(ref.Lags) > 0 {
		left := len(d.r.Debriefs) - len(ref.Lags)
		s := fmt.Sprintf("Median: %s, over %s.", hoursText(ref.MedianHours), countOf(len(ref.Lags), "debrief", "debriefs"))
		if left > 0 {
			s += fmt.Sprintf(" %s without a known setback date (or with a reflection dated before it) %s left out.", countOf(left, "debrief", "debriefs"), map[bool]string{true: "is", false: "are"}[left == 1])
		}
		body = d.text([]pdfSpan{spanBody(s)}, 0)
		if t := trendText(ref.Trend); t != "" {
			body = append(body, vspace(1.2))
			body = append(body, d.text([]pdfSpan{spanStrong(t)}, 0)...)
			body = append(body, d.small(slopeText(ref.Trend), 0)...)
		}
		body = append(keepWithNext(body), vspace(3))
		dots := make([]chartDot, len(ref.Lags))
		top := 0.0
		for i, l := range ref.Lags {
			dots[i] = chartDot{at: l.SetbackAt, v: l.Hours}
			top = max(top, l.Hours)
		}
		unit, name := lagUnit(top)
		body = append(body, chartRow(chartHeight, func(x, y float64) {
			d.dotsChart(x, y, d.months(), dots, ref.MedianHours, "median "+hoursText(ref.MedianHours), name+" from setback to reflection, by setback date", unit)
		}))
	}
	d.section("Time from setback to reflection", body, nothingLags)
}

// changes is what became of the changes the group committed to.
func (d *insightsDoc) changes() {
	r := d.r
	var body []pdfRow
	if r.Changes.Committed.N > 0 {
		for i, s := range changesText(r) {
			if i > 0 {
				body = append(body, vspace(1.2))
			}
			body = append(body, d.text([]pdfSpan{spanBody(s)}, 0)...)
		}
		body = append(keepWithNext(body), vspace(3))
		segs := changeSegments(r)
		body = append(body, chartRow(d.stackedBarHeight(segs), func(x, y float64) { d.stackedBar(x, y, segs) }))
		if over := overdueChanges(r); len(over) > 0 {
			body = append(body, d.heading("Overdue check-ins", pdfH2Size, -1, 5)...)
			for i, ch := range over {
				if i > 0 {
					body = append(body, vspace(1.8))
				}
				owner := "no owner"
				if o := strings.TrimSpace(model.OneLine(ch.Owner)); o != "" {
					owner = "owner " + o
				}
				spans := []pdfSpan{spanStrong(model.OneLine(ch.What)), spanBody(" — " + owner + ", due " + pdfDay(ch.CheckBack))}
				body = append(body, d.bulletRows(spans, 6, func(x, y, base float64) { d.dot(x+2, base-1.2, 0.9, okaVermilion) })...)
				body = append(body, d.small("from "+d.debriefList([]int64{ch.Debrief}), 6)...)
			}
		}
	}
	d.section("Changes and their outcomes", body, nothingChanges)
}

// themes are the factors that keep coming back.
func (d *insightsDoc) themes() {
	var body []pdfRow
	for i, t := range d.r.Themes {
		if i > 0 {
			body = append(body, vspace(3))
		}
		body = append(body, d.entryRows(t.Label, t.Example, t.Debriefs, okaOrange)...)
	}
	d.section("Recurring themes", body, nothingThemes)
}

// entryRows is a theme or a ledger entry: its label and how many
// debriefs, its example, and the debriefs in small type.
func (d *insightsDoc) entryRows(label, example string, ids []int64, hue color.NRGBA) []pdfRow {
	spans := []pdfSpan{spanStrong(model.OneLine(label)), spanSmall("   in " + countOf(len(ids), "debrief", "debriefs"))}
	rows := d.bulletRows(spans, 6, func(x, y, base float64) { d.dot(x+2, base-1.2, 1.1, hue) })
	if len(rows) > 0 {
		rows[len(rows)-1].keep = true
	}
	if e := strings.TrimSpace(example); e != "" {
		ex := d.text([]pdfSpan{spanQuiet("“" + quote(e) + "”")}, 6)
		ex[len(ex)-1].keep = true
		rows = append(rows, ex...)
	}
	return append(rows, d.small(d.debriefList(ids), 6)...)
}

// held says which changes may not have held: the sentences grouped by
// change, at most insightsHeldMax each.
func (d *insightsDoc) held() {
	var body []pdfRow
	for i, g := range heldByChange(d.r.Held) {
		if i > 0 {
			body = append(body, vspace(3))
		}
		head := []pdfSpan{spanStrong(model.OneLine(g.change.What))}
		meta := "from " + d.debriefList([]int64{g.change.Debrief})
		if o := strings.TrimSpace(model.OneLine(g.change.Owner)); o != "" {
			meta += " · owner " + o
		}
		hr := d.bulletRows(head, 6, func(x, y, base float64) { d.dot(x+2, base-1.2, 1.1, changeHue) })
		hr = append(hr, d.small(meta, 6)...)
		body = append(body, pdfHeadRows(hr)...)
		for k, rec := range g.recs {
			if k == insightsHeldMax {
				var rest []int64
				for _, more := range g.recs[k:] {
					rest = append(rest, more.Later)
				}
				body = append(body, d.text([]pdfSpan{spanSmall(andMore(rest, d.debriefList))}, 12)...)
				break
			}
			body = append(body, vspace(1))
			body = append(body, d.bulletRows([]pdfSpan{spanBody(sentence(rec.Sentence)), spanSmall("  — in " + d.debriefList([]int64{rec.Later}))}, 12, func(x, y, base float64) {
				d.dot(x+8, base-1.2, 0.7, pdfMuted)
			})...)
		}
	}
	d.section("Did the change hold?", body, nothingHeld)
}

// warnings are the warning signs missed more than once.
func (d *insightsDoc) warnings() {
	var body []pdfRow
	for i, e := range d.r.Warnings {
		if i > 0 {
			body = append(body, vspace(3))
		}
		body = append(body, d.ledgerRows(e, warnHue)...)
	}
	d.section("Warning signs missed more than once", body, nothingWarnings)
}

// ledgerRows is a ledger entry: its label, then each item's text with its
// debrief's title.
func (d *insightsDoc) ledgerRows(e insights.LedgerEntry, hue color.NRGBA) []pdfRow {
	spans := []pdfSpan{spanStrong(model.OneLine(e.Label)), spanSmall("   in " + countOf(len(e.Debriefs), "debrief", "debriefs"))}
	rows := pdfHeadRows(d.bulletRows(spans, 6, func(x, y, base float64) { d.dot(x+2, base-1.2, 1.1, hue) }))
	for _, it := range e.Items {
		rows = append(rows, vspace(0.8))
		rows = append(rows, d.text([]pdfSpan{spanBody("“" + quote(it.Text) + "”"), spanSmall("  — " + d.debriefList([]int64{it.Debrief}))}, 6)...)
	}
	return rows
}

// luck is the times the group got lucky.
func (d *insightsDoc) luck() {
	l := d.r.Luck
	var body []pdfRow
	if l.Debriefs.N > 0 {
		body = d.text([]pdfSpan{spanBody(fmt.Sprintf("%d of %s %s a lucky break: candidates for the next change, so that next time it is not luck.", l.Debriefs.N, countOf(len(d.r.Debriefs), "debrief", "debriefs"), names(l.Debriefs.N)))}, 0)
		for _, e := range l.Themes {
			body = append(body, vspace(3))
			body = append(body, d.entryRows(e.Label, e.Example, e.Debriefs, model.Lucky.RGB())...)
		}
	}
	d.section("Luck", body, nothingLuck)
}

// mix is the category mix over time: each month's factors by category,
// as shares.
func (d *insightsDoc) mix() {
	r := d.r
	var body []pdfRow
	if hasFactors(r) && len(r.Months) > 0 {
		cats := model.Categories()
		values := make([][]int, len(r.Months))
		for i, m := range r.Months {
			values[i] = make([]int, len(cats))
			for _, c := range m.Categories {
				for k, cat := range cats {
					if c.Category == cat {
						values[i][k] = c.Factors
					}
				}
			}
		}
		es := make([]legendEntry, len(cats))
		for k, c := range cats {
			es[k] = legendEntry{label: c.Label(), fill: c.RGB()}
		}
		body = d.text([]pdfSpan{spanBody("Are the human factors being named, or only the technical ones? Each bar is one month’s factors, by category.")}, 0)
		body = append(keepWithNext(body), vspace(3))
		body = append(body, chartRow(d.monthChartHeight(es), func(x, y float64) {
			d.stackedMonths(x, y, d.months(), values, es, "share of the month’s factors")
		}))
		body = append(body, vspace(2))
		body = append(body, d.small("All factors: "+categoryTotals(r.Categories)+".", 0)...)
	}
	d.section("Category mix over time", body, nothingMix)
}
