package export

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/debrief-app/debrief/app/model"
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
	pdfSectionGap     = 10.0 // above a section heading
)

// WritePDF writes d as a PDF: a summary page with the one process change,
// kudos and missed warning signs; the factor map on a landscape page; then
// the factors by category, their links, the lessons, the reflections and
// the other candidate changes. The output depends only on d and opt, so
// two exports with the same Created are byte for byte the same. Nothing is
// written if the PDF cannot be made.
func WritePDF(w io.Writer, d *model.Dossier, opt Options) (PDFResult, error) {
	res, _, err := writePDF(w, d, opt)
	return res, err
}

// writePDF is WritePDF, and the document as made, for the tests.
func writePDF(w io.Writer, d *model.Dossier, opt Options) (res PDFResult, doc *pdfDoc, err error) {
	if d == nil {
		return res, nil, errors.New("there is no debrief to export")
	}
	d = d.Shown() // never a face-down or hidden card of the room
	defer func() {
		if p := recover(); p != nil {
			res, doc, err = PDFResult{}, nil, fmt.Errorf("could not make the PDF: %v", p)
		}
	}()
	pdfDoc, err := openPDF(opt, d.Debrief.Title, pdfSubject, pdfKeywords)
	if err != nil {
		return res, nil, err
	}
	pdfDoc.d = d
	pdfDoc.build()
	if res, err = pdfDoc.output(w); err != nil {
		return res, nil, err
	}
	return res, pdfDoc, nil
}

// openPDF starts a document with opt's paper, date and creator, title in
// its metadata and in the header of every page but the first.
func openPDF(opt Options, title, subject, keywords string) (*pdfDoc, error) {
	paper := opt.Paper
	if paper == "" {
		paper = DefaultPaper()
	}
	paper, err := ParsePaper(string(paper))
	if err != nil {
		return nil, err
	}
	if opt.Created.IsZero() {
		opt.Created = time.Now()
	}
	if opt.Creator == "" {
		opt.Creator = pdfDefaultCreator
	}
	pdf := gofpdf.New("P", "mm", string(paper), "")
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetTitle(pdfMetaText(title), true)
	pdf.SetSubject(subject, true)
	pdf.SetCreator(pdfMetaText(opt.Creator), true)
	pdf.SetProducer("gofpdf", false)
	pdf.SetKeywords(keywords, true)
	pdf.SetCreationDate(opt.Created)
	pdf.SetModificationDate(opt.Created)

	fonts, err := newFontSet(pdf)
	if err != nil {
		return nil, err
	}
	doc := &pdfDoc{pdf: pdf, fonts: fonts, title: title, opt: opt, loc: opt.Created.Location()}
	doc.paperW, doc.paperH = pdf.GetPageSize()
	pdf.SetHeaderFunc(doc.header)
	return doc, nil
}

// output adds the footers and writes the document to w; nothing is
// written if it could not be made.
func (d *pdfDoc) output(w io.Writer) (PDFResult, error) {
	var res PDFResult
	d.footers()
	if err := d.pdf.Error(); err != nil {
		return res, fmt.Errorf("could not make the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return res, fmt.Errorf("could not make the PDF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return res, fmt.Errorf("could not write the PDF: %w", err)
	}
	res.Pages = d.pdf.PageCount()
	res.Missing = d.fonts.missingRunes()
	res.Fallbacks = d.fonts.fallbackPaths()
	res.Note = d.note
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
	title string         // in the metadata and the header
	d     *model.Dossier // the debrief, for WritePDF
	opt   Options
	loc   *time.Location
	note  string
	// numbered is set when the factor map shows each card's number.
	numbered bool
	// sheets are the factor map's pages as drawn, for the tests; mapShape
	// is the arrangement the map read from the board.
	sheets   []*mapSheet
	mapShape boardShape

	paperW, paperH float64      // the portrait paper size
	pageW, pageH   float64      // the current page
	y, top, bottom float64      // the cursor and the body's limits on this page
	sizes          [][2]float64 // every page's size so far
	heads          map[float64][]pdfLine
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
	d.sizes = append(d.sizes, [2]float64{d.pageW, d.pageH})
	d.top = pdfMargin
	if d.pdf.PageNo() > 1 {
		d.top = pdfHeaderTop + d.headExtra(d.pageW)
	}
	_, foot := d.footLeft(d.pageW)
	d.bottom = d.pageH - pdfMargin - foot
	d.y = d.top
}

// pdfRunning is the style of the header and the footer.
var pdfRunning = pdfStyle{font: fontRegular, size: pdfTinySize, color: pdfMuted}

// headLines is the header, the debrief's title, on a page w wide: whole,
// on as many lines as it takes.
func (d *pdfDoc) headLines(w float64) []pdfLine {
	if ls, ok := d.heads[w]; ok {
		return ls
	}
	if d.heads == nil {
		d.heads = map[float64][]pdfLine{}
	}
	ls := d.paragraph([]pdfSpan{{model.OneLine(d.title), pdfRunning}}, w-2*pdfMargin)
	d.heads[w] = ls
	return ls
}

// headExtra is how much further down the body starts on a page w wide for
// a title that takes more than one line in the header.
func (d *pdfDoc) headExtra(w float64) float64 {
	ls := d.headLines(w)
	extra := 0.0
	for i := 1; i < len(ls); i++ {
		extra += ls[i].height()
	}
	return extra
}

// footLeft is the left of the footer on a page w wide, whole, and how much
// higher than one line it reaches. It takes the left half of the page; the
// page number, the right.
func (d *pdfDoc) footLeft(w float64) ([]pdfLine, float64) {
	left := fmt.Sprintf("%s · exported %s", d.opt.Creator, d.opt.Created.In(d.loc).Format("Mon 2 Jan 2006"))
	ls := d.paragraph([]pdfSpan{{model.OneLine(left), pdfRunning}}, w/2-pdfMargin)
	extra := 0.0
	for i := 1; i < len(ls); i++ {
		extra += ls[i].height()
	}
	return ls, extra
}

// header puts the debrief's title, small, at the top of every page but the
// first.
func (d *pdfDoc) header() {
	if d.pdf.PageNo() < 2 {
		return
	}
	w, _ := d.pdf.GetPageSize()
	ls := d.headLines(w)
	if len(ls) == 0 {
		return
	}
	y := 10.5
	for i, l := range ls {
		if i > 0 {
			y += l.height()
		}
		d.drawAligned(l, pdfMargin, y)
	}
	d.hline(pdfMargin, y+2, w-pdfMargin, pdfRuleColour, 0.2)
}

// footers put the export date and "page X of Y" at the bottom of every
// page, once the number of pages is known: so "page 3 of 12" is measured
// as it is drawn and ends at the right margin. (gofpdf's alias for the
// total is replaced only after the text is placed, at the width of some
// other number.)
func (d *pdfDoc) footers() {
	total := strconv.Itoa(len(d.sizes))
	for i, size := range d.sizes {
		d.pdf.SetPage(i + 1)
		d.footer(i+1, total, size[0], size[1])
	}
	d.pdf.SetPage(len(d.sizes))
}

// footer draws page n's footer on a page w by h. gofpdf turns y into the
// PDF's coordinates with the height of the page added last, whatever the
// page drawn on, hence dy. The colours are set anew: the state the page's
// content ended with is not the one gofpdf remembers.
func (d *pdfDoc) footer(n int, total string, w, h float64) {
	_, curH := d.pdf.GetPageSize()
	dy := curH - h
	y := h - pdfFooterGap
	left, extra := d.footLeft(w)
	d.hline(pdfMargin, y-4-extra+dy, w-pdfMargin, pdfRuleColour, 0.2)
	d.fillColor(pdfRunning.color)
	for i, l := range left {
		d.drawLine(l, pdfMargin, y-extra+dy+float64(i)*l.height())
	}
	num := d.paragraph([]pdfSpan{{fmt.Sprintf("page %d of %s", n, total), pdfRunning}}, w)
	if len(num) > 0 {
		d.drawLine(num[0], w-pdfMargin-num[0].w, y+dy)
	}
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
	// head marks a heading's rows, which stay on the page with at least
	// two rows of what they head (or all of it, if less).
	head bool
}

// pdfHeadKeep is how many rows of content a heading keeps with it.
const pdfHeadKeep = 2

// keepNeed is the height of rows[i:] that must go on one page: rows to the
// first that is not kept with the next, and after headings, at least
// pdfHeadKeep rows of content.
func keepNeed(rows []pdfRow, i int) float64 {
	need, content, headed := 0.0, 0, false
	for j := i; j < len(rows); j++ {
		r := rows[j]
		need += r.h
		switch {
		case r.gap:
			continue
		case r.head:
			headed = true
			continue
		}
		content++
		if headed && content < pdfHeadKeep {
			continue
		}
		if !r.keep {
			break
		}
	}
	return need
}

func vspace(h float64) pdfRow { return pdfRow{h: h, gap: true} }

// textRows makes a row of each line, indented by indent. The first two and
// the last two lines of a paragraph stay together.
func (d *pdfDoc) textRows(lines []pdfLine, indent float64) []pdfRow {
	rows := make([]pdfRow, len(lines))
	for i, l := range lines {
		rows[i] = pdfRow{h: l.height(), draw: func(x, y float64) { d.drawAligned(l, x+indent, y+l.ascent()) }}
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
		need := min(keepNeed(rows, i), d.height())
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
		// The rows that fit on this page, but not a heading or a row kept
		// with the next at the end unless they are all there is room for.
		j, h := i, 0.0
		for j < len(rows) && (j == i || d.y+2*bs.pad+h+rows[j].h <= d.bottom) {
			h += rows[j].h
			j++
		}
		if j < len(rows) {
			k := j
			for k > i && (rows[k-1].keep || rows[k-1].head || rows[k-1].gap) {
				k--
			}
			for ; k > i && j > k; j-- {
				h -= rows[j-1].h
			}
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
		rows = append(rows, pdfRow{h: l.height(), keep: true, head: true, draw: func(x, y float64) {
			d.drawAligned(l, x, y+l.ascent())
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
				d.drawAligned(*v, x+labelW, y+base)
			}
		}}
	}
	return rows
}

// bulletRows makes a list item: mark draws the bullet beside the first
// line, whose top is y and baseline base. mark draws about 2 mm right of
// x; a right-to-left item has its bullet on the right, and its text set
// flush right beside it.
func (d *pdfDoc) bulletRows(spans []pdfSpan, indent float64, mark func(x, y, base float64)) []pdfRow {
	lines := d.paragraph(spans, d.width()-indent)
	rtl := len(lines) > 0 && lines[0].rtl
	rows := d.textRows(lines, indent)
	if rtl {
		for i, l := range lines {
			if l.rtl {
				rows[i].draw = func(x, y float64) { d.drawAligned(l, x, y+l.ascent()) }
			}
		}
	}
	if len(rows) > 0 && mark != nil {
		first, asc := rows[0].draw, lines[0].ascent()
		rows[0].draw = func(x, y float64) {
			if rtl {
				mark(x+d.width()-4, y, y+asc)
			} else {
				mark(x, y, y+asc)
			}
			first(x, y)
		}
	}
	return rows
}
