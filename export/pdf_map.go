package export

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
	"github.com/debrief-app/debrief/app/model/geom"
)

// The factor map: the board drawn on a landscape page, each card where it
// sat, scaled to fit, when its cards can be read there; else re-flowed
// (pdf_reflow.go, pdf_fishbone.go) over one or more pages. Arrows for the
// links go around the cards. Only a board of more than maxMapCards cards
// is drawn as coloured blocks, with the cards in the list.

const (
	maxMapCards     = 150  // more cards than this get an overview and the list
	minCardWidth    = 25.0 // mm: an average card narrower than this is re-flowed
	maxCardWidth    = 62.0 // mm: a small board is not blown up beyond this
	cardTextMax     = 10.5 // pt
	cardTextMin     = 7.0  // pt: smaller is not read on a projector or a phone
	cardLeading     = 1.22
	reflowBand      = 4.0  // mm: the tallest coloured band of a card
	arrowWidth      = 0.35 // mm
	arrowHeadLength = 2.8  // mm
	arrowHeadHalf   = 1.25 // mm
	arrowGap        = 0.5  // mm between an arrow's tip and its card
	linkLabelSize   = 6.5  // pt
)

var arrowInk = pdfGrey(0x44)

// mapCard is a factor as the map draws it.
type mapCard struct {
	f    model.Factor
	n    int       // its number in the list
	r    geom.Rect // on the board
	page geom.Rect // on the page, mm
	size float64   // of its text, points
	// On a map of several pages: every link of the card, as the longest
	// note of them could read (room is kept for it), the note of the links
	// to cards on other pages ("→ 34 (p. 4)"), and its height, mm.
	refsAll, refs string
	refH          float64
}

// mapLink is a link as the map draws it.
type mapLink struct {
	l    model.Link
	path []geom.Point // on the board, from edge to edge
}

// drawable reports whether a card can be drawn.
func drawable(f model.Factor) bool {
	for _, v := range []float64{f.X, f.Y, f.W, f.H} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return f.W > 0 && f.H > 0
}

// factorMap draws the factor map on one or more landscape pages. It
// reports false, and draws nothing, when there are no factors.
func (d *pdfDoc) factorMap() bool {
	var cards []*mapCard
	byID := map[int64]*mapCard{}
	for i, f := range d.d.Factors {
		if !drawable(f) {
			continue
		}
		c := &mapCard{f: f, n: i + 1, r: geom.Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}}
		cards = append(cards, c)
		if _, dup := byID[f.ID]; !dup {
			byID[f.ID] = c
		}
	}
	if len(cards) == 0 {
		return false
	}
	sort.SliceStable(cards, func(i, j int) bool { return cards[i].f.Z < cards[j].f.Z })
	var pairs []mapPair
	for _, l := range d.d.Links {
		if a, b := byID[l.FromID], byID[l.ToID]; a != nil && b != nil && a != b {
			pairs = append(pairs, mapPair{l: l, a: a, b: b})
		}
	}

	d.newPage(true)
	legendH := d.legend(cards, len(pairs) > 0, false)
	if len(cards) > maxMapCards {
		d.mapTitle("Factor map", true)
		d.denseMap(cards, legendH)
		return true
	}
	shape := shapeOf(cards)
	d.mapShape = shape
	nf, nl := pdfPlural(len(cards), "factor", "factors"), pdfPlural(len(pairs), "link", "links")
	numbers := " The numbers match the list of factors by category."
	arrows := " Arrows run from a factor to what it contributed to."
	if len(pairs) == 0 {
		arrows = ""
	}
	if shape != shapeFishbone {
		intro := nf + " and " + nl + ", drawn where they sat on the board." + arrows + numbers
		if len(pairs) == 0 {
			intro = nf + ", drawn where they sat on the board." + numbers
		}
		if s, ok := d.asLaidOut(cards, pairs, d.mapArea(intro, legendH)); ok {
			d.mapTitle("Factor map", true)
			d.mapIntro(intro)
			d.sheets = []*mapSheet{s}
			d.drawSheet(s, legendH, cards)
			return true
		}
	}
	how := map[boardShape]string{
		shapeFishbone: "drawn as a fishbone with the setback at its head and a bone for each kind of cause",
		shapeColumns:  "in the board’s columns, at a size to read",
		shapeFree:     "packed in the groups they formed on the board, at a size to read",
	}[shape]
	intro := nf + " and " + nl + ", " + how + "." + arrows + numbers
	if len(pairs) == 0 {
		intro = nf + ", " + how + "." + numbers
	}
	cutNote := " A link to a card on another page is noted on its card (→ to, ← from) and is in the list of links."
	first := d.mapArea(intro+cutNote, legendH)
	rest := d.mapArea("", legendH)
	area := func(k int) geom.Rect {
		if k == 0 {
			return first
		}
		return rest
	}
	sheets := d.reflow(shape, cards, area)
	if len(sheets) > 1 && len(pairs) > 0 {
		// Over several pages: again, with room on the cards for their
		// links to other pages.
		refsAll(pairs)
		sheets = d.reflow(shape, cards, area)
	}
	cut := d.noteCut(sheets, pairs)
	if cut > 0 {
		intro += cutNote
	}
	d.sheets = sheets
	for k, s := range sheets {
		if k > 0 {
			d.newPage(true)
		}
		routeSheet(s, pairs, area(k))
		if len(sheets) > 1 {
			d.mapTitle(fmt.Sprintf("Factor map (%d of %d)", k+1, len(sheets)), k == 0)
		} else {
			d.mapTitle("Factor map", true)
		}
		if k == 0 {
			d.mapIntro(intro)
		}
		d.drawSheet(s, legendH, s.cards)
	}
	return true
}

// mapTitle writes the map page's title, with a bookmark on the first.
func (d *pdfDoc) mapTitle(text string, mark bool) {
	st := pdfStyle{font: fontBold, size: pdfH1Size, color: pdfInk}
	title := d.oneLine(text, st, d.width())
	d.drawLine(title, d.left(), d.y+title.ascent())
	if mark {
		// gofpdf places every bookmark as if on a page as high as the last
		// one, which is portrait (the factors follow the map).
		d.pdf.Bookmark("Factor map", 0, d.y+d.paperH-d.pageH)
	}
	d.y += title.height()
}

// mapIntro writes the small paragraph under the first map page's title.
func (d *pdfDoc) mapIntro(intro string) {
	for _, l := range d.paragraph([]pdfSpan{spanSmall(intro)}, d.width()) {
		d.drawLine(l, d.left(), d.y+l.ascent())
		d.y += l.height()
	}
	d.y += 3
}

// mapArea is the room for the map on a landscape page under its title
// and intro ("" for none), above the legend.
func (d *pdfDoc) mapArea(intro string, legendH float64) geom.Rect {
	st := pdfStyle{font: fontBold, size: pdfH1Size, color: pdfInk}
	y := d.top + d.oneLine("Factor map", st, d.width()).height()
	if intro != "" {
		for _, l := range d.paragraph([]pdfSpan{spanSmall(intro)}, d.width()) {
			y += l.height()
		}
		y += 3
	}
	return geom.Rect{X: d.left(), Y: y, W: d.width(), H: d.bottom - legendH - 4 - y}
}

// asLaidOut places the cards where they sat on the board, scaled to fit
// area, if every card's text can be read there (at cardTextMin or more,
// whole unless too long for any card), no two cards overlap and every
// arrow finds a way around the other cards.
func (d *pdfDoc) asLaidOut(cards []*mapCard, pairs []mapPair, area geom.Rect) (*mapSheet, bool) {
	avgW := 0.0
	for _, c := range cards {
		avgW += c.r.W
	}
	avgW /= float64(len(cards))
	var links []*mapLink
	var linked []mapPair // the pair of each of links
	for _, p := range pairs {
		if path := routeLink(p.a, p.b, cards); path != nil {
			links = append(links, &mapLink{l: p.l, path: path})
			linked = append(linked, p)
		}
	}
	// Scale the board, with its arrows, to the area: centred across, at
	// the top.
	b := boardBounds(cards, links)
	pad := 0.02 * max(b.W, b.H)
	b = b.Inset(pad)
	s := min(area.W/b.W, area.H/b.H, maxCardWidth/avgW)
	if avgW*s < minCardWidth {
		return nil, false
	}
	// Where the page has room below, the board is stretched down a little
	// (a third at most): its cards keep their places and gain room for text.
	sy := min(area.H/b.H, s*1.35)
	ox := area.X + (area.W-b.W*s)/2 - b.X*s
	oy := area.Y - b.Y*sy
	toPage := func(p geom.Point) geom.Point { return geom.Point{X: ox + p.X*s, Y: oy + p.Y*sy} }
	var rects []geom.Rect
	for _, c := range cards {
		c.page = geom.Rect{X: ox + c.r.X*s, Y: oy + c.r.Y*sy, W: c.r.W * s, H: c.r.H * sy}
		rects = append(rects, c.page)
	}
	for i, a := range rects {
		for _, o := range rects[i+1:] {
			if a.Intersects(o) {
				return nil, false
			}
		}
	}
	d.sizeCardText(cards)
	for _, c := range cards {
		if c.size < cardTextMin || !d.textFits(c, c.size, c.page) && d.textFits(c, cardTextMin, geom.Rect{W: reflowMaxCardW, H: d.cardHeight(c, cardTextMin, reflowMaxCardW)}) {
			return nil, false
		}
	}
	var g *geom.Router
	for i, l := range links {
		p := linked[i]
		path := make([]geom.Point, len(l.path))
		for k, pt := range l.path {
			path[k] = toPage(pt)
		}
		if !geom.ClearOf(path, rects, p.a.page, p.b.page) {
			if g == nil {
				var ps [][2]geom.Rect
				for _, q := range pairs {
					ps = append(ps, [2]geom.Rect{q.a.page, q.b.page})
				}
				g = geom.NewRouter(area.Inset(2), rects, nil, ps, 1)
			}
			if path = g.Route(p.a.page, p.b.page); path == nil {
				return nil, false
			}
		}
		links[i].path = path
	}
	return &mapSheet{cards: cards, links: links}, true
}

// textFits reports whether a card's whole text fits in r at size pt.
func (d *pdfDoc) textFits(c *mapCard, size float64, r geom.Rect) bool {
	_, _, tw, th := cardText(r)
	h := 0.0
	for _, l := range d.cardLines(c.f.Text, size, tw) {
		h += l.height()
	}
	return h <= th+0.01
}

// drawSheet draws a page of the map: frames and captions, the fishbone,
// the cards, the arrows and their labels, and the legend.
func (d *pdfDoc) drawSheet(s *mapSheet, legendH float64, cards []*mapCard) {
	s.page = d.pdf.PageNo()
	for _, f := range s.frames {
		d.frame(f)
	}
	if s.fish != nil {
		d.fishSkeleton(s.fish)
	}
	d.numbered = true
	for _, c := range s.cards {
		d.card(c)
	}
	placed := append([]geom.Rect(nil), s.others...)
	if f := s.fish; f != nil { // a label would hide the spine
		placed = append(placed, geom.Rect{X: f.tail, Y: f.spineY - 1, W: f.head.X - f.tail, H: 2})
	}
	for _, c := range s.cards {
		placed = append(placed, c.page)
	}
	for _, l := range s.links {
		d.arrow(l.path)
	}
	area := geom.Rect{X: d.left(), Y: d.top, W: d.width(), H: d.bottom - legendH - 4 - d.top}
	for _, l := range s.links {
		if lb := strings.TrimSpace(l.l.Label); lb != "" && lb != model.DefaultLinkLabel {
			if r, ok := d.linkLabel(lb, l.path, placed, area); ok {
				placed = append(placed, r)
			}
		}
	}
	d.legend(cards, len(s.links) > 0, true)
}

// boardBounds is the box around the cards and the arrows' paths.
func boardBounds(cards []*mapCard, links []*mapLink) geom.Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(p geom.Point) {
		x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
	}
	for _, c := range cards {
		add(geom.Point{X: c.r.X, Y: c.r.Y})
		add(geom.Point{X: c.r.X + c.r.W, Y: c.r.Y + c.r.H})
	}
	for _, l := range links {
		for _, p := range l.path {
			add(p)
		}
	}
	return geom.Rect{X: x0, Y: y0, W: max(x1-x0, 1e-6), H: max(y1-y0, 1e-6)}
}

// arrow draws a path with an arrowhead at its end.
func (d *pdfDoc) arrow(path []geom.Point) {
	path = trimPath(path, arrowGap)
	if len(path) < 2 {
		return
	}
	tip := path[len(path)-1]
	// The head points along the last stretch of the path as long as the head.
	back := trimPath(path, arrowHeadLength)
	base := tip
	if len(back) > 0 {
		base = back[len(back)-1]
	}
	ux, uy := tip.X-base.X, tip.Y-base.Y
	if l := math.Hypot(ux, uy); l > 0 {
		ux, uy = ux/l, uy/l
	} else {
		return
	}
	shaft := trimPath(path, arrowHeadLength*0.7)
	d.drawColor(arrowInk)
	d.pdf.SetLineWidth(arrowWidth)
	d.pdf.SetLineCapStyle("round")
	d.pdf.SetLineJoinStyle("round")
	if len(shaft) >= 2 {
		d.pdf.MoveTo(shaft[0].X, shaft[0].Y)
		for _, p := range shaft[1:] {
			d.pdf.LineTo(p.X, p.Y)
		}
		d.pdf.DrawPath("D")
	}
	bx, by := tip.X-ux*arrowHeadLength, tip.Y-uy*arrowHeadLength
	d.fillColor(arrowInk)
	d.pdf.Polygon([]gofpdf.PointType{
		{X: tip.X, Y: tip.Y},
		{X: bx - uy*arrowHeadHalf, Y: by + ux*arrowHeadHalf},
		{X: bx + uy*arrowHeadHalf, Y: by - ux*arrowHeadHalf},
	}, "F")
	d.pdf.SetLineCapStyle("butt")
	d.pdf.SetLineJoinStyle("miter")
}

// linkLabel writes a link's label small beside the middle of its arrow
// (above it, or right of it, else on the other side, else on the arrow),
// on one line or wrapped, wherever it covers no card nor other label, and
// returns the box it took; where there is no such place it writes nothing.
func (d *pdfDoc) linkLabel(label string, path []geom.Point, taken []geom.Rect, area geom.Rect) (geom.Rect, bool) {
	st := pdfStyle{font: fontItalic, size: linkLabelSize, color: pdfMuted}
	const pad = 0.4
	mid := pathMidpoint(path)
	// The direction of the arrow at its middle, and the normal to it that
	// points up (or right).
	a, b := path[0], path[len(path)-1]
	for i := 1; i < len(path); i++ {
		seg := geom.Rect{X: min(path[i-1].X, path[i].X) - 0.01, Y: min(path[i-1].Y, path[i].Y) - 0.01, W: math.Abs(path[i].X-path[i-1].X) + 0.02, H: math.Abs(path[i].Y-path[i-1].Y) + 0.02}

		if seg.StrictlyContains(mid) {
			a, b = path[i-1], path[i]
			break
		}
	}
	ux, uy := b.X-a.X, b.Y-a.Y
	if l := math.Hypot(ux, uy); l > 0 {
		ux, uy = ux/l, uy/l
	}
	nx, ny := -uy, ux
	if ny > 0 || (ny == 0 && nx < 0) {
		nx, ny = -nx, -ny
	}
	var layouts [][]pdfLine
	for _, w := range []float64{200, 20, 14, 10, 7} {
		lines := d.paragraph([]pdfSpan{{model.OneLine(label), st}}, w)
		if len(lines) > 4 {
			lines = append(lines[:3], d.ellipsize(lines[3], w))
		}
		if len(layouts) == 0 || linesWidth(lines) < linesWidth(layouts[len(layouts)-1])-0.01 {
			layouts = append(layouts, lines)
		}
	}
	boxOf := func(lines []pdfLine, side float64) geom.Rect {
		bw, bh := linesWidth(lines), 0.0
		for _, l := range lines {
			bh += l.height()
		}
		bw, bh = bw+2*pad, bh+pad
		c := mid
		if side != 0 {
			reach := math.Abs(nx)*bw/2 + math.Abs(ny)*bh/2 + 0.7
			c = geom.Point{X: mid.X + side*nx*reach, Y: mid.Y + side*ny*reach}
		}
		r := geom.Rect{X: c.X - bw/2, Y: c.Y - bh/2, W: bw, H: bh}
		r.X = min(max(r.X, area.X), area.X+area.W-r.W)
		r.Y = min(max(r.Y, area.Y), area.Y+area.H-r.H)
		return r
	}
	free := func(r geom.Rect) bool {
		for _, t := range taken {
			if r.Intersects(t) {
				return false
			}
		}
		return true
	}
	var best []pdfLine
	var box geom.Rect
search:
	for _, side := range []float64{1, -1, 0} {
		for _, lines := range layouts {
			if r := boxOf(lines, side); free(r) {
				best, box = lines, r
				break search
			}
		}
	}
	if best == nil {
		return box, false // no room: the list of links has it
	}
	d.fillColor(pdfWhite)
	d.pdf.RoundedRect(box.X, box.Y, box.W, box.H, 0.8, "1234", "F")
	y := box.Y + pad/2
	for _, l := range best {
		d.drawLine(l, box.X+(box.W-l.w)/2, y+l.ascent())
		y += l.height()
	}
	return box, true
}

// linesWidth is the width of the widest line.
func linesWidth(lines []pdfLine) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, l.w)
	}
	return w
}

// pdfInitials are the first letters of up to two words of a name.
func pdfInitials(name string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToUpper(r))
				n++
				break
			}
		}
		if n == 2 {
			break
		}
	}
	return b.String()
}

// card draws one card: a tinted rounded rectangle with a band in its
// category's colour holding its tag and number, its text shrunk to fit,
// and its author's initials and votes, if any.
func (d *pdfDoc) card(c *mapCard) {
	r := c.page
	hue := c.f.Category.RGB()
	rad := min(1.6, r.W/8, r.H/8)
	band := cardBand(r)
	d.fillColor(colour.Tint(hue, 0.14))
	d.pdf.RoundedRect(r.X, r.Y, r.W, r.H, rad, "1234", "F")
	d.fillColor(hue)
	d.pdf.RoundedRectExt(r.X, r.Y, r.W, band, rad, rad, 0, 0, "F")
	d.drawColor(colour.Shade(hue, 0.88))
	d.pdf.SetLineWidth(0.3)
	d.pdf.RoundedRect(r.X, r.Y, r.W, r.H, rad, "1234", "D")

	// The band: tag at the left; initials, votes and number at the right.
	on := colour.BestContrast(hue, pdfWhite, pdfInk) // the document's ink, not black
	tagSize := min(6.5, max(4.5, band/ptMM*0.62))
	tagSt := pdfStyle{font: fontBold, size: tagSize, color: on}
	base := r.Y + band/2 + tagSize*ptMM*0.36
	inset := 1.4
	right := r.X + r.W - inset
	// The number is what the lists refer to: larger than the tag.
	numSt := tagSt
	numSt.size = min(7.5, tagSize+1.5)
	num := d.oneLine(strconv.Itoa(c.n), numSt, r.W)
	d.drawLine(num, right-num.w, base)
	right -= num.w + 1.6
	tag := d.oneLine(c.f.Category.Short(), tagSt, r.W)
	room := right - (r.X + inset + tag.w + 1.5)
	if v := c.f.Votes; v > 0 {
		dots := min(v, 5)
		need := float64(dots)*1.25 + 0.2
		label := ""
		if v > 5 {
			label = "+" + strconv.Itoa(v-5)
			need += d.textWidth(label, tagSt) + 0.4
		}
		if need <= room {
			x := right
			if label != "" {
				l := d.oneLine(label, tagSt, r.W)
				x -= l.w
				d.drawLine(l, x, base)
				x -= 0.4
			}
			for i := 0; i < dots; i++ {
				d.dot(x-0.55-float64(i)*1.25, base-tagSize*ptMM*0.36, 0.45, on)
			}
			right -= need + 1.2
			room -= need + 1.2
		}
	}
	if in := pdfInitials(c.f.Author); in != "" {
		l := d.oneLine(in, pdfStyle{font: fontRegular, size: tagSize, color: on}, r.W)
		if l.w <= room {
			d.drawLine(l, right-l.w, base)
		}
	}
	if tag.w <= r.W-2*inset {
		d.drawLine(tag, r.X+inset, base)
	}

	// The text at the size sizeCardText chose; cut with "…" if it must be.
	tx, ty, tw, th := cardText(r)
	if tw <= 1 || th <= 1 {
		return
	}
	if c.refH > 0 {
		th -= c.refH
		y := ty + th + refGap
		for _, l := range d.refLines(c.refs, tw) {
			d.drawLine(l, tx, y+l.ascent())
			y += l.height()
		}
	}
	lines := d.cardLines(c.f.Text, c.size, tw)
	y := ty
	for i, l := range lines {
		if y+l.height() > ty+th+0.01 {
			break
		}
		if i+1 < len(lines) && y+l.height()+lines[i+1].height() > ty+th+0.01 {
			l = d.ellipsize(l, tw)
		}
		d.drawAligned(l, tx, y+l.ascent()) // flush right for right-to-left text
		y += l.height()
	}
}

// cardBand is the height of a card's coloured band, mm.
func cardBand(r geom.Rect) float64 { return min(reflowBand, r.H*0.43) }

// cardText is the room for a card's text, mm.
func cardText(r geom.Rect) (x, y, w, h float64) {
	band := cardBand(r)
	return r.X + 1.5, r.Y + band + 1.1, r.W - 3, r.H - band - 2
}

// cardLines lays out a card's text at size pt.
func (d *pdfDoc) cardLines(text string, size, width float64) []pdfLine {
	lines := d.paragraph([]pdfSpan{{strings.TrimSpace(text), pdfStyle{font: fontRegular, size: size, color: pdfInk}}}, width)
	for i := range lines {
		lines[i].lead = cardLeading
	}
	return lines
}

// sizeCardText chooses the size of each card's text: the same on every
// card, as large as fits the fullest of them, from cardTextMax down to
// cardTextMin; but a card whose text would make the others much smaller
// than usual gets a smaller size of its own (down to cardTextMin, then its
// text is cut with "…").
func (d *pdfDoc) sizeCardText(cards []*mapCard) {
	fits := make([]float64, len(cards))
	for i, c := range cards {
		_, _, tw, th := cardText(c.page)
		size := cardTextMax
		for ; size > cardTextMin; size -= 0.5 {
			h := 0.0
			for _, l := range d.cardLines(c.f.Text, size, tw) {
				h += l.height()
			}
			if h <= th {
				break
			}
		}
		fits[i] = size
	}
	sorted := append([]float64(nil), fits...)
	sort.Float64s(sorted)
	common := max(sorted[0], sorted[len(sorted)/2]-1.5)
	for i, c := range cards {
		c.size = min(common, fits[i])
	}
}

// legend draws, when draw is set, a key to the categories on the map and,
// with arrows, to its arrows at the bottom of the page; either way it
// returns the height it takes.
func (d *pdfDoc) legend(cards []*mapCard, arrows, draw bool) float64 {
	present := map[model.Category]bool{}
	for _, c := range cards {
		present[c.f.Category] = true
	}
	st := pdfStyle{font: fontRegular, size: pdfTinySize + 0.5, color: pdfInk}
	type item struct {
		cat   model.Category
		arrow bool
		l     pdfLine
		w     float64
	}
	var items []item
	for _, cat := range pdfCategoryOrder(d.d.Factors) {
		if present[cat] {
			l := d.oneLine(cat.Label()+" ("+cat.Short()+")", st, d.width())
			items = append(items, item{cat: cat, l: l, w: 7.5 + l.w})
		}
	}
	if arrows {
		l := d.oneLine("contributed to", st, d.width())
		items = append(items, item{arrow: true, l: l, w: 10 + l.w})
	}
	const rowH, gap = 5.5, 6.0
	rows := 1
	x := 0.0
	for _, it := range items {
		if x > 0 && x+it.w > d.width() {
			rows++
			x = 0
		}
		x += it.w + gap
	}
	h := float64(rows) * rowH
	if !draw {
		return h
	}
	y := d.bottom - h
	d.hline(d.left(), y-1.5, d.right(), pdfRuleColour, 0.2)
	x = d.left()
	for _, it := range items {
		if x > d.left() && x+it.w > d.right() {
			x = d.left()
			y += rowH
		}
		base := y + rowH/2 + st.size*ptMM*0.36
		if it.arrow {
			d.arrow([]geom.Point{{X: x, Y: base - 1}, {X: x + 8, Y: base - 1}})
			d.drawLine(it.l, x+10, base)
		} else {
			hue := it.cat.RGB()
			sy := base - 3.4
			d.fillColor(colour.Tint(hue, 0.14))
			d.pdf.RoundedRect(x, sy, 6, 4.2, 0.7, "1234", "F")
			d.fillColor(hue)
			d.pdf.RoundedRectExt(x, sy, 6, 1.4, 0.7, 0.7, 0, 0, "F")
			d.drawColor(colour.Shade(hue, 0.88))
			d.pdf.SetLineWidth(0.2)
			d.pdf.RoundedRect(x, sy, 6, 4.2, 0.7, "1234", "D")
			d.drawLine(it.l, x+7.5, base)
		}
		x += it.w + gap
	}
	return h
}

// denseMap draws a board too dense to read as coloured blocks, and says so.
func (d *pdfDoc) denseMap(cards []*mapCard, legendH float64) {
	n := len(cards)
	msg := fmt.Sprintf("This board has %d factors: too many to draw legibly on one page. They are listed by category on the following pages.", n)
	d.note = fmt.Sprintf("The board is too dense for one page (%d factors); the factor map shows where they sit, and the factors are listed by category.", n)
	bs := pdfBoxStyle{fill: pdfGrey(0xf3), border: pdfGrey(0xbb), pad: 3.5}
	d.y += 1
	d.box(d.textRows(d.paragraph([]pdfSpan{spanBody(msg)}, d.width()-2*bs.pad), 0), bs)
	d.y += 4
	area := geom.Rect{X: d.left(), Y: d.y, W: d.width(), H: d.bottom - legendH - 4 - d.y}
	b := boardBounds(cards, nil).Inset(0)
	s := min(area.W/b.W, area.H/b.H)
	ox := area.X + (area.W-b.W*s)/2 - b.X*s
	oy := area.Y + (area.H-b.H*s)/2 - b.Y*s
	d.pdf.SetLineWidth(0.1)
	for _, c := range cards {
		r := geom.Rect{X: ox + c.r.X*s, Y: oy + c.r.Y*s, W: c.r.W * s, H: c.r.H * s}
		hue := c.f.Category.RGB()
		d.fillColor(colour.Tint(hue, 0.6))
		d.drawColor(colour.Shade(hue, 0.85))
		rad := min(0.8, r.W/4, r.H/4)
		d.pdf.RoundedRect(r.X, r.Y, max(r.W, 0.2), max(r.H, 0.2), rad, "1234", "FD")
	}
	d.legend(cards, false, true)
}
