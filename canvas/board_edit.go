package canvas

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/debrief-app/debrief/app/model"
)

// ---- operations ----

// newFactor makes a card (not yet on the board) centred on p.
func (b *Board) newFactor(p Point, text string) *model.Factor {
	f := &model.Factor{
		ID: b.owner.NewFactorID(), DebriefID: b.debriefID, Text: text, Category: b.category,
		X: math.Round(p.X - model.DefaultCardWidth/2), Y: math.Round(p.Y - model.DefaultCardHeight/2),
		W: model.DefaultCardWidth, H: model.DefaultCardHeight, Z: b.maxZ + 1,
	}
	return f
}

// QuickAdd adds a card with text in the current category at a free spot
// near the middle of the view, selects it and returns its ID. Blank text
// adds nothing and returns 0.
func (b *Board) QuickAdd(text string) int64 { return b.AddCard(text, b.category) }

// AddCard is QuickAdd in category c; the category of new cards stays as it is.
func (b *Board) AddCard(text string, c model.Category) int64 {
	text = strings.TrimSpace(text)
	if text == "" || b.readOnly || b.owner == nil {
		return 0
	}
	b.finishEdit(true)
	size := b.Size()
	centre := b.vp.ToBoard(size.Width/2, size.Height/2)
	f := b.newFactor(centre, text)
	f.Category = c
	b.growToFit(f)
	r := b.freeSpot(Rect{X: f.X, Y: f.Y, W: f.W, H: f.H})
	f.X, f.Y = r.X, r.Y
	b.commit("Add card", snapFactors(f.ID, nil), snapFactors(f.ID, f), nil, nil, "")
	b.Select(f.ID)
	return f.ID
}

// CreateAt adds an empty card centred on the board point p and opens it
// for typing. Nothing is stored until the text is committed; cancelling
// removes the card again.
func (b *Board) CreateAt(p Point) int64 {
	if b.readOnly || b.owner == nil {
		return 0
	}
	b.finishEdit(true)
	f := b.newFactor(p, "")
	b.putFactor(f)
	b.Select(f.ID)
	b.startEdit(f.ID, true)
	return f.ID
}

// freeSpot finds the nearest place to r, searching outwards on a grid, where
// a card of r's size overlaps no other card.
func (b *Board) freeSpot(r Rect) Rect {
	const gap = 16
	stepX, stepY := r.W+gap, r.H+gap
	var hits []int64
	for ring := 0; ring < 60; ring++ {
		for dy := -ring; dy <= ring; dy++ {
			for dx := -ring; dx <= ring; dx++ {
				if max(abs(dx), abs(dy)) != ring {
					continue
				}
				c := Rect{X: r.X + float64(dx)*stepX, Y: r.Y + float64(dy)*stepY, W: r.W, H: r.H}
				hits = b.index.Query(c.Inset(gap/2-1), hits)
				if len(hits) == 0 {
					return c
				}
			}
		}
	}
	return r
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// growToFit makes a card taller (up to three times the default) when its
// text does not fit at the normal size.
func (b *Board) growToFit(f *model.Factor) {
	for f.H < 3*model.DefaultCardHeight {
		body := cardBody(f.W, f.H, footerOf(f.Votes, b.voting))
		tl := layoutText(f.Text, float32(body.W)*textSafety, float32(body.H), b.measure)
		if tl.size >= cardTextSize && !tl.truncated {
			return
		}
		f.H += 40
	}
}

// SetText replaces a card's text (undoable).
func (b *Board) SetText(id int64, text string) {
	b.editCards("Edit card", []int64{id}, "", func(f *model.Factor) bool {
		if f.Text == text {
			return false
		}
		f.Text = text
		if f.Face == model.FacePrompt {
			f.Face = model.FaceUp // the group's own words now: a factor
		}
		b.growToFit(f)
		return true
	})
}

// SetCategoryOf gives the cards a category (undoable).
func (b *Board) SetCategoryOf(ids []int64, c model.Category) {
	if !c.Valid() {
		return
	}
	b.editCards("Change category", ids, "", func(f *model.Factor) bool {
		changed := f.Category != c
		f.Category = c
		return changed
	})
}

// SetAuthorOf names who wrote the cards; "" makes them anonymous
// (undoable).
func (b *Board) SetAuthorOf(ids []int64, author string) {
	b.editCards("Change author", ids, "", func(f *model.Factor) bool {
		changed := f.Author != author
		f.Author = author
		return changed
	})
}

// SetNames are the names the card menu offers as authors: who is here.
func (b *Board) SetNames(names []string) { b.names = slices.Clone(names) }

// moveBy moves the cards by (dx, dy) board units (undoable). Steps with
// the same merge key in a row undo together, as a held arrow key does.
func (b *Board) moveBy(ids []int64, dx, dy float64, merge string) {
	b.editCards("Move", ids, merge, func(f *model.Factor) bool {
		f.X, f.Y = f.X+dx, f.Y+dy
		return true
	})
}

// editCards commits one undoable step that changes some cards: edit gets a
// copy of each card and reports whether it changed it. Nothing is
// committed when no card changed.
func (b *Board) editCards(name string, ids []int64, merge string, edit func(*model.Factor) bool) {
	before, after := newSnapshot(), newSnapshot()
	for _, id := range ids {
		f, ok := b.factors[id]
		if !ok {
			continue
		}
		n := *f
		if edit(&n) {
			before.factors[id], after.factors[id] = f, &n
		}
	}
	if len(after.factors) > 0 {
		b.commit(name, before, after, nil, nil, merge)
	}
}

// SetVoting shows or hides the − and + vote buttons on every card (the
// Connect phase). Votes can be given with the + and − keys either way.
func (b *Board) SetVoting(on bool) {
	if b.voting == on {
		return
	}
	b.voting = on
	b.contentChanged()
}

// Voting reports whether the cards show their vote buttons.
func (b *Board) Voting() bool { return b.voting }

// Vote adds delta dot votes to each card in ids (undoable); votes never
// go below zero. A vote never changes a card's size: its − and + stay
// where the pointer is for the next click, and it grows into no
// neighbour. (While voting, every card's footer has room for the dots, so
// the text does not move either.)
func (b *Board) Vote(ids []int64, delta int) {
	b.editCards("Vote", ids, "", func(f *model.Factor) bool {
		n := max(0, f.Votes+delta)
		if n == f.Votes {
			return false
		}
		f.Votes = n
		return true
	})
}

// Nudge moves the selection by (dx, dy) board units; nudges in a row undo
// together.
func (b *Board) Nudge(dx, dy float64) {
	if b.readOnly {
		return
	}
	ids := b.Selection()
	key := "nudge"
	for _, id := range ids {
		key += " " + strconv.FormatInt(id, 10)
	}
	b.moveBy(ids, dx, dy, key)
	b.scrollIntoView(ids)
}

// DeleteSelection removes the selected cards (and their links) or the
// selected link (undoable).
func (b *Board) DeleteSelection() {
	if b.readOnly {
		return
	}
	b.finishEdit(true)
	before, after := newSnapshot(), newSnapshot()
	for id := range b.selected {
		before.factors[id], after.factors[id] = b.factors[id], nil
		for lid := range b.linksOf[id] {
			before.links[lid], after.links[lid] = b.links[lid], nil
		}
	}
	if l, ok := b.links[b.selLink]; ok {
		before.links[l.ID], after.links[l.ID] = l, nil
	}
	if len(before.factors)+len(before.links) == 0 {
		return
	}
	b.commit("Delete", before, after, nil, nil, "")
	b.setSelection(nil, false)
}

// Connect adds a "contributed to" link from one card to another
// (undoable). It returns the link's ID, or 0 when the cards are the same,
// missing or already linked that way.
func (b *Board) Connect(from, to int64) int64 {
	if from == to || b.factors[from] == nil || b.factors[to] == nil || b.readOnly || b.owner == nil {
		return 0
	}
	for lid := range b.linksOf[from] {
		if l := b.links[lid]; l.FromID == from && l.ToID == to {
			return 0
		}
	}
	l := &model.Link{ID: b.owner.NewLinkID(), DebriefID: b.debriefID, FromID: from, ToID: to}
	before, after := newSnapshot(), newSnapshot()
	before.links[l.ID], after.links[l.ID] = nil, l
	b.commit("Connect", before, after, nil, nil, "")
	b.SelectLink(l.ID)
	return l.ID
}

// ArrangeByCategory lays the cards out in one column per category (undoable).
func (b *Board) ArrangeByCategory() {
	b.arrange("Arrange by category", ArrangeByCategory(b.Factors()), Skeleton{})
}

// ArrangeFishbone lays the cards out as an Ishikawa diagram with the
// setback as the head (undoable).
func (b *Board) ArrangeFishbone() {
	fs, skel := ArrangeFishbone(b.Factors(), b.title)
	b.arrange("Arrange as fishbone", fs, skel)
}

func (b *Board) arrange(name string, fs []model.Factor, skel Skeleton) {
	if b.readOnly {
		return
	}
	b.finishEdit(true)
	before, after := newSnapshot(), newSnapshot()
	for i := range fs {
		f := fs[i]
		old := b.factors[f.ID]
		if old.X != f.X || old.Y != f.Y {
			before.factors[f.ID], after.factors[f.ID] = old, &f
		}
	}
	old := b.skeleton
	b.commit(name, before, after, &old, &skel, "")
	b.skeleton = skel
	b.drawingToMirrors()
	b.ZoomToFit()
}

// commit hands the owner one finished operation (it records it for undo
// and stores it) and then shows it. When the owner refuses it, nothing
// changes and OnRefused says why.
func (b *Board) commit(name string, before, after snapshot, skelBefore, skelAfter *Skeleton, merge string) {
	if b.readOnly || b.owner == nil {
		return
	}
	c := after.change()
	if c.Empty() && skelBefore == nil && skelAfter == nil {
		return
	}
	c.Label, c.Merge = name, merge
	if skelBefore != nil || skelAfter != nil {
		c.View = drawing{before: derefSkeleton(skelBefore), after: derefSkeleton(skelAfter),
			view: b.vp, autoFit: b.autoFit, selected: b.Selection()}
	}
	if err := b.owner.Edit(b, c); err != nil {
		b.refuse(before, err)
		return
	}
	done := b.apply(after)
	b.contentChanged()
	b.stateChanged()
	if b.OnChange != nil && !done.Empty() {
		b.OnChange(done)
	}
}

// change is what a snapshot holds as a change: its rows put, its nil rows
// deleted.
func (s snapshot) change() model.Change {
	var c model.Change
	for id, f := range s.factors {
		if f == nil {
			c.DeleteFactors = append(c.DeleteFactors, id)
		} else {
			c.Factors = append(c.Factors, *f)
		}
	}
	for id, l := range s.links {
		if l == nil {
			c.DeleteLinks = append(c.DeleteLinks, id)
		} else {
			c.Links = append(c.Links, *l)
		}
	}
	c.Sort()
	return c
}

// apply makes the board hold the snapshot's rows; it returns what changed.
func (b *Board) apply(s snapshot) model.Change {
	var c model.Change
	for id, l := range s.links {
		if l == nil && b.links[id] != nil {
			b.removeLink(id)
			c.DeleteLinks = append(c.DeleteLinks, id)
		}
	}
	for id, f := range s.factors {
		if f == nil {
			if b.factors[id] != nil {
				b.removeFactor(id)
				c.DeleteFactors = append(c.DeleteFactors, id)
			}
			continue
		}
		n := *f
		b.putFactor(&n)
		c.Factors = append(c.Factors, n)
	}
	for _, l := range s.links {
		if l != nil && b.factors[l.FromID] != nil && b.factors[l.ToID] != nil {
			n := *l
			b.putLink(&n)
			c.Links = append(c.Links, n)
		}
	}
	c.Sort()
	return c
}

func (b *Board) refuse(before snapshot, err error) {
	// Put back what a gesture changed in memory only (a dragged card, a
	// new card being typed), without reporting it: it was never stored.
	defer b.previewRows(slices.Collect(maps.Keys(before.factors)))
	for id, f := range before.factors {
		if f == nil {
			b.removeFactor(id)
		} else {
			n := *f
			b.putFactor(&n)
		}
	}
	b.contentChanged()
	if b.OnRefused != nil {
		b.OnRefused(err)
	}
}

func snapFactors(id int64, f *model.Factor) snapshot {
	s := newSnapshot()
	s.factors[id] = f
	return s
}

// putFactor puts a card on the board (or replaces it) without recording anything.
func (b *Board) putFactor(f *model.Factor) {
	if !f.OnBoard() { // face down or hidden: off the board
		if b.factors[f.ID] != nil {
			b.removeFactor(f.ID)
		}
		if f.Face == model.FaceDown {
			b.faceDown[f.ID] = f
		}
		return
	}
	delete(b.faceDown, f.ID)
	b.factors[f.ID] = f
	b.index.Put(f.ID, Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}, f.Z)
	b.maxZ = max(b.maxZ, f.Z)
	for lid := range b.linksOf[f.ID] {
		b.placeLink(b.links[lid])
	}
}

// placeLink files a link under the box around its two cards (all links
// share one z, so queries return them in ID order: a stable drawing order).
func (b *Board) placeLink(l *model.Link) {
	from, to := b.factors[l.FromID], b.factors[l.ToID]
	if from == nil || to == nil {
		return
	}
	b.linkIndex.Put(l.ID, Rect{X: from.X, Y: from.Y, W: from.W, H: from.H}.Union(Rect{X: to.X, Y: to.Y, W: to.W, H: to.H}), 0)
}

func (b *Board) removeFactor(id int64) {
	for lid := range b.linksOf[id] {
		b.removeLink(lid)
	}
	delete(b.factors, id)
	delete(b.faceDown, id)
	delete(b.linksOf, id)
	delete(b.selected, id)
	delete(b.layouts, id)
	b.index.Remove(id)
	if b.hover == id {
		b.hover = 0
	}
}

func (b *Board) putLink(l *model.Link) {
	if old := b.links[l.ID]; old != nil {
		b.removeLink(l.ID)
	}
	b.links[l.ID] = l
	b.placeLink(l)
	for _, id := range []int64{l.FromID, l.ToID} {
		if b.linksOf[id] == nil {
			b.linksOf[id] = map[int64]bool{}
		}
		b.linksOf[id][l.ID] = true
	}
}

func (b *Board) removeLink(id int64) {
	l := b.links[id]
	if l == nil {
		return
	}
	delete(b.links, id)
	b.linkIndex.Remove(id)
	delete(b.linksOf[l.FromID], id)
	delete(b.linksOf[l.ToID], id)
	if b.selLink == id {
		b.selLink = 0
	}
}
