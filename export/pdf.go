package export

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// Paper is a paper size for the PDF.
type Paper string

// The paper sizes a PDF can be exported on.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// DefaultPaper picks Letter for the United States and Canada and A4
// everywhere else, from the locale in LC_ALL, LC_PAPER or LANG (such as
// en_US.UTF-8 or fr_CA). Without a locale it is A4.
func DefaultPaper() Paper { return paperForLocale(os.Getenv) }

// paperForLocale is DefaultPaper with the environment passed in. The first
// of LC_ALL, LC_PAPER and LANG that is set decides, as for C programs.
func paperForLocale(env func(string) string) Paper {
	var loc string
	for _, name := range []string{"LC_ALL", "LC_PAPER", "LANG"} {
		if loc = env(name); loc != "" {
			break
		}
	}
	// language[_TERRITORY][.codeset][@modifier]
	if i := strings.IndexAny(loc, ".@"); i >= 0 {
		loc = loc[:i]
	}
	_, territory, _ := strings.Cut(loc, "_")
	switch strings.ToUpper(territory) {
	case "US", "CA":
		return Letter
	}
	return A4
}

// ParsePaper reads a paper size: "a4" or "letter", in any case.
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToLower(strings.TrimSpace(s))); p {
	case A4, Letter:
		return p, nil
	}
	return "", fmt.Errorf("unknown paper size %q (want a4 or letter)", s)
}

// PDFOptions says how a PDF is made.
type PDFOptions struct {
	Paper   Paper     // "" means DefaultPaper()
	Created time.Time // creation date in the metadata and footer; zero means time.Now(). Times are shown in its time zone.
	Creator string    // e.g. "Debrief 0.1.0"; "" means "Debrief"
}

// PDFResult tells what the export could not do perfectly.
type PDFResult struct {
	Pages int
	// Missing lists the characters no available font could draw, sorted:
	// they appear as U+FFFD in the PDF, but the export still succeeds.
	// Characters beyond U+FFFF, such as emoji, are always missing (gofpdf
	// writes text as 16-bit codes). Control characters other than newline
	// and tab are drawn as U+FFFD too, but are not listed here; soft hyphens
	// and variation selectors no font has are left out, being invisible.
	Missing []rune
	// Fallbacks lists the system fonts used for characters the built-in
	// font lacks, by file path, sorted.
	Fallbacks []string
	// Note says something the reader of the PDF should know, such as that
	// the board was too dense to draw; "" when there is nothing to say.
	Note string
}

// Layout, in millimetres and points.
const (
	pdfMargin         = 15.0
	pdfHeaderTop      = 19.0 // where the body starts on pages with a header
	pdfFooterGap      = 8.0  // from the footer's baseline to the bottom edge
	pdfTitleSize      = 21.0
	pdfH1Size         = 14.0
	pdfH2Size         = 11.5
	pdfBodySize       = 10.5
	pdfSmallSize      = 8.5
	pdfTinySize       = 7.5
	pdfSubject        = "Blameless post-mortem"
	pdfKeywords       = "debrief, blameless post-mortem, lessons learned, contributing factors"
	pdfDefaultCreator = "Debrief"
	// pdfTotalPages stands for the number of pages until gofpdf knows it;
	// it must not appear in a debrief's text.
	pdfTotalPages = "{#debrief-pages#}"
	pdfSectionGap = 10.0 // above a section heading
)

// WritePDF writes d as a PDF: a summary page with the one process change,
// kudos and missed warning signs; the factor map on a landscape page; then
// the factors by category, their links, the lessons, the reflections and
// the other candidate changes. The output depends only on d and opt, so
// two exports with the same Created are byte for byte the same. Nothing is
// written if the PDF cannot be made.
func WritePDF(w io.Writer, d *model.Dossier, opt PDFOptions) (res PDFResult, err error) {
	if d == nil {
		return res, errors.New("there is no debrief to export")
	}
	paper := opt.Paper
	if paper == "" {
		paper = DefaultPaper()
	}
	if paper, err = ParsePaper(string(paper)); err != nil {
		return res, err
	}
	if opt.Created.IsZero() {
		opt.Created = time.Now()
	}
	if opt.Creator == "" {
		opt.Creator = pdfDefaultCreator
	}
	defer func() {
		if p := recover(); p != nil {
			res, err = PDFResult{}, fmt.Errorf("could not make the PDF: %v", p)
		}
	}()

	pdf := gofpdf.New("P", "mm", string(paper), "")
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.AliasNbPages(pdfTotalPages) // before any font is added: gofpdf subsets differently otherwise
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetTitle(pdfMetaText(d.Debrief.Title), true)
	pdf.SetSubject(pdfSubject, true)
	pdf.SetCreator(pdfMetaText(opt.Creator), true)
	pdf.SetProducer("gofpdf", false)
	pdf.SetKeywords(pdfKeywords, true)
	pdf.SetCreationDate(opt.Created)
	pdf.SetModificationDate(opt.Created)

	fonts, err := newFontSet(pdf)
	if err != nil {
		return res, err
	}
	pdfDoc := &pdfDoc{pdf: pdf, fonts: fonts, d: d, opt: opt, loc: opt.Created.Location()}
	pdfDoc.paperW, pdfDoc.paperH = pdf.GetPageSize()
	pdf.SetHeaderFunc(pdfDoc.header)
	pdf.SetFooterFunc(pdfDoc.footer)
	pdfDoc.build()

	if err := pdf.Error(); err != nil {
		return res, fmt.Errorf("could not make the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return res, fmt.Errorf("could not make the PDF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return res, fmt.Errorf("could not write the PDF: %w", err)
	}
	res.Pages = pdf.PageCount()
	res.Missing = fonts.missingRunes()
	res.Fallbacks = fonts.fallbackPaths()
	res.Note = pdfDoc.note
	return res, nil
}

// pdfMetaText makes s fit for the PDF's metadata: one line, 16-bit characters.
func pdfMetaText(s string) string {
	s = strings.ToValidUTF8(model.OneLine(s), "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return utf8.RuneError
		}
		return r
	}, strings.TrimSpace(s))
}

// pdfDoc is one PDF being made.
type pdfDoc struct {
	pdf   *gofpdf.Fpdf
	fonts *fontSet
	d     *model.Dossier
	opt   PDFOptions
	loc   *time.Location
	note  string
	// numbered is set when the factor map shows each card's number.
	numbered bool

	paperW, paperH float64 // the portrait paper size
	pageW, pageH   float64 // the current page
	y, top, bottom float64 // the cursor and the body's limits on this page
}

func (d *pdfDoc) left() float64   { return pdfMargin }
func (d *pdfDoc) width() float64  { return d.pageW - 2*pdfMargin }
func (d *pdfDoc) right() float64  { return d.pageW - pdfMargin }
func (d *pdfDoc) height() float64 { return d.bottom - d.top }

// newPage starts a portrait or landscape page.
func (d *pdfDoc) newPage(landscape bool) {
	if landscape {
		d.pdf.AddPageFormat("L", gofpdf.SizeType{Wd: d.paperW, Ht: d.paperH})
	} else {
		d.pdf.AddPageFormat("P", gofpdf.SizeType{Wd: d.paperW, Ht: d.paperH})
	}
	d.pageW, d.pageH = d.pdf.GetPageSize()
	d.top = pdfMargin
	if d.pdf.PageNo() > 1 {
		d.top = pdfHeaderTop
	}
	d.bottom = d.pageH - pdfMargin
	d.y = d.top
}

// header puts the debrief's title, small, at the top of every page but the
// first.
func (d *pdfDoc) header() {
	if d.pdf.PageNo() < 2 {
		return
	}
	w, _ := d.pdf.GetPageSize()
	st := pdfStyle{font: fontRegular, size: pdfTinySize, color: pdfMuted}
	ls := d.paragraph([]pdfSpan{{model.OneLine(d.d.Debrief.Title), st}}, w-2*pdfMargin)
	if len(ls) == 0 {
		return
	}
	l := ls[0]
	if len(ls) > 1 {
		l = d.ellipsize(l, w-2*pdfMargin)
	}
	d.drawLine(l, pdfMargin, 10.5)
	d.hline(pdfMargin, 12.5, w-pdfMargin, pdfRuleColour, 0.2)
}

// footer puts the export date and "page X of Y" at the bottom of every page.
func (d *pdfDoc) footer() {
	w, h := d.pdf.GetPageSize()
	st := pdfStyle{font: fontRegular, size: pdfTinySize, color: pdfMuted}
	y := h - pdfFooterGap
	d.hline(pdfMargin, y-4, w-pdfMargin, pdfRuleColour, 0.2)
	left := fmt.Sprintf("%s · exported %s", d.opt.Creator, d.opt.Created.In(d.loc).Format("Mon 2 Jan 2006"))
	d.drawLine(d.oneLine(left, st, w/2), pdfMargin, y)
	// The total is filled in by gofpdf at the end; its width is taken to
	// be that of this page's number, which is right but for a few pages of
	// a document of ten or more.
	n := strconv.Itoa(d.pdf.PageNo())
	pw := d.textWidth("page "+n+" of "+n, st)
	d.drawLine(d.oneLine("page "+n+" of "+pdfTotalPages, st, w), w-pdfMargin-pw, y)
}

// oneLine lays out s on one line, shortened with "…" to fit in width.
func (d *pdfDoc) oneLine(s string, st pdfStyle, width float64) pdfLine {
	ls := d.paragraph([]pdfSpan{{model.OneLine(s), st}}, width)
	if len(ls) == 0 {
		return pdfLine{size: st.size}
	}
	if len(ls) > 1 {
		return d.ellipsize(ls[0], width)
	}
	return ls[0]
}

// ---------------------------------------------------------------------------
// Drawing

func (d *pdfDoc) textColor(c color.NRGBA) { d.pdf.SetTextColor(int(c.R), int(c.G), int(c.B)) }
func (d *pdfDoc) fillColor(c color.NRGBA) { d.pdf.SetFillColor(int(c.R), int(c.G), int(c.B)) }
func (d *pdfDoc) drawColor(c color.NRGBA) { d.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B)) }

func (d *pdfDoc) hline(x1, y, x2 float64, c color.NRGBA, width float64) {
	d.drawColor(c)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x1, y, x2, y)
}

// star draws a five-pointed star centred on (cx, cy).
func (d *pdfDoc) star(cx, cy, r float64, c color.NRGBA) {
	pts := make([]gofpdf.PointType, 10)
	for i := range pts {
		rr := r
		if i%2 == 1 {
			rr = r * 0.45
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = gofpdf.PointType{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)}
	}
	d.fillColor(c)
	d.pdf.Polygon(pts, "F")
}

func (d *pdfDoc) dot(cx, cy, r float64, c color.NRGBA) {
	d.fillColor(c)
	d.pdf.Circle(cx, cy, r, "F")
}

// ---------------------------------------------------------------------------
// Flowing content onto pages

// pdfRow is a horizontal slice of content that is never split across pages:
// usually one line of text.
type pdfRow struct {
	h    float64
	draw func(x, y float64) // y is the row's top
	keep bool               // keep on the same page as the next row
	gap  bool               // vertical space, dropped at the top of a page
}

func vspace(h float64) pdfRow { return pdfRow{h: h, gap: true} }

// textRows makes a row of each line, indented by indent. The first two and
// the last two lines of a paragraph stay together.
func (d *pdfDoc) textRows(lines []pdfLine, indent float64) []pdfRow {
	rows := make([]pdfRow, len(lines))
	for i, l := range lines {
		rows[i] = pdfRow{h: l.height(), draw: func(x, y float64) { d.drawLine(l, x+indent, y+l.ascent()) }}
	}
	if n := len(rows); n >= 2 {
		rows[0].keep = true
		rows[n-2].keep = true
	}
	return rows
}

// text lays out spans to the width left after indent and returns the rows.
func (d *pdfDoc) text(spans []pdfSpan, indent float64) []pdfRow {
	return d.textRows(d.paragraph(spans, d.width()-indent), indent)
}

// flow places rows on the page, starting new portrait pages as needed.
func (d *pdfDoc) flow(rows []pdfRow) {
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if r.gap {
			if d.y > d.top {
				d.y = min(d.y+r.h, d.bottom)
			}
			continue
		}
		need := 0.0
		for j := i; j < len(rows); j++ {
			need += rows[j].h
			if !rows[j].keep && !rows[j].gap {
				break
			}
		}
		need = min(need, d.height())
		if d.y+max(need, r.h) > d.bottom+0.01 && d.y > d.top {
			d.newPage(false)
		}
		if r.draw != nil {
			r.draw(d.left(), d.y)
		}
		d.y += r.h
	}
}

// pdfBoxStyle is how a box looks.
type pdfBoxStyle struct {
	fill, border color.NRGBA
	pad          float64
}

// box flows rows inside a tinted, bordered box of the full width, split
// across pages if it must be. The rows are laid out for the width less
// 2*pad; a box that fits on a page is not split if starting it on the next
// page wastes less than a page's third.
func (d *pdfDoc) box(rows []pdfRow, bs pdfBoxStyle) {
	total := 2 * bs.pad
	for _, r := range rows {
		total += r.h
	}
	if total <= d.height() && d.y+total > d.bottom && d.bottom-d.y < d.height()/3 {
		d.newPage(false)
	}
	for i := 0; i < len(rows); {
		if d.y+2*bs.pad+rows[i].h > d.bottom && d.y > d.top {
			d.newPage(false)
		}
		// The rows that fit on this page.
		j, h := i, 0.0
		for j < len(rows) && (j == i || d.y+2*bs.pad+h+rows[j].h <= d.bottom) {
			h += rows[j].h
			j++
		}
		top := d.y
		d.fillColor(bs.fill)
		d.drawColor(bs.border)
		d.pdf.SetLineWidth(0.5)
		d.pdf.RoundedRect(d.left(), top, d.width(), h+2*bs.pad, 2, "1234", "FD")
		y := top + bs.pad
		for _, r := range rows[i:j] {
			if r.draw != nil {
				r.draw(d.left()+bs.pad, y)
			}
			y += r.h
		}
		d.y = top + h + 2*bs.pad
		i = j
		if i < len(rows) {
			d.newPage(false)
		}
	}
}

// heading makes the rows of a section heading, with a bookmark at level
// (none if level < 0).
func (d *pdfDoc) heading(title string, size float64, level int, before float64) []pdfRow {
	st := pdfStyle{font: fontBold, size: size, color: pdfInk}
	ls := d.paragraph([]pdfSpan{{title, st}}, d.width())
	rows := []pdfRow{vspace(before)}
	for i, l := range ls {
		i, l := i, l
		rows = append(rows, pdfRow{h: l.height(), keep: true, draw: func(x, y float64) {
			d.drawLine(l, x, y+l.ascent())
			if i == 0 && level >= 0 {
				d.pdf.Bookmark(pdfMetaText(title), level, y)
			}
		}})
	}
	return append(rows, vspace(size*ptMM*0.35))
}

// fieldRows makes label: value rows, with the label in a column of
// labelW at the left and the value wrapped beside it.
func (d *pdfDoc) fieldRows(label string, value []pdfSpan, labelW, width float64) []pdfRow {
	lst := pdfStyle{font: fontBold, size: 9, color: pdfMuted}
	labels := d.paragraph([]pdfSpan{{label, lst}}, labelW-3)
	values := d.paragraph(value, width-labelW)
	n := max(len(labels), len(values))
	rows := make([]pdfRow, n)
	for i := range rows {
		var l, v *pdfLine
		h := 0.0
		if i < len(labels) {
			l = &labels[i]
			h = l.height()
		}
		if i < len(values) {
			v = &values[i]
			h = max(h, v.height())
		}
		rows[i] = pdfRow{h: h, keep: i < n-1, draw: func(x, y float64) {
			base := 0.0
			if v != nil {
				base = v.ascent()
			} else {
				base = l.ascent()
			}
			if l != nil {
				d.drawLine(*l, x, y+base)
			}
			if v != nil {
				d.drawLine(*v, x+labelW, y+base)
			}
		}}
	}
	return rows
}

// bulletRows makes a list item: mark draws the bullet beside the first
// line, whose top is y and baseline base.
func (d *pdfDoc) bulletRows(spans []pdfSpan, indent float64, mark func(x, y, base float64)) []pdfRow {
	lines := d.paragraph(spans, d.width()-indent)
	rows := d.textRows(lines, indent)
	if len(rows) > 0 && mark != nil {
		first, asc := rows[0].draw, lines[0].ascent()
		rows[0].draw = func(x, y float64) {
			mark(x, y, y+asc)
			first(x, y)
		}
	}
	return rows
}

// ---------------------------------------------------------------------------
// The document

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

func pdfPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
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
		return d.textRows(d.paragraph([]pdfSpan{{s, lab}}, inner), 0)
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

// pdfExcerpt is the start of s, at most n characters, cut at a word.
func pdfExcerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for i := n; i > n/2; i-- {
		if unicode.IsSpace(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
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
	rows := d.heading("Factors by category", pdfH1Size, 0, before)
	if d.numbered {
		rows = append(rows, d.text([]pdfSpan{spanSmall("The numbers are those on the cards of the factor map.")}, 0)...)
	}
	d.flow(rows)
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
		rows := []pdfRow{vspace(6)}
		for i, l := range hl {
			i, l := i, l
			rows = append(rows, pdfRow{h: l.height(), keep: true, draw: func(x, y float64) {
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
		ref := func(n int) pdfSpan {
			return pdfSpan{strconv.Itoa(n) + " ", pdfStyle{font: fontBold, size: pdfBodySize, color: pdfFaint}}
		}
		spans := []pdfSpan{ref(num[from.ID]), spanBody(pdfExcerpt(from.Text, 60)), spanStrong("  →  "), ref(num[to.ID]), spanBody(pdfExcerpt(to.Text, 60))}
		if lb := strings.TrimSpace(l.Label); lb != "" && lb != model.DefaultLinkLabel {
			spans = append(spans, pdfSpan{"  (" + lb + ")", pdfStyle{font: fontItalic, size: pdfBodySize, color: pdfMuted}})
		}
		rows = append(rows, d.bulletRows(spans, 6, func(x, y, base float64) {
			d.dot(x+2, base-1.2, 0.7, pdfMuted)
		})...)
	}
	if len(rows) == 0 {
		return
	}
	head := d.heading("Links", pdfH2Size, 1, 8)
	head = append(head, d.text([]pdfSpan{spanSmall("Each factor contributed to the one after the arrow.")}, 0)...)
	head = append(head, vspace(1))
	d.flow(append(head, rows...))
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
		for j := range q {
			q[j].keep = true
		}
		rows = append(rows, q...)
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
