package export

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// The factor map: the board drawn on a landscape page, each card where it
// sat, scaled to fit; arrows for the links. A board too dense to read on
// one page is drawn as coloured blocks only.

const (
	maxMapCards     = 80   // more cards than this are drawn as blocks
	minCardWidth    = 25.0 // mm: an average card narrower than this is drawn as a block
	maxCardWidth    = 62.0 // mm: a small board is not blown up beyond this
	cardTextMax     = 10.5 // pt
	cardTextMin     = 6.0  // pt
	cardLeading     = 1.22
	arrowWidth      = 0.35 // mm
	arrowHeadLength = 2.3  // mm
	arrowHeadHalf   = 1.0  // mm
	arrowGap        = 0.5  // mm between an arrow's tip and its card
	linkLabelSize   = 5.5  // pt
)

var arrowInk = pdfGrey(0x44)

type pdfPt struct{ x, y float64 }

type pdfRect struct{ x, y, w, h float64 }

func (r pdfRect) centre() pdfPt { return pdfPt{r.x + r.w/2, r.y + r.h/2} }
func (r pdfRect) contains(p pdfPt) bool {
	return p.x > r.x && p.x < r.x+r.w && p.y > r.y && p.y < r.y+r.h
}
func (r pdfRect) inflate(m float64) pdfRect { return pdfRect{r.x - m, r.y - m, r.w + 2*m, r.h + 2*m} }
func (r pdfRect) overlaps(o pdfRect) bool {
	return r.x < o.x+o.w && o.x < r.x+r.w && r.y < o.y+o.h && o.y < r.y+r.h
}

// crosses reports whether the segment p–q passes through r.
func (r pdfRect) crosses(p, q pdfPt) bool {
	// Liang–Barsky clipping.
	t0, t1 := 0.0, 1.0
	dx, dy := q.x-p.x, q.y-p.y
	for _, e := range [4][2]float64{{-dx, p.x - r.x}, {dx, r.x + r.w - p.x}, {-dy, p.y - r.y}, {dy, r.y + r.h - p.y}} {
		pp, qq := e[0], e[1]
		if pp == 0 {
			if qq < 0 {
				return false
			}
			continue
		}
		t := qq / pp
		if pp < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// mapCard is a factor as the map draws it.
type mapCard struct {
	f    model.Factor
	n    int     // its number in the list
	r    pdfRect // on the board
	page pdfRect // on the page, mm
	size float64 // of its text, points
}

// mapLink is a link as the map draws it.
type mapLink struct {
	l    model.Link
	path []pdfPt // on the board, from edge to edge
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

// factorMap draws the board on a landscape page. It reports false, and
// draws nothing, when there are no factors.
func (d *pdfDoc) factorMap() bool {
	var cards []*mapCard
	byID := map[int64]*mapCard{}
	for i, f := range d.d.Factors {
		if !drawable(f) {
			continue
		}
		c := &mapCard{f: f, n: i + 1, r: pdfRect{f.X, f.Y, f.W, f.H}}
		cards = append(cards, c)
		if _, dup := byID[f.ID]; !dup {
			byID[f.ID] = c
		}
	}
	if len(cards) == 0 {
		return false
	}
	sort.SliceStable(cards, func(i, j int) bool { return cards[i].f.Z < cards[j].f.Z })

	d.newPage(true)
	st := pdfStyle{font: fontBold, size: pdfH1Size, color: pdfInk}
	title := d.oneLine("Factor map", st, d.width())
	d.drawLine(title, d.left(), d.y+title.ascent())
	// gofpdf places every bookmark as if on a page as high as the last one,
	// which is portrait (the factors follow the map).
	d.pdf.Bookmark("Factor map", 0, d.y+d.paperH-d.pageH)
	d.y += title.height()

	arrows := false
	for _, l := range d.d.Links {
		if a, b := byID[l.FromID], byID[l.ToID]; a != nil && b != nil && a != b {
			arrows = true
		}
	}
	legendH := d.legend(cards, arrows, false)
	area := pdfRect{d.left(), 0, d.width(), 0}

	avgW := 0.0
	for _, c := range cards {
		avgW += c.r.w
	}
	avgW /= float64(len(cards))
	board := boardBounds(cards, nil)
	fit := min(area.w/board.w, (d.bottom-legendH-d.y-10)/board.h)
	dense := len(cards) > maxMapCards || avgW*fit < minCardWidth
	if dense {
		d.denseMap(cards, legendH)
		return true
	}

	var links []*mapLink
	for _, l := range d.d.Links {
		a, b := byID[l.FromID], byID[l.ToID]
		if a == nil || b == nil || a == b {
			continue
		}
		if p := routeLink(a, b, cards); p != nil {
			links = append(links, &mapLink{l: l, path: p})
		}
	}

	intro := fmt.Sprintf("%s and %s, drawn where they sat on the board. Arrows run from a factor to what it contributed to; the numbers match the list of factors by category.",
		pdfPlural(len(cards), "factor", "factors"), pdfPlural(len(links), "link", "links"))
	if len(links) == 0 {
		intro = fmt.Sprintf("%s, drawn where they sat on the board. The numbers match the list of factors by category.", pdfPlural(len(cards), "factor", "factors"))
	}
	for _, l := range d.paragraph([]pdfSpan{spanSmall(intro)}, d.width()) {
		d.drawLine(l, d.left(), d.y+l.ascent())
		d.y += l.height()
	}
	d.y += 3
	area.y = d.y
	area.h = d.bottom - legendH - 4 - area.y

	// Scale the board, with its arrows, to the area: centred across, at
	// the top.
	b := boardBounds(cards, links)
	pad := 0.02 * max(b.w, b.h)
	b = b.inflate(pad)
	s := min(area.w/b.w, area.h/b.h, maxCardWidth/avgW)
	ox := area.x + (area.w-b.w*s)/2 - b.x*s
	oy := area.y - b.y*s
	toPage := func(p pdfPt) pdfPt { return pdfPt{ox + p.x*s, oy + p.y*s} }
	for _, c := range cards {
		c.page = pdfRect{ox + c.r.x*s, oy + c.r.y*s, c.r.w * s, c.r.h * s}
	}
	d.sizeCardText(cards)
	d.numbered = true
	for _, c := range cards {
		d.card(c)
	}
	var placed []pdfRect
	for _, c := range cards {
		placed = append(placed, c.page)
	}
	for _, l := range links {
		path := make([]pdfPt, len(l.path))
		for i, p := range l.path {
			path[i] = toPage(p)
		}
		d.arrow(path)
		l.path = path
	}
	for _, l := range links {
		if lb := strings.TrimSpace(l.l.Label); lb != "" && lb != model.DefaultLinkLabel {
			placed = append(placed, d.linkLabel(lb, l.path, placed, area))
		}
	}
	d.legend(cards, arrows, true)
	return true
}

// boardBounds is the box around the cards and the arrows' paths.
func boardBounds(cards []*mapCard, links []*mapLink) pdfRect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(p pdfPt) {
		x0, y0, x1, y1 = min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)
	}
	for _, c := range cards {
		add(pdfPt{c.r.x, c.r.y})
		add(pdfPt{c.r.x + c.r.w, c.r.y + c.r.h})
	}
	for _, l := range links {
		for _, p := range l.path {
			add(p)
		}
	}
	return pdfRect{x0, y0, max(x1-x0, 1e-6), max(y1-y0, 1e-6)}
}

// routeLink finds the path of an arrow from card a to card b: straight if
// that crosses no other card, else the first of a few curves, bowing more
// and more to either side, that crosses none, else the shortest path of
// straight pieces at right angles that crosses none, else straight after
// all. It runs from the edge of a to the edge of b; nil when the cards
// overlap too much to draw an arrow.
func routeLink(a, b *mapCard, cards []*mapCard) []pdfPt {
	ca, cb := a.r.centre(), b.r.centre()
	dx, dy := cb.x-ca.x, cb.y-ca.y
	dist := math.Hypot(dx, dy)
	if dist == 0 {
		return nil
	}
	nx, ny := -dy/dist, dx/dist
	var others []pdfRect
	m := 0.04 * min(a.r.w, a.r.h, b.r.w, b.r.h)
	for _, c := range cards {
		if c != a && c != b {
			others = append(others, c.r.inflate(m))
		}
	}
	clear := func(path []pdfPt) bool {
		for i := 1; i < len(path); i++ {
			for _, o := range others {
				if o.crosses(path[i-1], path[i]) {
					return false
				}
			}
		}
		return true
	}
	var first []pdfPt
	for _, k := range []float64{0, 0.3, -0.3, 0.6, -0.6, 0.9, -0.9} {
		ctrl := pdfPt{(ca.x+cb.x)/2 + nx*k*dist, (ca.y+cb.y)/2 + ny*k*dist}
		path := clipCurve(ca, ctrl, cb, a.r, b.r)
		if path == nil {
			continue
		}
		if first == nil {
			first = path
		}
		if clear(path) {
			return path
		}
	}
	var best []pdfPt
	bestLen := math.Inf(1)
	for _, path := range rightAngleRoutes(a.r, b.r, cards, m) {
		if l := pathLength(path); l < bestLen && clear(path) {
			best, bestLen = path, l
		}
	}
	if best != nil {
		return best
	}
	return first
}

// rightAngleRoutes lists paths from a to b of straight pieces at right
// angles: L-shaped ones, and Z-shaped ones through every gap between the
// cards' edges (and around them all). They leave a and enter b a quarter
// of the way from the middle of an edge, so as not to run along the
// arrows between neighbours, which meet the middle.
func rightAngleRoutes(a, b pdfRect, cards []*mapCard, m float64) [][]pdfPt {
	ca, cb := a.centre(), b.centre()
	side := func(v float64) float64 {
		if v < 0 {
			return -1
		}
		return 1
	}
	// Where a path leaves (or enters) r through its top or bottom edge,
	// heading for height y, or through its left or right edge, heading
	// for x; toward is where the path goes along the edge.
	vEdge := func(r pdfRect, y, toward float64) (pdfPt, bool) {
		c := r.centre()
		x := c.x + side(toward-c.x)*r.w/4
		switch {
		case y >= r.y+r.h:
			return pdfPt{x, r.y + r.h}, true
		case y <= r.y:
			return pdfPt{x, r.y}, true
		}
		return pdfPt{}, false
	}
	hEdge := func(r pdfRect, x, toward float64) (pdfPt, bool) {
		c := r.centre()
		y := c.y + side(toward-c.y)*r.h/4
		switch {
		case x >= r.x+r.w:
			return pdfPt{r.x + r.w, y}, true
		case x <= r.x:
			return pdfPt{r.x, y}, true
		}
		return pdfPt{}, false
	}
	var routes [][]pdfPt
	// Down (or up), then across into b's side.
	if q, ok := hEdge(b, ca.x+side(cb.x-ca.x)*a.w/4, ca.y); ok {
		if p, ok := vEdge(a, q.y, cb.x); ok {
			routes = append(routes, []pdfPt{p, {p.x, q.y}, q})
		}
	}
	// Across, then down (or up) into b's top or bottom.
	if q, ok := vEdge(b, ca.y+side(cb.y-ca.y)*a.h/4, ca.x); ok {
		if p, ok := hEdge(a, q.x, cb.y); ok {
			routes = append(routes, []pdfPt{p, {q.x, p.y}, q})
		}
	}
	// Through a gap between rows, or between columns.
	var ys, xs []float64
	for _, c := range cards {
		ys = append(ys, c.r.y, c.r.y+c.r.h)
		xs = append(xs, c.r.x, c.r.x+c.r.w)
	}
	for _, y := range gaps(ys, 4*m) {
		p, ok1 := vEdge(a, y, cb.x)
		q, ok2 := vEdge(b, y, ca.x)
		if ok1 && ok2 {
			routes = append(routes, []pdfPt{p, {p.x, y}, {q.x, y}, q})
		}
	}
	for _, x := range gaps(xs, 4*m) {
		p, ok1 := hEdge(a, x, cb.y)
		q, ok2 := hEdge(b, x, ca.y)
		if ok1 && ok2 {
			routes = append(routes, []pdfPt{p, {x, p.y}, {x, q.y}, q})
		}
	}
	return routes
}

// gaps are the middles between successive edges, and a line outside
// them all on either side.
func gaps(edges []float64, outside float64) []float64 {
	sort.Float64s(edges)
	edges = slices.Compact(edges)
	if len(edges) == 0 {
		return nil
	}
	out := []float64{edges[0] - outside, edges[len(edges)-1] + outside}
	for i := 1; i < len(edges); i++ {
		out = append(out, (edges[i-1]+edges[i])/2)
	}
	return out
}

// pathLength is the length of a path.
func pathLength(path []pdfPt) float64 {
	l := 0.0
	for i := 1; i < len(path); i++ {
		l += math.Hypot(path[i].x-path[i-1].x, path[i].y-path[i-1].y)
	}
	return l
}

// clipCurve is the quadratic curve from p0 through control c to p2 as a
// line of points, less the parts inside a (at its start) and b (at its end).
func clipCurve(p0, c, p2 pdfPt, a, b pdfRect) []pdfPt {
	const n = 40
	at := func(t float64) pdfPt {
		u := 1 - t
		return pdfPt{u*u*p0.x + 2*u*t*c.x + t*t*p2.x, u*u*p0.y + 2*u*t*c.y + t*t*p2.y}
	}
	// bisect finds where the curve crosses r's edge between t0 (inside
	// when in is true) and t1.
	bisect := func(t0, t1 float64, r pdfRect) float64 {
		for i := 0; i < 30; i++ {
			mid := (t0 + t1) / 2
			if r.contains(at(mid)) {
				t0 = mid
			} else {
				t1 = mid
			}
		}
		return (t0 + t1) / 2
	}
	i0 := -1
	for i := 0; i <= n; i++ {
		if !a.contains(at(float64(i) / n)) {
			i0 = i
			break
		}
	}
	i1 := -1
	for i := n; i >= 0; i-- {
		if !b.contains(at(float64(i) / n)) {
			i1 = i
			break
		}
	}
	if i0 <= 0 || i1 < 0 || i1 >= n || i1 < i0 {
		return nil
	}
	ts := bisect(float64(i0-1)/n, float64(i0)/n, a)
	te := bisect(float64(i1+1)/n, float64(i1)/n, b)
	if te <= ts {
		return nil
	}
	path := []pdfPt{at(ts)}
	for i := i0; i <= i1; i++ {
		if t := float64(i) / n; t > ts && t < te {
			path = append(path, at(t))
		}
	}
	path = append(path, at(te))
	for _, p := range path[1 : len(path)-1] {
		if a.contains(p) || b.contains(p) {
			return nil // the curve goes back into a card it links
		}
	}
	return path
}

// trimPath shortens a path by length at its end.
func trimPath(path []pdfPt, length float64) []pdfPt {
	out := append([]pdfPt(nil), path...)
	for len(out) >= 2 && length > 0 {
		p, q := out[len(out)-2], out[len(out)-1]
		seg := math.Hypot(q.x-p.x, q.y-p.y)
		if seg > length {
			f := (seg - length) / seg
			out[len(out)-1] = pdfPt{p.x + (q.x-p.x)*f, p.y + (q.y-p.y)*f}
			return out
		}
		length -= seg
		out = out[:len(out)-1]
	}
	return out
}

// arrow draws a path with an arrowhead at its end.
func (d *pdfDoc) arrow(path []pdfPt) {
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
	ux, uy := tip.x-base.x, tip.y-base.y
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
		d.pdf.MoveTo(shaft[0].x, shaft[0].y)
		for _, p := range shaft[1:] {
			d.pdf.LineTo(p.x, p.y)
		}
		d.pdf.DrawPath("D")
	}
	bx, by := tip.x-ux*arrowHeadLength, tip.y-uy*arrowHeadLength
	d.fillColor(arrowInk)
	d.pdf.Polygon([]gofpdf.PointType{
		{X: tip.x, Y: tip.y},
		{X: bx - uy*arrowHeadHalf, Y: by + ux*arrowHeadHalf},
		{X: bx + uy*arrowHeadHalf, Y: by - ux*arrowHeadHalf},
	}, "F")
	d.pdf.SetLineCapStyle("butt")
	d.pdf.SetLineJoinStyle("miter")
}

// pathMidpoint is the point halfway along a path.
func pathMidpoint(path []pdfPt) pdfPt {
	total := 0.0
	for i := 1; i < len(path); i++ {
		total += math.Hypot(path[i].x-path[i-1].x, path[i].y-path[i-1].y)
	}
	half := total / 2
	for i := 1; i < len(path); i++ {
		seg := math.Hypot(path[i].x-path[i-1].x, path[i].y-path[i-1].y)
		if seg >= half && seg > 0 {
			f := half / seg
			return pdfPt{path[i-1].x + (path[i].x-path[i-1].x)*f, path[i-1].y + (path[i].y-path[i-1].y)*f}
		}
		half -= seg
	}
	return path[len(path)-1]
}

// linkLabel writes a link's label small beside the middle of its arrow
// (above it, or right of it, else on the other side, else on the arrow),
// on one line or wrapped, wherever it covers no card nor other label. It
// returns the box it took.
func (d *pdfDoc) linkLabel(label string, path []pdfPt, taken []pdfRect, area pdfRect) pdfRect {
	st := pdfStyle{font: fontItalic, size: linkLabelSize, color: pdfMuted}
	const pad = 0.4
	mid := pathMidpoint(path)
	// The direction of the arrow at its middle, and the normal to it that
	// points up (or right).
	a, b := path[0], path[len(path)-1]
	for i := 1; i < len(path); i++ {
		seg := pdfRect{min(path[i-1].x, path[i].x) - 0.01, min(path[i-1].y, path[i].y) - 0.01,
			math.Abs(path[i].x-path[i-1].x) + 0.02, math.Abs(path[i].y-path[i-1].y) + 0.02}
		if seg.contains(mid) {
			a, b = path[i-1], path[i]
			break
		}
	}
	ux, uy := b.x-a.x, b.y-a.y
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
	boxOf := func(lines []pdfLine, side float64) pdfRect {
		bw, bh := linesWidth(lines), 0.0
		for _, l := range lines {
			bh += l.height()
		}
		bw, bh = bw+2*pad, bh+pad
		c := mid
		if side != 0 {
			reach := math.Abs(nx)*bw/2 + math.Abs(ny)*bh/2 + 0.7
			c = pdfPt{mid.x + side*nx*reach, mid.y + side*ny*reach}
		}
		r := pdfRect{c.x - bw/2, c.y - bh/2, bw, bh}
		r.x = min(max(r.x, area.x), area.x+area.w-r.w)
		r.y = min(max(r.y, area.y), area.y+area.h-r.h)
		return r
	}
	free := func(r pdfRect) bool {
		for _, t := range taken {
			if r.overlaps(t) {
				return false
			}
		}
		return true
	}
	best, box := layouts[0], boxOf(layouts[0], 0)
search:
	for _, side := range []float64{1, -1, 0} {
		for _, lines := range layouts {
			if r := boxOf(lines, side); free(r) {
				best, box = lines, r
				break search
			}
		}
	}
	d.fillColor(pdfWhite)
	d.pdf.RoundedRect(box.x, box.y, box.w, box.h, 0.8, "1234", "F")
	y := box.y + pad/2
	for _, l := range best {
		d.drawLine(l, box.x+(box.w-l.w)/2, y+l.ascent())
		y += l.height()
	}
	return box
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
	rad := min(1.6, r.w/8, r.h/8)
	band := cardBand(r)
	d.fillColor(colour.Tint(hue, 0.14))
	d.pdf.RoundedRect(r.x, r.y, r.w, r.h, rad, "1234", "F")
	d.fillColor(hue)
	d.pdf.RoundedRectExt(r.x, r.y, r.w, band, rad, rad, 0, 0, "F")
	d.drawColor(colour.Shade(hue, 0.88))
	d.pdf.SetLineWidth(0.3)
	d.pdf.RoundedRect(r.x, r.y, r.w, r.h, rad, "1234", "D")

	// The band: tag at the left; initials, votes and number at the right.
	on := colour.BestContrast(hue, pdfWhite, pdfInk) // the document's ink, not black
	tagSize := min(6.5, max(4.5, band/ptMM*0.62))
	tagSt := pdfStyle{font: fontBold, size: tagSize, color: on}
	base := r.y + band/2 + tagSize*ptMM*0.36
	inset := 1.4
	right := r.x + r.w - inset
	num := d.oneLine(strconv.Itoa(c.n), tagSt, r.w)
	d.drawLine(num, right-num.w, base)
	right -= num.w + 1.6
	tag := d.oneLine(c.f.Category.Short(), tagSt, r.w)
	room := right - (r.x + inset + tag.w + 1.5)
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
				l := d.oneLine(label, tagSt, r.w)
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
		l := d.oneLine(in, pdfStyle{font: fontRegular, size: tagSize, color: on}, r.w)
		if l.w <= room {
			d.drawLine(l, right-l.w, base)
		}
	}
	if tag.w <= r.w-2*inset {
		d.drawLine(tag, r.x+inset, base)
	}

	// The text at the size sizeCardText chose; cut with "…" if it must be.
	tx, ty, tw, th := cardText(r)
	if tw <= 1 || th <= 1 {
		return
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
		d.drawLine(l, tx, y+l.ascent())
		y += l.height()
	}
}

// cardBand is the height of a card's coloured band, mm.
func cardBand(r pdfRect) float64 { return min(3.6, r.h*0.28) }

// cardText is the room for a card's text, mm.
func cardText(r pdfRect) (x, y, w, h float64) {
	band := cardBand(r)
	return r.x + 1.5, r.y + band + 1.1, r.w - 3, r.h - band - 2
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
			d.arrow([]pdfPt{{x, base - 1}, {x + 8, base - 1}})
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
	var msg string
	if n > maxMapCards {
		msg = fmt.Sprintf("This board has %d factors: too many to draw legibly on one page. They are listed by category on the following pages.", n)
		d.note = fmt.Sprintf("The board is too dense for one page (%d factors); the factor map shows where they sit, and the factors are listed by category.", n)
	} else {
		msg = fmt.Sprintf("This board is too large to draw legibly on one page: its %s would be too small to read. They are listed by category on the following pages.", pdfPlural(n, "card", "cards"))
		d.note = "The board is too large to draw legibly on one page; the factor map shows where the factors sit, and they are listed by category."
	}
	bs := pdfBoxStyle{fill: pdfGrey(0xf3), border: pdfGrey(0xbb), pad: 3.5}
	d.y += 1
	d.box(d.textRows(d.paragraph([]pdfSpan{spanBody(msg)}, d.width()-2*bs.pad), 0), bs)
	d.y += 4
	area := pdfRect{d.left(), d.y, d.width(), d.bottom - legendH - 4 - d.y}
	b := boardBounds(cards, nil).inflate(0)
	s := min(area.w/b.w, area.h/b.h)
	ox := area.x + (area.w-b.w*s)/2 - b.x*s
	oy := area.y + (area.h-b.h*s)/2 - b.y*s
	d.pdf.SetLineWidth(0.1)
	for _, c := range cards {
		r := pdfRect{ox + c.r.x*s, oy + c.r.y*s, c.r.w * s, c.r.h * s}
		hue := c.f.Category.RGB()
		d.fillColor(colour.Tint(hue, 0.6))
		d.drawColor(colour.Shade(hue, 0.85))
		rad := min(0.8, r.w/4, r.h/4)
		d.pdf.RoundedRect(r.x, r.y, max(r.w, 0.2), max(r.h, 0.2), rad, "1234", "FD")
	}
	d.legend(cards, false, true)
}
