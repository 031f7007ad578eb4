package export

import (
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text in the PDF. gofpdf draws the characters of a string
// left to right, one glyph per character, and neither reorders nor shapes.
// So Arabic and Hebrew are prepared here: Arabic letters are replaced by
// their contextual forms (Arabic Presentation Forms-A and -B, which the
// embedded DejaVu subset has), the embedding level of every character is
// resolved in logical order, lines are broken on the logical text, and each
// line is reordered for display (pdfVisual) just before it is drawn.
//
// golang.org/x/text v0.22.0 resolves the levels internally, but its exported
// Ordering keeps only each run's parity, in logical order: a number inside
// right-to-left text in a left-to-right paragraph (level 2) cannot be told
// from left-to-right text (level 0), and there is no per-line reordering
// that keeps the paragraph's direction. So this file implements the part of
// UAX #9 that typed text needs, with bidi's character classes: P2–P3
// (paragraph level from the first strong character), W1–W7, N1–N2, I1–I2,
// L1–L2 and L4 (mirrored brackets). Explicit embeddings, overrides and
// isolates (X1–X10) and bracket pairs (N0) are not: their control
// characters are ignored, as if removed by X9.

// bidiClass is the bidirectional class of r.
func bidiClass(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// maybeRTL reports whether r may make a paragraph's text need reordering:
// a right-to-left letter, an Arabic number, or a right-to-left mark or
// control. Text without any is all at level 0.
func maybeRTL(r rune) bool {
	switch {
	case r < 0x0590:
		return false
	case r <= 0x08FF, r >= 0xFB1D && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return true
	case r == 0x200F, r == 0x202B, r == 0x202E, r == 0x2067:
		return true
	}
	c := bidiClass(r)
	return c == bidi.R || c == bidi.AL || c == bidi.AN
}

// bidiExplicit reports whether c is an explicit embedding, override or
// isolate control, which this subset ignores.
func bidiExplicit(c bidi.Class) bool {
	switch c {
	case bidi.LRO, bidi.RLO, bidi.LRE, bidi.RLE, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// bidiLevels resolves the embedding level of each character of one
// paragraph (text without line breaks), in logical order, and returns the
// paragraph's level: 1 when its first strong character is right to left,
// else 0. The levels are before rule L1, which depends on the lines.
func bidiLevels(rs []rune) (levels []uint8, para uint8) {
	n := len(rs)
	levels = make([]uint8, n)
	types := make([]bidi.Class, n)
	for i, r := range rs {
		types[i] = bidiClass(r)
	}
	// P2, P3.
	for _, t := range types {
		if t == bidi.L {
			break
		}
		if t == bidi.R || t == bidi.AL {
			para = 1
			break
		}
	}
	// X9: boundary neutrals and explicit controls take no part; the rules
	// below run on the others, and the removed ones get a neighbour's level.
	idx := make([]int, 0, n)
	for i, t := range types {
		if t != bidi.BN && !bidiExplicit(t) {
			idx = append(idx, i)
		}
	}
	sos := bidi.L
	if para == 1 {
		sos = bidi.R
	}
	t := make([]bidi.Class, len(idx))
	for k, i := range idx {
		t[k] = types[i]
	}
	// W1: a mark takes the type of the character before it.
	for k := range t {
		if t[k] == bidi.NSM {
			if k == 0 {
				t[k] = sos
			} else {
				t[k] = t[k-1]
			}
		}
	}
	// W2: European digits after Arabic letters are Arabic numbers. W3.
	last := sos
	for k := range t {
		switch t[k] {
		case bidi.L, bidi.R, bidi.AL:
			last = t[k]
		case bidi.EN:
			if last == bidi.AL {
				t[k] = bidi.AN
			}
		}
	}
	for k := range t {
		if t[k] == bidi.AL {
			t[k] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for k := 1; k+1 < len(t); k++ {
		switch {
		case t[k] == bidi.ES && t[k-1] == bidi.EN && t[k+1] == bidi.EN:
			t[k] = bidi.EN
		case t[k] == bidi.CS && t[k-1] == bidi.EN && t[k+1] == bidi.EN:
			t[k] = bidi.EN
		case t[k] == bidi.CS && t[k-1] == bidi.AN && t[k+1] == bidi.AN:
			t[k] = bidi.AN
		}
	}
	// W5: terminators (%, currency) next to European numbers belong to them.
	for k := 0; k < len(t); {
		if t[k] != bidi.ET {
			k++
			continue
		}
		e := k
		for e < len(t) && t[e] == bidi.ET {
			e++
		}
		if (k > 0 && t[k-1] == bidi.EN) || (e < len(t) && t[e] == bidi.EN) {
			for j := k; j < e; j++ {
				t[j] = bidi.EN
			}
		}
		k = e
	}
	// W6: other separators and terminators are neutral.
	for k := range t {
		switch t[k] {
		case bidi.ES, bidi.ET, bidi.CS:
			t[k] = bidi.ON
		}
	}
	// W7: European numbers after left-to-right text are left to right.
	last = sos
	for k := range t {
		switch t[k] {
		case bidi.L, bidi.R:
			last = t[k]
		case bidi.EN:
			if last == bidi.L {
				t[k] = bidi.L
			}
		}
	}
	// N1, N2: neutrals between two strong characters of one direction
	// (numbers count as right to left) take it; others, the paragraph's.
	strong := func(c bidi.Class) (bidi.Class, bool) {
		switch c {
		case bidi.L:
			return bidi.L, true
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R, true
		}
		return 0, false
	}
	for k := 0; k < len(t); {
		if _, ok := strong(t[k]); ok {
			k++
			continue
		}
		e := k
		for e < len(t) {
			if _, ok := strong(t[e]); ok {
				break
			}
			e++
		}
		before, after := sos, sos // sos and eos: one level run per paragraph
		if k > 0 {
			before, _ = strong(t[k-1])
		}
		if e < len(t) {
			after, _ = strong(t[e])
		}
		dir := sos
		if before == after {
			dir = before
		}
		for j := k; j < e; j++ {
			t[j] = dir
		}
		k = e
	}
	// I1, I2.
	for k, i := range idx {
		l := para
		switch {
		case para == 0 && t[k] == bidi.R:
			l = 1
		case para == 0 && (t[k] == bidi.AN || t[k] == bidi.EN):
			l = 2
		case para == 1 && (t[k] == bidi.L || t[k] == bidi.EN || t[k] == bidi.AN):
			l = 2
		}
		levels[i] = l
	}
	// The removed characters: the level of the one before (or the paragraph's).
	prev := para
	k := 0
	for i := range levels {
		if k < len(idx) && idx[k] == i {
			prev = levels[i]
			k++
			continue
		}
		levels[i] = prev
	}
	return levels, para
}

// bidiReorder returns the display order of one line, left to right, as
// indexes into its characters: rules L1 and L2. ws reports whether the
// character at an index is white space for L1 (spaces and the controls
// X9 removes); levels are bidiLevels' for the line's characters.
func bidiReorder(levels []uint8, para uint8, ws func(i int) bool) []int {
	n := len(levels)
	lv := append([]uint8(nil), levels...)
	// L1: white space at the end of the line is at the paragraph's level.
	for i := n - 1; i >= 0 && ws(i); i-- {
		lv[i] = para
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	hi, lowOdd := uint8(0), uint8(255)
	for _, l := range lv {
		hi = max(hi, l)
		if l%2 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	// L2: from the highest level down to the lowest odd one, reverse every
	// run at that level or higher.
	for l := int(hi); l >= int(lowOdd); l-- {
		for i := 0; i < n; {
			if int(lv[i]) < l {
				i++
				continue
			}
			e := i
			for e < n && int(lv[e]) >= l {
				e++
			}
			for a, b := i, e-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
				lv[a], lv[b] = lv[b], lv[a]
			}
			i = e
		}
	}
	return order
}

// bidiMirror is the mirrored glyph of r in right-to-left text (rule L4),
// or r. Only the pairs typed text has are listed.
func bidiMirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '≤':
		return '≥'
	case '≥':
		return '≤'
	}
	return r
}

// bidiMark reports whether r is an invisible mark that only steers the
// bidi algorithm: LRM, RLM or ALM.
func bidiMark(r rune) bool { return r == 0x200E || r == 0x200F || r == 0x061C }

// bidiSpace reports whether r is white space for rule L1.
func bidiSpace(r rune) bool {
	c := bidiClass(r)
	return c == bidi.WS || c == bidi.S || c == bidi.B || c == bidi.BN || bidiExplicit(c)
}

// ---------------------------------------------------------------------------
// Arabic shaping

// arabicForms are the presentation forms of the Arabic letters: isolated,
// final, initial, medial; 0 where a letter has none. A letter with no
// initial form joins only the letter before it (joining type R).
var arabicForms = map[rune][4]rune{
	0x0621: {0xFE80, 0, 0, 0},
	0x0622: {0xFE81, 0xFE82, 0, 0},
	0x0623: {0xFE83, 0xFE84, 0, 0},
	0x0624: {0xFE85, 0xFE86, 0, 0},
	0x0625: {0xFE87, 0xFE88, 0, 0},
	0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C},
	0x0627: {0xFE8D, 0xFE8E, 0, 0},
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92},
	0x0629: {0xFE93, 0xFE94, 0, 0},
	0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98},
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C},
	0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0},
	0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4},
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8},
	0x062F: {0xFEA9, 0xFEAA, 0, 0},
	0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0},
	0x0632: {0xFEAF, 0xFEB0, 0, 0},
	0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8},
	0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC},
	0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0},
	0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4},
	0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8},
	0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0},
	0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4},
	0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8},
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC},
	0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0},
	0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8},
	0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC},
	0x0648: {0xFEED, 0xFEEE, 0, 0},
	0x0649: {0xFEEF, 0xFEF0, 0xFBE8, 0xFBE9},
	0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	// Persian and Urdu letters, from Presentation Forms-A.
	0x0679: {0xFB66, 0xFB67, 0xFB68, 0xFB69},
	0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59},
	0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D},
	0x0688: {0xFB88, 0xFB89, 0, 0},
	0x0691: {0xFB8C, 0xFB8D, 0, 0},
	0x0698: {0xFB8A, 0xFB8B, 0, 0},
	0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91},
	0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95},
	0x06BA: {0xFB9E, 0xFB9F, 0, 0},
	0x06BE: {0xFBAA, 0xFBAB, 0xFBAC, 0xFBAD},
	0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF},
}

// lamAlef are the ligatures of lam with an alef: isolated and final.
var lamAlef = map[rune][2]rune{
	0x0622: {0xFEF5, 0xFEF6},
	0x0623: {0xFEF7, 0xFEF8},
	0x0625: {0xFEF9, 0xFEFA},
	0x0627: {0xFEFB, 0xFEFC},
}

// The joining types of Unicode's ArabicShaping.txt that matter here.
const (
	joinNone        = iota // U: joins neither side
	joinRight              // R: joins the letter before it only
	joinDual               // D: joins both sides
	joinCausing            // C: the tatweel and ZWJ join both neighbours
	joinTransparent        // T: marks, skipped over
)

func arabicJoining(r rune) int {
	if f, ok := arabicForms[r]; ok {
		if f[2] != 0 {
			return joinDual
		}
		if f[1] != 0 {
			return joinRight
		}
		return joinNone
	}
	switch {
	case r == 0x0640 || r == 0x200D:
		return joinCausing
	case r == 0x200C:
		return joinNone
	case unicode.In(r, unicode.Mn, unicode.Me) || (unicode.Is(unicode.Cf, r) && r != 0x200C && r != 0x200D):
		return joinTransparent
	}
	return joinNone
}

// arabicForm is the form index (0 isolated, 1 final, 2 initial, 3 medial)
// of the letter at i of rs, in logical order, from its neighbours.
func arabicForm(rs []rune, i int) int {
	jt := arabicJoining(rs[i])
	if jt != joinRight && jt != joinDual {
		return 0
	}
	prev, next := joinNone, joinNone
	for j := i - 1; j >= 0; j-- {
		if t := arabicJoining(rs[j]); t != joinTransparent {
			prev = t
			break
		}
	}
	for j := i + 1; j < len(rs); j++ {
		if t := arabicJoining(rs[j]); t != joinTransparent {
			next = t
			break
		}
	}
	joinsPrev := prev == joinDual || prev == joinCausing
	joinsNext := jt == joinDual && (next == joinRight || next == joinDual || next == joinCausing)
	switch {
	case joinsPrev && joinsNext:
		return 3
	case joinsNext:
		return 2
	case joinsPrev:
		return 1
	}
	return 0
}

// pdfShaped is one character after Arabic shaping: the glyph to draw, and
// the logical characters it stands for.
type pdfShaped struct {
	glyph rune
	n     int // how many characters of the input it stands for: 1, or 2 for lam-alef
}

// shapeArabic replaces Arabic letters by their contextual presentation
// forms, and lam followed by alef by their ligature, where has says a form
// can be drawn (else the letter stays as it is). rs is in logical order,
// one paragraph or line of it.
func shapeArabic(rs []rune, has func(rune) bool) []pdfShaped {
	out := make([]pdfShaped, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		forms, ok := arabicForms[r]
		if !ok {
			out = append(out, pdfShaped{r, 1})
			continue
		}
		form := arabicForm(rs, i)
		if r == 0x0644 && i+1 < len(rs) {
			if lig, ok := lamAlef[rs[i+1]]; ok {
				g := lig[0]
				if form == 1 || form == 3 { // lam joined to the letter before
					g = lig[1]
				}
				if has(g) {
					out = append(out, pdfShaped{g, 2})
					i++
					continue
				}
			}
		}
		g := forms[form]
		if g == 0 || !has(g) {
			g = r
		}
		out = append(out, pdfShaped{g, 1})
	}
	return out
}
