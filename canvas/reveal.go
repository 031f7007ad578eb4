package canvas

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/debrief-app/debrief/app/model"
)

// Cards written in the room are face down until revealed: the board holds
// them apart (b.faceDown), draws none of them and counts them per
// category. Hidden cards are not held at all.

// FaceDown counts the face-down cards per category.
func (b *Board) FaceDown() map[model.Category]int {
	n := map[model.Category]int{}
	for _, f := range b.faceDown {
		n[f.Category]++
	}
	return n
}

// PendingVotes counts the votes cast in the room on the cards shown and
// not shown yet (votes go only to revealed cards).
func (b *Board) PendingVotes() int {
	n := 0
	for _, f := range b.factors {
		n += f.Pending
	}
	return n
}

// FaceDownCount is the number of face-down cards.
func (b *Board) FaceDownCount() int { return len(b.faceDown) }

// RevealAll turns every face-down card over at once (one undo step), each
// at a free spot in its category's column. It returns how many.
func (b *Board) RevealAll() int {
	return b.reveal("Reveal cards", b.revealOrder())
}

// RevealNext turns over one face-down card, for reading the cards out one
// by one; it returns its ID, 0 when none is left.
func (b *Board) RevealNext() int64 {
	ids := b.revealOrder()
	if len(ids) == 0 || b.reveal("Reveal card", ids[:1]) == 0 {
		return 0
	}
	return ids[0]
}

// revealOrder is the face-down cards by category, then text: never the
// order they were written in, which could tell who wrote the last one
// (the one who came late, or typed while the others talked).
func (b *Board) revealOrder() []int64 {
	rank := map[model.Category]int{}
	for i, c := range model.Categories() {
		rank[c] = i
	}
	ids := slices.Collect(maps.Keys(b.faceDown))
	slices.SortFunc(ids, func(x, y int64) int {
		a, c := b.faceDown[x], b.faceDown[y]
		return cmp.Or(cmp.Compare(rank[a.Category], rank[c.Category]), strings.Compare(a.Text, c.Text), cmp.Compare(x, y))
	})
	return ids
}

// HideCards takes cards off the board for good as abuse (undoable): they stay
// in the database, marked hidden, and are never shown, sent or exported.
func (b *Board) HideCards(ids ...int64) {
	b.finishEdit(true)
	b.editCards("Hide card", ids, "", func(f *model.Factor) bool {
		f.Face = model.FaceHidden
		return true
	})
}

func (b *Board) reveal(name string, ids []int64) int {
	if b.readOnly || b.owner == nil || len(ids) == 0 {
		return 0
	}
	b.finishEdit(true)
	before, after := newSnapshot(), newSnapshot()
	var placed []Rect
	for _, id := range ids {
		f, ok := b.faceDown[id]
		if !ok {
			continue
		}
		n := *f
		n.Face = model.FaceUp
		b.maxZ++
		n.Z = b.maxZ
		b.growToFit(&n)
		r := b.spotInColumn(n.Category, n.W, n.H, placed)
		n.X, n.Y = r.X, r.Y
		placed = append(placed, r)
		before.factors[id], after.factors[id] = f, &n
	}
	if len(after.factors) == 0 {
		return 0
	}
	b.commit(name, before, after, nil, nil, "")
	b.setSelection(slices.Collect(maps.Keys(after.factors)), false)
	size := b.Size()
	view := b.vp.Visible(size.Width, size.Height)
	for _, r := range placed {
		if !view.Contains(Point{X: r.X, Y: r.Y}) || !view.Contains(Point{X: r.X + r.W, Y: r.Y + r.H}) { // the group should see what was just turned over
			b.zoomToFit()
			b.stateChanged()
			break
		}
	}
	return len(after.factors)
}

// spotInColumn is the first free place, from the top down, in the column
// where the board's cards of category c are (a new column right of every
// card when there are none), avoiding the cards on the board and taken.
func (b *Board) spotInColumn(c model.Category, w, h float64, taken []Rect) Rect {
	const gap = CardGap
	var xs []float64
	top, right, top0 := math.Inf(1), math.Inf(-1), math.Inf(1)
	for _, f := range b.factors {
		right = math.Max(right, f.X+f.W)
		top0 = math.Min(top0, f.Y)
		if f.Category == c {
			xs = append(xs, f.X)
			top = math.Min(top, f.Y)
		}
	}
	for _, r := range taken {
		right = math.Max(right, r.X+r.W)
		top0 = math.Min(top0, r.Y)
	}
	var x float64
	switch {
	case len(xs) > 0: // the column's most common left edge
		slices.Sort(xs)
		x = mode(xs)
	case math.IsInf(right, -1):
		x, top = 0, 0
	default:
		x, top = right+ColumnGap, top0
	}
	if len(xs) == 0 {
		for _, r := range taken { // a column this reveal already started
			if r.X >= x-1 && r.X <= x+1 {
				top = math.Min(top, r.Y)
			}
		}
	}
	var hits []int64
	for k := 0; k < 10_000; k++ {
		r := Rect{X: x, Y: top + float64(k)*(h+gap)/2, W: w, H: h}
		hits = b.index.Query(r.Inset(gap/2-1), hits)
		if len(hits) > 0 || slices.ContainsFunc(taken, func(t Rect) bool { return t.Inset(gap/2 - 1).Intersects(r) }) {
			continue
		}
		return r
	}
	return Rect{X: x, Y: top, W: w, H: h}
}

// mode is the most common value of sorted xs (the smallest of a tie).
func mode(xs []float64) float64 {
	best, bestN := xs[0], 0
	for i := 0; i < len(xs); {
		j := i
		for j < len(xs) && xs[j] == xs[i] {
			j++
		}
		if j-i > bestN {
			best, bestN = xs[i], j-i
		}
		i = j
	}
	return best
}
