package canvas

import (
	"math"
	"slices"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/geom"
)

// The whole board, readable: every card of a board re-flowed into
// newspaper columns by category (by bone, for a fishbone), sized to a
// screen so that a room can read it, with the arrows routed through the
// gaps between the cards. It is a view: the cards' places on the board
// are not touched. This file is plain geometry; WholeView draws it.

// Proportions of the whole view, in multiples of its text size s.
const (
	wholeMaxText    = 1.0 / 24 // the largest text, as a share of the screen's height
	WholeTextShare  = 1.0 / 40 // the smallest text for a board of up to ~30 cards
	wholeArrowShare = 1.0 / 320
	wholeFloor      = 0.3  // the smallest text, as a share of WholeTextShare, for huge boards
	wholeStep       = 0.94 // between the text sizes tried
	wholeMinCardW   = 9.0  // narrowest card: about 18 characters a line, so words are seldom broken
	wholeMaxCardW   = 16.0 // widest card
	wholePad        = 0.4  // left and right inside a card, its border included
	wholePadY       = 0.25 // above and below the text: every card pays it, so less
	wholeAllLines   = 12   // of a card's text, when the whole of it fits
	wholeMinLines   = 3    // of a card's text, however many cards: more ends in "…"
	wholeLeading    = 1.2  // line spacing
	wholeFooter     = 1.0  // the row of votes, kudos and initials, when a card has one
	wholeCaption    = 0.8  // a group's caption text
	wholeCaptionH   = 1.2  // the room a caption takes
	wholeGap        = 1.0  // between columns: a channel for arrows
	wholeGapY       = 0.5  // between cards in a column
	wholeHeadText   = 1.25 // the fishbone head's text
	wholeHeadW      = 11.0 // the head's width
	wholeRouteCards = 40   // the most cards whose arrows are routed between them
)

// WholeInput is what the whole view shows and where.
type WholeInput struct {
	Factors  []model.Factor // the cards on the board (face-down and hidden cards are never given)
	Links    []model.Link
	Skeleton Skeleton       // non-empty when the board is arranged as a fishbone
	Title    string         // the setback: the fishbone's head
	Kudos    map[int64]bool // cards someone was thanked for: a star in their footer
	KeepOut  Rect           // what stands over the view (the room's join card): no card under it
	Width    float64        // the view's size, in screen units
	Height   float64
	Screen   float64 // the screen's (window's) height: text and arrows are sized for it
	Measure  func(s string, size float32) float32
	Bold     func(s string, size float32) float32 // for captions and the head; Measure when nil
}

// WholeLayout is the whole view, in screen units from the view's top-left.
type WholeLayout struct {
	Cards      []WholeCard
	Groups     []WholeCaption
	Arrows     []WholeArrow
	TextSize   float64
	ArrowWidth float64
	Head       Rect // the fishbone's head, zero when the board is not one
	HeadLines  []string
	HeadSize   float64
	// Readable reports whether the text is at least WholeTextShare of the
	// screen: false only for boards too big for that (many more than 30 cards).
	Readable bool
}

// WholeCard is one card of the whole view.
type WholeCard struct {
	ID     int64
	Rect   Rect
	Text   Rect // where its lines go: arrows never cross it
	Lines  []string
	Footer Rect // the row of votes and initials; zero when none
}

// WholeCaption is a group's caption: its category, over its cards.
type WholeCaption struct {
	Category model.Category
	Text     string
	Rect     Rect
	Size     float64
}

// WholeArrow is one link's path, from its first card's edge to the
// arrowhead on the other's. Routed is false when the router found no way
// through the gaps: then it is a straight line, drawn with a halo.
type WholeArrow struct {
	LinkID int64
	Path   []Point
	Routed bool
}

// wholeGroup is the cards of one category, in reading order.
type wholeGroup struct {
	cat   model.Category
	cards []model.Factor
}

// wholeItem is a caption or a card in the column flow.
type wholeItem struct {
	group  int
	card   int // index into the group's cards; -1 for the caption
	h      float64
	lines  []string
	footer bool
}

// LayoutWhole lays out the whole view: the largest text (down to
// WholeTextShare of the screen for boards of up to ~30 cards) at which
// every card fits the view in columns, groups in category order (bone
// order for a fishbone, the head on the right), then the arrows.
func LayoutWhole(in WholeInput) WholeLayout {
	if in.Bold == nil {
		in.Bold = in.Measure
	}
	screen := in.Screen
	if !(screen > 0) {
		screen = in.Height
	}
	groups := wholeGroups(in.Factors, in.Skeleton)
	minText := screen * WholeTextShare
	var sizes []float64
	for s := screen * wholeMaxText; s > minText; s *= wholeStep {
		sizes = append(sizes, s)
	}
	for s := minText; s > minText*wholeFloor; s *= wholeStep { // the smallest readable size is tried exactly
		sizes = append(sizes, s)
	}
	sizes = append(sizes, minText*wholeFloor)
	// Every card's whole text, if that is readable; else the smallest
	// readable text, long cards ending in "…" after as many lines as fit
	// (the facilitator's screen and the PDF have all of it).
	best := largestWhole(in, groups, sizes, wholeAllLines)
	if best.TextSize < minText-1e-9 {
		for lines := wholeAllLines - 1; lines >= wholeMinLines; lines-- {
			if l, ok := layoutWholeAt(in, groups, minText, lines); ok {
				best = l
				break
			}
		}
	}
	best.Readable = best.TextSize >= minText-1e-9
	return finishWhole(in, best, screen)
}

// largestWhole is the layout at the largest of sizes (largest first) that
// fits, with cards of up to maxLines lines; the smallest when none does.
func largestWhole(in WholeInput, groups []wholeGroup, sizes []float64, maxLines int) WholeLayout {
	// Fitting is (nearly) monotonic in the size, and each try wraps every
	// card, so search rather than walk.
	try := func(k int) (WholeLayout, bool) { return layoutWholeAt(in, groups, sizes[k], maxLines) }
	lo, hi := 0, len(sizes)-1
	best, ok := try(hi)
	if !ok {
		return best
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if l, ok := try(mid); ok {
			best, hi = l, mid
		} else {
			lo = mid + 1
		}
	}
	// Nearly: one column more or less can make a larger size fit just
	// above the one found.
	for k, misses := hi-1, 0; k >= 0 && misses < 4; k-- {
		if l, ok := try(k); ok {
			best, misses = l, 0
		} else {
			misses++
		}
	}
	return best
}

// finishWhole routes the arrows of a laid-out view.
func finishWhole(in WholeInput, l WholeLayout, screen float64) WholeLayout {
	l.ArrowWidth = max(2, screen*wholeArrowShare)
	at := map[int64]int{}
	var rects, others []Rect
	for i, c := range l.Cards {
		at[c.ID] = i
		rects = append(rects, c.Rect)
	}
	for _, g := range l.Groups {
		others = append(others, g.Rect)
	}
	if !l.Head.Empty() {
		others = append(others, l.Head)
	}
	if !in.KeepOut.Empty() {
		others = append(others, in.KeepOut)
	}
	var pairs [][2]Rect
	var links []model.Link
	for _, k := range in.Links {
		i, ok1 := at[k.FromID]
		j, ok2 := at[k.ToID]
		if ok1 && ok2 && i != j {
			links = append(links, k)
			pairs = append(pairs, [2]Rect{rects[i], rects[j]})
		}
	}
	if len(links) == 0 {
		return l
	}
	if len(l.Cards) > wholeRouteCards {
		// The router's grid grows with the square of the cards: past this
		// it would stall the window, so straight arrows, drawn with a halo.
		for k, link := range links {
			a, b := pairs[k][0], pairs[k][1]
			l.Arrows = append(l.Arrows, WholeArrow{LinkID: link.ID, Path: []Point{edgePoint(a, b.Center()), edgePoint(b, a.Center())}})
		}
		return l
	}
	// The router's unit: the PDF's column gap is 6.5 of its units (mm).
	unit := l.TextSize * wholeGap / 6.5
	r := geom.NewRouter(Rect{W: in.Width, H: in.Height}, rects, others, pairs, unit)
	for k, link := range links {
		a, b := pairs[k][0], pairs[k][1]
		if path := r.Route(a, b); path != nil {
			l.Arrows = append(l.Arrows, WholeArrow{LinkID: link.ID, Path: path, Routed: true})
			continue
		}
		l.Arrows = append(l.Arrows, WholeArrow{LinkID: link.ID, Path: []Point{edgePoint(a, b.Center()), edgePoint(b, a.Center())}})
	}
	return l
}

// wholeGroups groups the cards by category in board order, or in the
// fishbone's bone order (then went-well and lucky, then the rest).
func wholeGroups(fs []model.Factor, sk Skeleton) []wholeGroup {
	var out []wholeGroup
	for _, g := range groupByCategory(fs) {
		w := wholeGroup{cat: g.cat}
		for _, i := range g.cards {
			w.cards = append(w.cards, fs[i])
		}
		out = append(out, w)
	}
	if sk.Empty() {
		return out
	}
	rank := func(c model.Category) int {
		if i := slices.IndexFunc(sk.Bones, func(b Bone) bool { return b.Category == c }); i >= 0 {
			return i
		}
		return len(sk.Bones)
	}
	slices.SortStableFunc(out, func(a, b wholeGroup) int { return rank(a.cat) - rank(b.cat) })
	return out
}

// layoutWholeAt lays the groups out at text size s in the fewest columns
// that fit the view, each column as short as it can be; false when no
// number of columns fits.
func layoutWholeAt(in WholeInput, groups []wholeGroup, s float64, maxLines int) (WholeLayout, bool) {
	gap, gapY := wholeGap*s, wholeGapY*s
	l := WholeLayout{TextSize: s}
	width := in.Width - gap // a half gap at either side, for arrows round the edge
	top, height := gap/2, in.Height-gap
	if len(groups) == 0 {
		return l, true
	}
	// The fishbone's head goes on the right, its title at a larger size.
	if !in.Skeleton.Empty() {
		title := in.Title
		if title == "" {
			title = "Untitled debrief"
		}
		hs := s * wholeHeadText
		hw := math.Min(wholeHeadW*s, width*0.3)
		lines, _ := wrapWhole(title, (hw-2*wholePad*s)*textSafety, hs, 8, in.Bold)
		hh := float64(len(lines))*hs*wholeLeading + 2*wholePad*s
		if hh > height {
			return l, false
		}
		l.Head = Rect{X: gap/2 + width - hw, Y: top + (height-hh)/2, W: hw, H: hh}
		if l.Head.Intersects(in.KeepOut) { // above the join card, if there is room
			l.Head.Y = max(top, in.KeepOut.Y-gap/2-hh)
		}
		l.HeadLines, l.HeadSize = lines, hs
		width -= hw + gap
	}
	n := 0
	for _, g := range groups {
		n += len(g.cards)
	}
	for cols := 1; cols <= n; cols++ {
		cw := (width - float64(cols-1)*gap) / float64(cols)
		if cw < wholeMinCardW*s {
			break
		}
		cw = math.Min(cw, wholeMaxCardW*s)
		items, ok := wholeItems(in, groups, s, cw, height, maxLines)
		if !ok {
			continue
		}
		// The shortest columns that hold everything: balanced columns.
		used := float64(cols)*cw + float64(cols-1)*gap
		left := gap/2 + (width-used)/2
		limits := columnLimits(in.KeepOut, cols, cw, gap, left, top, height)
		lo, hi := 0.0, height
		if !flowFits(items, cols, hi, limits, gapY) {
			continue
		}
		for range 20 {
			mid := (lo + hi) / 2
			if flowFits(items, cols, mid, limits, gapY) {
				hi = mid
			} else {
				lo = mid
			}
		}
		place(&l, in, groups, items, cols, hi, limits, cw, gap, gapY, left, top)
		return l, true
	}
	return l, false
}

// columnLimits is how tall each column may be, from top, above the
// keep-out area of the columns it stands under; nil when there is none.
func columnLimits(keep Rect, cols int, cw, gap, left, top, height float64) []float64 {
	if keep.Empty() {
		return nil
	}
	limits := make([]float64, cols)
	for c := range limits {
		x := left + float64(c)*(cw+gap)
		limits[c] = height
		if x < keep.Right()+gap/2 && keep.X-gap/2 < x+cw {
			limits[c] = max(0, min(height, keep.Y-gap/2-top))
		}
	}
	return limits
}

// wholeItems wraps every card at size s in width cw and lists the
// captions and cards in flow order; false when a card is taller than h.
func wholeItems(in WholeInput, groups []wholeGroup, s, cw, h float64, maxLines int) ([]wholeItem, bool) {
	var items []wholeItem
	textW := cw - 2*wholePad*s
	for gi, g := range groups {
		items = append(items, wholeItem{group: gi, card: -1, h: wholeCaptionH * s})
		for ci, f := range g.cards {
			lines, _ := wrapWhole(f.Text, textW*textSafety, s, maxLines, in.Measure)
			it := wholeItem{group: gi, card: ci, lines: lines, footer: f.Votes > 0 || in.Kudos[f.ID] || initials(f.Author) != "" || f.Face == model.FacePrompt}
			it.h = float64(max(1, len(lines)))*s*wholeLeading + 2*wholePadY*s
			if it.footer {
				it.h += wholeFooter * s
			}
			if it.h+wholeCaptionH*s > h {
				return nil, false
			}
			items = append(items, it)
		}
	}
	return items, true
}

// flowFits reports whether the items flow into cols columns of height h
// (each at most its limit, when limits is given).
func flowFits(items []wholeItem, cols int, h float64, limits []float64, gapY float64) bool {
	_, ok := flow(items, cols, h, limits, gapY, nil)
	return ok
}

// flow runs the items down cols columns of height h, each at most its
// limit when limits is given (the room's join card stands over the last
// ones): a caption never ends a column, a group that fits in a column is
// not split, and a group that goes on in the next column gets its caption
// again. at is told where each item goes (its column, its top, and
// whether it is a caption repeated at the top of a column). It returns
// the last column used, and false when the items do not fit.
func flow(items []wholeItem, cols int, h float64, limits []float64, gapY float64, at func(it wholeItem, col int, y float64, repeat bool)) (int, bool) {
	col, y := 0, 0.0
	lim := func() float64 {
		if limits != nil {
			return min(h, limits[col])
		}
		return h
	}
	// newColumn moves to the next column with room for need; false when
	// there is none.
	newColumn := func(need float64) bool {
		for col, y = col+1, 0; col < cols; col++ {
			if need <= lim()+1e-6 {
				return true
			}
		}
		return false
	}
	for col < cols && lim() <= 0 {
		col++
	}
	if col >= cols {
		return col, len(items) == 0
	}
	for k := 0; k < len(items); k++ {
		it := items[k]
		if it.card < 0 {
			// A caption starts a group: with its first card, or in a new
			// column; and a group that fits in a column is not split.
			need, whole := it.h, it.h
			if k+1 < len(items) && items[k+1].card >= 0 {
				need += items[k+1].h
			}
			for j := k + 1; j < len(items) && items[j].card >= 0; j++ {
				whole += items[j].h
				if j > k+1 {
					whole += gapY
				}
			}
			if whole <= lim() {
				need = whole
			}
			if (y > 0 && y+gapY+need > lim()) || (y == 0 && need > lim()+1e-6) {
				if !newColumn(min(need, h)) {
					return col, false
				}
			}
			if y > 0 {
				y += gapY
			}
			if at != nil {
				at(it, col, y, false)
			}
			y += it.h
			continue
		}
		gap := 0.0
		if y > 0 && items[k-1].card >= 0 {
			gap = gapY
		}
		if y+gap+it.h > lim()+1e-6 {
			// The group goes on in the next column: its caption again, over the rest.
			c := slices.IndexFunc(items, func(o wholeItem) bool { return o.group == it.group && o.card < 0 })
			if !newColumn(items[c].h + it.h) {
				return col, false
			}
			if at != nil {
				at(items[c], col, 0, true)
			}
			y, gap = items[c].h, 0
		}
		y += gap
		if at != nil {
			at(it, col, y, false)
		}
		y += it.h
	}
	return col, true
}

// place puts the items' rectangles in the layout.
func place(l *WholeLayout, in WholeInput, groups []wholeGroup, items []wholeItem, cols int, h float64, limits []float64, cw, gap, gapY, left, top float64) {
	s := l.TextSize
	pad, padY := wholePad*s, wholePadY*s
	flow(items, cols, h, limits, gapY, func(it wholeItem, col int, y float64, repeat bool) {
		x := left + float64(col)*(cw+gap)
		g := groups[it.group]
		if it.card < 0 {
			text := g.cat.Label()
			size := wholeCaption * s
			if repeat && in.Bold != nil && float64(in.Bold(text+" (cont.)", float32(size))) <= cw {
				text += " (cont.)" // only when it fits: the caption itself matters more
			}
			if in.Bold != nil {
				text = fitCaption(text, cw, size, in.Bold)
			}
			l.Groups = append(l.Groups, WholeCaption{Category: g.cat, Text: text, Size: size,
				Rect: Rect{X: x, Y: top + y, W: cw, H: size * wholeLeading}})
			return
		}
		f := g.cards[it.card]
		r := Rect{X: x, Y: top + y, W: cw, H: it.h}
		c := WholeCard{ID: f.ID, Rect: r, Lines: it.lines,
			Text: Rect{X: r.X + pad, Y: r.Y + padY, W: r.W - 2*pad, H: float64(max(1, len(it.lines))) * s * wholeLeading}}
		if it.footer {
			c.Footer = Rect{X: r.X + pad, Y: c.Text.Bottom(), W: r.W - 2*pad, H: wholeFooter * s}
		}
		l.Cards = append(l.Cards, c)
	})
}

// fitCaption shortens a caption with "…" until it fits width w.
func fitCaption(text string, w, size float64, measure func(string, float32) float32) string {
	if float64(measure(text, float32(size))) <= w {
		return text
	}
	return ellipsize(text, float32(w), float32(size), measure)
}

// wrapWhole wraps text in width w at size s in at most maxLines lines,
// the last cut with "…" when there is more; it reports whether it was cut.
func wrapWhole(text string, w, s float64, maxLines int, measure func(string, float32) float32) ([]string, bool) {
	if measure == nil {
		return []string{printable(text)}, false
	}
	lines, over := wrap(printable(text), float32(w), float32(s), maxLines, measure)
	if !over {
		return lines, false
	}
	lines = lines[:maxLines]
	lines[maxLines-1] = ellipsize(lines[maxLines-1], float32(w), float32(s), measure)
	return lines, true
}
