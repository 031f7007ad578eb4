package export

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/geom"
	"github.com/debrief-app/debrief/canvas"
)

// The factor map on boards people make: it must be read, whatever the
// board. Each board of the corpus is exported, and what pdftotext -bbox
// finds on the map pages is checked against the map's own layout.

// mapCorpus is the boards the map is checked on.
func mapCorpus(t testing.TB) []struct {
	name  string
	d     *model.Dossier
	shape boardShape
	limit int // bytes
} {
	// A fishbone as the board arranges one (Arrange ▸ As a fishbone).
	fish := Synthetic(22, 8, 4)
	fish.Factors, _ = canvas.ArrangeFishbone(fish.Factors, fish.Debrief.Title)
	// Columns as the board arranges them (Arrange ▸ By category).
	cols := Synthetic(60, 20, 5)
	cols.Factors = canvas.ArrangeByCategory(cols.Factors)
	// A free board spread wide: four groups of ten, far apart.
	free := Synthetic(40, 15, 3)
	for i := range free.Factors {
		f := &free.Factors[i]
		g, j := i/10, i%10
		f.X = float64(g*5000 + (j%4)*270)
		f.Y = float64((g%2)*2000 + (j/4)*180)
	}
	bigFish := Synthetic(149, 40, 8)
	bigFish.Factors, _ = canvas.ArrangeFishbone(bigFish.Factors, bigFish.Debrief.Title)
	bigCols := Synthetic(149, 40, 9)
	bigCols.Factors = canvas.ArrangeByCategory(bigCols.Factors)
	// The sample as a fishbone, as a group would arrange it to present.
	sampleFish := pdfSample(t)
	sampleFish.Factors, _ = canvas.ArrangeFishbone(sampleFish.Factors, sampleFish.Debrief.Title)
	return []struct {
		name  string
		d     *model.Dossier
		shape boardShape
		limit int
	}{
		{"sample", pdfSample(t), shapeFree, 150_000},
		{"sample-fishbone", sampleFish, shapeFishbone, 150_000},
		{"synthetic-17", Synthetic(17, 12, 2), shapeFree, 150_000},
		{"synthetic-150", Synthetic(150, 50, 6), shapeFree, 1_000_000},
		{"fishbone-22", fish, shapeFishbone, 500_000},
		{"free-40", free, shapeFree, 500_000},
		{"columns-60", cols, shapeColumns, 500_000},
		{"exotic", pdfExotic(), shapeFree, 500_000},
		{"fishbone-149", bigFish, shapeFishbone, 1_000_000},
		{"columns-149", bigCols, shapeColumns, 1_000_000},
	}
}

// mapWord is a word pdftotext -bbox found, in mm.
type mapWord struct {
	text string
	box  geom.Rect
}

// bboxWords are the words of page n with their boxes.
func (p pdfFile) bboxWords(t testing.TB, n int) []mapWord {
	t.Helper()
	out, err := exec.Command(pdfTool(t, "pdftotext"), "-bbox", "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), p.path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var ws []mapWord
	for _, m := range bboxWordRE.FindAllStringSubmatch(string(out), -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
			v[i] *= ptMM
		}
		ws = append(ws, mapWord{html.UnescapeString(m[5]), geom.Rect{X: v[0], Y: v[1], W: v[2] - v[0], H: v[3] - v[1]}})
	}
	return ws
}

// mapMake exports d as pdfMake does and keeps the document's map.
func mapMake(t *testing.T, name string, d *model.Dossier) (pdfFile, *pdfDoc) {
	t.Helper()
	var buf bytes.Buffer
	res, doc, err := writePDF(&buf, d, Options{Paper: A4, Created: pdfCreated})
	if err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("DEBRIEF_PDF_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(pdfTool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", name, err, out)
	}
	return pdfFile{data: buf.Bytes(), path: path, res: res, title: model.OneLine(d.Debrief.Title)}, doc
}

// wordHeight7 is the height pdftotext gives a word of Debrief's font at
// 7 pt: its boxes run from the font's descender to its ascender.
const wordHeight7 = 7 * ptMM * 1.36

func TestPDFMapLegible(t *testing.T) {
	for _, c := range mapCorpus(t) {
		t.Run(c.name, func(t *testing.T) {
			p, doc := mapMake(t, "map-"+c.name, c.d)
			if n := len(p.data); n > c.limit {
				t.Errorf("the PDF is %d bytes, more than %d", n, c.limit)
			}
			if doc.mapShape != c.shape {
				t.Errorf("the map read the board as %v, want %v", doc.mapShape, c.shape)
			}
			if p.res.Note != "" {
				t.Errorf("Note = %q; the map should be drawn", p.res.Note)
			}
			missing := map[rune]bool{}
			for _, r := range p.res.Missing {
				missing[r] = true
			}
			shown := c.d.Shown()
			seen := map[int]int{}
			for _, s := range doc.sheets {
				checkSheet(t, p, s, missing)
				// Every link between two cards of the page is an arrow.
				on := map[int64]bool{}
				for _, c := range s.cards {
					on[c.f.ID] = true
				}
				want := 0
				for _, l := range shown.Links {
					if on[l.FromID] && on[l.ToID] && l.FromID != l.ToID {
						want++
					}
				}
				if len(s.links) != want {
					t.Errorf("page %d has %d arrows for %d links between its cards", s.page, len(s.links), want)
				}
				for _, card := range s.cards {
					seen[card.n]++
				}
			}
			for i := range shown.Factors {
				if seen[i+1] != 1 {
					t.Errorf("card %d is on the map %d times, want once", i+1, seen[i+1])
				}
			}
			// The lists after the map use the map's numbers.
			body := pdfComparable(p.body(t), nil)
			num := map[int64]int{}
			for i, f := range shown.Factors {
				num[f.ID] = i + 1
				if w := strconv.Itoa(i+1) + pdfComparable(f.Text, missing); !strings.Contains(body, w) {
					t.Errorf("the list of factors lacks card %d as %q", i+1, w)
				}
			}
			byID := shown.FactorsByID()
			for _, l := range shown.Links {
				w := pdfComparable(fmt.Sprintf("%d %s → %d %s", num[l.FromID], byID[l.FromID].Text, num[l.ToID], byID[l.ToID].Text), missing)
				if !strings.Contains(body, w) {
					t.Errorf("the list of links lacks %q", w)
				}
			}
			if c.shape == shapeFishbone {
				if s := doc.sheets[0]; s.fish == nil || len(s.fish.bones) < 2 {
					t.Errorf("the fishbone's first page has no spine and bones")
				}
			}
			t.Logf("%s: %d map pages, %d bytes", c.name, len(doc.sheets), len(p.data))
		})
	}
}

// checkSheet checks one map page: every card's whole text is in its box,
// at 7 pt or more, its number in its band; no card's words overlap
// another card or an arrow; no arrow crosses a card's text.
func checkSheet(t *testing.T, p pdfFile, s *mapSheet, missing map[rune]bool) {
	t.Helper()
	words := p.bboxWords(t, s.page)
	for i, c := range s.cards {
		for _, o := range s.cards[i+1:] {
			if c.page.Intersects(o.page) {
				t.Errorf("page %d: cards %d and %d overlap", s.page, c.n, o.n)
			}
		}
		tx, ty, tw, th := cardText(c.page)
		text := geom.Rect{X: tx, Y: ty, W: tw, H: th - c.refH}
		note := geom.Rect{X: tx, Y: ty + th - c.refH, W: tw, H: c.refH}
		var got, gotNote strings.Builder
		numbered := false
		for _, w := range words {
			mid := w.box.Center()
			if !c.page.Contains(mid) {
				continue
			}
			if c.refH > 0 && note.Contains(mid) {
				gotNote.WriteString(w.text)
				continue
			}
			if !text.Contains(mid) {
				numbered = numbered || w.text == strconv.Itoa(c.n)
				continue
			}
			got.WriteString(w.text)
			if w.box.H < wordHeight7-0.01 {
				t.Errorf("page %d, card %d: %q is %.2f mm high, less than 7 pt text", s.page, c.n, w.text, w.box.H)
			}
			for _, o := range s.cards {
				if o != c && w.box.Intersects(o.page) {
					t.Errorf("page %d: %q of card %d overlaps card %d", s.page, w.text, c.n, o.n)
				}
			}
			for _, l := range s.links {
				for k := 1; k < len(l.path); k++ {
					if w.box.Crosses(l.path[k-1], l.path[k]) {
						t.Errorf("page %d: an arrow crosses %q of card %d", s.page, w.text, c.n)
					}
				}
			}
		}
		if want := pdfComparable(c.f.Text, missing); pdfComparable(got.String(), nil) != want {
			t.Errorf("page %d, card %d: the map shows %q, want %q", s.page, c.n, got.String(), c.f.Text)
		}
		if !numbered {
			t.Errorf("page %d: card %d shows no number", s.page, c.n)
		}
		if squash(gotNote.String()) != squash(c.refs) {
			t.Errorf("page %d, card %d: its links to other pages read %q, want %q", s.page, c.n, gotNote.String(), c.refs)
		}
	}
	for _, l := range s.links {
		for _, c := range s.cards {
			tx, ty, tw, th := cardText(c.page)
			text := geom.Rect{X: tx, Y: ty, W: tw, H: th}
			for k := 1; k < len(l.path); k++ {
				if text.Crosses(l.path[k-1], l.path[k]) {
					t.Errorf("page %d: the arrow %d→%d crosses the text of card %d", s.page, l.l.FromID, l.l.ToID, c.n)
				}
			}
		}
	}
}

// TestPDFMapNeverDenseUnder60 exports boards of up to 59 cards laid out
// in ways that do not fit a page: each is drawn card by card, numbered.
func TestPDFMapNeverDenseUnder60(t *testing.T) {
	for _, n := range []int{3, 59} {
		row := pdfBoard(n, n, true) // one long row
		far := pdfBoard(n, 3, false)
		for i := range far.Factors {
			far.Factors[i].X *= 150
		}
		for name, d := range map[string]*model.Dossier{"row": row, "far": far} {
			p, doc := mapMake(t, fmt.Sprintf("%s-%d", name, n), d)
			if p.res.Note != "" || len(doc.sheets) == 0 {
				t.Errorf("%s of %d cards: Note = %q, %d map pages; want it drawn", name, n, p.res.Note, len(doc.sheets))
			}
		}
	}
	big := pdfBoard(151, 20, true)
	if p, _ := mapMake(t, "dense-151", big); !strings.Contains(p.res.Note, "151") {
		t.Errorf("151 cards: Note = %q, want the overview", p.res.Note)
	}
}

// BenchmarkPDFColumns60 is the PDF of 60 cards in columns: a map
// re-flowed over pages, its arrows routed around the cards.
func BenchmarkPDFColumns60(b *testing.B) {
	for _, c := range mapCorpus(b) {
		if c.name == "columns-60" {
			benchPDF(b, c.d)
		}
	}
}
