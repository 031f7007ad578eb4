package export

import (
	"image/color"
	"strings"
	"unicode"
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
	r  rune
	f  *pdfFace
	st *pdfStyle
	w  float64 // advance, mm
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
	return out
}

// pdfLine is a line of laid-out text.
type pdfLine struct {
	cells []pdfCell
	w     float64 // width without the spaces at the end, mm
	size  float64 // the largest font size on the line, points
	lead  float64 // line height as a multiple of size; 0 for pdfLeading
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
		l := pdfLine{cells: cs, size: base}
		if len(cs) > 0 {
			l.size = 0
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
// of characters in the same face and style at a time.
func (d *pdfDoc) drawLine(l pdfLine, x, y float64) {
	cs := l.cells
	end := len(cs)
	for end > 0 && cs[end-1].isSpace() {
		end--
	}
	var b strings.Builder
	for i := 0; i < end; {
		j := i
		w := 0.0
		b.Reset()
		for j < end && cs[j].f == cs[i].f && *cs[j].st == *cs[i].st {
			b.WriteRune(cs[j].r)
			w += cs[j].w
			j++
		}
		if cs[i].f != nil {
			txt := b.String()
			if strings.TrimSpace(txt) != "" {
				d.fonts.use(cs[i].f, cs[i].st.size)
				d.textColor(cs[i].st.color)
				d.pdf.Text(x, y, txt)
			}
		}
		x += w
		i = j
	}
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
	return pdfLine{cells: cs, w: w + dw, size: l.size, lead: l.lead}
}

// textWidth measures a single-line string, mm.
func (d *pdfDoc) textWidth(s string, st pdfStyle) float64 {
	w := 0.0
	for _, c := range d.fonts.cells([]pdfSpan{{s, st}}) {
		w += c.w
	}
	return w
}
