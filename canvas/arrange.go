package canvas

import (
	"cmp"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// Gaps left by the automatic arrangements, in board units.
const (
	ColumnGap = 40 // between the columns of ArrangeByCategory
	CardGap   = 24 // between neighbouring cards
)

// Skeleton captions are laid out for text of LabelTextSize board units;
// each is given a box LabelHeight tall and about 0.6·LabelTextSize per
// character wide (see Label.Rect). The Board should draw them at that size
// or smaller so that they do not run into cards.
const (
	LabelTextSize = 16
	LabelHeight   = 28
)

// Fishbone geometry, in board units.
const (
	fishSlope     = 0.5 // horizontal run of a bone per unit of its rise
	fishSpineGap  = 40  // between the spine and the nearest row of cards
	fishBoneGap   = 16  // between a bone and the cards stacked beside it
	fishBayGap    = 48  // between a bone and the next bay's cards
	fishBoneTip   = 24  // bone left above (below) the furthest row of cards
	fishMinRise   = 160 // shortest bone, measured across the spine
	fishLabelGap  = 8   // between a bone's end and its caption
	fishLabelSep  = 24  // between neighbouring bone captions
	fishHeadGap   = 60  // between the last bone and the head
	fishTail      = 24  // spine left of the leftmost card or bone
	fishEmpty     = 480 // spine length when there are no bones
	fishExtrasGap = 60  // between the fish and the went-well/lucky rows
	fishGroupGap  = 40  // between the went-well and lucky groups
	fishHeadW     = 260 // smallest head box
	fishHeadH     = 160 // (its height)
	fishHeadWideW = 360 // head box for long titles
	fishHeadMaxH  = 400 // tallest head box
	fishMaxRows   = 8   // most rows of cards beside one bone
	labelCharW    = 0.6 * LabelTextSize
	headPad       = 24 // head text inset from the box edge
)

// Skeleton is the drawing behind a fishbone arrangement, in board
// coordinates. The zero Skeleton draws nothing.
type Skeleton struct {
	Spine    Segment // A is the tail (left end), B meets the head
	Head     Rect    // the box that holds the setback's title, at the right end of the spine
	HeadText string
	Bones    []Bone
	Extras   []Label // captions such as "Went well" / "Lucky" above the extra row(s)
}

// Bone is one category's slanted line, joining the spine. Line.A is the
// bone's outer end, where its caption sits, and Line.B lies on the spine.
type Bone struct {
	Category model.Category
	Line     Segment
	Label    Label
}

// Label is a caption drawn on the board.
type Label struct {
	Text string
	At   Point // the caption's top-left
}

// Rect is the box the caption was given: LabelHeight tall and an estimated
// width for its text at LabelTextSize.
func (l Label) Rect() Rect {
	return Rect{X: l.At.X, Y: l.At.Y, W: labelWidth(l.Text), H: LabelHeight}
}

// Bounds is the bounding box of the spine, head, bones and captions
// (captions counted by Label.Rect). It is the zero Rect for an empty
// skeleton.
func (s Skeleton) Bounds() Rect {
	if s.Empty() {
		return Rect{}
	}
	e := extentOf(s.Head)
	e = e.grow(pointBox(s.Spine.A)).grow(pointBox(s.Spine.B))
	for _, b := range s.Bones {
		e = e.grow(pointBox(b.Line.A)).grow(pointBox(b.Line.B)).grow(b.Label.Rect())
	}
	for _, l := range s.Extras {
		e = e.grow(l.Rect())
	}
	return e.rect()
}

// Empty reports whether the skeleton has no spine, as the zero value.
func (s Skeleton) Empty() bool { return s.Spine == Segment{} }

// move shifts the whole skeleton so that from lands on to.
func (s *Skeleton) move(from, to Point) {
	m := func(p Point) Point { return movePt(p, from, to) }
	s.Spine = Segment{A: m(s.Spine.A), B: m(s.Spine.B)}
	hp := m(Point{X: s.Head.X, Y: s.Head.Y})
	s.Head.X, s.Head.Y = hp.X, hp.Y
	for i := range s.Bones {
		b := &s.Bones[i]
		b.Line = Segment{A: m(b.Line.A), B: m(b.Line.B)}
		b.Label.At = m(b.Label.At)
	}
	for i := range s.Extras {
		s.Extras[i].At = m(s.Extras[i].At)
	}
}

// ArrangeByCategory places cards in one column per category, in
// model.Categories() order (only categories that have cards; unknown
// categories follow, by name), cards in a column ordered by their current
// Y then X then ID. The top-left of the arrangement is the top-left of the
// current bounding box of the cards (0,0 if none). Gap between columns
// ColumnGap, between cards CardGap. Column width is the widest card in it.
// W and H are kept. Returns copies in the same order as the input, only X
// and Y changed; nil for no cards. The input is not modified.
func ArrangeByCategory(fs []model.Factor) []model.Factor {
	if len(fs) == 0 {
		return nil
	}
	origin := cardsTopLeft(fs)
	out := slices.Clone(fs)
	x := origin.X
	for _, g := range groupByCategory(out) {
		y, width := origin.Y, 0.0
		for _, i := range g.cards {
			out[i].X, out[i].Y = x, y
			y += nonNeg(out[i].H) + CardGap
			width = math.Max(width, nonNeg(out[i].W))
		}
		x += width + ColumnGap
	}
	return out
}

// ArrangeFishbone places cards as an Ishikawa (fishbone) diagram and
// returns copies of them (same order as the input, only X and Y changed;
// nil for no cards) and the skeleton to draw. The input is not modified.
//
// The setback, head, is the head on the right; a horizontal spine runs
// left from it. Each cause category that has cards (every category but
// went-well and lucky) gets a bone, in model.Categories() order from the
// tail towards the head, alternating above and below the spine. Bones lean
// towards the head: a bone's outer end, where its caption sits, is further
// left than where it meets the spine. A bone's cards are stacked in rows
// just left of it, each row shifted to follow the slant, in up to eight
// rows and as many columns as needed, so that no card crosses the spine,
// a bone or another card. Went-well and lucky cards are not causes: they
// go in rows below the fish, each group under a caption in
// Skeleton.Extras. Within each group cards keep their reading order (by
// current Y, then X, then ID), filling the column beside the bone first.
//
// The top-left of the whole diagram is the top-left of the cards' current
// bounding box (0,0 if none). With no cards the skeleton has just a spine
// and a head.
func ArrangeFishbone(fs []model.Factor, head string) ([]model.Factor, Skeleton) {
	origin := cardsTopLeft(fs)
	var out []model.Factor
	if len(fs) > 0 {
		out = slices.Clone(fs)
	}
	var bays []*fishBay
	var extras []catGroup
	for _, g := range groupByCategory(out) {
		if g.cat == model.WentWell || g.cat == model.Lucky {
			extras = append(extras, g)
		} else {
			bays = append(bays, newFishBay(out, g))
		}
	}

	// Every bone has the same length, enough for the deepest bay.
	rise := float64(fishMinRise)
	for _, b := range bays {
		rise = math.Max(rise, b.height+fishSpineGap+fishBoneTip)
	}
	run := rise * fishSlope

	sk := Skeleton{HeadText: head}
	cause := extent{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	var (
		lastJ  [2]float64 // last junction on each side: 0 above, 1 below
		lastLW [2]float64 // its caption's width
		seen   [2]bool
	)
	headX := math.Inf(-1)
	for k, b := range bays {
		side := k % 2
		jx := 0.0
		if seen[side] {
			jx = lastJ[side] + math.Max(
				b.span()+fishBoneGap+fishBayGap,
				(lastLW[side]+b.labelW)/2+fishLabelSep)
		}
		seen[side], lastJ[side], lastLW[side] = true, jx, b.labelW
		b.place(out, jx, side == 0)
		for _, i := range b.cards {
			cause = cause.grow(factorRect(out[i]))
		}

		outer := Point{X: jx - run, Y: rise}
		lbl := Label{Text: b.cat.Label(), At: Point{X: outer.X - b.labelW/2, Y: rise + fishLabelGap}}
		if side == 0 {
			outer.Y = -rise
			lbl.At.Y = -rise - fishLabelGap - LabelHeight
		}
		sk.Bones = append(sk.Bones, Bone{Category: b.cat, Line: Segment{A: outer, B: Point{X: jx, Y: 0}}, Label: lbl})
		cause = cause.grow(pointBox(outer))
		headX = math.Max(headX, math.Max(jx+fishHeadGap, lbl.At.X+b.labelW+fishLabelSep))
	}
	tail := -float64(fishEmpty)
	if len(bays) == 0 {
		headX = 0
	} else {
		tail = cause.x0 - fishTail
	}
	hw, hh := headSize(head)
	sk.Head = Rect{X: headX, Y: -hh / 2, W: hw, H: hh}
	sk.Spine = Segment{A: Point{X: tail, Y: 0}, B: Point{X: headX, Y: 0}}

	// Went-well and lucky cards go in rows below everything else.
	fish := extentOf(sk.Bounds())
	if len(bays) > 0 {
		fish = fish.grow(cause.rect())
	}
	wrapW := math.Max(fish.x1-fish.x0, 4*(model.DefaultCardWidth+CardGap))
	y := fish.y1 + fishExtrasGap
	for _, g := range extras {
		sk.Extras = append(sk.Extras, Label{Text: g.cat.Label(), At: Point{X: fish.x0, Y: y}})
		y += LabelHeight + fishLabelGap
		x, rowH := fish.x0, 0.0
		for _, i := range g.cards {
			f := &out[i]
			if x > fish.x0 && x+nonNeg(f.W) > fish.x0+wrapW {
				x, y, rowH = fish.x0, y+rowH+CardGap, 0
			}
			f.X, f.Y = x, y
			x += nonNeg(f.W) + CardGap
			rowH = math.Max(rowH, nonNeg(f.H))
		}
		y += rowH + fishGroupGap
	}

	// Move the diagram so its top-left is where the cards' was.
	all := extentOf(sk.Bounds())
	for _, f := range out {
		all = all.grow(factorRect(f))
	}
	from := Point{X: all.x0, Y: all.y0}
	for i := range out {
		p := movePt(Point{X: out[i].X, Y: out[i].Y}, from, origin)
		out[i].X, out[i].Y = p.X, p.Y
	}
	sk.move(from, origin)
	return out, sk
}

// fishBay is one cause category's cards, laid out in rows beside its bone.
type fishBay struct {
	cat    model.Category
	cards  []int     // indices into the output, in reading order
	rows   [][]int   // top to bottom; in each, from the bone outwards
	rowW   []float64 // width of each row, gaps included
	rowH   []float64 // height of each row: its tallest card
	height float64   // all rows, gaps included
	labelW float64
}

func newFishBay(fs []model.Factor, g catGroup) *fishBay {
	b := &fishBay{cat: g.cat, cards: g.cards, labelW: labelWidth(g.cat.Label())}
	n := len(g.cards)
	// Short stacks for a few cards; for many, about twice as many columns
	// as rows, so a big category spreads along the spine, not away from it.
	nr := min(n, max(4, int(math.Ceil(math.Sqrt(float64(n)/2)))), fishMaxRows)
	b.rows = make([][]int, nr)
	b.rowW = make([]float64, nr)
	b.rowH = make([]float64, nr)
	for k, i := range g.cards {
		r := k % nr // column-major: fill the column beside the bone first
		if len(b.rows[r]) > 0 {
			b.rowW[r] += CardGap
		}
		b.rows[r] = append(b.rows[r], i)
		b.rowW[r] += nonNeg(fs[i].W)
		b.rowH[r] = math.Max(b.rowH[r], nonNeg(fs[i].H))
	}
	for _, h := range b.rowH {
		b.height += h
	}
	b.height += float64(nr-1) * CardGap
	return b
}

// span is how far along the spine the bay reaches: a row's width plus the
// shift of the slanted bone across the row's height, for the widest row.
func (b *fishBay) span() float64 {
	s := 0.0
	for r := range b.rows {
		s = math.Max(s, b.rowW[r]+b.rowH[r]*fishSlope)
	}
	return s
}

// place puts the bay's cards left of the bone that meets the spine (y = 0)
// at x = jx, above the spine when top is set and below it otherwise. Each
// row ends fishBoneGap short of the bone at the row's outer edge, where
// the slanted bone is furthest left.
func (b *fishBay) place(fs []model.Factor, jx float64, top bool) {
	y := float64(fishSpineGap)
	if top {
		y = -fishSpineGap - b.height
	}
	for r, row := range b.rows {
		rowTop, rowBottom := y, y+b.rowH[r]
		far := rowBottom // distance of the row's outer edge from the spine
		if top {
			far = -rowTop
		}
		x := jx - far*fishSlope - fishBoneGap
		for _, i := range row {
			f := &fs[i]
			x -= nonNeg(f.W)
			f.X, f.Y = x, rowTop
			if top { // rows above the spine sit on their spine side
				f.Y = rowBottom - nonNeg(f.H)
			}
			x -= CardGap
		}
		y = rowBottom + CardGap
	}
}

// catGroup is the cards of one category, by index, in reading order.
type catGroup struct {
	cat   model.Category
	cards []int
}

// groupByCategory groups cards by category in display order (unknown
// categories last, by name), each group sorted by Y, then X, then ID.
func groupByCategory(fs []model.Factor) []catGroup {
	rank := make(map[model.Category]int)
	for i, c := range model.Categories() {
		rank[c] = i
	}
	byCat := make(map[model.Category][]int)
	var cats []model.Category
	for i, f := range fs {
		if _, ok := byCat[f.Category]; !ok {
			cats = append(cats, f.Category)
		}
		byCat[f.Category] = append(byCat[f.Category], i)
	}
	slices.SortFunc(cats, func(a, b model.Category) int {
		ra, oka := rank[a]
		rb, okb := rank[b]
		switch {
		case oka && okb:
			return cmp.Compare(ra, rb)
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		}
		return cmp.Compare(a, b)
	})
	groups := make([]catGroup, len(cats))
	for k, c := range cats {
		idx := byCat[c]
		slices.SortStableFunc(idx, func(i, j int) int {
			a, b := fs[i], fs[j]
			if c := cmp.Compare(a.Y, b.Y); c != 0 {
				return c
			}
			if c := cmp.Compare(a.X, b.X); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		groups[k] = catGroup{c, idx}
	}
	return groups
}

// cardsTopLeft is the top-left corner of the cards' bounding box, or the
// origin when there are none.
func cardsTopLeft(fs []model.Factor) Point {
	if len(fs) == 0 {
		return Point{}
	}
	p := Point{X: math.Inf(1), Y: math.Inf(1)}
	for _, f := range fs {
		p.X, p.Y = math.Min(p.X, f.X), math.Min(p.Y, f.Y)
	}
	return p
}

// headSize is the head box for a title: at least fishHeadW×fishHeadH,
// wider and then taller for long titles, which the Board wraps.
func headSize(title string) (w, h float64) {
	w = fishHeadW
	text := labelWidth(title)
	if text > 3*(w-2*headPad) {
		w = fishHeadWideW
	}
	lines := math.Ceil(text / (w - 2*headPad))
	h = math.Min(math.Max(fishHeadH, lines*LabelTextSize*1.3+2*headPad), fishHeadMaxH)
	return w, h
}

// labelWidth estimates the width of a caption at LabelTextSize.
func labelWidth(s string) float64 {
	return float64(utf8.RuneCountInString(s)) * labelCharW
}

// nonNeg treats a negative or NaN card dimension as zero.
func nonNeg(v float64) float64 {
	if v > 0 {
		return v
	}
	return 0
}

func factorRect(f model.Factor) Rect { return Rect{X: f.X, Y: f.Y, W: nonNeg(f.W), H: nonNeg(f.H)} }

func pointBox(p Point) Rect { return Rect{X: p.X, Y: p.Y, W: 0, H: 0} }

// movePt shifts p by to−from, computed so that from lands exactly on to.
func movePt(p, from, to Point) Point {
	return Point{X: to.X + (p.X - from.X), Y: to.Y + (p.Y - from.Y)}
}
