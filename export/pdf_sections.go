package export

import (
	"fmt"
	"image/color"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// The document's sections, in the order build puts them on the pages that
// pdf.go makes: the summary page, the factor map (pdf_map.go), the factors
// by category and their links, the lessons, the reflections and the other
// candidate changes.

func (d *pdfDoc) build() {
	d.newPage(false)
	d.summary()
	mapped := d.factorMap()
	if mapped {
		d.newPage(false)
	}
	d.factors(!mapped)
	d.lessons()
	d.reflections()
	d.otherChanges()
}

func spanBody(s string) pdfSpan {
	return pdfSpan{s, pdfStyle{font: fontRegular, size: pdfBodySize, color: pdfInk}}
}
func spanStrong(s string) pdfSpan {
	return pdfSpan{s, pdfStyle{font: fontBold, size: pdfBodySize, color: pdfInk}}
}
func spanQuiet(s string) pdfSpan {
	return pdfSpan{s, pdfStyle{font: fontItalic, size: pdfBodySize, color: pdfMuted}}
}
func spanSmall(s string) pdfSpan {
	return pdfSpan{s, pdfStyle{font: fontRegular, size: pdfSmallSize, color: pdfMuted}}
}

// moment is a time as a person reads it: "Wed 18 Nov 2026, 23:40 UTC".
func (d *pdfDoc) moment(t time.Time) string {
	return t.In(d.loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

// pdfDay is a date: "Thu 10 Dec 2026". Dates are stored as midnight UTC.
func pdfDay(t time.Time) string { return t.UTC().Format("Mon 2 Jan 2006") }

// pdfPlural is "1 vote" or "2 votes", with a no-break space: a number
// never ends a line without its unit.
func pdfPlural(n int, one, many string) string {
	if n == 1 {
		return "1\u00a0" + one
	}
	return strconv.Itoa(n) + "\u00a0" + many
}

// summary is page 1: what happened, the one change, kudos and warning signs.
func (d *pdfDoc) summary() {
	db := d.d.Debrief
	d.pdf.Bookmark("Summary", 0, d.top)
	over := "BLAMELESS POST-MORTEM"
	if db.Status != "" {
		over += " · " + strings.ToUpper(db.Status.Label())
	}
	rows := d.text([]pdfSpan{{over, pdfStyle{font: fontBold, size: pdfTinySize, color: colour.Shade(changeHue, 0.8)}}}, 0)
	rows = append(rows, vspace(1.5))
	title := strings.TrimSpace(db.Title)
	if title == "" {
		title = "Untitled debrief"
	}
	rows = append(rows, d.text([]pdfSpan{{title, pdfStyle{font: fontBold, size: pdfTitleSize, color: pdfInk}}}, 0)...)
	rows = append(rows, vspace(4))

	const labelW = 38
	var fields []pdfRow
	if !db.HappenedAt.IsZero() {
		fields = append(fields, d.fieldRows("When it happened", []pdfSpan{spanBody(d.moment(db.HappenedAt))}, labelW, d.width())...)
	}
	if !db.ScheduledAt.IsZero() {
		fields = append(fields, vspace(1))
		fields = append(fields, d.fieldRows("Discussed", []pdfSpan{spanBody(d.moment(db.ScheduledAt))}, labelW, d.width())...)
	}
	var who []string
	for _, p := range db.Participants {
		if p = strings.TrimSpace(p); p != "" {
			who = append(who, p)
		}
	}
	people := []pdfSpan{spanBody(strings.Join(who, ", "))}
	if len(who) == 0 {
		people = []pdfSpan{spanQuiet("anonymous")}
	}
	fields = append(fields, vspace(1))
	fields = append(fields, d.fieldRows("Participants", people, labelW, d.width())...)
	rows = append(rows, fields...)

	if strings.TrimSpace(db.Summary) != "" {
		rows = append(rows, d.heading("What happened", pdfH2Size, -1, 6)...)
		rows = append(rows, d.paragraphRows(db.Summary, 0)...)
	}
	rows = append(rows, d.timelineRows()...) // pdf_timeline.go
	rows = append(rows, vspace(6))
	d.flow(rows)
	d.changeBox()

	if len(d.d.Kudos) > 0 {
		rows = d.heading("Kudos", pdfH2Size, -1, 7)
		for i, k := range d.d.Kudos {
			if i > 0 {
				rows = append(rows, vspace(1.8))
			}
			spans := []pdfSpan{spanStrong(strings.TrimSpace(k.Who))}
			if f := strings.TrimSpace(k.For); f != "" {
				spans = append(spans, spanBody(" — "+f))
			}
			rows = append(rows, d.bulletRows(spans, 6, func(x, y, base float64) {
				d.star(x+2.2, base-1.25, 1.9, kudosHue)
			})...)
		}
		d.flow(rows)
	}
	if len(d.d.WarningSigns) > 0 {
		signs := append([]model.WarningSign(nil), d.d.WarningSigns...)
		sort.SliceStable(signs, func(i, j int) bool { return signs[i].Position < signs[j].Position })
		rows = d.heading("Warning signs we missed", pdfH2Size, -1, 7)
		for i, w := range signs {
			if i > 0 {
				rows = append(rows, vspace(1.8))
			}
			rows = append(rows, d.bulletRows([]pdfSpan{spanBody(w.Text)}, 6, func(x, y, base float64) {
				d.dot(x+2, base-1.2, 0.9, warnHue)
			})...)
		}
		d.flow(rows)
	}
}

// paragraphRows lays out free text in the body style, keeping its line
// breaks.
func (d *pdfDoc) paragraphRows(text string, indent float64) []pdfRow {
	return d.text([]pdfSpan{spanBody(text)}, indent)
}

// changeBox draws the one process change the group committed to, or says
// that none was chosen.
func (d *pdfDoc) changeBox() {
	bs := pdfBoxStyle{fill: colour.Tint(changeHue, 0.08), border: changeHue, pad: 5}
	inner := d.width() - 2*bs.pad
	lab := pdfStyle{font: fontBold, size: pdfTinySize, color: colour.Shade(changeHue, 0.8)}
	label := func(s string) []pdfRow {
		rows := d.textRows(d.paragraph([]pdfSpan{{s, lab}}, inner), 0)
		for i := range rows {
			rows[i].keep, rows[i].head = true, true
		}
		return rows
	}
	c, ok := model.Chosen(d.d.Changes)
	var rows []pdfRow
	if !ok {
		rows = append(rows, label("THE ONE CHANGE")...)
		rows = append(rows, vspace(1.5))
		msg := "No process change has been chosen yet."
		if n := len(d.d.Changes); n > 0 {
			msg += fmt.Sprintf(" %s listed under “Other candidate changes”.", pdfPlural(n, "candidate is", "candidates are"))
		}
		rows = append(rows, d.textRows(d.paragraph([]pdfSpan{spanQuiet(msg)}, inner), 0)...)
		d.box(rows, bs)
		return
	}
	rows = append(rows, label("THE ONE CHANGE WE COMMIT TO")...)
	rows = append(rows, vspace(1.5))
	rows = append(rows, d.textRows(d.paragraph([]pdfSpan{{c.What, pdfStyle{font: fontBold, size: 12.5, color: pdfInk}}}, inner), 0)...)
	rows = append(rows, vspace(3))
	const labelW = 44
	notSet := func(s string, spans ...pdfSpan) []pdfSpan {
		if strings.TrimSpace(s) == "" {
			return []pdfSpan{spanQuiet("not set yet")}
		}
		return spans
	}
	rows = append(rows, d.fieldRows("Owner", notSet(c.Owner, spanBody(c.Owner)), labelW, inner)...)
	rows = append(rows, vspace(1.2))
	check := ""
	if !c.CheckBack.IsZero() {
		check = pdfDay(c.CheckBack)
	}
	rows = append(rows, d.fieldRows("Check back", notSet(check, spanBody(check)), labelW, inner)...)
	rows = append(rows, vspace(1.2))
	rows = append(rows, d.fieldRows("How we’ll know it worked", notSet(c.Measure, spanBody(c.Measure)), labelW, inner)...)
	if c.Outcome != model.NoOutcome || strings.TrimSpace(c.OutcomeNote) != "" {
		out := []pdfSpan{}
		if c.Outcome != model.NoOutcome {
			o := string(c.Outcome)
			out = append(out, spanStrong(strings.ToUpper(o[:1])+o[1:]))
		}
		if n := strings.TrimSpace(c.OutcomeNote); n != "" {
			if len(out) > 0 {
				out = append(out, spanBody(" — "))
			}
			out = append(out, spanBody(n))
		}
		rows = append(rows, vspace(1.2))
		rows = append(rows, d.fieldRows("Outcome", out, labelW, inner)...)
	}
	d.box(rows, bs)
}

// pdfCategoryOrder lists the categories in display order, unknown ones last.
func pdfCategoryOrder(fs []model.Factor) []model.Category {
	cats := model.Categories()
	known := map[model.Category]bool{}
	for _, c := range cats {
		known[c] = true
	}
	var extra []model.Category
	for _, f := range fs {
		if !known[f.Category] {
			known[f.Category] = true
			extra = append(extra, f.Category)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	return append(cats, extra...)
}

// factors lists every factor by category, with its full text, votes and
// author (none for an anonymous card), then the links between them.
func (d *pdfDoc) factors(first bool) {
	fs := d.d.Factors
	if len(fs) == 0 {
		return
	}
	before := 0.0
	if !first {
		before = 9
	}
	// The section's heading flows with its first category, so that it
	// does not end a page alone.
	head := d.heading("Factors by category", pdfH1Size, 0, before)
	if d.numbered {
		head = append(head, pdfHeadRows(d.text([]pdfSpan{spanSmall("The numbers are those on the cards of the factor map.")}, 0))...)
	}
	num := map[int64]int{}
	for i, f := range fs {
		if _, dup := num[f.ID]; !dup {
			num[f.ID] = i + 1
		}
	}
	// The numbers sit in a gutter wide enough for the largest.
	numSt := pdfStyle{font: fontBold, size: pdfSmallSize, color: pdfFaint}
	indent := max(9, d.textWidth(strconv.Itoa(len(fs)), numSt)+4.4)
	for _, cat := range pdfCategoryOrder(fs) {
		var in []int
		for i, f := range fs {
			if f.Category == cat {
				in = append(in, i)
			}
		}
		if len(in) == 0 {
			continue
		}
		hue := cat.RGB()
		label := cat.Label()
		hs := pdfStyle{font: fontBold, size: pdfH2Size, color: pdfInk}
		hl := d.paragraph([]pdfSpan{{label, hs}, {"  " + strconv.Itoa(len(in)), pdfStyle{font: fontRegular, size: pdfH2Size, color: pdfFaint}}}, d.width()-indent)
		rows := append(head, vspace(6))
		head = nil
		for i, l := range hl {
			i, l := i, l
			rows = append(rows, pdfRow{h: l.height(), keep: true, head: true, draw: func(x, y float64) {
				if i == 0 {
					d.fillColor(hue)
					d.drawColor(colour.Shade(hue, 0.85))
					d.pdf.SetLineWidth(0.2)
					d.pdf.RoundedRect(x, y+l.ascent()-3.6, 5.2, 3.9, 0.8, "1234", "FD")
					d.pdf.Bookmark(pdfMetaText(label), 1, y)
				}
				d.drawLine(l, x+indent, y+l.ascent())
			}})
		}
		rows = append(rows, vspace(1.5))
		for k, i := range in {
			f := fs[i]
			if k > 0 {
				rows = append(rows, vspace(2.6))
			}
			rows = append(rows, d.factorRows(f, i+1, hue, indent)...)
		}
		d.flow(rows)
	}
	d.links(num)
}

// factorRows is one factor in the list: a bar in its category's colour, its
// number, its text, and a line with its author and votes when it has any.
func (d *pdfDoc) factorRows(f model.Factor, n int, hue color.NRGBA, indent float64) []pdfRow {
	text := f.Text
	if strings.TrimSpace(text) == "" {
		text = "(no text)"
	}
	lines := d.paragraph([]pdfSpan{spanBody(text)}, d.width()-indent)
	rows := d.textRows(lines, indent)
	var meta []pdfSpan
	if !f.Anonymous() {
		meta = append(meta, pdfSpan{strings.TrimSpace(f.Author), pdfStyle{font: fontItalic, size: pdfSmallSize, color: pdfMuted}})
	}
	if f.Votes > 0 {
		if len(meta) > 0 {
			meta = append(meta, spanSmall("  ·  "))
		}
		meta = append(meta, spanSmall(pdfPlural(f.Votes, "vote", "votes")))
	}
	if len(meta) > 0 {
		rows[len(rows)-1].keep = true
		rows = append(rows, d.text(meta, indent)...)
	}
	num := d.oneLine(strconv.Itoa(n), pdfStyle{font: fontBold, size: pdfSmallSize, color: pdfFaint}, 100)
	for i := range rows {
		r := rows[i]
		first := i == 0
		asc := lines[0].ascent()
		rows[i].draw = func(x, y float64) {
			d.fillColor(hue)
			d.pdf.Rect(x, y, 1.2, r.h, "F")
			if first {
				d.drawLine(num, x+indent-1.8-num.w, y+asc)
			}
			r.draw(x, y)
		}
	}
	return rows
}

// links lists how the factors connect: "A → B".
func (d *pdfDoc) links(num map[int64]int) {
	byID := d.d.FactorsByID()
	var rows []pdfRow
	for _, l := range d.d.Links {
		from, ok1 := byID[l.FromID]
		to, ok2 := byID[l.ToID]
		if !ok1 || !ok2 {
			continue
		}
		if len(rows) > 0 {
			rows = append(rows, vspace(1.6))
		}
		// A link reads left to right, "A → B", whatever the direction of
		// A and B: left-to-right marks (invisible, not drawn) around each
		// text keep the arrow and the numbers out of a right-to-left one.
		const lrm = "\u200E"
		ref := func(n int) pdfSpan {
			// No-break spaces: the arrow, the card's number and its text
			// stay together.
			return pdfSpan{lrm + strconv.Itoa(n) + "\u00a0", pdfStyle{font: fontBold, size: pdfBodySize, color: pdfFaint}}
		}
		// Whole texts, on one line each: a link is read without turning
		// back to the list.
		flat := func(s string) string { return strings.Join(strings.Fields(s), " ") + lrm }
		spans := []pdfSpan{ref(num[from.ID]), spanBody(flat(from.Text)), spanStrong("  →\u00a0\u00a0"), ref(num[to.ID]), spanBody(flat(to.Text))}
		if lb := strings.TrimSpace(l.Label); lb != "" && lb != model.DefaultLinkLabel {
			spans = append(spans, pdfSpan{"  (" + lb + ")" + lrm, pdfStyle{font: fontItalic, size: pdfBodySize, color: pdfMuted}})
		}
		rows = append(rows, d.bulletRows(spans, 6, func(x, y, base float64) {
			d.dot(x+2, base-1.2, 0.7, pdfMuted)
		})...)
	}
	if len(rows) == 0 {
		return
	}
	head := d.heading("Links", pdfH2Size, 1, 8)
	head = append(head, pdfHeadRows(d.text([]pdfSpan{spanSmall("Each factor contributed to the one after the arrow.")}, 0))...)
	head = append(head, vspace(1))
	d.flow(append(head, rows...))
}

// pdfHeadRows marks rows as part of a heading: a note under it, or a
// question that heads its answer.
func pdfHeadRows(rows []pdfRow) []pdfRow {
	for i := range rows {
		rows[i].keep, rows[i].head = true, true
	}
	return rows
}

// lessons are what led to the problem, what went well and where we got lucky.
func (d *pdfDoc) lessons() {
	ls := d.d.Lesson
	parts := []struct{ title, text string }{
		{"What led to the problem", ls.WhatLed},
		{"What went well", ls.WentWell},
		{"Where we got lucky", ls.Lucky},
	}
	var rows []pdfRow
	for _, p := range parts {
		if strings.TrimSpace(p.text) == "" {
			continue
		}
		rows = append(rows, d.heading(p.title, pdfH2Size, -1, 5)...)
		rows = append(rows, d.paragraphRows(p.text, 0)...)
	}
	if len(rows) == 0 {
		return
	}
	d.flow(append(d.heading("Lessons", pdfH1Size, 0, pdfSectionGap), rows...))
}

// reflections are the notes on model.ReflectionQuestions; unanswered
// questions are left out.
func (d *pdfDoc) reflections() {
	var rows []pdfRow
	for i, a := range d.d.Lesson.Reflections.Answers() {
		if strings.TrimSpace(a) == "" {
			continue
		}
		rows = append(rows, vspace(5))
		q := d.text([]pdfSpan{{model.ReflectionQuestions[i], pdfStyle{font: fontBold, size: pdfBodySize, color: pdfInk}}}, 0)
		rows = append(rows, pdfHeadRows(q)...)
		rows = append(rows, vspace(1.2))
		rows = append(rows, d.paragraphRows(a, 0)...)
	}
	if len(rows) == 0 {
		return
	}
	d.flow(append(d.heading("Reflections", pdfH1Size, 0, pdfSectionGap), rows...))
}

// otherChanges lists the candidate changes that were not chosen.
func (d *pdfDoc) otherChanges() {
	chosen := slices.IndexFunc(d.d.Changes, func(c model.ProcessChange) bool { return c.Chosen })
	var rows []pdfRow
	for i, c := range d.d.Changes {
		if i == chosen {
			continue // on page 1; a second chosen one, in a dossier never validated, is listed here
		}
		if len(rows) > 0 {
			rows = append(rows, vspace(1.8))
		}
		spans := []pdfSpan{spanBody(c.What)}
		if c.Votes > 0 {
			spans = append(spans, spanSmall("   "+pdfPlural(c.Votes, "vote", "votes")))
		}
		rows = append(rows, d.bulletRows(spans, 6, func(x, y, base float64) {
			d.dot(x+2, base-1.2, 0.9, changeHue)
		})...)
	}
	if len(rows) == 0 {
		return
	}
	head := d.heading("Other candidate changes", pdfH1Size, 0, pdfSectionGap)
	head = append(head, vspace(1))
	d.flow(append(head, rows...))
}
