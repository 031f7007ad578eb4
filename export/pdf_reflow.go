package export

import (
	"fmt"
	"math"
	"strings"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
	"github.com/debrief-app/debrief/app/model/geom"
)

// The re-flowed factor map, for a board that drawn as laid out would be
// too small to read: every card at a width and text size people can
// read, packed in the board's own structure (its columns, its fishbone,
// its groups of cards), over as many landscape pages as it takes.

const (
	reflowSizes    = 4    // text sizes tried, from reflowMaxText down by 0.5 pt
	reflowMaxText  = 8.5  // pt
	reflowMinText  = 7.0  // pt: never smaller
	reflowCardW    = 46.0 // mm: the narrowest card of a re-flowed map
	reflowMaxCardW = 62.0 // mm
	reflowMaxLines = 14   // lines of a card's text on the map; the list has all
	reflowGapX     = 6.5  // mm between cards side by side: a channel for arrows
	reflowGapY     = 6.0  // mm between cards one above the other
	reflowBlockGap = 9.0  // mm between groups
	reflowFramePad = 2.5  // mm inside a group's frame
	reflowCaption  = 8.0  // pt: a column's or a bone's caption
	reflowCapH     = 5.0  // mm a caption takes
)

// mapSheet is one page of the factor map: what is drawn where, in mm.
// The tests read it to check what pdftotext cannot show (arrows).
type mapSheet struct {
	cards  []*mapCard
	links  []*mapLink // paths on this page
	frames []mapFrame
	fish   *fishDrawing
	others []geom.Rect // captions and the fishbone's head: arrows keep off them
	along  []float64   // lines arrows should not run along: the spine
	page   int         // the PDF's page
}

// mapFrame is a group of cards: a caption over it, a frame around it, or both.
type mapFrame struct {
	box     geom.Rect // the frame; zero for none
	caption string
	cont    bool // the group continues from the last column or page
	cat     model.Category
	at      geom.Point // the caption's top-left
	w       float64    // the room for the caption
}

// cardHeight is the height a re-flowed card needs for its text at size
// pt in a card w mm wide (at most reflowMaxLines lines).
func (d *pdfDoc) cardHeight(c *mapCard, size, w float64) float64 {
	lines := d.cardLines(c.f.Text, size, w-3)
	n := min(max(len(lines), 1), reflowMaxLines)
	h := 0.0
	for _, l := range lines[:min(n, len(lines))] {
		h += l.height()
	}
	if len(lines) == 0 {
		h = size * ptMM * cardLeading
	}
	c.refH = 0
	if c.refsAll != "" {
		c.refH = refGap
		for _, l := range d.refLines(c.refsAll, w-3) {
			c.refH += l.height()
		}
	}
	return reflowBand + 2 + h + 0.3 + c.refH
}

const (
	refSize     = 7.0 // pt: the note of a card's links to other pages
	refGap      = 0.8 // mm between a card's text and that note
	refMaxLines = 3
)

// refLines lays out a card's note of links to other pages.
func (d *pdfDoc) refLines(refs string, w float64) []pdfLine {
	if refs == "" {
		return nil
	}
	lines := d.paragraph([]pdfSpan{{refs, pdfStyle{font: fontItalic, size: refSize, color: pdfMuted}}}, w)
	if len(lines) > refMaxLines {
		lines = append(lines[:refMaxLines-1], d.ellipsize(lines[refMaxLines-1], w))
	}
	return lines
}

// refsAll gives every linked card the longest note its links could need,
// before the map is laid out, so that its card has room for the note.
func refsAll(pairs []mapPair) {
	out := map[*mapCard][]int{}
	in := map[*mapCard][]int{}
	for _, p := range pairs {
		out[p.a] = append(out[p.a], p.b.n)
		in[p.b] = append(in[p.b], p.a.n)
	}
	for _, p := range pairs {
		for _, c := range []*mapCard{p.a, p.b} {
			c.refsAll = refNote(out[c], in[c], func(int) int { return 999 })
		}
	}
}

// refNote is "→ 34 (p. 4), 57 (p. 5)  ← 12 (p. 2)": the cards a card
// contributed to, and those that contributed to it, with their pages.
func refNote(to, from []int, page func(n int) int) string {
	var parts []string
	list := func(arrow string, ns []int) {
		if len(ns) == 0 {
			return
		}
		var b strings.Builder
		b.WriteString(arrow + " ")
		for i, n := range ns {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d (p. %d)", n, page(n))
		}
		parts = append(parts, b.String())
	}
	list("→", to)
	list("←", from)
	return strings.Join(parts, "   ")
}

// noteCut writes, on each card, its links to cards on other pages, and
// counts those links.
func (d *pdfDoc) noteCut(sheets []*mapSheet, pairs []mapPair) int {
	first := d.pdf.PageNo() // the map's first page
	page := map[*mapCard]int{}
	byN := map[int]*mapCard{}
	for k, s := range sheets {
		for _, c := range s.cards {
			page[c] = first + k
			byN[c.n] = c
		}
	}
	out := map[*mapCard][]int{}
	in := map[*mapCard][]int{}
	cut := 0
	for _, p := range pairs {
		if page[p.a] != page[p.b] {
			out[p.a] = append(out[p.a], p.b.n)
			in[p.b] = append(in[p.b], p.a.n)
			cut++
		}
	}
	for c := range page {
		c.refs = refNote(out[c], in[c], func(n int) int { return page[byN[n]] })
	}
	return cut
}

// mapBlock is a group of cards drawn together in a grid of ncol columns,
// in order, row by row.
type mapBlock struct {
	cards   []*mapCard
	ncol    int
	caption string
	cat     model.Category
	framed  bool
}

// packBlocks places blocks on pages, left to right in shelves, a block
// that does not fit in what is left of a page split between rows. area(k)
// is the room on the k-th page; the first starts at y0. Card sizes must
// be set (page W and H) beforehand.
func packBlocks(blocks []mapBlock, cw float64, area func(k int) geom.Rect, y0 float64) []*mapSheet {
	sheets := []*mapSheet{{}}
	ar := area(0)
	x, y, shelf := ar.X, y0, 0.0
	newShelf := func() bool {
		if x <= ar.X+0.01 {
			return false
		}
		x, y, shelf = ar.X, y+shelf+reflowBlockGap, 0
		return true
	}
	newPage := func() {
		sheets = append(sheets, &mapSheet{})
		ar = area(len(sheets) - 1)
		x, y, shelf = ar.X, ar.Y, 0
	}
	for _, b := range blocks {
		pad := 0.0
		if b.framed {
			pad = reflowFramePad
		}
		capH := 0.0
		if b.caption != "" {
			capH = reflowCapH
		}
		var rowH []float64
		for i, c := range b.cards {
			if i%b.ncol == 0 {
				rowH = append(rowH, 0)
			}
			rowH[len(rowH)-1] = max(rowH[len(rowH)-1], c.page.H)
		}
		w := float64(b.ncol)*cw + float64(b.ncol-1)*reflowGapX + 2*pad
		height := func(from, n int) float64 {
			h := capH + 2*pad + float64(n-1)*reflowGapY
			for _, r := range rowH[from : from+n] {
				h += r
			}
			return h
		}
		for r0, piece := 0, 0; r0 < len(rowH); {
			if x > ar.X+0.01 && x+w > ar.Right()+0.01 {
				newShelf()
			}
			k := 0
			for k < len(rowH)-r0 && y+height(r0, k+1) <= ar.Bottom()+0.01 {
				k++
			}
			rest := len(rowH) - r0
			if k < rest && height(r0, rest) <= area(1).H+0.01 || k == 0 {
				// Whole on a fresh shelf or page rather than split, if it can be.
				if newShelf() {
					continue
				}
				if y > ar.Y+0.01 {
					newPage()
					continue
				}
				k = max(k, 1)
			}
			s := sheets[len(sheets)-1]
			h := height(r0, k)
			f := mapFrame{cat: b.cat}
			if b.framed {
				f.box = geom.Rect{X: x, Y: y, W: w, H: h}
			}
			if b.caption != "" {
				f.caption, f.cont, f.w = b.caption, piece > 0, w-2*pad
				f.at = geom.Point{X: x + pad, Y: y + pad}
				s.others = append(s.others, captionBox(f))
			}
			if f.caption != "" || b.framed {
				s.frames = append(s.frames, f)
			}
			cy := y + pad + capH
			for r := r0; r < r0+k; r++ {
				for j := 0; j < b.ncol; j++ {
					i := r*b.ncol + j
					if i >= len(b.cards) {
						break
					}
					c := b.cards[i]
					c.page.X, c.page.Y = x+pad+float64(j)*(cw+reflowGapX), cy
					s.cards = append(s.cards, c)
				}
				cy += rowH[r] + reflowGapY
			}
			x += w + reflowBlockGap
			shelf = max(shelf, h)
			r0 += k
			piece++
		}
	}
	return sheets
}

// reflowBlocks makes the blocks of a board in columns or a free board.
func reflowBlocks(shape boardShape, cards []*mapCard, perRow int) []mapBlock {
	var blocks []mapBlock
	if shape == shapeColumns {
		// The columns left to right, as on the board, each top to bottom.
		cols := map[model.Category][]*mapCard{}
		var order []model.Category
		for _, c := range readingOrder(cards, 0) {
			if _, ok := cols[c.f.Category]; !ok {
				order = append(order, c.f.Category)
			}
			cols[c.f.Category] = append(cols[c.f.Category], c)
		}
		left := func(cat model.Category) float64 { return cols[cat][0].r.X }
		for i := 1; i < len(order); i++ {
			for j := i; j > 0 && left(order[j]) < left(order[j-1]); j-- {
				order[j], order[j-1] = order[j-1], order[j]
			}
		}
		for _, cat := range order {
			blocks = append(blocks, mapBlock{cards: cols[cat], ncol: 1, caption: cat.Label(), cat: cat})
		}
		return blocks
	}
	gs := clusters(cards)
	for _, g := range gs {
		blocks = append(blocks, mapBlock{cards: g, ncol: min(clusterColumns(g), perRow), framed: len(gs) > 1 && len(g) > 1})
	}
	return blocks
}

// reflow lays the board out at the largest text size that fits it on one
// page, or at reflowMinText over as many pages as it takes. area(k) is the
// room on the k-th page.
func (d *pdfDoc) reflow(shape boardShape, cards []*mapCard, area func(k int) geom.Rect) []*mapSheet {
	ar := area(0)
	var best []*mapSheet
	for k := 0; k < reflowSizes; k++ {
		size := reflowMaxText - 0.5*float64(k)
		var sheets []*mapSheet
		if shape == shapeFishbone {
			sheets = d.fishbone(cards, size, area)
		} else {
			// As many columns of cards as fit the page's width (fewer, and
			// wider, for a board of fewer columns).
			if shape == shapeColumns {
				perRow := max(1, int((ar.W+reflowBlockGap)/(reflowCardW+reflowBlockGap)))
				blocks := reflowBlocks(shape, cards, perRow)
				n := max(1, min(perRow, len(blocks)))
				cw := min(reflowMaxCardW, (ar.W-float64(n-1)*reflowBlockGap)/float64(n))
				d.sizeCards(cards, size, cw)
				sheets = packBlocks(blocks, cw, area, ar.Y)
			} else {
				perRow := max(1, int((ar.W+reflowBlockGap)/(reflowCardW+reflowBlockGap+2*reflowFramePad)))
				cw := (ar.W+reflowBlockGap)/float64(perRow) - reflowBlockGap - 2*reflowFramePad
				d.sizeCards(cards, size, cw)
				sheets = packGroups(reflowBlocks(shape, cards, perRow), perRow, cw, area)
			}
		}
		best = sheets
		if len(sheets) == 1 {
			break
		}
	}
	return best
}

// sizeCards gives every card its width and the height its text needs.
func (d *pdfDoc) sizeCards(cards []*mapCard, size, cw float64) {
	for _, c := range cards {
		c.size = size
		c.page = geom.Rect{W: cw, H: d.cardHeight(c, size, cw)}
	}
}

// trimmedTitle is the setback as the head of a fishbone shows it.
func trimmedTitle(db model.Debrief) string {
	t := strings.TrimSpace(db.Title)
	if t == "" {
		t = "Untitled debrief"
	}
	return t
}

// routeSheet draws the arrows of the links whose cards are both on the
// sheet, around its cards and captions.
func routeSheet(s *mapSheet, links []mapPair, area geom.Rect) {
	on := map[*mapCard]bool{}
	var rects []geom.Rect
	for _, c := range s.cards {
		on[c] = true
		rects = append(rects, c.page)
	}
	var pairs [][2]geom.Rect
	for _, p := range links {
		if on[p.a] && on[p.b] {
			pairs = append(pairs, [2]geom.Rect{p.a.page, p.b.page})
		}
	}
	var g *geom.Router
	for _, p := range links {
		if !on[p.a] || !on[p.b] {
			continue
		}
		if g == nil {
			g = geom.NewRouter(area.Inset(2), rects, s.others, pairs, 1)
			g.Along, g.AlongGap = s.along, fishSpineGap
		}
		if path := g.Route(p.a.page, p.b.page); path != nil {
			s.links = append(s.links, &mapLink{l: p.l, path: path})
		}
	}
}

// mapPair is a link between two cards on the map.
type mapPair struct {
	l    model.Link
	a, b *mapCard
}

// rise is how far a point lies from a horizontal line, either side.
func rise(y, line float64) float64 { return math.Abs(y - line) }

// frame draws a group's frame and its caption.
func (d *pdfDoc) frame(f mapFrame) {
	if !f.box.Empty() {
		d.fillColor(pdfGrey(0xf6))
		d.drawColor(pdfGrey(0xcc))
		d.pdf.SetLineWidth(0.25)
		d.pdf.RoundedRect(f.box.X, f.box.Y, f.box.W, f.box.H, 2.5, "1234", "FD")
	}
	if f.caption != "" {
		st := pdfStyle{font: fontBold, size: reflowCaption, color: pdfInk}
		if f.cat != "" {
			st.color = colour.Shade(f.cat.RGB(), 0.6)
		}
		l := d.captionLine(f, st)
		d.drawLine(l, f.at.X, f.at.Y+l.ascent())
	}
}

// packGroups places a free board's groups on pages of perRow slots of
// card columns, each group where its bottom comes highest (so a short
// group fills the hole beside a tall one), as many card columns wide as
// it stood on the board or fewer when that packs better. A group too
// tall for a page is split between rows. Card sizes must be set
// beforehand; cw is the cards' width.
func packGroups(blocks []mapBlock, perRow int, cw float64, area func(k int) geom.Rect) []*mapSheet {
	pitch := cw + reflowBlockGap + 2*reflowFramePad
	var sheets []*mapSheet
	var sky []float64
	var ar geom.Rect
	newPage := func() {
		sheets = append(sheets, &mapSheet{})
		ar = area(len(sheets) - 1)
		sky = make([]float64, perRow)
		for i := range sky {
			sky[i] = ar.Y
		}
	}
	newPage()
	for _, b := range blocks {
		pad := 0.0
		if b.framed {
			pad = reflowFramePad
		}
		cards := b.cards
		for len(cards) > 0 {
			// The lowest bottom over every width and place.
			bestN, bestJ, bestBottom, bestTop := 0, 0, math.Inf(1), 0.0
			hi := min(perRow, b.ncol+1, len(cards))
			for n := hi; n >= max(1, b.ncol/2); n-- {
				_, _, h := masonry(cards, n)
				h += 2 * pad
				for j := 0; j+n <= perRow; j++ {
					top := ar.Y
					for _, y := range sky[j : j+n] {
						top = max(top, y)
					}
					if top+h <= ar.Bottom()+0.01 && top+h < bestBottom-0.01 {
						bestN, bestJ, bestBottom, bestTop = n, j, top+h, top
					}
				}
			}
			take := len(cards)
			if bestN == 0 {
				fresh := true
				for _, y := range sky {
					fresh = fresh && y <= ar.Y+0.01
				}
				if !fresh {
					newPage()
					continue
				}
				// Taller than a page: as many cards as fit, the rest on the next.
				bestN, bestJ, bestTop = hi, 0, ar.Y
				take = 1
				for take < len(cards) {
					if _, _, h := masonry(cards[:take+1], bestN); h+2*pad > ar.H+0.01 {
						break
					}
					take++
				}
				_, _, h := masonry(cards[:take], bestN)
				bestBottom = ar.Y + h + 2*pad
			}
			s := sheets[len(sheets)-1]
			x := ar.X + float64(bestJ)*pitch
			col, off, _ := masonry(cards[:take], bestN)
			w := float64(bestN)*cw + float64(bestN-1)*reflowGapX + 2*pad
			if b.framed {
				s.frames = append(s.frames, mapFrame{box: geom.Rect{X: x, Y: bestTop, W: w, H: bestBottom - bestTop}})
			}
			for i, c := range cards[:take] {
				c.page.X, c.page.Y = x+pad+float64(col[i])*(cw+reflowGapX), bestTop+pad+off[i]
				s.cards = append(s.cards, c)
			}
			for j := bestJ; j < bestJ+bestN; j++ {
				sky[j] = bestBottom + reflowBlockGap
			}
			cards = cards[take:]
		}
	}
	return sheets
}

// masonry stacks cards in n columns, each card in reading order on the
// shortest column so far: each card's column, its offset from the top,
// and the height of the whole.
func masonry(cards []*mapCard, n int) (col []int, off []float64, h float64) {
	tops := make([]float64, n)
	col = make([]int, len(cards))
	off = make([]float64, len(cards))
	for i, c := range cards {
		j := 0
		for k := range tops {
			if tops[k] < tops[j]-0.01 {
				j = k
			}
		}
		col[i], off[i] = j, tops[j]
		tops[j] += c.page.H + reflowGapY
	}
	for _, t := range tops {
		h = max(h, t-reflowGapY)
	}
	return col, off, h
}

// captionLine is a group's caption in its room: "Process (continued)" on
// a column that goes on from the last, shortened to "(cont.)", then to
// the category alone, cut with "…" if it must be.
func (d *pdfDoc) captionLine(f mapFrame, st pdfStyle) pdfLine {
	tries := []string{f.caption}
	if f.cont {
		tries = []string{f.caption + " (continued)", f.caption + " (cont.)", f.caption}
	}
	for _, t := range tries {
		if d.textWidth(t, st) <= f.w {
			return d.oneLine(t, st, f.w)
		}
	}
	return d.oneLine(tries[len(tries)-1], st, f.w)
}
