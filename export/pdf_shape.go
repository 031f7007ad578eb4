package export

import (
	"math"
	"slices"
	"sort"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/geom"
)

// What arrangement a board is in, read from where its cards sit: the
// board's fishbone drawing is view state that nobody stores (see
// model.Change.View), so the cards' places are all an export has.

type boardShape int

const (
	shapeFree     boardShape = iota // cards where people put them
	shapeColumns                    // one column per category (Arrange ▸ By category)
	shapeFishbone                   // Arrange ▸ As a fishbone
)

func (s boardShape) String() string {
	return [...]string{"free", "columns", "fishbone"}[s]
}

// cause reports whether a category is a cause, with a bone on a fishbone.
func cause(c model.Category) bool { return c != model.WentWell && c != model.Lucky }

// shapeOf reads a board's arrangement. A fishbone, as the board arranges
// one: a horizontal spine no card crosses, each cause category's cards all
// on one side of it, the categories alternating above and below in the
// categories' order, at least one on each side, and the went-well and
// lucky cards below every cause. Columns: each category's cards share a
// left edge, a different one for each category, stacked without overlap,
// two or more in some column.
func shapeOf(cards []*mapCard) boardShape {
	if isFishbone(cards) {
		return shapeFishbone
	}
	if isColumns(cards) {
		return shapeColumns
	}
	return shapeFree
}

func isFishbone(cards []*mapCard) bool {
	var causes []*mapCard
	extrasTop := math.Inf(1)
	for _, c := range cards {
		if cause(c.f.Category) {
			causes = append(causes, c)
		} else {
			extrasTop = min(extrasTop, c.r.Y)
		}
	}
	if len(causes) < 2 {
		return false
	}
	// The spine lies in the widest horizontal gap between the causes.
	type span struct{ a, b float64 }
	var ss []span
	for _, c := range causes {
		ss = append(ss, span{c.r.Y, c.r.Bottom()})
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].a < ss[j].a })
	spine, gap := 0.0, 0.0
	reach := ss[0].b
	for _, s := range ss[1:] {
		if s.a-reach > gap {
			gap, spine = s.a-reach, (s.a+reach)/2
		}
		reach = max(reach, s.b)
	}
	if gap <= 0 {
		return false
	}
	side := map[model.Category]int{} // 1 above, 2 below
	for _, c := range causes {
		s := 1
		if c.r.Y > spine {
			s = 2
		}
		if side[c.f.Category] != 0 && side[c.f.Category] != s {
			return false
		}
		side[c.f.Category] = s
	}
	var order []model.Category
	for _, cat := range pdfCategoryOrder(nil) {
		if cause(cat) && side[cat] != 0 {
			order = append(order, cat)
		}
	}
	for _, c := range causes {
		if !slices.Contains(order, c.f.Category) {
			order = append(order, c.f.Category) // unknown categories: by name, last
		}
	}
	for k, cat := range order {
		if side[cat] != 1+k%2 {
			return false
		}
	}
	below := 0.0
	for _, c := range causes {
		below = max(below, c.r.Bottom())
	}
	return len(order) >= 2 && extrasTop >= below
}

func isColumns(cards []*mapCard) bool {
	left := map[model.Category]float64{}
	cols := map[float64]model.Category{}
	byCat := map[model.Category][]geom.Rect{}
	for _, c := range cards {
		x := math.Round(c.r.X)
		if l, ok := left[c.f.Category]; ok && l != x {
			return false
		}
		if cat, ok := cols[x]; ok && cat != c.f.Category {
			return false
		}
		left[c.f.Category], cols[x] = x, c.f.Category
		byCat[c.f.Category] = append(byCat[c.f.Category], c.r)
	}
	stacked := false // a row of lone cards is no columns
	for _, rs := range byCat {
		sort.Slice(rs, func(i, j int) bool { return rs[i].Y < rs[j].Y })
		for i := 1; i < len(rs); i++ {
			if rs[i].Y < rs[i-1].Bottom() {
				return false
			}
		}
		stacked = stacked || len(rs) > 1
	}
	return stacked
}

// clusters groups a free board's cards by where they sit: two cards are in
// the same group when the gap between them is under half a card's width
// (the median's), chained. Groups come in reading order (by their top,
// then left, rows of groups told apart by half a median card's height),
// and the cards in each in rows, top to bottom and left to right.
func clusters(cards []*mapCard) [][]*mapCard {
	ws := make([]float64, 0, len(cards))
	hs := make([]float64, 0, len(cards))
	for _, c := range cards {
		ws = append(ws, c.r.W)
		hs = append(hs, c.r.H)
	}
	slices.Sort(ws)
	slices.Sort(hs)
	mw, mh := ws[len(ws)/2], hs[len(hs)/2]
	near := 0.5 * mw

	parent := make([]int, len(cards))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Sweep in x so only cards that could be near are compared.
	idx := make([]int, len(cards))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return cards[idx[a]].r.X < cards[idx[b]].r.X })
	for a := 0; a < len(idx); a++ {
		ra := cards[idx[a]].r
		for b := a + 1; b < len(idx); b++ {
			rb := cards[idx[b]].r
			if rb.X > ra.Right()+near {
				break
			}
			dx := max(0, rb.X-ra.Right(), ra.X-rb.Right())
			dy := max(0, rb.Y-ra.Bottom(), ra.Y-rb.Bottom())
			if dx < near && dy < near {
				parent[find(idx[a])] = find(idx[b])
			}
		}
	}
	groups := map[int][]*mapCard{}
	var roots []int
	for i, c := range cards {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], c)
	}
	out := make([][]*mapCard, 0, len(roots))
	for _, r := range roots {
		out = append(out, readingOrder(groups[r], mh))
	}
	box := func(g []*mapCard) geom.Rect {
		b := g[0].r
		for _, c := range g[1:] {
			b = b.Union(c.r)
		}
		return b
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := box(out[i]), box(out[j])
		if math.Abs(a.Y-b.Y) > mh/2 {
			return a.Y < b.Y
		}
		return a.X < b.X
	})
	return out
}

// readingOrder sorts cards into rows (a card starts a new row when its top
// is more than half of rowH below the row's first) and each row by x.
func readingOrder(cards []*mapCard, rowH float64) []*mapCard {
	cs := slices.Clone(cards)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].r.Y < cs[j].r.Y })
	var out []*mapCard
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].r.Y-cs[i].r.Y <= rowH/2 {
			j++
		}
		row := cs[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].r.X < row[b].r.X })
		out = append(out, row...)
		i = j
	}
	return out
}

// clusterColumns is how many columns a group's cards stood in, roughly:
// its width over the median card's width plus a gap.
func clusterColumns(g []*mapCard) int {
	b := g[0].r
	ws := []float64{}
	for _, c := range g {
		b = b.Union(c.r)
		ws = append(ws, c.r.W)
	}
	slices.Sort(ws)
	mw := ws[len(ws)/2]
	return max(1, min(len(g), int(math.Round((b.W+0.15*mw)/(1.15*mw)))))
}
