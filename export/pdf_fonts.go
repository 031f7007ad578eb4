package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/debrief-app/debrief/assets"
)

// Fonts in the PDF
//
// The text is set in Fyne's own Noto Sans (regular, bold and italic), with
// Fyne's small symbol font for arrows such as →, and Hebrew and Arabic in
// the DejaVu Sans subsets of package assets (regular and bold; italic text
// uses the regular), which have the Arabic presentation forms that shaped
// Arabic is drawn with (pdf_bidi.go). A character none of these has is
// looked up among the system's fonts with fontconfig (fc-match), keeping
// only TrueType fonts with glyf outlines, which gofpdf can subset and embed.
// A character no font can draw is shown as U+FFFD (or "?") and reported in
// PDFResult.Missing. gofpdf writes text as 16-bit codes, so characters
// beyond U+FFFF (emoji, rare CJK) can never be drawn and are always missing.
// Control characters other than newline and tab are shown as U+FFFD and are
// not reported; soft hyphens, and variation selectors (U+FE00–U+FE0F,
// U+E0100–U+E01EF) that no font has, are left out: they are invisible.

// fontFile is a parsed TrueType font, shared by every export in the process.
// Its methods are safe for concurrent use.
type fontFile struct {
	data []byte
	sf   *sfnt.Font
	upem float64
	path string // where a system font was read from; "" for an embedded one
}

// advance is the advance width of r in thousandths of an em, rounded the
// way gofpdf rounds it, or -1 when the font has no glyph for r.
func (ff *fontFile) advance(buf *sfnt.Buffer, r rune) int {
	if r > 0xFFFF {
		return -1
	}
	g, err := ff.sf.GlyphIndex(buf, r)
	if err != nil || g == 0 {
		return -1
	}
	adv, err := ff.sf.GlyphAdvance(buf, g, fixed.Int26_6(ff.upem*64), font.HintingNone)
	if err != nil {
		return -1
	}
	return int(float64(adv)/64*1000/ff.upem + 0.5)
}

func parseFontFile(data []byte, path string) (*fontFile, error) {
	if err := checkTrueType(data); err != nil {
		return nil, err
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	upem := float64(sf.UnitsPerEm())
	if upem <= 0 {
		return nil, errors.New("the font has no units per em")
	}
	return &fontFile{data: data, sf: sf, upem: upem, path: path}, nil
}

// checkTrueType checks what gofpdf needs before it is given a font, since
// gofpdf prints to standard output instead of failing on a font it cannot
// read: a single TrueType font (not a collection, not CFF outlines) with the
// usual tables and a format 4 Unicode cmap, whose licence allows embedding.
func checkTrueType(b []byte) error {
	if len(b) < 12 {
		return errors.New("not a font")
	}
	switch binary.BigEndian.Uint32(b) {
	case 0x00010000, 0x74727565: // TrueType, 'true'
	case 0x4F54544F: // 'OTTO'
		return errors.New("CFF outlines, which gofpdf cannot embed")
	case 0x74746366: // 'ttcf'
		return errors.New("a font collection, which gofpdf cannot read")
	default:
		return errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return errors.New("the table directory is cut short")
	}
	tables := map[string][2]int{}
	for i := 0; i < n; i++ {
		e := b[12+16*i:]
		off, size := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
		if off < 0 || size < 0 || off+size > len(b) {
			return fmt.Errorf("the %q table lies outside the file", e[:4])
		}
		tables[string(e[:4])] = [2]int{off, size}
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"} {
		if _, ok := tables[t]; !ok {
			return fmt.Errorf("no %q table", t)
		}
	}
	u16 := func(table string, at int) (int, bool) {
		t := tables[table]
		if at+2 > t[1] {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[t[0]+at:])), true
	}
	if f, ok := u16("head", 52); !ok || f != 0 {
		return errors.New("an unknown glyph data format")
	}
	if f, ok := u16("hhea", 32); !ok || f != 0 {
		return errors.New("an unknown metric data format")
	}
	if n, ok := u16("hhea", 34); !ok || n == 0 {
		return errors.New("no horizontal metrics")
	}
	if _, ok := tables["OS/2"]; ok {
		// Fonts whose licence forbids embedding, or allows only a bitmap.
		if t, ok := u16("OS/2", 8); !ok || t == 0x0002 || t&0x0300 != 0 {
			return errors.New("a licence that does not allow embedding")
		}
	}
	cm := tables["cmap"]
	c := b[cm[0] : cm[0]+cm[1]]
	if len(c) < 4 {
		return errors.New("the cmap table is cut short")
	}
	for i, k := 0, int(binary.BigEndian.Uint16(c[2:])); i < k; i++ {
		if len(c) < 4+8*i+8 {
			break
		}
		e := c[4+8*i:]
		platform, encoding, off := binary.BigEndian.Uint16(e), binary.BigEndian.Uint16(e[2:]), int(binary.BigEndian.Uint32(e[4:]))
		if (platform == 3 && encoding == 1) || platform == 0 {
			if off+2 <= len(c) && binary.BigEndian.Uint16(c[off:]) == 4 {
				return nil
			}
		}
	}
	return errors.New("no format 4 Unicode cmap")
}

// checkEmbeddable makes sure gofpdf can subset and embed the font, by
// writing a one-character PDF with it.
func checkEmbeddable(ff *fontFile, r rune) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("gofpdf cannot embed it: %v", p)
		}
	}()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("probe", "", bytes.Clone(ff.data)) // gofpdf writes into it
	pdf.SetFont("probe", "", 10)
	pdf.AddPage()
	pdf.Text(10, 10, string(r))
	return pdf.Output(io.Discard)
}

// The fonts embedded in Debrief, parsed once per process.
var embeddedFonts struct {
	once                                       sync.Once
	fontRegular, fontBold, fontItalic, symbols *fontFile
	rtlRegular, rtlBold                        *fontFile // Hebrew and Arabic
	err                                        error
}

func loadEmbeddedFonts() error {
	e := &embeddedFonts
	e.once.Do(func() {
		load := func(name string, data []byte) *fontFile {
			ff, err := parseFontFile(data, "")
			if err != nil && e.err == nil {
				e.err = fmt.Errorf("the built-in font %s cannot be used: %w", name, err)
			}
			return ff
		}
		e.fontRegular = load("Noto Sans", theme.DefaultTextFont().Content())
		e.fontBold = load("Noto Sans Bold", theme.DefaultTextBoldFont().Content())
		e.fontItalic = load("Noto Sans Italic", theme.DefaultTextItalicFont().Content())
		e.symbols = load("Inter Symbols", theme.DefaultSymbolFont().Content())
		e.rtlRegular = load("DejaVu Sans (Hebrew and Arabic)", assets.ArabicHebrewFont())
		e.rtlBold = load("DejaVu Sans Bold (Hebrew and Arabic)", assets.ArabicHebrewBoldFont())
	})
	return e.err
}

// ---------------------------------------------------------------------------
// System fonts

// sysFont is a font fontconfig knows of, with the characters it says the
// font has.
type sysFont struct {
	path   string
	ranges [][2]rune

	once sync.Once
	file *fontFile // nil when gofpdf cannot embed it
}

func (s *sysFont) covers(r rune) bool {
	i := sort.Search(len(s.ranges), func(i int) bool { return s.ranges[i][1] >= r })
	return i < len(s.ranges) && s.ranges[i][0] <= r
}

func (s *sysFont) load(r rune) *fontFile {
	s.once.Do(func() {
		data, err := os.ReadFile(s.path)
		if err != nil {
			return
		}
		ff, err := parseFontFile(data, s.path)
		if err != nil {
			return
		}
		if checkEmbeddable(ff, r) != nil {
			return
		}
		s.file = ff
	})
	return s.file
}

// systemFonts caches, per process, the fonts fontconfig lists and which
// font draws each character looked up so far.
var systemFonts struct {
	once  sync.Once
	list  []*sysFont
	mu    sync.Mutex
	found map[rune]*fontFile // nil value: no font has it
}

// findSystemFont returns a system font that gofpdf can embed and that has
// r, or nil. Tests replace it.
var findSystemFont = systemFontFor

func systemFontFor(r rune) *fontFile {
	if r > 0xFFFF || unicode.IsControl(r) {
		return nil
	}
	s := &systemFonts
	s.once.Do(func() {
		s.list = listSystemFonts()
		s.found = map[rune]*fontFile{}
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	if ff, ok := s.found[r]; ok {
		return ff
	}
	var buf sfnt.Buffer
	var found *fontFile
	for _, f := range s.list {
		if !f.covers(r) {
			continue
		}
		if ff := f.load(r); ff != nil && ff.advance(&buf, r) >= 0 {
			found = ff
			break
		}
	}
	s.found[r] = found
	return found
}

// listSystemFonts asks fontconfig for every font, in its order of preference
// for sans-serif text, keeping TrueType files it may be able to embed.
// Upright regular-weight fonts come before bold and italic ones. Without
// fontconfig the list is empty.
func listSystemFonts() []*sysFont {
	const format = `%{file}\t%{fontformat}\t%{index}\t%{weight}\t%{slant}\t%{charset}\n`
	out := runQuiet("fc-match", "-a", "-s", "--format", format, "sans-serif")
	if out == nil {
		out = runQuiet("fc-list", "--format", format)
	}
	type entry struct {
		f           *sysFont
		fontRegular bool
	}
	var fonts []entry
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 6 {
			continue
		}
		path, format, index := fields[0], fields[1], fields[2]
		if format != "TrueType" || index != "0" || !strings.HasSuffix(strings.ToLower(path), ".ttf") || seen[path] {
			continue
		}
		seen[path] = true
		weight, _ := strconv.ParseFloat(firstValue(fields[3]), 64)
		slant, _ := strconv.ParseFloat(firstValue(fields[4]), 64)
		f := &sysFont{path: path, ranges: parseCharset(fields[5])}
		fonts = append(fonts, entry{f, slant == 0 && weight <= 100})
	}
	sort.SliceStable(fonts, func(i, j int) bool { return fonts[i].fontRegular && !fonts[j].fontRegular })
	list := make([]*sysFont, len(fonts))
	for i, e := range fonts {
		list[i] = e.f
	}
	return list
}

// firstValue takes the first of fontconfig's values, such as "80" of
// "[80 200]" for a variable font.
func firstValue(s string) string {
	s = strings.Trim(s, "[]")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	return s
}

// parseCharset reads fontconfig's charset, such as "20-7e a0-17f 2018".
func parseCharset(s string) [][2]rune {
	var ranges [][2]rune
	for _, part := range strings.Fields(s) {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseUint(lo, 16, 32)
		if err != nil {
			continue
		}
		b := a
		if isRange {
			if b, err = strconv.ParseUint(hi, 16, 32); err != nil {
				continue
			}
		}
		ranges = append(ranges, [2]rune{rune(a), rune(b)})
	}
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	return ranges
}

// runQuiet runs a command for its output, or returns nil if it cannot.
func runQuiet(name string, args ...string) []byte {
	if _, err := exec.LookPath(name); err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).Output()
	if err != nil {
		return nil
	}
	return out
}

// ---------------------------------------------------------------------------
// The fonts of one document

type pdfFontStyle int

const (
	fontRegular pdfFontStyle = iota
	fontBold
	fontItalic
)

// pdfFace is a font as one document uses it, registered with gofpdf on first
// use.
type pdfFace struct {
	file       *fontFile
	family     string // gofpdf's family name
	gStyle     string // gofpdf's style: "", "B" or "I"
	registered bool
	adv        map[rune]int // thousandths of an em; -1 for no glyph
}

func (f *pdfFace) advance(buf *sfnt.Buffer, r rune) int {
	if a, ok := f.adv[r]; ok {
		return a
	}
	a := f.file.advance(buf, r)
	f.adv[r] = a
	return a
}

// fontSet picks, for each character, the face that draws it.
type fontSet struct {
	pdf      *gofpdf.Fpdf
	primary  [3]*pdfFace
	symbols  *pdfFace
	rtl      [3]*pdfFace // Hebrew and Arabic; italic is the regular face
	system   map[*fontFile]*pdfFace
	order    []*pdfFace // system faces in order of first use
	resolved map[[2]rune]*pdfFace
	missing  map[rune]bool
	buf      sfnt.Buffer
}

func newFontSet(pdf *gofpdf.Fpdf) (*fontSet, error) {
	if err := loadEmbeddedFonts(); err != nil {
		return nil, err
	}
	e := &embeddedFonts
	mk := func(ff *fontFile, family, gStyle string) *pdfFace {
		return &pdfFace{file: ff, family: family, gStyle: gStyle, adv: map[rune]int{}}
	}
	rtl := mk(e.rtlRegular, "dejavu", "")
	return &fontSet{
		pdf:      pdf,
		primary:  [3]*pdfFace{mk(e.fontRegular, "noto", ""), mk(e.fontBold, "noto", "B"), mk(e.fontItalic, "noto", "I")},
		symbols:  mk(e.symbols, "symbols", ""),
		rtl:      [3]*pdfFace{rtl, mk(e.rtlBold, "dejavu", "B"), rtl},
		system:   map[*fontFile]*pdfFace{},
		resolved: map[[2]rune]*pdfFace{},
		missing:  map[rune]bool{},
	}, nil
}

// faceFor returns the face that draws r in the given style, or nil.
func (fs *fontSet) faceFor(r rune, st pdfFontStyle) *pdfFace {
	if p := fs.primary[st]; r < 0x250 && p.advance(&fs.buf, r) >= 0 {
		return p // the common case, without the map below
	}
	key := [2]rune{r, rune(st)}
	if f, ok := fs.resolved[key]; ok {
		return f
	}
	var f *pdfFace
	switch {
	case fs.primary[st].advance(&fs.buf, r) >= 0:
		f = fs.primary[st]
	case fs.primary[fontRegular].advance(&fs.buf, r) >= 0:
		f = fs.primary[fontRegular]
	case fs.symbols.advance(&fs.buf, r) >= 0:
		f = fs.symbols
	case fs.rtl[st].advance(&fs.buf, r) >= 0:
		f = fs.rtl[st]
	default:
		if ff := findSystemFont(r); ff != nil {
			f = fs.system[ff]
			if f == nil {
				f = &pdfFace{file: ff, family: fmt.Sprintf("fallback%d", len(fs.order)+1), adv: map[rune]int{}}
				fs.system[ff] = f
				fs.order = append(fs.order, f)
			}
			if f.advance(&fs.buf, r) < 0 {
				f = nil
			}
		}
	}
	fs.resolved[key] = f
	return f
}

// use selects f at size pt for drawing, registering it with gofpdf first.
func (fs *fontSet) use(f *pdfFace, size float64) {
	if !f.registered {
		// gofpdf writes into the bytes it is given (it pads tables in place
		// when it subsets), and these are shared: with other exports, and,
		// for the built-in fonts, with Fyne's text rendering. So it gets
		// its own copy.
		fs.pdf.AddUTF8FontFromBytes(f.family, f.gStyle, bytes.Clone(f.file.data))
		f.registered = true
	}
	fs.pdf.SetFont(f.family, f.gStyle, size)
}

// missingRunes lists the characters no font could draw, sorted.
func (fs *fontSet) missingRunes() []rune {
	var rs []rune
	for r := range fs.missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return rs
}

// fallbackPaths lists the system fonts the document used, sorted.
func (fs *fontSet) fallbackPaths() []string {
	var ps []string
	for _, f := range fs.order {
		if f.registered {
			ps = append(ps, f.file.path)
		}
	}
	sort.Strings(ps)
	return ps
}
