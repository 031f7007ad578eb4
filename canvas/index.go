package canvas

import (
	"cmp"
	"math"
	"slices"
)

// DefaultCell is the side of an Index grid cell, in board units, used when
// NewIndex is given no usable size. It is a little more than two default
// cards wide, so a typical viewport touches a dozen cells.
const DefaultCell = 512

// maxIndexCells is the most cells one rectangle is filed under. A rectangle
// spanning more (more than 64×64 cells) goes to the oversize list, which
// every query scans, instead of being copied into millions of buckets.
const maxIndexCells = 64 * 64

// maxCellCoord bounds cell coordinates so that absurd inputs (a tiny cell
// size with coordinates near ±1e7, NaN) still map to valid int32 keys. The
// clamp keeps the mapping monotonic, so queries stay correct.
const maxCellCoord = 1 << 30

// maxSpareBuckets caps the emptied bucket slices kept for reuse.
const maxSpareBuckets = 64

// cellKey names one grid cell: the cell holding board point (x·cell, y·cell)
// at its top-left corner.
type cellKey struct{ x, y int32 }

// cellSpan is the inclusive range of cells a rectangle is filed under.
type cellSpan struct{ x0, y0, x1, y1 int32 }

// count is the number of cells in the span.
func (s cellSpan) count() int64 {
	return (int64(s.x1) - int64(s.x0) + 1) * (int64(s.y1) - int64(s.y0) + 1)
}

// indexEntry is one card in an Index. Entries live in Index.slots and the
// buckets hold slot numbers, so a query touches no map for its candidates.
type indexEntry struct {
	id    int64
	r     Rect
	z     int
	span  cellSpan // cells the entry is filed under, when !big
	big   bool     // in Index.big rather than in the grid
	live  bool     // false for a free slot
	stamp uint32   // Index.gen of the last query that saw this entry
}

// zid is a query result before it is sorted into drawing order.
type zid struct {
	z  int
	id int64
}

// Index is a uniform-grid spatial index of card rectangles, keyed by factor ID.
//
// Each card is filed under every grid cell its rectangle touches, edges
// included; a card spanning more than 64×64 cells is kept in a separate
// list that every query checks. Query and Hit therefore cost time in
// proportion to the cards near the asked area, not to the whole board, and
// Put of a card that stays in the same cells (the usual case while it is
// dragged) only overwrites its rectangle.
//
// An Index is not safe for concurrent use, not even for concurrent queries
// (Query stamps entries to drop duplicates): the Board uses it from the UI
// goroutine only. The zero Index is not usable; call NewIndex.
type Index struct {
	cell     float64
	inv      float64 // 1 / cell
	maxCells int64   // an entry touching more cells goes to the oversize list
	slots    []indexEntry
	free     []int32 // free slot numbers
	byID     map[int64]int32
	cells    map[cellKey][]int32
	big      []int32 // slots of oversize entries
	spare    [][]int32
	gen      uint32
	found    []zid // Query's scratch, kept to avoid allocating per query

	// bounds caches the bounding box as edges, so that growing it by one
	// card is exact whatever the order of updates.
	bounds   extent
	boundsOK bool
}

// extent is a rectangle held as its four edges.
type extent struct{ x0, y0, x1, y1 float64 }

func extentOf(r Rect) extent { return extent{r.X, r.Y, r.Right(), r.Bottom()} }

// grow widens e to hold r.
func (e extent) grow(r Rect) extent {
	return extent{math.Min(e.x0, r.X), math.Min(e.y0, r.Y), math.Max(e.x1, r.Right()), math.Max(e.y1, r.Bottom())}
}

// inside reports whether r lies inside e without touching its edges, so
// that taking r away cannot shrink e.
func (e extent) inside(r Rect) bool {
	return r.X > e.x0 && r.Y > e.y0 && r.Right() < e.x1 && r.Bottom() < e.y1
}

func (e extent) rect() Rect { return Rect{X: e.x0, Y: e.y0, W: e.x1 - e.x0, H: e.y1 - e.y0} }

// NewIndex returns an empty index whose grid cells are cell board units
// square. A cell that is not a positive finite number means DefaultCell.
func NewIndex(cell float64) *Index {
	if !(cell > 0) || math.IsInf(cell, 1) {
		cell = DefaultCell
	}
	return &Index{
		cell:     cell,
		inv:      1 / cell,
		maxCells: maxIndexCells,
		byID:     make(map[int64]int32),
		cells:    make(map[cellKey][]int32),
	}
}

// maxLinkCells is the most cells a link is filed under. A link's rectangle
// is the box around both its cards, mostly empty when they are far apart:
// filing a long link under every cell of it made loading a 10,000-card
// board with 3,333 links spend most of its time filing links, and a drag
// of one of its cards re-file them all. Long links go to the oversize
// list instead, which a query scans: a few hundred boxes.
const maxLinkCells = 16

// newLinkIndex is an index for links' boxes.
func newLinkIndex() *Index {
	ix := NewIndex(0)
	ix.maxCells = maxLinkCells
	return ix
}

// reserve makes room for n more cards, so that filling an empty index
// with a whole board does not grow it step by step.
func (ix *Index) reserve(n int) {
	ix.slots = slices.Grow(ix.slots, n)
	if len(ix.byID) == 0 {
		ix.byID = make(map[int64]int32, n)
	}
}

// Len is the number of cards in the index.
func (ix *Index) Len() int { return len(ix.byID) }

// Rect returns the rectangle stored for the card, and whether it is in the
// index. A rectangle put with a negative width or height is stored flipped
// to a positive size.
func (ix *Index) Rect(id int64) (Rect, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return Rect{}, false
	}
	return ix.slots[i].r, true
}

// Put inserts the card or, if it is already in the index, replaces its
// rectangle and stacking order z. Moving a card re-files it only when the
// set of grid cells it touches changes.
func (ix *Index) Put(id int64, r Rect, z int) {
	r = positiveSize(r)
	span := ix.spanOf(r)
	big := span.count() > ix.maxCells
	if i, ok := ix.byID[id]; ok {
		e := &ix.slots[i]
		old := e.r
		if e.big != big || (!big && e.span != span) {
			ix.unlink(i)
			e.span, e.big = span, big
			ix.link(i)
		}
		e.r, e.z = r, z
		if ix.boundsOK {
			if ix.bounds.inside(old) {
				ix.bounds = ix.bounds.grow(r)
			} else {
				ix.boundsOK = false
			}
		}
		return
	}

	var i int32
	if n := len(ix.free); n > 0 {
		i = ix.free[n-1]
		ix.free = ix.free[:n-1]
	} else {
		ix.slots = append(ix.slots, indexEntry{})
		i = int32(len(ix.slots) - 1)
	}
	// A fresh slot starts with stamp 0, which no query generation uses.
	ix.slots[i] = indexEntry{id: id, r: r, z: z, span: span, big: big, live: true}
	ix.byID[id] = i
	ix.link(i)
	if ix.boundsOK {
		ix.bounds = ix.bounds.grow(r)
	} else if len(ix.byID) == 1 {
		ix.bounds, ix.boundsOK = extentOf(r), true
	}
}

// Remove takes the card out of the index. It does nothing if the card is
// not there.
func (ix *Index) Remove(id int64) {
	i, ok := ix.byID[id]
	if !ok {
		return
	}
	old := ix.slots[i].r
	ix.unlink(i)
	delete(ix.byID, id)
	ix.slots[i] = indexEntry{}
	ix.free = append(ix.free, i)
	if ix.boundsOK && !ix.bounds.inside(old) {
		ix.boundsOK = false
	}
}

// Query appends to dst[:0] the IDs of cards whose rectangles intersect r,
// and returns the slice. Touching edges count as intersecting, so a card
// whose right edge equals r's left edge is included; r may have zero size
// (a point or a line). Each card appears once, in drawing order: z
// ascending, then ID ascending. Query does not allocate once dst and the
// index's scratch space have grown to the result size.
func (ix *Index) Query(r Rect, dst []int64) []int64 {
	dst = dst[:0]
	if len(ix.byID) == 0 {
		return dst
	}
	r = positiveSize(r)
	found := ix.found[:0]
	span := ix.spanOf(r)
	if span.count() > int64(len(ix.slots)) {
		// Walking the cells would cost more than looking at every card
		// (a zoomed-out viewport): scan the slots, which needs no dedup.
		for i := range ix.slots {
			e := &ix.slots[i]
			if e.live && touchesIncl(e.r, r) {
				found = append(found, zid{e.z, e.id})
			}
		}
	} else {
		gen := ix.nextGen()
		for cy := span.y0; ; cy++ {
			for cx := span.x0; ; cx++ {
				for _, i := range ix.cells[cellKey{cx, cy}] {
					e := &ix.slots[i]
					if e.stamp == gen {
						continue
					}
					e.stamp = gen
					if touchesIncl(e.r, r) {
						found = append(found, zid{e.z, e.id})
					}
				}
				if cx == span.x1 {
					break
				}
			}
			if cy == span.y1 {
				break
			}
		}
		for _, i := range ix.big {
			if e := &ix.slots[i]; touchesIncl(e.r, r) {
				found = append(found, zid{e.z, e.id})
			}
		}
	}
	slices.SortFunc(found, compareZID)
	for _, f := range found {
		dst = append(dst, f.id)
	}
	ix.found = found[:0]
	return dst
}

// Hit returns the topmost card whose rectangle contains p, edges included:
// the one with the highest z, and among those the highest ID. It reports
// false when no card is under p.
func (ix *Index) Hit(p Point) (int64, bool) {
	var (
		best  *indexEntry
		check = func(i int32) {
			e := &ix.slots[i]
			if !e.r.Contains(p) {
				return
			}
			if best == nil || e.z > best.z || (e.z == best.z && e.id > best.id) {
				best = e
			}
		}
	)
	for _, i := range ix.cells[cellKey{ix.cellOf(p.X), ix.cellOf(p.Y)}] {
		check(i)
	}
	for _, i := range ix.big {
		check(i)
	}
	if best == nil {
		return 0, false
	}
	return best.id, true
}

// Bounds is the bounding box of every card in the index. It reports false
// when the index is empty. The box is cached; Put and Remove keep it up to
// date cheaply unless they move or remove a card on its edge, in which case
// the next call recomputes it.
func (ix *Index) Bounds() (Rect, bool) {
	if len(ix.byID) == 0 {
		return Rect{}, false
	}
	if !ix.boundsOK {
		first := true
		for i := range ix.slots {
			e := &ix.slots[i]
			if !e.live {
				continue
			}
			if first {
				ix.bounds, first = extentOf(e.r), false
			} else {
				ix.bounds = ix.bounds.grow(e.r)
			}
		}
		ix.boundsOK = true
	}
	return ix.bounds.rect(), true
}

// cellCount is the number of non-empty grid cells, for tests.
func (ix *Index) cellCount() int { return len(ix.cells) }

// cellOf maps a board coordinate to a cell coordinate.
func (ix *Index) cellOf(v float64) int32 {
	f := math.Floor(v * ix.inv)
	if !(f >= -maxCellCoord) { // also catches NaN
		return -maxCellCoord
	}
	if f > maxCellCoord {
		return maxCellCoord
	}
	return int32(f)
}

// spanOf is the inclusive range of cells that r touches, edges included.
func (ix *Index) spanOf(r Rect) cellSpan {
	return cellSpan{ix.cellOf(r.X), ix.cellOf(r.Y), ix.cellOf(r.Right()), ix.cellOf(r.Bottom())}
}

// link files slot i under its cells, or in the oversize list.
func (ix *Index) link(i int32) {
	e := &ix.slots[i]
	if e.big {
		ix.big = append(ix.big, i)
		return
	}
	for cy := e.span.y0; ; cy++ {
		for cx := e.span.x0; ; cx++ {
			k := cellKey{cx, cy}
			b, ok := ix.cells[k]
			if !ok {
				if n := len(ix.spare); n > 0 {
					b = ix.spare[n-1]
					ix.spare = ix.spare[:n-1]
				}
			}
			ix.cells[k] = append(b, i)
			if cx == e.span.x1 {
				break
			}
		}
		if cy == e.span.y1 {
			break
		}
	}
}

// unlink takes slot i out of its cells, or out of the oversize list.
func (ix *Index) unlink(i int32) {
	e := &ix.slots[i]
	if e.big {
		ix.big = removeSlot(ix.big, i)
		return
	}
	for cy := e.span.y0; ; cy++ {
		for cx := e.span.x0; ; cx++ {
			k := cellKey{cx, cy}
			b := removeSlot(ix.cells[k], i)
			if len(b) == 0 {
				delete(ix.cells, k)
				if cap(b) > 0 && len(ix.spare) < maxSpareBuckets {
					ix.spare = append(ix.spare, b)
				}
			} else {
				ix.cells[k] = b
			}
			if cx == e.span.x1 {
				break
			}
		}
		if cy == e.span.y1 {
			break
		}
	}
}

// nextGen starts a new query generation for duplicate detection.
func (ix *Index) nextGen() uint32 {
	ix.gen++
	if ix.gen == 0 { // wrapped: old stamps could collide, so clear them
		for i := range ix.slots {
			ix.slots[i].stamp = 0
		}
		ix.gen = 1
	}
	return ix.gen
}

// removeSlot deletes one occurrence of i from s, not keeping the order.
func removeSlot(s []int32, i int32) []int32 {
	for j, v := range s {
		if v == i {
			last := len(s) - 1
			s[j] = s[last]
			return s[:last]
		}
	}
	return s
}

// compareZID orders query results for drawing: z, then ID.
func compareZID(a, b zid) int {
	if c := cmp.Compare(a.z, b.z); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// touchesIncl reports whether a and b overlap or share an edge or corner.
func touchesIncl(a, b Rect) bool {
	return a.X <= b.Right() && b.X <= a.Right() && a.Y <= b.Bottom() && b.Y <= a.Bottom()
}

// positiveSize flips a negative width or height so the size is positive.
func positiveSize(r Rect) Rect {
	if r.W < 0 {
		r.X, r.W = r.X+r.W, -r.W
	}
	if r.H < 0 {
		r.Y, r.H = r.Y+r.H, -r.H
	}
	return r
}
