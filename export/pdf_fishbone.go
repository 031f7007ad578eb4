package export

import (
	"math"
	"slices"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
	"github.com/debrief-app/debrief/app/model/geom"
)

// A fishbone board re-flowed as an Ishikawa diagram: the setback in a
// box at the head on the right, a spine running left from it, a bone per
// cause category slanting away from the spine, alternately above and
// below, with the category's cards stacked beside it, the nearest joined
// to it; went-well and lucky cards, which are not causes, in groups below.
// Bones that do not fit one page go on the next, which repeats the head.

const (
	fishCardW     = 42.0 // mm
	fishSlant     = 0.3  // a bone's run along the spine per mm away from it
	fishSpineGap  = 5.0  // mm between the spine and the nearest cards
	fishBoneGap   = 2.5  // mm between a bone and the cards beside it
	fishTip       = 3.0  // mm of bone beyond its furthest card
	fishHeadW     = 52.0 // mm
	fishHeadGap   = 8.0  // mm between the last bone and the head
	fishTitleSize = 10.0 // pt
	fishBodySize  = 7.5  // pt
)

// fishDrawing is the skeleton of a fishbone page.
type fishDrawing struct {
	spineY, tail float64
	head         geom.Rect
	bones        []fishBone
}

// fishBone is a bone: from its outer end to the spine, a caption past the
// outer end, and the ribs joining the nearest cards to it.
type fishBone struct {
	cat          model.Category
	outer, joint geom.Point
	label        geom.Rect
	text         string
	ribs         [][2]geom.Point
}

// fishBay is a cause category's cards beside one bone: columns of cards
// stacked away from the spine, the first beside the bone.
type fishBay struct {
	cat     model.Category
	caption string
	cols    [][]*mapCard
	h       float64 // the tallest column
	labelW  float64
}

// fishHead lays out the head's text for a box w mm wide: the title and
// the first sentence of what happened when it is short.
func (d *pdfDoc) fishHead(w float64) (title, body []pdfLine) {
	ts := pdfStyle{font: fontBold, size: fishTitleSize, color: pdfInk}
	title = d.paragraph([]pdfSpan{{model.OneLine(trimmedTitle(d.d.Debrief)), ts}}, w)
	if len(title) > 4 {
		title = append(title[:3], d.ellipsize(title[3], w))
	}
	if s := model.OneLine(d.d.Debrief.Summary); s != "" {
		bs := pdfStyle{font: fontRegular, size: fishBodySize, color: pdfMuted}
		// Its first sentence, when that is short: the whole summary is on
		// the first page, and nothing here is cut with "…".
		if i := strings.Index(s, ". "); i > 0 {
			s = s[:i+1]
		}
		if body = d.paragraph([]pdfSpan{{s, bs}}, w); len(body) > 6 {
			body = nil
		}
	}
	return title, body
}

// fishbone lays out a fishbone board with card text at size pt.
func (d *pdfDoc) fishbone(cards []*mapCard, size float64, area func(k int) geom.Rect) []*mapSheet {
	// First with room below the fish for the went-well and lucky cards, in
	// a row, so that a small board is one page; else the fish takes the
	// page's height.
	reserve := 0.0
	n := 0
	for _, c := range cards {
		if !cause(c.f.Category) {
			c.page.H = d.cardHeight(c, size, fishCardW)
			reserve = max(reserve, c.page.H)
			n++
		}
	}
	if n > 0 && n <= int((area(0).W+reflowGapX)/(fishCardW+reflowGapX)) {
		if sheets := d.fishPages(cards, size, area, reserve+reflowCapH+reflowBlockGap); len(sheets) == 1 {
			return sheets
		}
	}
	return d.fishPages(cards, size, area, 0)
}

// fishPages lays out a fishbone over pages, leaving reserve mm below the
// fish on each.
func (d *pdfDoc) fishPages(cards []*mapCard, size float64, area func(k int) geom.Rect, reserve float64) []*mapSheet {
	ar := area(0)
	var causes, extras []*mapCard
	for _, c := range cards {
		c.size = size
		c.page = geom.Rect{W: fishCardW, H: d.cardHeight(c, size, fishCardW)}
		if cause(c.f.Category) {
			causes = append(causes, c)
		} else {
			extras = append(extras, c)
		}
	}
	title, body := d.fishHead(fishHeadW - 6)
	headH := 6.0
	for _, l := range append(append([]pdfLine(nil), title...), body...) {
		headH += l.height()
	}
	if len(body) > 0 {
		headH += 1.5
	}
	capSt := pdfStyle{font: fontBold, size: reflowCaption, color: pdfInk}

	// Each half of the page holds a bay's columns; a bay wider than the
	// room left of the head continues on another bone.
	half := (ar.H-reserve-2*(reflowCapH+1))/2 - fishSpineGap - fishTip
	room := ar.W - fishHeadW - fishHeadGap - 6
	var bays []*fishBay
	groups := map[model.Category][]*mapCard{}
	var order []model.Category
	for _, c := range readingOrder(causes, 0) {
		if _, ok := groups[c.f.Category]; !ok {
			order = append(order, c.f.Category)
		}
		groups[c.f.Category] = append(groups[c.f.Category], c)
	}
	order = sortCategories(order)
	for _, cat := range order {
		b := &fishBay{cat: cat, caption: cat.Label()}
		colH := 0.0
		for _, c := range groups[cat] {
			newCol := len(b.cols) == 0 || colH+reflowGapY+c.page.H > half
			if newCol && len(b.cols) > 0 && float64(len(b.cols)+1)*(fishCardW+reflowGapX)+half*fishSlant > room {
				bays = append(bays, b)
				b = &fishBay{cat: cat, caption: cat.Label() + " (continued)"}
			}
			if newCol || len(b.cols) == 0 {
				b.cols = append(b.cols, nil)
				colH = -reflowGapY
			}
			b.cols[len(b.cols)-1] = append(b.cols[len(b.cols)-1], c)
			colH += reflowGapY + c.page.H
			b.h = max(b.h, colH)
		}
		bays = append(bays, b)
	}
	for _, b := range bays {
		b.labelW = d.textWidth(b.caption, capSt)
	}

	// Bones on pages: as many as fit beside the head, in order.
	var sheets []*mapSheet
	for i := 0; i < len(bays) || len(sheets) == 0; {
		pa := area(len(sheets))
		n := 1
		for i+n < len(bays) && d.placeBays(bays[i:i+n+1], pa, headH, false) != nil {
			n++
		}
		if i >= len(bays) {
			n = 0
		}
		s := d.placeBays(bays[i:i+n], pa, headH, true)
		s.fish.head.H = headH
		sheets = append(sheets, s)
		i += n
	}
	if len(extras) == 0 {
		return sheets
	}
	// Went well and lucky below the last fish, or on pages of their own.
	last := sheets[len(sheets)-1]
	bottom := last.fish.head.Bottom()
	for _, c := range last.cards {
		bottom = max(bottom, c.page.Bottom())
	}
	for _, b := range last.fish.bones {
		bottom = max(bottom, b.label.Bottom(), b.outer.Y)
	}
	byCat := map[model.Category][]*mapCard{}
	var cats []model.Category
	for _, c := range readingOrder(extras, 0) {
		if _, ok := byCat[c.f.Category]; !ok {
			cats = append(cats, c.f.Category)
		}
		byCat[c.f.Category] = append(byCat[c.f.Category], c)
	}
	cats = sortCategories(cats)
	if d.fishNooks(last, cats, byCat, area(len(sheets)-1)) {
		return sheets
	}
	perRow := max(1, int((ar.W+reflowGapX)/(fishCardW+reflowGapX)))
	var blocks []mapBlock
	for _, cat := range cats {
		blocks = append(blocks, mapBlock{cards: byCat[cat], ncol: min(perRow, len(byCat[cat])), caption: cat.Label(), cat: cat})
	}
	base := len(sheets) - 1
	more := packBlocks(blocks, fishCardW, func(k int) geom.Rect { return area(base + k) }, bottom+reflowBlockGap)
	last.cards = append(last.cards, more[0].cards...)
	last.frames = append(last.frames, more[0].frames...)
	last.others = append(last.others, more[0].others...)
	return append(sheets, more[1:]...)
}

// captionBox is the room a frame's caption takes.
func captionBox(f mapFrame) geom.Rect {
	return geom.Rect{X: f.at.X, Y: f.at.Y, W: f.w, H: reflowCapH - 1}
}

// sortCategories puts categories in the categories' order, unknown ones
// last by name.
func sortCategories(cats []model.Category) []model.Category {
	var out []model.Category
	seen := map[model.Category]bool{}
	for _, c := range cats {
		seen[c] = true
	}
	for _, c := range pdfCategoryOrder(nil) {
		if seen[c] {
			out = append(out, c)
			delete(seen, c)
		}
	}
	var rest []model.Category
	for _, c := range cats {
		if seen[c] {
			rest = append(rest, c)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// placeBays lays bays out on one page: the first above the spine, the
// next below, then each on the side with more room, from the left
// towards the head. It returns nil
// when they do not fit; it places the cards only when place is set.
func (d *pdfDoc) placeBays(bays []*fishBay, ar geom.Rect, headH float64, place bool) *mapSheet {
	maxH := 0.0
	for _, b := range bays {
		maxH = max(maxH, b.h)
	}
	r := maxH + fishSpineGap + fishTip // every bone as long
	run := r * fishSlant
	spineY := ar.Y + reflowCapH + 1 + r
	if len(bays) < 2 {
		spineY = max(spineY, ar.Y+headH/2)
	}
	headX := ar.Right() - fishHeadW
	// Where each card goes, relative to its bone's joint at x = 0.
	type spot struct {
		c    *mapCard
		x, y float64
		rib  bool
	}
	layout := func(b *fishBay, top bool) (spots []spot, reach float64) {
		left := 0.0
		prevLeft := 0.0
		for j, col := range b.cols {
			near := fishSpineGap
			colLeft := math.Inf(1)
			for _, c := range col {
				far := near + c.page.H
				var x float64
				if j == 0 {
					x = -far*fishSlant - fishBoneGap - c.page.W
				} else {
					x = prevLeft - reflowGapX - c.page.W
				}
				y := spineY + near
				if top {
					y = spineY - far
				}
				spots = append(spots, spot{c, x, y, j == 0})
				colLeft = min(colLeft, x)
				near = far + reflowGapY
			}
			prevLeft = colLeft
			left = min(left, colLeft)
		}
		left = min(left, -run-b.labelW/2)
		return spots, -left
	}
	s := &mapSheet{fish: &fishDrawing{spineY: spineY, tail: ar.X}, along: []float64{spineY}}
	var lastJ [2]float64
	var lastLabel [2]float64 // right end of the last caption on each side
	seen := [2]bool{}
	for k, b := range bays {
		// Above, then below, then wherever the spine has more room left:
		// bays differ in width, and the head leaves both sides the same.
		side := k % 2
		if seen[0] && seen[1] && lastJ[0] != lastJ[1] {
			side = 0
			if lastJ[1] < lastJ[0] {
				side = 1
			}
		}
		top := side == 0
		spots, reach := layout(b, top)
		jx := ar.X + 3 + reach
		if seen[side] {
			jx = max(lastJ[side]+reflowBlockGap+reach, lastLabel[side]+5+run+b.labelW/2)
		}
		if jx+fishHeadGap > headX && !place {
			return nil
		}
		seen[side], lastJ[side], lastLabel[side] = true, jx, jx-run+b.labelW/2
		if !place {
			continue
		}
		bone := fishBone{cat: b.cat, text: b.caption, joint: geom.Point{X: jx, Y: spineY}}
		bone.outer = geom.Point{X: jx - run, Y: spineY + r}
		bone.label = geom.Rect{X: jx - run - b.labelW/2, Y: spineY + r + 1, W: b.labelW, H: reflowCapH - 1}
		if top {
			bone.outer.Y = spineY - r
			bone.label.Y = spineY - r - reflowCapH
		}
		for _, sp := range spots {
			sp.c.page.X, sp.c.page.Y = jx+sp.x, sp.y
			s.cards = append(s.cards, sp.c)
			if sp.rib {
				mid := sp.y + sp.c.page.H/2
				bone.ribs = append(bone.ribs, [2]geom.Point{{X: jx + sp.x + sp.c.page.W, Y: mid}, {X: jx - rise(mid, spineY)*fishSlant, Y: mid}})
			}
		}
		s.fish.bones = append(s.fish.bones, bone)
		s.others = append(s.others, bone.label)
	}
	if !place {
		return s
	}
	s.fish.head = geom.Rect{X: headX, Y: max(ar.Y, spineY-headH/2), W: fishHeadW, H: headH}
	s.others = append(s.others, s.fish.head)
	return s
}

// fishSkeleton draws a fishbone page's spine, head, bones, ribs and
// captions, under the cards.
func (d *pdfDoc) fishSkeleton(f *fishDrawing) {
	ink := pdfGrey(0x55)
	d.drawColor(ink)
	d.pdf.SetLineCapStyle("round")
	for _, b := range f.bones {
		hue := b.cat.RGB()
		d.drawColor(colour.Shade(hue, 0.8))
		d.pdf.SetLineWidth(0.3)
		for _, r := range b.ribs {
			d.pdf.Line(r[0].X, r[0].Y, r[1].X, r[1].Y)
		}
		d.pdf.SetLineWidth(0.8)
		d.pdf.Line(b.outer.X, b.outer.Y, b.joint.X, b.joint.Y)
		st := pdfStyle{font: fontBold, size: reflowCaption, color: colour.Shade(hue, 0.6)}
		l := d.oneLine(b.text, st, b.label.W+1)
		d.drawLine(l, b.label.X, b.label.Y+l.ascent())
	}
	// The spine, an arrow into the head.
	h := f.head
	d.drawColor(ink)
	d.pdf.SetLineWidth(1.1)
	d.pdf.Line(f.tail, f.spineY, h.X-3, f.spineY)
	d.fillColor(ink)
	d.pdf.Polygon([]gofpdf.PointType{{X: h.X, Y: f.spineY}, {X: h.X - 3.5, Y: f.spineY - 2}, {X: h.X - 3.5, Y: f.spineY + 2}}, "F")
	d.pdf.SetLineCapStyle("butt")

	d.fillColor(pdfGrey(0xf3))
	d.drawColor(ink)
	d.pdf.SetLineWidth(0.5)
	d.pdf.RoundedRect(h.X, h.Y, h.W, h.H, 2, "1234", "FD")
	title, body := d.fishHead(h.W - 6)
	y := h.Y + 3
	for _, l := range title {
		d.drawLine(l, h.X+3, y+l.ascent())
		y += l.height()
	}
	y += 1.5
	for _, l := range body {
		d.drawLine(l, h.X+3, y+l.ascent())
		y += l.height()
	}
}

// fishNooks puts each group of went-well and lucky cards, under its
// caption, in a row or a column, in a free corner of the fish's page:
// the lowest free place, then the leftmost, clear of cards, bones, the
// spine, captions and the head. It reports false, and places nothing,
// unless every group finds a place.
func (d *pdfDoc) fishNooks(s *mapSheet, cats []model.Category, byCat map[model.Category][]*mapCard, ar geom.Rect) bool {
	const margin = 3.0
	var taken []geom.Rect
	for _, c := range s.cards {
		taken = append(taken, c.page.Inset(margin))
	}
	for _, o := range s.others {
		taken = append(taken, o.Inset(margin))
	}
	f := s.fish
	lines := [][2]geom.Point{{{X: f.tail, Y: f.spineY}, {X: f.head.X, Y: f.spineY}}}
	for _, b := range f.bones {
		lines = append(lines, [2]geom.Point{b.outer, b.joint})
	}
	free := func(r geom.Rect) bool {
		for _, t := range taken {
			if r.Intersects(t) {
				return false
			}
		}
		grown := r.Inset(margin)
		for _, l := range lines {
			if grown.Crosses(l[0], l[1]) {
				return false
			}
		}
		return true
	}
	type placed struct {
		cat   model.Category
		box   geom.Rect
		ncol  int
		cards []*mapCard
	}
	var done []placed
	for _, cat := range cats {
		cards := byCat[cat]
		found := false
		for _, ncol := range []int{len(cards), 1, 2} {
			if ncol > len(cards) || found {
				continue
			}
			_, _, h := masonry(cards, ncol)
			w := float64(ncol)*fishCardW + float64(ncol-1)*reflowGapX
			h += reflowCapH
			for y := ar.Bottom() - h; y >= ar.Y && !found; y -= 2 {
				for x := ar.X; x+w <= ar.Right(); x += 2 {
					r := geom.Rect{X: x, Y: y, W: w, H: h}
					if free(r) {
						done = append(done, placed{cat, r, ncol, cards})
						taken = append(taken, r.Inset(margin+reflowBlockGap/2))
						found = true
						break
					}
				}
			}
		}
		if !found {
			return false
		}
	}
	for _, p := range done {
		fr := mapFrame{caption: p.cat.Label(), cat: p.cat, at: geom.Point{X: p.box.X, Y: p.box.Y}, w: p.box.W}
		s.frames = append(s.frames, fr)
		s.others = append(s.others, captionBox(fr))
		col, off, _ := masonry(p.cards, p.ncol)
		for i, c := range p.cards {
			c.page.X = p.box.X + float64(col[i])*(fishCardW+reflowGapX)
			c.page.Y = p.box.Y + reflowCapH + off[i]
			s.cards = append(s.cards, c)
		}
	}
	return true
}
