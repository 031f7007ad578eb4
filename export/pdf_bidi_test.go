package export

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/debrief-app/debrief/app/model"
)

// visual is s as bidiLevels, bidiReorder and bidiMirror put it on one line,
// left to right.
func visual(s string) string {
	rs := []rune(s)
	levels, para := bidiLevels(rs)
	order := bidiReorder(levels, para, func(i int) bool { return bidiSpace(rs[i]) })
	out := make([]rune, len(rs))
	for i, k := range order {
		out[i] = rs[k]
		if levels[k]%2 == 1 {
			out[i] = bidiMirror(rs[k])
		}
	}
	return string(out)
}

func TestBidiReorder(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text, 12 words", "plain text, 12 words"},
		{"שלום עולם", "םלוע םולש"},
		{"لم يتم", "متي مل"},
		// Right-to-left words inside left-to-right text keep their place;
		// the words among them are reversed, not the whole line.
		{"The team said שלום עולם twice, 12 times.", "The team said םלוע םולש twice, 12 times."},
		// Numbers stay left to right inside right-to-left text, with
		// their separators; so does Latin.
		{"שלום 123 עולם", "םלוע 123 םולש"},
		{"תם 2.4 Slack", "Slack 2.4 םת"},
		{"تم 2.4 في Slack قبل 3 أيام", "مايأ 3 لبق Slack يف 2.4 مت"},
		// After Arabic letters, European digits are Arabic numbers (W2),
		// so the percent sign is neutral and goes to their left, as in
		// Arabic typesetting.
		{"عام 2024: 15% أكثر", "رثكأ %15 :2024 ماع"},
		{"שנת 2024: 15% יותר", "רתוי 15% :2024 תנש"},
		// Arabic-Indic digits are Arabic numbers: left to right too.
		{"عدد ١٢٣ فقط", "طقف ١٢٣ ددع"},
		// Brackets are mirrored in right-to-left text.
		{"أيام (تقريبا)", "(ابيرقت) مايأ"},
		{"a (b) c", "a (b) c"},
		// The paragraph's direction is its first strong character's.
		{"123 שלום abc", "abc םולש 123"},
		{"abc שלום", "abc םולש"},
		// A mark comes before its letter, where DejaVu's zero-width marks
		// overlap it; the spaces at the end of a right-to-left line are
		// at its left end (L1).
		{"بَت  ", "  تَب"},
		{"", ""},
	} {
		if got := visual(c.in); got != c.want {
			t.Errorf("visual(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBidiLevels(t *testing.T) {
	levels, para := bidiLevels([]rune("abc שלום 12 def"))
	want := []uint8{0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 0, 0, 0, 0}
	if para != 0 || !slices.Equal(levels, want) {
		t.Errorf("levels = %v, paragraph %d; want %v, 0", levels, para, want)
	}
	levels, para = bidiLevels([]rune("\u200Fabc"))
	if para != 1 || !slices.Equal(levels, []uint8{1, 2, 2, 2}) {
		t.Errorf("after a right-to-left mark: levels = %v, paragraph %d; want [1 2 2 2], 1", levels, para)
	}
	// Explicit embeddings are ignored (not part of the subset), not fatal.
	levels, para = bidiLevels([]rune("\u202Babc\u202C"))
	if para != 0 || !slices.Equal(levels, []uint8{0, 0, 0, 0, 0}) {
		t.Errorf("with an embedding: levels = %v, paragraph %d", levels, para)
	}
}

// shaped is s shaped, as code points.
func shaped(s string) string {
	var b []string
	for _, sh := range shapeArabic([]rune(s), func(rune) bool { return true }) {
		b = append(b, fmt.Sprintf("%04X", sh.glyph))
	}
	return strings.Join(b, " ")
}

func TestShapeArabic(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// seen initial, lam-alef final (lam joins the seen), meem alone
		// (alef does not join what follows).
		{"سلام", "FEB3 FEFC FEE1"},
		{"لا", "FEFB"},
		{"لأ", "FEF7"},
		{"بيت", "FE91 FEF4 FE96"},
		{"و ء", "FEED 0020 FE80"},
		{"دار", "FEA9 FE8D FEAD"},
		// A mark is transparent; the tatweel joins; ZWNJ stops a join.
		{"بَت", "FE91 064E FE96"},
		{"بـ", "FE91 0640"},
		{"ب\u200Cب", "FE8F 200C FE8F"},
		// Persian letters from Presentation Forms-A; Latin is untouched.
		{"پیک", "FB58 FBFF FB8F"},
		{"abc", "0061 0062 0063"},
		{"لم يتم إبلاغ", "FEDF FEE2 0020 FEF3 FE98 FEE2 0020 FE87 FE91 FEFC FECD"},
	} {
		if got := shaped(c.in); got != c.want {
			t.Errorf("shapeArabic(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	// Without the forms in the font, the letters stay as they are.
	got := shapeArabic([]rune("سلام"), func(rune) bool { return false })
	if len(got) != 4 || got[0].glyph != 'س' || got[1].glyph != 'ل' {
		t.Errorf("shapeArabic without forms = %v, want the letters unchanged", got)
	}
}

// TestPDFCellsRTL: the cells of a paragraph carry the shaped glyphs, the
// letters they stand for and their levels; lines are broken on the
// logical text, and each line knows its paragraph's direction.
func TestPDFCellsRTL(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	st := pdfStyle{font: fontRegular, size: 10, color: pdfInk}
	cs := fs.cells([]pdfSpan{{"سلام\nabc", st}})
	var glyphs []rune
	for _, c := range cs {
		glyphs = append(glyphs, c.r)
	}
	if want := []rune{0xFEB3, 0xFEFC, 0xFEE1, '\n', 'a', 'b', 'c'}; !slices.Equal(glyphs, want) {
		t.Fatalf("glyphs %U, want %U", glyphs, want)
	}
	if cs[1].src != [2]rune{'ل', 'ا'} || cs[0].src[0] != 'س' || cs[4].src[0] != 0 {
		t.Errorf("sources %q %q %q", cs[0].src, cs[1].src, cs[4].src)
	}
	if cs[0].level != 1 || cs[0].para != 1 || cs[4].level != 0 || cs[4].para != 0 {
		t.Errorf("levels: %d/%d and %d/%d, want 1/1 and 0/0", cs[0].level, cs[0].para, cs[4].level, cs[4].para)
	}
	lines := layoutLines(fs.cells([]pdfSpan{{strings.Repeat("لم يتم إبلاغ الفريق ", 8), st}}), 40, 10)
	if len(lines) < 3 {
		t.Fatalf("%d lines, want the paragraph wrapped", len(lines))
	}
	for i, l := range lines {
		if !l.rtl || l.avail != 40 || l.w > 40 {
			t.Errorf("line %d: rtl %v, avail %.1f, width %.1f", i, l.rtl, l.avail, l.w)
		}
		// Broken at the spaces of the logical text.
		if i > 0 && (l.cells[0].isSpace() || !lines[i-1].cells[len(lines[i-1].cells)-1].isSpace()) {
			t.Errorf("line %d is not broken at a space", i)
		}
	}
}

// stripMarks drops the bidi marks pdftotext puts around right-to-left
// text, and makes runs of spaces one space.
func stripMarks(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(regexp.MustCompile(`[ \t]+`).ReplaceAllString(s, " "))
}

// presentationForm reports whether r is an Arabic presentation form.
func presentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

const (
	rtlArabic = "لم يتم إبلاغ الفريق بالتغيير"
	rtlHebrew = "הצוות לא קיבל הודעה על השינוי"
	rtlLatin  = "The team said שלום עולם twice, 12 times (really)."
	rtlMixed  = "تم نشر الإصدار 2.4 في Slack قبل 3 أيام (تقريبا)"
)

// TestPDFRightToLeftGolden exports an Arabic line, a Hebrew line and mixed
// lines with the system's fonts out of reach: the embedded fonts draw
// them; pdftotext reads them in logical order, with the letters typed
// (not presentation forms); right-to-left paragraphs end at the right
// margin. testdata/rtl.pdf.txt holds the pages' layout text.
func TestPDFRightToLeftGolden(t *testing.T) {
	old := findSystemFont
	findSystemFont = func(rune) *fontFile { return nil }
	defer func() { findSystemFont = old }()

	d := &model.Dossier{Debrief: model.NewDebrief("Right to left")}
	d.Debrief.Summary = rtlArabic + "\n" + rtlHebrew + "\n" + rtlLatin
	d.Kudos = []model.Kudos{{Who: "مريم", For: "لاحظت الخطأ أولا"}}
	d.WarningSigns = []model.WarningSign{{Text: "שלט אזהרה ראשון"}}
	p := pdfMake(t, "rtl", d, Options{Paper: A4})
	if len(p.res.Missing) > 0 || len(p.res.Fallbacks) > 0 {
		t.Errorf("Missing %q, Fallbacks %q; the embedded fonts should draw everything", p.res.Missing, p.res.Fallbacks)
	}
	text := p.text(t, false, 0, 0)
	if strings.ContainsFunc(text, presentationForm) {
		t.Errorf("the text has Arabic presentation forms, not letters:\n%s", text)
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, stripMarks(l))
	}
	for _, want := range []string{rtlArabic, rtlHebrew, "مريم — لاحظت الخطأ أولا", "שלט אזהרה ראשון"} {
		if !slices.Contains(lines, want) {
			t.Errorf("pdftotext has no line %q:\n%s", want, strings.Join(lines, "\n"))
		}
	}
	// pdftotext moves the space after right-to-left words inside its
	// marks: the letters are in order, the spaces not quite.
	if !slices.ContainsFunc(lines, func(l string) bool { return squash(l) == squash(rtlLatin) }) {
		t.Errorf("pdftotext has no line %q:\n%s", rtlLatin, strings.Join(lines, "\n"))
	}

	// Where the words are: right-to-left lines end at the right margin and
	// start well right of the left one; the left-to-right line starts at
	// the left margin. (-bbox lists words as drawn: right-to-left ones
	// reversed.)
	pg := p.bbox(t)[0]
	left, right := pdfMargin*72/25.4, pg.w-pdfMargin*72/25.4
	lineOf := func(pg pdfPage, word string) (x0, x1 float64) {
		x0, x1 = pg.w, 0
		var y float64 = -1
		for _, w := range pg.words {
			if tx := stripMarks(w.text); tx == word || tx == reverse(word) {
				y = (w.yMin + w.yMax) / 2
			}
		}
		if y < 0 {
			t.Fatalf("no word %q on the page", word)
		}
		for _, w := range pg.words {
			if c := (w.yMin + w.yMax) / 2; c > y-3 && c < y+3 { // fonts differ in height
				x0, x1 = min(x0, w.xMin), max(x1, w.xMax)
			}
		}
		return x0, x1
	}
	for _, word := range []string{"بالتغيير", "השינוי"} {
		x0, x1 := lineOf(pg, word)
		if x1 < right-1 || x1 > right+1 {
			t.Errorf("the line of %q ends at %.1f pt, want the right margin, %.1f", word, x1, right)
		}
		if x0 < left+100 {
			t.Errorf("the line of %q starts at %.1f pt: not flush right", word, x0)
		}
	}
	if x0, _ := lineOf(pg, "twice,"); x0 < left-1 || x0 > left+1 {
		t.Errorf("the left-to-right line starts at %.1f pt, want the left margin, %.1f", x0, left)
	}
	// The bullet of a right-to-left item is on its right, in the 6 mm the
	// text of a left-to-right one is indented by.
	if _, x1 := lineOf(pg, "ראשון"); x1 < right-6*72/25.4-1 || x1 > right-6*72/25.4+1 {
		t.Errorf("the right-to-left warning sign ends at %.1f pt, want 6 mm left of the margin, %.1f", x1, right-6*72/25.4)
	}

	// A right-to-left paragraph with a number and a Latin word. pdftotext
	// picks one direction per page, by counting letters; on a page of
	// mostly Arabic it reads this line in logical order (on a page of
	// mostly English it lists the runs left to right).
	ar := &model.Dossier{Debrief: model.NewDebrief("تقرير")}
	ar.Debrief.Summary = strings.Repeat(rtlArabic+". ", 12) + "\n" + rtlMixed
	pa := pdfMake(t, "rtl-mixed", ar, Options{Paper: A4})
	atext := pa.text(t, false, 0, 0)
	if !strings.Contains(squash(stripMarks(atext)), squash(rtlMixed)) {
		t.Errorf("pdftotext does not read %q in logical order:\n%s", rtlMixed, atext)
	}
	if x0, x1 := lineOf(pa.bbox(t)[0], "Slack"); x1 < right-1 || x1 > right+1 || x0 < left+100 {
		t.Errorf("the mixed line spans %.1f–%.1f pt, want it flush right at %.1f", x0, x1, right)
	}

	// Markdown keeps the text as typed.
	var md bytes.Buffer
	if err := WriteMarkdown(&md, d, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{rtlArabic, rtlHebrew, rtlLatin} {
		if !strings.Contains(md.String(), line) {
			t.Errorf("the Markdown does not have %q as typed:\n%s", line, md.String())
		}
	}

	var golden []string
	for _, f := range []pdfFile{p, pa} {
		for _, l := range strings.Split(f.text(t, true, 0, 0), "\n") {
			golden = append(golden, strings.TrimRight(l, " \t"))
		}
	}
	checkGolden(t, filepath.Join("testdata", "rtl.pdf.txt"), strings.Join(golden, "\n"))
}

// TestPDFLinkReadsLeftToRight: a link between an Arabic card and a Hebrew
// one still reads "1 A → 2 B" from left to right, each text right to left
// in its place.
func TestPDFLinkReadsLeftToRight(t *testing.T) {
	d := pdfBoard(2, 2, true)
	d.Factors[0].Text = rtlArabic
	d.Factors[1].Text = rtlHebrew
	p := pdfMake(t, "rtl-link", d, Options{Paper: A4})
	for _, pg := range p.bbox(t) {
		var arrow *pdfWord
		for i, w := range pg.words {
			if w.text == "→" {
				arrow = &pg.words[i]
			}
		}
		if arrow == nil {
			continue
		}
		x := func(word string) float64 {
			for _, w := range pg.words {
				if c := (w.yMin + w.yMax) / 2; c > arrow.yMin-2 && c < arrow.yMax+2 && (stripMarks(w.text) == word || stripMarks(w.text) == reverse(word)) {
					return w.xMin
				}
			}
			t.Fatalf("no %q on the line of the arrow", word)
			return 0
		}
		// Right to left, "لم" starts the Arabic text: its rightmost word.
		if !(x("1") < x("بالتغيير") && x("بالتغيير") < x("لم") && x("لم") < arrow.xMin &&
			arrow.xMin < x("2") && x("2") < x("השינוי") && x("השינוי") < x("הצוות")) {
			t.Errorf("the link does not read 1 A → 2 B: 1 at %.0f, A %.0f–%.0f, → at %.0f, 2 at %.0f, B %.0f–%.0f",
				x("1"), x("بالتغيير"), x("لم"), arrow.xMin, x("2"), x("השינוי"), x("הצוות"))
		}
		// pdftotext takes the arrow, a neutral after right-to-left text,
		// into that text's run and so puts it before the text: the
		// arrow's place is checked above, by position.
		text := stripMarks(p.text(t, false, 0, 0))
		if !strings.Contains(squash(strings.ReplaceAll(text, "→", "")), squash("1 "+rtlArabic+" 2 "+rtlHebrew)) {
			t.Errorf("pdftotext does not read the link in logical order:\n%s", text)
		}
		return
	}
	t.Fatal("no link with an arrow in the PDF")
}
