package export

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// Text layout for the PDF. gofpdf's own MultiCell cannot mix fonts within a
// line, so text is broken into cells (one per character, each with the face
// that draws it), wrapped into lines here, and drawn run by run with Text.

const (
	ptMM       = 25.4 / 72 // millimetres per point
	pdfLeading = 1.38      // line height as a multiple of the font size
)

// pdfGrey is an opaque grey. The PDF's colours are opaque; their alpha is
// not written. Colour arithmetic (tints, shades, contrast) is package
// colour's.
func pdfGrey(v uint8) color.NRGBA { return color.NRGBA{R: v, G: v, B: v, A: 0xff} }

// The colours of the document: light and printable, text near-black.
var (
	pdfInk        = pdfGrey(0x1a)
	pdfMuted      = pdfGrey(0x55)
	pdfFaint      = pdfGrey(0x8a)
	pdfRuleColour = pdfGrey(0xcc)
	pdfWhite      = colour.White
	changeHue     = model.Technical.RGB() // Okabe–Ito blue
	kudosHue      = model.People.RGB()    // Okabe–Ito orange
	warnHue       = model.Warning.RGB()   // Okabe–Ito vermillion
)

// pdfStyle is how a piece of text is set.
type pdfStyle struct {
	font  pdfFontStyle
	size  float64 // points
	color color.NRGBA
}

// pdfSpan is a piece of text in one style; a paragraph is a list of spans.
type pdfSpan struct {
	text string
	st   pdfStyle
}

// pdfCell is one character, ready to be placed.
type pdfCell struct {
	r  rune // the glyph drawn: for Arabic, a presentation form
	f  *pdfFace
	st *pdfStyle
	w  float64 // advance, mm
	// src are the characters a shaped glyph stands for, in logical order
	// (two for lam-alef); src[0] is 0 when the glyph is the character.
	src   [2]rune
	level uint8 // the bidi embedding level, before rule L1
	para  uint8 // the level of the cell's paragraph: 1 for right to left
}

func (c pdfCell) isSpace() bool { return c.r == ' ' || c.r == '\u3000' }
func (c pdfCell) newline() bool { return c.r == '\n' }

// breaksAround reports whether a line may break before or after r, as in Chinese
// and Japanese text, which has no spaces.
func breaksAround(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF))
}

// variationSelector reports whether r only picks how the character before
// it is drawn.
func variationSelector(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

// cells turns spans into cells. Line endings become '\n' and tabs spaces;
// other control characters are drawn as U+FFFD; a character no font has is
// drawn as U+FFFD (or '?') and recorded as missing.
func (fs *fontSet) cells(spans []pdfSpan) []pdfCell {
	n := 0
	for _, sp := range spans {
		n += utf8.RuneCountInString(sp.text)
	}
	out := make([]pdfCell, 0, n)
	rtl := false
	for i := range spans {
		st := &spans[i].st
		text := spans[i].text
		for j, r := range text {
			switch {
			case r == '\r':
				if strings.HasPrefix(text[j+1:], "\n") {
					continue
				}
				r = '\n'
			case r == '\u2028' || r == '\u2029':
				r = '\n'
			case r == '\t':
				r = ' '
			case r == '\n':
			case unicode.IsControl(r):
				r = utf8.RuneError
			}
			if r == '\n' {
				out = append(out, pdfCell{r: r, st: st})
				continue
			}
			if r == '\u00AD' {
				continue // a soft hyphen: lines are never hyphenated
			}
			if r >= 0x0590 && !rtl {
				rtl = maybeRTL(r)
			}
			f := fs.faceFor(r, st.font)
			if f == nil {
				if variationSelector(r) {
					continue
				}
				if r != utf8.RuneError {
					fs.missing[r] = true
				}
				r = utf8.RuneError
				if f = fs.faceFor(r, st.font); f == nil {
					r, f = '?', fs.primary[st.font]
				}
			}
			out = append(out, pdfCell{r: r, f: f, st: st, w: float64(f.advance(&fs.buf, r)) * st.size / 1000 * ptMM})
		}
	}
	if rtl {
		out = fs.bidi(out)
	}
	return out
}

// bidi shapes the Arabic of cells and resolves every cell's embedding
// level, paragraph by paragraph, in logical order (pdf_bidi.go).
func (fs *fontSet) bidi(cells []pdfCell) []pdfCell {
	out := cells[:0:0]
	var rs []rune
	for start := 0; start < len(cells); {
		end := start
		for end < len(cells) && !cells[end].newline() {
			end++
		}
		par := cells[start:end]
		rs = rs[:0]
		for _, c := range par {
			rs = append(rs, c.r)
		}
		shaped := shapeArabic(rs, func(g rune) bool { return fs.faceFor(g, fontRegular) != nil })
		first := len(out)
		k := 0
		for _, sh := range shaped {
			c := par[k]
			if sh.glyph != c.r {
				f := fs.faceFor(sh.glyph, c.st.font)
				if f == nil {
					f = fs.faceFor(sh.glyph, fontRegular)
				}
				c.src[0] = c.r
				if sh.n == 2 {
					c.src[1] = par[k+1].r
				}
				c.r, c.f = sh.glyph, f
				c.w = float64(f.advance(&fs.buf, c.r)) * c.st.size / 1000 * ptMM
			}
			out = append(out, c)
			k += sh.n
		}
		rs = rs[:0]
		for _, c := range out[first:] {
			rs = append(rs, c.logical())
		}
		levels, para := bidiLevels(rs)
		for i := range levels {
			out[first+i].level, out[first+i].para = levels[i], para
		}
		if end < len(cells) {
			nl := cells[end]
			nl.para = para
			out = append(out, nl)
		}
		start = end + 1
	}
	return out
}

// logical is the (first) character the cell stands for.
func (c pdfCell) logical() rune {
	if c.src[0] != 0 {
		return c.src[0]
	}
	return c.r
}

// pdfLine is a line of laid-out text.
type pdfLine struct {
	cells []pdfCell // in logical order
	w     float64   // width without the spaces at the end, mm
	size  float64   // the largest font size on the line, points
	lead  float64   // line height as a multiple of size; 0 for pdfLeading
	// rtl is set for a line of a right-to-left paragraph, which
	// drawAligned sets flush right in avail, the width it was laid out to.
	rtl   bool
	avail float64
}

// height is the line's height in mm.
func (l pdfLine) height() float64 { return l.size * ptMM * l.leading() }

// ascent is how far the baseline lies below the top of the line, in mm.
func (l pdfLine) ascent() float64 { return l.size * ptMM * (l.leading()/2 + 0.35) }

func (l pdfLine) leading() float64 {
	if l.lead > 0 {
		return l.lead
	}
	return pdfLeading
}

// layoutLines breaks cells into lines no wider than width (mm): at spaces, around
// Chinese and Japanese characters, at newlines, and, for a word wider than a
// line, between any two characters. base is the size of an empty line.
func layoutLines(cells []pdfCell, width, base float64) []pdfLine {
	var lines []pdfLine
	emit := func(cs []pdfCell) {
		l := pdfLine{cells: cs, size: base, avail: width}
		if len(cs) > 0 {
			l.size = 0
			l.rtl = cs[0].para == 1
		}
		end := len(cs)
		for end > 0 && cs[end-1].isSpace() {
			end--
		}
		for i, c := range cs {
			if i < end {
				l.w += c.w
			}
			l.size = max(l.size, c.st.size)
		}
		lines = append(lines, l)
	}
	start := 0
	w := 0.0  // width of cells[start:i]
	brk := -1 // the last place the line may break
	for i, c := range cells {
		if c.newline() {
			emit(cells[start:i])
			start, w, brk = i+1, 0, -1
			continue
		}
		if i > start && !c.isSpace() && (cells[i-1].isSpace() || breaksAround(c.r) || breaksAround(cells[i-1].r)) {
			brk = i
		}
		if !c.isSpace() && i > start && w+c.w > width {
			// The line is full: break at the last opportunity, else here.
			at := i
			if brk > start {
				at = brk
			}
			emit(cells[start:at])
			start, w, brk = at, 0, -1
			for _, c := range cells[start:i] {
				w += c.w
			}
		}
		w += c.w
	}
	if start < len(cells) {
		emit(cells[start:])
	}
	return lines
}

// drawLine draws l with its left end at x and its baseline at y, one run
// of characters in the same face and style at a time, in display order
// (right-to-left text reversed, rule L2, brackets mirrored, L4). A run
// with Arabic presentation forms or mirrored brackets is marked with the
// characters it stands for, in the same display order (ActualText), so
// that text extracted from the PDF has the letters and brackets typed,
// not their forms.
func (d *pdfDoc) drawLine(l pdfLine, x, y float64) {
	cs := l.cells
	end := len(cs)
	for end > 0 && cs[end-1].isSpace() {
		end--
	}
	cs = pdfVisual(cs[:end])
	var b, actual strings.Builder
	for i := 0; i < len(cs); {
		j := i
		w := 0.0
		shaped := false
		b.Reset()
		actual.Reset()
		for j < len(cs) && cs[j].f == cs[i].f && *cs[j].st == *cs[i].st {
			c := cs[j]
			r := c.r
			if bidiMark(r) {
				j++ // its work is done: not drawn, not in the text
				continue
			}
			if c.level%2 == 1 {
				if m := bidiMirror(r); m != r && c.f != nil && c.f.advance(&d.fonts.buf, m) >= 0 {
					r = m
					shaped = true // the bracket drawn is not the one typed
				}
			}
			b.WriteRune(r)
			switch {
			case c.src[0] == 0:
				actual.WriteRune(c.r)
			case c.level%2 == 1 && c.src[1] != 0:
				// Shown right to left, so read right to left, as a
				// reader of the page does with the glyphs around it.
				actual.WriteRune(c.src[1])
				actual.WriteRune(c.src[0])
				shaped = true
			default:
				actual.WriteRune(c.src[0])
				if c.src[1] != 0 {
					actual.WriteRune(c.src[1])
				}
				shaped = true
			}
			w += c.w
			j++
		}
		if cs[i].f != nil {
			txt := b.String()
			if strings.TrimSpace(txt) != "" {
				d.fonts.use(cs[i].f, cs[i].st.size)
				d.textColor(cs[i].st.color)
				if shaped {
					d.pdf.RawWriteStr("/Span <</ActualText " + pdfTextString(actual.String()) + ">> BDC")
				}
				d.pdf.Text(x, y, txt)
				if shaped {
					d.pdf.RawWriteStr("EMC")
				}
			}
		}
		x += w
		i = j
	}
}

// drawAligned draws l in a column that starts at x and is as wide as the
// width l was laid out to: flush left, or flush right for right-to-left
// text.
func (d *pdfDoc) drawAligned(l pdfLine, x, y float64) {
	if l.rtl {
		x += max(0, l.avail-l.w)
	}
	d.drawLine(l, x, y)
}

// pdfVisual puts a line's cells (without the spaces at its end) in display
// order, left to right.
func pdfVisual(cs []pdfCell) []pdfCell {
	mixed := false
	for _, c := range cs {
		if c.level != 0 {
			mixed = true
			break
		}
	}
	if !mixed {
		return cs
	}
	levels := make([]uint8, len(cs))
	for i, c := range cs {
		levels[i] = c.level
	}
	order := bidiReorder(levels, cs[0].para, func(i int) bool { return cs[i].isSpace() || bidiSpace(cs[i].logical()) })
	out := make([]pdfCell, len(cs))
	for i, k := range order {
		out[i] = cs[k]
	}
	return out
}

// pdfTextString is s as a PDF text string: UTF-16BE with a byte order
// mark, in hexadecimal.
func pdfTextString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// paragraph lays out spans to the given width.
func (d *pdfDoc) paragraph(spans []pdfSpan, width float64) []pdfLine {
	base := 10.5
	if len(spans) > 0 {
		base = spans[0].st.size
		spans = append([]pdfSpan(nil), spans...)
		last := &spans[len(spans)-1]
		last.text = strings.TrimRightFunc(last.text, unicode.IsSpace)
	}
	return layoutLines(d.fonts.cells(spans), width, base)
}

// ellipsize shortens l so that it and a trailing "…" fit in width.
func (d *pdfDoc) ellipsize(l pdfLine, width float64) pdfLine {
	st := &pdfStyle{font: fontRegular, size: l.size, color: pdfInk}
	if len(l.cells) > 0 {
		st = l.cells[len(l.cells)-1].st
	}
	dots := d.fonts.cells([]pdfSpan{{"…", *st}})
	if l.rtl {
		for i := range dots {
			dots[i].level, dots[i].para = 1, 1 // at the logical end: the left
		}
	}
	dw := 0.0
	for _, c := range dots {
		dw += c.w
	}
	cs := append([]pdfCell(nil), l.cells...)
	w := 0.0
	for _, c := range cs {
		w += c.w
	}
	for len(cs) > 0 && (w+dw > width || cs[len(cs)-1].isSpace()) {
		w -= cs[len(cs)-1].w
		cs = cs[:len(cs)-1]
	}
	cs = append(cs, dots...)
	return pdfLine{cells: cs, w: w + dw, size: l.size, lead: l.lead, rtl: l.rtl, avail: l.avail}
}

// textWidth measures a single-line string, mm.
func (d *pdfDoc) textWidth(s string, st pdfStyle) float64 {
	w := 0.0
	for _, c := range d.fonts.cells([]pdfSpan{{s, st}}) {
		w += c.w
	}
	return w
}
