package export

import (
	"math"
	"slices"
	"sort"

	"github.com/debrief-app/debrief/app/model/geom"
)

// The paths of the factor map's arrows: routed on the board around the
// other cards and clipped to the edges of the cards they link, then, on
// the page, shortened and measured.

// routeLink finds the path of an arrow from card a to card b: straight if
// that crosses no other card, else the first of a few curves, bowing more
// and more to either side, that crosses none, else the shortest path of
// straight pieces at right angles that crosses none, else straight after
// all. It runs from the edge of a to the edge of b; nil when the cards
// overlap too much to draw an arrow.
func routeLink(a, b *mapCard, cards []*mapCard) []geom.Point {
	ca, cb := a.r.Center(), b.r.Center()
	dx, dy := cb.X-ca.X, cb.Y-ca.Y
	dist := math.Hypot(dx, dy)
	if dist == 0 {
		return nil
	}
	nx, ny := -dy/dist, dx/dist
	var others []geom.Rect
	m := 0.04 * min(a.r.W, a.r.H, b.r.W, b.r.H)
	for _, c := range cards {
		if c != a && c != b {
			others = append(others, c.r.Inset(m))
		}
	}
	clear := func(path []geom.Point) bool {
		for i := 1; i < len(path); i++ {
			for _, o := range others {
				if o.Crosses(path[i-1], path[i]) {
					return false
				}
			}
		}
		return true
	}
	var first []geom.Point
	for _, k := range []float64{0, 0.3, -0.3, 0.6, -0.6, 0.9, -0.9} {
		ctrl := geom.Point{X: (ca.X+cb.X)/2 + nx*k*dist, Y: (ca.Y+cb.Y)/2 + ny*k*dist}
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
	var best []geom.Point
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
func rightAngleRoutes(a, b geom.Rect, cards []*mapCard, m float64) [][]geom.Point {
	ca, cb := a.Center(), b.Center()
	side := func(v float64) float64 {
		if v < 0 {
			return -1
		}
		return 1
	}
	// Where a path leaves (or enters) r through its top or bottom edge,
	// heading for height y, or through its left or right edge, heading
	// for x; toward is where the path goes along the edge.
	vEdge := func(r geom.Rect, y, toward float64) (geom.Point, bool) {
		c := r.Center()
		x := c.X + side(toward-c.X)*r.W/4
		switch {
		case y >= r.Y+r.H:
			return geom.Point{X: x, Y: r.Y + r.H}, true
		case y <= r.Y:
			return geom.Point{X: x, Y: r.Y}, true
		}
		return geom.Point{}, false
	}
	hEdge := func(r geom.Rect, x, toward float64) (geom.Point, bool) {
		c := r.Center()
		y := c.Y + side(toward-c.Y)*r.H/4
		switch {
		case x >= r.X+r.W:
			return geom.Point{X: r.X + r.W, Y: y}, true
		case x <= r.X:
			return geom.Point{X: r.X, Y: y}, true
		}
		return geom.Point{}, false
	}
	var routes [][]geom.Point
	// Down (or up), then across into b's side.
	if q, ok := hEdge(b, ca.X+side(cb.X-ca.X)*a.W/4, ca.Y); ok {
		if p, ok := vEdge(a, q.Y, cb.X); ok {
			routes = append(routes, []geom.Point{p, {X: p.X, Y: q.Y}, q})
		}
	}
	// Across, then down (or up) into b's top or bottom.
	if q, ok := vEdge(b, ca.Y+side(cb.Y-ca.Y)*a.H/4, ca.X); ok {
		if p, ok := hEdge(a, q.X, cb.Y); ok {
			routes = append(routes, []geom.Point{p, {X: q.X, Y: p.Y}, q})
		}
	}
	// Through a gap between rows, or between columns.
	var ys, xs []float64
	for _, c := range cards {
		ys = append(ys, c.r.Y, c.r.Y+c.r.H)
		xs = append(xs, c.r.X, c.r.X+c.r.W)
	}
	for _, y := range gaps(ys, 4*m) {
		p, ok1 := vEdge(a, y, cb.X)
		q, ok2 := vEdge(b, y, ca.X)
		if ok1 && ok2 {
			routes = append(routes, []geom.Point{p, {X: p.X, Y: y}, {X: q.X, Y: y}, q})
		}
	}
	for _, x := range gaps(xs, 4*m) {
		p, ok1 := hEdge(a, x, cb.Y)
		q, ok2 := hEdge(b, x, ca.Y)
		if ok1 && ok2 {
			routes = append(routes, []geom.Point{p, {X: x, Y: p.Y}, {X: x, Y: q.Y}, q})
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
func pathLength(path []geom.Point) float64 {
	l := 0.0
	for i := 1; i < len(path); i++ {
		l += math.Hypot(path[i].X-path[i-1].X, path[i].Y-path[i-1].Y)
	}
	return l
}

// clipCurve is the quadratic curve from p0 through control c to p2 as a
// line of points, less the parts inside a (at its start) and b (at its end).
func clipCurve(p0, c, p2 geom.Point, a, b geom.Rect) []geom.Point {
	const n = 40
	at := func(t float64) geom.Point {
		u := 1 - t
		return geom.Point{X: u*u*p0.X + 2*u*t*c.X + t*t*p2.X, Y: u*u*p0.Y + 2*u*t*c.Y + t*t*p2.Y}
	}
	// bisect finds where the curve crosses r's edge between t0 (inside
	// when in is true) and t1.
	bisect := func(t0, t1 float64, r geom.Rect) float64 {
		for i := 0; i < 30; i++ {
			mid := (t0 + t1) / 2
			if r.StrictlyContains(at(mid)) {
				t0 = mid
			} else {
				t1 = mid
			}
		}
		return (t0 + t1) / 2
	}
	i0 := -1
	for i := 0; i <= n; i++ {
		if !a.StrictlyContains(at(float64(i) / n)) {
			i0 = i
			break
		}
	}
	i1 := -1
	for i := n; i >= 0; i-- {
		if !b.StrictlyContains(at(float64(i) / n)) {
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
	path := []geom.Point{at(ts)}
	for i := i0; i <= i1; i++ {
		if t := float64(i) / n; t > ts && t < te {
			path = append(path, at(t))
		}
	}
	path = append(path, at(te))
	for _, p := range path[1 : len(path)-1] {
		if a.StrictlyContains(p) || b.StrictlyContains(p) {
			return nil // the curve goes back into a card it links
		}
	}
	return path
}

// trimPath shortens a path by length at its end.
func trimPath(path []geom.Point, length float64) []geom.Point {
	out := append([]geom.Point(nil), path...)
	for len(out) >= 2 && length > 0 {
		p, q := out[len(out)-2], out[len(out)-1]
		seg := math.Hypot(q.X-p.X, q.Y-p.Y)
		if seg > length {
			f := (seg - length) / seg
			out[len(out)-1] = geom.Point{X: p.X + (q.X-p.X)*f, Y: p.Y + (q.Y-p.Y)*f}
			return out
		}
		length -= seg
		out = out[:len(out)-1]
	}
	return out
}

// pathMidpoint is the point halfway along a path.
func pathMidpoint(path []geom.Point) geom.Point {
	total := 0.0
	for i := 1; i < len(path); i++ {
		total += math.Hypot(path[i].X-path[i-1].X, path[i].Y-path[i-1].Y)
	}
	half := total / 2
	for i := 1; i < len(path); i++ {
		seg := math.Hypot(path[i].X-path[i-1].X, path[i].Y-path[i-1].Y)
		if seg >= half && seg > 0 {
			f := half / seg
			return geom.Point{X: path[i-1].X + (path[i].X-path[i-1].X)*f, Y: path[i-1].Y + (path[i].Y-path[i-1].Y)*f}
		}
		half -= seg
	}
	return path[len(path)-1]
}
