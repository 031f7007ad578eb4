package geom

import (
	"container/heap"
	"math"
	"slices"
)

// The right-angle router of the factor map (the PDF's, in mm) and of the
// board's whole view (in screen units): arrows that run through the
// channels between cards and never over one. It routes on a grid whose
// lines run just outside every card, through the middle of every channel
// and through the points where arrows leave and enter cards; a line
// crosses no card between two neighbouring free points of the grid, so a
// path of such steps crosses none.

// The router's distances, in its unit (a millimetre on the PDF's page).
const (
	gridClear   = 1.6 // between an arrow and a card it passes
	gridBend    = 6.0 // an arrow would rather run this far than turn once
	gridShared  = 3.0 // cost per unit of running along an earlier arrow
	gridPortUse = 12  // an arrow would rather run this far than share a port
	gridPortOut = 3.6 // from a card to where its arrows turn
	gridFacing  = 2.5 // kept off either end of a shared span
)

// Router routes arrows between the cards of one page or screen.
type Router struct {
	// Along are heights arrows should cross, not run along (the
	// fishbone's spine): running within AlongGap of one costs ten times.
	Along    []float64
	AlongGap float64

	unit     float64
	cards    []Rect // the cards, as drawn
	block    []Rect // what arrows must not touch: cards and captions, grown a little
	xs, ys   []float64
	free     []bool // by node: i*len(ys)+j
	used     map[[2]int]bool
	portUsed map[Point]int
}

// NewRouter prepares to route around cards and other things (captions,
// the fishbone's head) inside area, arrows between the pairs of cards in
// pairs. unit scales its distances: 1 for millimetres on a page.
func NewRouter(area Rect, cards, others []Rect, pairs [][2]Rect, unit float64) *Router {
	if !(unit > 0) {
		unit = 1
	}
	g := &Router{cards: cards, used: map[[2]int]bool{}, portUsed: map[Point]int{}, unit: unit}
	clearance, portOut, inset := gridClear*unit, gridPortOut*unit, gridFacing*unit // in the caller's unit
	var xs, ys []float64
	add := func(r Rect, ports bool) {
		g.block = append(g.block, r.Inset(clearance*0.6))
		xs = append(xs, r.X-clearance, r.Right()+clearance, r.X+r.W/2)
		ys = append(ys, r.Y-clearance, r.Bottom()+clearance, r.Y+r.H/2)
		if ports {
			xs = append(xs, r.X+r.W/4, r.X+3*r.W/4, r.X-portOut, r.Right()+portOut)
			ys = append(ys, r.Y+r.H/4, r.Y+3*r.H/4, r.Y-portOut, r.Bottom()+portOut)
		}
	}
	for _, r := range cards {
		add(r, true)
	}
	for _, r := range others {
		add(r, false)
	}
	// Where two cards to be joined face each other, a straight arrow.
	for _, p := range pairs {
		if y, ok := facing(p[0].Y, p[0].Bottom(), p[1].Y, p[1].Bottom(), inset); ok {
			ys = append(ys, y)
		}
		if x, ok := facing(p[0].X, p[0].Right(), p[1].X, p[1].Right(), inset); ok {
			xs = append(xs, x)
		}
	}
	// The middles of the channels between things, where an arrow looks
	// best, and the edges of the area.
	xs = append(xs, area.X, area.Right())
	ys = append(ys, area.Y, area.Bottom())
	xs = append(xs, channels(g.block, true, clearance)...)
	ys = append(ys, channels(g.block, false, clearance)...)
	g.xs = clampSorted(xs, area.X, area.Right())
	g.ys = clampSorted(ys, area.Y, area.Bottom())

	g.free = make([]bool, len(g.xs)*len(g.ys))
	for i := range g.free {
		g.free[i] = true
	}
	for _, b := range g.block {
		i0, _ := slices.BinarySearch(g.xs, b.X)
		j0, _ := slices.BinarySearch(g.ys, b.Y)
		for i := i0; i < len(g.xs) && g.xs[i] <= b.Right(); i++ {
			for j := j0; j < len(g.ys) && g.ys[j] <= b.Bottom(); j++ {
				g.free[i*len(g.ys)+j] = false
			}
		}
	}
	return g
}

// channels are the middles of the gaps between the things' edges across
// (x when across is set) where nothing stands.
func channels(rs []Rect, across bool, clear float64) []float64 {
	type span struct{ a, b float64 }
	var ss []span
	for _, r := range rs {
		if across {
			ss = append(ss, span{r.X, r.Right()})
		} else {
			ss = append(ss, span{r.Y, r.Bottom()})
		}
	}
	var edges []float64
	for _, s := range ss {
		edges = append(edges, s.a, s.b)
	}
	slices.Sort(edges)
	var out []float64
	for i := 1; i < len(edges); i++ {
		if edges[i]-edges[i-1] > 2*clear {
			out = append(out, (edges[i-1]+edges[i])/2)
		}
	}
	return out
}

// clampSorted sorts vs, drops those outside lo…hi and repeats.
func clampSorted(vs []float64, lo, hi float64) []float64 {
	out := vs[:0]
	for _, v := range vs {
		if v >= lo && v <= hi {
			out = append(out, math.Round(v*1000)/1000)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// gridState is a point of the grid reached heading in a direction.
type gridState struct {
	node int
	dir  int // 0 right, 1 down, 2 left, 3 up; 4 at a start
}

type gridItem struct {
	s    gridState
	cost float64
}

type gridQueue []gridItem

func (q gridQueue) Len() int           { return len(q) }
func (q gridQueue) Less(i, j int) bool { return q[i].cost < q[j].cost }
func (q gridQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *gridQueue) Push(x any)        { *q = append(*q, x.(gridItem)) }
func (q *gridQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

var gridSteps = [4][2]int{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}

// gridPort is where an arrow leaves or enters a card: the point on its
// edge, the free point of the grid just outside it, and the direction
// from the one to the other.
type gridPort struct {
	edge, out Point
	node      int
	dir       int
}

// facing is the middle of what two spans a0…a1 and b0…b1 share, less
// inset at either end; false when they share too little.
func facing(a0, a1, b0, b1, inset float64) (float64, bool) {
	lo, hi := max(a0, b0)+inset, min(a1, b1)-inset
	return (lo + hi) / 2, lo <= hi
}

// ports are the points of a card's edges an arrow to or from card o may
// use.
func (g *Router) ports(r, o Rect) []gridPort {
	var ps []gridPort
	try := func(edge, out Point, dir int) {
		i, ok1 := slices.BinarySearch(g.xs, math.Round(out.X*1000)/1000)
		j, ok2 := slices.BinarySearch(g.ys, math.Round(out.Y*1000)/1000)
		if !ok1 || !ok2 {
			return
		}
		n := i*len(g.ys) + j
		if g.free[n] {
			ps = append(ps, gridPort{edge: edge, out: out, node: n, dir: dir})
		}
	}
	// A port a little way out first, so an arrowhead sits on a straight
	// stretch; right by the card where neighbours leave no room for that.
	fy, okY := facing(r.Y, r.Bottom(), o.Y, o.Bottom(), gridFacing*g.unit)
	fx, okX := facing(r.X, r.Right(), o.X, o.Right(), gridFacing*g.unit)
	for _, out := range []float64{gridPortOut * g.unit, gridClear * g.unit} {
		if okY {
			try(Point{X: r.Right(), Y: fy}, Point{X: r.Right() + out, Y: fy}, 0)
			try(Point{X: r.X, Y: fy}, Point{X: r.X - out, Y: fy}, 2)
		}
		if okX {
			try(Point{X: fx, Y: r.Bottom()}, Point{X: fx, Y: r.Bottom() + out}, 1)
			try(Point{X: fx, Y: r.Y}, Point{X: fx, Y: r.Y - out}, 3)
		}
		for _, f := range []float64{0.5, 0.25, 0.75} {
			x, y := r.X+r.W*f, r.Y+r.H*f
			try(Point{X: r.Right(), Y: y}, Point{X: r.Right() + out, Y: y}, 0)
			try(Point{X: x, Y: r.Bottom()}, Point{X: x, Y: r.Bottom() + out}, 1)
			try(Point{X: r.X, Y: y}, Point{X: r.X - out, Y: y}, 2)
			try(Point{X: x, Y: r.Y}, Point{X: x, Y: r.Y - out}, 3)
		}
	}
	return ps
}

// Route finds a right-angle path from card a to card b, edge to edge,
// that crosses no card: short, with few bends, apart from the arrows
// routed before it where it can be. nil when there is none.
func (g *Router) Route(a, b Rect) []Point {
	bend, portUse := gridBend*g.unit, gridPortUse*g.unit
	from, to := g.ports(a, b), g.ports(b, a)
	if len(from) == 0 || len(to) == 0 {
		return nil
	}
	ny := len(g.ys)
	pt := func(n int) Point { return Point{X: g.xs[n/ny], Y: g.ys[n%ny]} }
	target := map[int][]gridPort{}
	for _, p := range to {
		target[p.node] = append(target[p.node], p)
	}
	// Costs and the way back, by state: node*5 + dir.
	key := func(s gridState) int { return s.node*5 + s.dir }
	dist := make([]float64, len(g.free)*5)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	prev := make([]int32, len(g.free)*5)
	for i := range prev {
		prev[i] = -1
	}
	q := &gridQueue{}
	starts := map[gridState]gridPort{}
	for k, p := range from {
		s := gridState{p.node, p.dir}
		c := float64(k) * 0.001 // prefer a straight arrow, then the middle of an edge
		c += float64(g.portUsed[p.edge]) * portUse
		if c < dist[key(s)] {
			dist[key(s)] = c
			starts[s] = p
			heap.Push(q, gridItem{s, c})
		}
	}
	var end gridState
	var endPort gridPort
	best := math.Inf(1)
	for q.Len() > 0 {
		it := heap.Pop(q).(gridItem)
		if it.cost > dist[key(it.s)] || it.cost >= best {
			continue
		}
		if ps, ok := target[it.s.node]; ok {
			for _, p := range ps {
				// The last step runs into the card, opposite to p.dir.
				c := it.cost + float64(g.portUsed[p.edge])*portUse
				if it.s.dir != (p.dir+2)%4 {
					c += bend
				}
				if c < best {
					best, end, endPort = c, it.s, p
				}
			}
		}
		i, j := it.s.node/ny, it.s.node%ny
		for dir, st := range gridSteps {
			if it.s.dir != 4 && dir == (it.s.dir+2)%4 {
				continue
			}
			i2, j2 := i+st[0], j+st[1]
			if i2 < 0 || j2 < 0 || i2 >= len(g.xs) || j2 >= ny {
				continue
			}
			n2 := i2*ny + j2
			if !g.free[n2] {
				continue
			}
			p, p2 := pt(it.s.node), pt(n2)
			l := math.Abs(p2.X-p.X) + math.Abs(p2.Y-p.Y)
			c := it.cost + l
			if g.used[edgeKey(it.s.node, n2)] {
				c += l * gridShared
			}
			if p.Y == p2.Y {
				for _, y := range g.Along {
					if math.Abs(p.Y-y) < g.AlongGap {
						c += l * 10
					}
				}
			}
			if it.s.dir != 4 && dir != it.s.dir {
				c += bend
			}
			s2 := gridState{n2, dir}
			if c < dist[key(s2)] {
				dist[key(s2)] = c
				prev[key(s2)] = int32(key(it.s))
				heap.Push(q, gridItem{s2, c})
			}
		}
	}
	if math.IsInf(best, 1) {
		return nil
	}
	var nodes []int
	s := end
	for {
		nodes = append(nodes, s.node)
		p := prev[key(s)]
		if p < 0 {
			break
		}
		s = gridState{int(p) / 5, int(p) % 5}
	}
	start := starts[s]
	slices.Reverse(nodes)
	for k := 1; k < len(nodes); k++ {
		g.used[edgeKey(nodes[k-1], nodes[k])] = true
	}
	g.portUsed[start.edge]++
	g.portUsed[endPort.edge]++
	path := []Point{start.edge}
	for _, n := range nodes {
		path = append(path, pt(n))
	}
	path = append(path, endPort.edge)
	return straighten(path)
}

func edgeKey(a, b int) [2]int {
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}

// straighten drops the points of a path that lie on a straight run.
func straighten(path []Point) []Point {
	out := []Point{path[0]}
	for k := 1; k < len(path); k++ {
		p := path[k]
		if p == out[len(out)-1] {
			continue
		}
		if len(out) >= 2 {
			a, b := out[len(out)-2], out[len(out)-1]
			if (a.X == b.X && b.X == p.X) || (a.Y == b.Y && b.Y == p.Y) {
				out[len(out)-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// ClearOf reports whether a path keeps off every card but a and b.
func ClearOf(path []Point, cards []Rect, a, b Rect) bool {
	for _, c := range cards {
		if c == a || c == b {
			continue
		}
		for k := 1; k < len(path); k++ {
			if c.Crosses(path[k-1], path[k]) {
				return false
			}
		}
	}
	return true
}
