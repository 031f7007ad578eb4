package canvas

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

var (
	_ fyne.Widget            = (*Board)(nil)
	_ fyne.Focusable         = (*Board)(nil)
	_ fyne.Draggable         = (*Board)(nil)
	_ fyne.Scrollable        = (*Board)(nil)
	_ fyne.DoubleTappable    = (*Board)(nil)
	_ fyne.SecondaryTappable = (*Board)(nil)
	_ fyne.Shortcutable      = (*Board)(nil)
	_ fyne.Tappable          = (*Board)(nil)
	_ fyne.Tabbable          = (*Board)(nil)
)

// Board is the factor whiteboard: every factor of one debrief as a card,
// the links between them, a selection, and a viewport that pans and zooms.
// All methods run on the UI goroutine.
type Board struct {
	widget.BaseWidget

	// OnChange hears every finished operation of this board once its owner
	// took it (see SetOwner), on the UI goroutine. It must not block.
	OnChange func(model.Change)
	// OnStateChanged is called after the selection, the viewport, the
	// current category or the undo history changed, so toolbars can follow.
	OnStateChanged func()
	// OnRefused hears why an operation was refused (a card's text over the
	// limit, say); the board is left as it was.
	OnRefused func(error)
	// OnOtherKey and OnOtherRune hear the keys and characters the board
	// does not use while it or a card's editor has the keyboard (F1, F5,
	// ?…), for the window.
	OnOtherKey  func(*fyne.KeyEvent)
	OnOtherRune func(rune)
	// OnRedraw is called after the board changed what it draws (a pan, a
	// drag step, an edit): the frame benchmark's probe. It must be cheap.
	OnRedraw func()
	// OnTyping hears the text of the card being edited as it is typed, and
	// "" when the edit ends: the blameless coach listens here.
	OnTyping func(text string)
	// Later hands the owner's changes from another goroutine to the UI
	// goroutine: fyne.Do unless the application sets its own one path.
	Later func(func())
	// OnViewChanged is called after the part of the board shown changed: a
	// pan, a zoom, a fit, or the widget resized. It must be cheap.
	OnViewChanged func(Viewport)

	debriefID int64
	title     string
	factors   map[int64]*model.Factor
	links     map[int64]*model.Link
	linksOf   map[int64]map[int64]bool // factor → the links that touch it
	linkIndex *Index                   // each link's span (the box around its two cards), for drawing and hit tests
	kudos     map[int64]bool
	index     *Index
	maxZ      int
	category  model.Category
	skeleton  Skeleton
	owner     Owner  // who owns the cards: every edit goes through it
	stopOwner func() // stops hearing the owner's changes

	vp       Viewport
	autoFit  bool // until the user pans or zooms, every layout fits the board to the widget
	selected map[int64]bool
	selLink  int64
	hover    int64

	gesture      gesture
	edit         *editState
	pointer      fyne.Position // last hover position, widget coordinates
	connecting   int64         // "Connect to…": the card the next click links from
	focused      bool
	overviewMode bool // the last sync drew the overview image instead of card views
	naive        bool // benchmarks only: every card has a view, none is culled
	voting       bool // cards show − and + buttons for dot votes
	heldMod      fyne.KeyModifier
	space        bool
	readOnly     bool     // a view only: see SetReadOnly
	source       *Board   // the board this one mirrors, nil when none
	mirrors      []*Board // the boards that mirror this one
	follow       bool     // a mirror shows what its source shows, not the whole board

	measure measureFunc
	layouts map[int64]cachedLayout
	r       *boardRenderer
}

type cachedLayout struct {
	text   string
	w, h   float64
	footer float64
	tl     textLayout
	body   Rect // where the text goes, relative to the card
}

// NewBoard makes an empty board; Load fills it.
func NewBoard() *Board {
	b := &Board{category: model.Technical, vp: DefaultViewport, measure: fyneMeasure, Later: fyne.Do}
	b.reset(0, 0)
	b.ExtendBaseWidget(b)
	return b
}

// reset empties the board, with room for that many cards and links: a
// 10,000-card board is loaded on the UI goroutine, and growing the maps
// and indexes step by step was a good part of it.
func (b *Board) reset(cards, links int) {
	b.factors = make(map[int64]*model.Factor, cards)
	b.links = make(map[int64]*model.Link, links)
	b.linkIndex = newLinkIndex()
	b.linkIndex.reserve(links)
	b.linksOf = map[int64]map[int64]bool{}
	b.kudos = map[int64]bool{}
	b.index = NewIndex(0)
	b.index.reserve(cards)
	b.selected = map[int64]bool{}
	b.layouts = map[int64]cachedLayout{}
	b.skeleton = Skeleton{}
	b.selLink, b.hover, b.maxZ = 0, 0, 0
	b.edit = nil
	b.gesture = gesture{}
}

// Load shows a debrief's cards and links on a board that owns them
// itself (SetOwner gives it another owner). New cards and links get IDs
// from nextFactorID and nextLinkID upwards, which must be above every ID
// in the database. The undo history starts empty and the view fits the
// board.
func (b *Board) Load(d *model.Dossier, nextFactorID, nextLinkID int64) {
	if slices.ContainsFunc(d.Links, func(l model.Link) bool { return l.ID == 0 }) {
		// Read from a file rather than the store: give the links board IDs.
		c := *d
		c.Links = slices.Clone(d.Links)
		for _, l := range c.Links {
			nextLinkID = max(nextLinkID, l.ID+1)
		}
		for i := range c.Links {
			if c.Links[i].ID == 0 {
				c.Links[i].ID = nextLinkID
				nextLinkID++
			}
		}
		d = &c
	}
	b.SetOwner(newStandalone(d, nextFactorID, nextLinkID))
}

// show draws debrief d whole, fitted: what a new owner holds.
func (b *Board) show(d *model.Dossier) {
	b.reset(len(d.Factors), len(d.Links))
	b.debriefID = d.Debrief.ID
	b.title = d.Debrief.Title
	factors := slices.Clone(d.Factors) // one allocation for all the cards, one for the links
	for i := range factors {
		b.putFactor(&factors[i])
	}
	links := slices.Clone(d.Links)
	for i := range links {
		b.putLink(&links[i])
	}
	b.setKudos(d.Kudos)
	b.autoFit = true
	b.contentChanged()
	b.stateChanged()
	for _, m := range b.mirrors {
		m.Mirror(b)
	}
}

func (b *Board) setKudos(ks []model.Kudos) {
	b.kudos = map[int64]bool{}
	for _, k := range ks {
		if k.FactorID != 0 {
			b.kudos[k.FactorID] = true
		}
	}
}

// SetKudos marks the cards that have kudos; they show a star.
func (b *Board) SetKudos(factorIDs []int64) {
	b.kudos = map[int64]bool{}
	for _, id := range factorIDs {
		b.kudos[id] = true
	}
	b.contentChanged()
	for _, m := range b.mirrors {
		m.SetKudos(factorIDs)
	}
}

// SetTitle is the setback's title, drawn as the head of a fishbone.
func (b *Board) SetTitle(title string) {
	b.title = title
	if !b.skeleton.Empty() {
		b.skeleton.HeadText = title
		b.contentChanged()
	}
	b.drawingToMirrors()
}

// Factors lists the cards from bottom to top.
func (b *Board) Factors() []model.Factor {
	out := make([]model.Factor, 0, len(b.factors))
	for _, f := range b.factors {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Z != out[j].Z {
			return out[i].Z < out[j].Z
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// MostVoted returns up to n cards that have votes, most votes first (ties
// by ID), without copying the cards that have none.
func (b *Board) MostVoted(n int) []model.Factor {
	var out []model.Factor
	for _, f := range b.factors {
		if f.Votes > 0 {
			out = append(out, *f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Votes != out[j].Votes {
			return out[i].Votes > out[j].Votes
		}
		return out[i].ID < out[j].ID
	})
	return out[:min(n, len(out))]
}

// Factor returns one card.
func (b *Board) Factor(id int64) (model.Factor, bool) {
	f, ok := b.factors[id]
	if !ok {
		return model.Factor{}, false
	}
	return *f, true
}

// Links lists the links in ID order.
func (b *Board) Links() []model.Link {
	out := make([]model.Link, 0, len(b.links))
	for _, l := range b.links {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(x, y model.Link) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// Skeleton is the fishbone drawing, empty unless the board was arranged as one.
func (b *Board) Skeleton() Skeleton { return b.skeleton }

// Category is the category new cards get.
func (b *Board) Category() model.Category { return b.category }

// SetCategory sets the category new cards get.
func (b *Board) SetCategory(c model.Category) {
	if !c.Valid() || c == b.category || b.readOnly {
		return
	}
	b.category = c
	if b.r != nil {
		b.r.legend.Refresh()
	}
	b.stateChanged()
}

// Selection lists the selected cards in ID order.
func (b *Board) Selection() []int64 {
	out := make([]int64, 0, len(b.selected))
	for id := range b.selected {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// SelectedLink is the selected link, 0 when none is.
func (b *Board) SelectedLink() int64 { return b.selLink }

// Select makes exactly these cards the selection.
func (b *Board) Select(ids ...int64) {
	b.setSelection(ids, false)
}

func (b *Board) setSelection(ids []int64, add bool) {
	if !add {
		b.selected = map[int64]bool{}
	}
	for _, id := range ids {
		if _, ok := b.factors[id]; ok {
			b.selected[id] = true
		}
	}
	if b.selLink != 0 {
		b.selLink = 0
	}
	b.contentChanged()
	b.stateChanged()
	b.selectionToMirrors()
}

// SelectLink makes one link the selection.
func (b *Board) SelectLink(id int64) {
	b.setSelection(nil, false)
	if _, ok := b.links[id]; ok {
		b.selLink = id
	}
	b.contentChanged()
	b.stateChanged()
	b.selectionToMirrors()
}

// CanUndo reports whether there is something to undo: on the board or
// elsewhere in the debrief, as the owner keeps one history.
func (b *Board) CanUndo() bool { return !b.readOnly && b.owner != nil && b.owner.CanUndo() }

// CanRedo reports whether there is something to redo.
func (b *Board) CanRedo() bool { return !b.readOnly && b.owner != nil && b.owner.CanRedo() }

// Undo takes back the last step of the debrief (the owner's history),
// and selects the cards it changed.
func (b *Board) Undo() {
	if b.readOnly || b.owner == nil {
		return
	}
	b.finishEdit(true)
	b.owner.Undo(b)
}

// Redo does again what Undo took back.
func (b *Board) Redo() {
	if b.readOnly || b.owner == nil {
		return
	}
	b.finishEdit(true)
	b.owner.Redo(b)
}

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
// go below zero. A card that needs a taller footer for its dots keeps its
// text size: it grows as when its text grows.
func (b *Board) Vote(ids []int64, delta int) {
	b.editCards("Vote", ids, "", func(f *model.Factor) bool {
		n := max(0, f.Votes+delta)
		if n == f.Votes {
			return false
		}
		f.Votes = n
		b.growToFit(f)
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
		c.View = drawing{derefSkeleton(skelBefore), derefSkeleton(skelAfter)}
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

// ---- viewport ----

// Viewport is what part of the board is shown.
func (b *Board) Viewport() Viewport { return b.vp }

// SetViewport shows another part of the board.
func (b *Board) SetViewport(v Viewport) {
	b.autoFit = false
	b.setViewport(v)
}

// setViewport shows v and reports whether that changed the viewport.
func (b *Board) setViewport(v Viewport) bool {
	v.Zoom = clampZoom(v.Zoom)
	if v == b.vp {
		return false
	}
	b.vp = v
	b.viewChanged()
	b.stateChanged()
	b.viewMoved()
	return true
}

// ZoomIn zooms in by a step around the middle of the view.
func (b *Board) ZoomIn() { b.zoomCentre(1.25) }

// ZoomOut zooms out by a step around the middle of the view.
func (b *Board) ZoomOut() { b.zoomCentre(1 / 1.25) }

// ZoomActual shows the board at 100 % around the middle of the view.
func (b *Board) ZoomActual() { b.zoomCentre(1 / b.vp.Zoom) }

func (b *Board) zoomCentre(f float64) {
	s := b.Size()
	b.SetViewport(b.vp.ZoomAt(s.Width/2, s.Height/2, f))
}

// ZoomAt zooms by factor keeping the board point under the widget point
// (x, y) still, as Ctrl+scroll does.
func (b *Board) ZoomAt(x, y float32, factor float64) {
	b.SetViewport(b.vp.ZoomAt(x, y, factor))
}

// ZoomToFit shows every card, and the fishbone drawing, at once.
func (b *Board) ZoomToFit() { b.zoomToFit() }

// zoomToFit is ZoomToFit; it reports whether the viewport changed.
func (b *Board) zoomToFit() bool {
	r, ok := b.contentBounds()
	s := b.Size()
	if !ok {
		return b.setViewport(Viewport{X: -float64(s.Width) / 2, Y: -float64(s.Height) / 2, Zoom: 1})
	}
	reserve := float32(0) // keep the legend clear of the cards
	if b.r != nil && !b.readOnly {
		reserve = b.r.legend.MinSize().Height + 2*theme.Padding()
	}
	return b.setViewport(Fit(r, s.Width, s.Height-reserve, 40))
}

// ZoomToReadable shows every card, as ZoomToFit does, when their text is
// then drawn at least minZoom times its size; otherwise it zooms to
// minZoom and shows the cards from the top-left one (FitReadable).
func (b *Board) ZoomToReadable(minZoom float64) {
	r, ok := b.contentBounds()
	if !ok {
		b.zoomToFit()
		return
	}
	s := b.Size()
	b.autoFit = false
	b.setViewport(FitReadable(r, s.Width, s.Height, 40, minZoom))
}

func (b *Board) contentBounds() (Rect, bool) {
	r, ok := b.index.Bounds()
	if !b.skeleton.Empty() {
		if ok {
			r = r.Union(b.skeleton.Bounds())
		} else {
			r, ok = b.skeleton.Bounds(), true
		}
	}
	return r, ok
}

// scrollIntoView pans just enough to show the cards.
func (b *Board) scrollIntoView(ids []int64) {
	s := b.Size()
	vis := b.vp.Visible(s.Width, s.Height)
	var r Rect
	for _, id := range ids {
		if f := b.factors[id]; f != nil {
			r = r.Union(Rect{X: f.X, Y: f.Y, W: f.W, H: f.H})
		}
	}
	if r.Empty() || (r.X >= vis.X && r.Y >= vis.Y && r.Right() <= vis.Right() && r.Bottom() <= vis.Bottom()) {
		return
	}
	v := b.vp
	margin := 24 / v.Zoom
	if r.X < vis.X {
		v.X = r.X - margin
	} else if r.Right() > vis.Right() {
		v.X += r.Right() - vis.Right() + margin
	}
	if r.Y < vis.Y {
		v.Y = r.Y - margin
	} else if r.Bottom() > vis.Bottom() {
		v.Y += r.Bottom() - vis.Bottom() + margin
	}
	b.SetViewport(v)
}

// SetNaive turns culling and the overview off, so every card has a view
// in Fyne's object tree as a naive whiteboard would. It exists only as the
// baseline of the frame benchmark; never use it for people.
func (b *Board) SetNaive(on bool) {
	b.naive = on
	b.viewChanged()
}

// VisibleCards lists the cards whose views are in the object tree right
// now, bottom to top: those that intersect the view. Far zoomed out, cards
// are drawn as one image and none has a view.
func (b *Board) VisibleCards() []int64 {
	if b.r == nil {
		return nil
	}
	return b.r.visibleIDs()
}

func (b *Board) stateChanged() {
	if b.OnStateChanged != nil {
		b.OnStateChanged()
	}
}

// contentChanged redraws what changed: a card is redrawn only when how it
// looks changed; one that only moved is just moved.
func (b *Board) contentChanged() {
	if b.r != nil {
		b.r.sync(false)
	}
}

// viewChanged redraws after a pan or zoom.
func (b *Board) viewChanged() {
	if b.r != nil {
		b.r.sync(true)
	}
}
