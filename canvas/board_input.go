package canvas

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

var (
	_ desktop.Mouseable  = (*Board)(nil)
	_ desktop.Hoverable  = (*Board)(nil)
	_ desktop.Keyable    = (*Board)(nil)
	_ desktop.Cursorable = (*Board)(nil)
)

// Keyboard steps, in board units.
const (
	nudgeStep      = 10
	nudgeStepLarge = 50
)

type gestureKind int

const (
	gestureNone gestureKind = iota
	gestureMove
	gestureBand
	gesturePan
	gestureLink
)

// gesture is what the pointer is doing between a press and a release.
type gesture struct {
	pressed     bool
	kind        gestureKind
	button      desktop.MouseButton
	mods        fyne.KeyModifier
	press, cur  fyne.Position          // widget coordinates
	hit         int64                  // the card pressed on
	onHandle    bool                   // pressed on the card's connector handle
	wasSelected bool                   // the card was already selected when pressed
	origin      map[int64]model.Factor // the moved cards as they were
	lifted      map[int64]int          // their Z while moving: above every other card
}

// cardAt is the topmost card under a widget point.
func (b *Board) cardAt(pos fyne.Position) (int64, bool) {
	return b.index.Hit(b.vp.ToBoard(pos.X, pos.Y))
}

// handleAt is the card whose connector handle is under a widget point. A
// handle shows on the hovered and on the selected cards.
func (b *Board) handleAt(pos fyne.Position) (int64, bool) {
	if b.overview() {
		return 0, false
	}
	for _, id := range append([]int64{b.hover}, b.Selection()...) {
		f := b.factors[id]
		if f == nil {
			continue
		}
		hx, hy := b.handleCentre(f)
		if math.Hypot(float64(pos.X-hx), float64(pos.Y-hy)) <= handleRadius+4 {
			return id, true
		}
	}
	return 0, false
}

// voteAt is the vote button under a widget point while the board is
// voting: the card and +1 or −1.
func (b *Board) voteAt(pos fyne.Position) (int64, int, bool) {
	if !b.voting || b.overview() {
		return 0, 0, false
	}
	id, ok := b.cardAt(pos)
	if !ok {
		return 0, 0, false
	}
	f := b.factors[id]
	x, y := b.vp.ToScreen(Point{X: f.X, Y: f.Y})
	minus, plus := voteCentres(f, b.vp.Zoom)
	r := float64(voteRadius(b.vp.Zoom)) + 2
	near := func(c fyne.Position) bool {
		return math.Hypot(float64(pos.X-x-c.X), float64(pos.Y-y-c.Y)) <= r
	}
	switch {
	case near(plus):
		return id, 1, true
	case near(minus) && f.Votes > 0:
		return id, -1, true
	}
	return 0, 0, false
}

// handleCentre is where a card's connector handle is, in widget coordinates:
// the middle of its right edge.
func (b *Board) handleCentre(f *model.Factor) (float32, float32) {
	return b.vp.ToScreen(Point{X: f.X + f.W, Y: f.Y + f.H/2})
}

// linkAt is the link drawn under a widget point, if any.
func (b *Board) linkAt(pos fyne.Position) (int64, bool) {
	const reach = 6 // widget units
	best, bestD := int64(0), float32(reach)
	p := b.vp.ToBoard(pos.X, pos.Y)
	near := Rect{X: p.X, Y: p.Y, W: 0, H: 0}.Inset(reach / b.vp.Zoom)
	for _, id := range b.linkIndex.Query(near, nil) {
		a, c, ok := b.linkEnds(b.links[id])
		if !ok {
			continue
		}
		if d := distToSegment(pos, a, c); d <= bestD {
			best, bestD = id, d
		}
	}
	return best, best != 0
}

func distToSegment(p, a, b fyne.Position) float32 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := float32(0)
	if l2 > 0 {
		t = ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
		t = max(0, min(1, t))
	}
	x, y := a.X+t*dx-p.X, a.Y+t*dy-p.Y
	return float32(math.Sqrt(float64(x*x + y*y)))
}

func (b *Board) modifiers() fyne.KeyModifier {
	m := b.heldMod
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			m |= d.CurrentKeyModifiers()
		}
	}
	return m
}

func adding(m fyne.KeyModifier) bool {
	return m&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
}

func (b *Board) focus() {
	if b.readOnly {
		return // a view never takes the keyboard from its window
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && c.Focused() != b {
		c.Focus(b)
	}
}

// MouseDown selects what is under the pointer and prepares a drag. On a
// read-only board it only prepares a pan.
func (b *Board) MouseDown(ev *desktop.MouseEvent) {
	if b.readOnly {
		b.gesture = gesture{pressed: true, button: ev.Button, press: ev.Position, cur: ev.Position}
		return
	}
	b.finishEdit(true)
	b.focus()
	mods := ev.Modifier | b.modifiers()
	b.gesture = gesture{pressed: true, button: ev.Button, mods: mods, press: ev.Position, cur: ev.Position}
	if ev.Button != desktop.MouseButtonPrimary || b.space {
		return
	}
	if b.connecting != 0 {
		from := b.connecting
		b.stopConnecting()
		if to, ok := b.cardAt(ev.Position); ok {
			b.Connect(from, to)
		}
		b.gesture = gesture{}
		return
	}
	g := &b.gesture
	if id, delta, ok := b.voteAt(ev.Position); ok {
		b.Select(id)
		b.Vote([]int64{id}, delta)
		b.gesture = gesture{}
		return
	}
	if id, ok := b.handleAt(ev.Position); ok {
		g.hit, g.onHandle = id, true
		return
	}
	if id, ok := b.cardAt(ev.Position); ok {
		g.hit = id
		switch {
		case adding(mods):
			if b.selected[id] {
				delete(b.selected, id)
				b.contentChanged()
				b.stateChanged()
				b.selectionToMirrors()
			} else {
				b.setSelection([]int64{id}, true)
			}
		case b.selected[id]:
			g.wasSelected = true
		default:
			b.Select(id)
		}
		return
	}
	if id, ok := b.linkAt(ev.Position); ok {
		b.SelectLink(id)
		return
	}
	if !adding(mods) && (len(b.selected) > 0 || b.selLink != 0) {
		b.Select()
	}
}

// MouseUp ends a click: clicking one card of a selection selects only it.
func (b *Board) MouseUp(ev *desktop.MouseEvent) {
	g := &b.gesture
	if g.pressed && g.kind == gestureNone && g.wasSelected && !adding(g.mods) && len(b.selected) > 1 {
		b.Select(g.hit)
	}
	g.pressed = false
	if g.kind == gestureNone {
		b.gesture = gesture{}
	}
}

// Tapped is handled by MouseDown; the board is tappable so a click focuses it.
func (b *Board) Tapped(*fyne.PointEvent) {}

// DoubleTapped edits the card under the pointer, or adds a card there.
func (b *Board) DoubleTapped(ev *fyne.PointEvent) {
	if b.readOnly {
		return
	}
	if id, ok := b.cardAt(ev.Position); ok {
		b.Select(id)
		b.startEdit(id, false)
		return
	}
	if _, ok := b.linkAt(ev.Position); ok {
		return
	}
	b.CreateAt(b.vp.ToBoard(ev.Position.X, ev.Position.Y))
}

// Dragged moves cards, pans, draws a rubber band or a new link, depending
// on where the drag started and which button and keys are held.
func (b *Board) Dragged(ev *fyne.DragEvent) {
	g := &b.gesture
	if !g.pressed && g.kind == gestureNone {
		// A drag that did not start with MouseDown (as in fyne's test.Drag):
		// treat its position as the press.
		b.MouseDown(&desktop.MouseEvent{PointEvent: ev.PointEvent, Button: desktop.MouseButtonPrimary})
		g = &b.gesture
	}
	if g.kind == gestureNone {
		g.kind = b.startGesture()
	}
	g.cur = g.cur.Add(ev.Dragged)
	switch g.kind {
	case gesturePan:
		b.SetViewport(b.vp.PanBy(ev.Dragged.DX, ev.Dragged.DY))
	case gestureMove:
		dx := float64(g.cur.X-g.press.X) / b.vp.Zoom
		dy := float64(g.cur.Y-g.press.Y) / b.vp.Zoom
		for id, o := range g.origin {
			n := o
			n.X, n.Y, n.Z = math.Round(o.X+dx), math.Round(o.Y+dy), g.lifted[id]
			b.putFactor(&n)
		}
		b.contentChanged()
		b.previewRows(slices.Collect(maps.Keys(g.origin))) // the room sees the cards move
	case gestureBand, gestureLink:
		b.contentChanged()
	}
}

func (b *Board) startGesture() gestureKind {
	g := &b.gesture
	switch {
	case g.button == desktop.MouseButtonTertiary || b.space || b.readOnly:
		return gesturePan
	case g.onHandle:
		return gestureLink
	case g.hit != 0:
		if !b.selected[g.hit] {
			b.Select(g.hit)
		}
		// Lift the dragged cards above the others, keeping their order.
		g.origin, g.lifted = map[int64]model.Factor{}, map[int64]int{}
		for _, f := range b.Factors() {
			if b.selected[f.ID] {
				g.origin[f.ID] = f
				b.maxZ++
				g.lifted[f.ID] = b.maxZ
			}
		}
		return gestureMove
	default:
		return gestureBand
	}
}

// DragEnd finishes the drag: a move or a link is stored, a band selects.
func (b *Board) DragEnd() {
	g := b.gesture
	b.gesture = gesture{}
	switch g.kind {
	case gestureMove:
		before, after := newSnapshot(), newSnapshot()
		moved := false
		for id, o := range g.origin {
			cur := b.factors[id]
			if cur == nil {
				continue
			}
			old := o
			before.factors[id], after.factors[id] = &old, cur
			moved = moved || cur.X != old.X || cur.Y != old.Y
		}
		if moved {
			b.commit("Move", before, after, nil, nil, "")
		} else {
			for _, f := range before.factors {
				b.putFactor(f) // only lifted: put it back
			}
			b.contentChanged()
			b.previewRows(slices.Collect(maps.Keys(before.factors)))
		}
	case gestureBand:
		r := b.bandRect(g)
		var ids []int64
		for _, id := range b.index.Query(r, nil) {
			f := b.factors[id]
			if r.Intersects(Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}) {
				ids = append(ids, id)
			}
		}
		b.setSelection(ids, adding(g.mods))
	case gestureLink:
		if to, ok := b.cardAt(g.cur); ok {
			b.Connect(g.hit, to)
		} else {
			b.contentChanged()
		}
	}
}

func (b *Board) bandRect(g gesture) Rect {
	return Normalized(b.vp.ToBoard(g.press.X, g.press.Y), b.vp.ToBoard(g.cur.X, g.cur.Y))
}

// Scrolled pans; with Ctrl (or Cmd) held it zooms around the pointer;
// with Shift it pans sideways.
func (b *Board) Scrolled(ev *fyne.ScrollEvent) {
	m := b.modifiers()
	if m&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		b.ZoomAt(ev.Position.X, ev.Position.Y, math.Pow(1.1, float64(ev.Scrolled.DY)/10))
		return
	}
	dx, dy := ev.Scrolled.DX, ev.Scrolled.DY
	if m&fyne.KeyModifierShift != 0 && dx == 0 {
		dx, dy = dy, 0
	}
	b.SetViewport(b.vp.PanBy(dx, dy))
}

// MouseIn starts hover tracking.
func (b *Board) MouseIn(ev *desktop.MouseEvent) { b.MouseMoved(ev) }

// MouseMoved shows the connector handle of the card under the pointer.
func (b *Board) MouseMoved(ev *desktop.MouseEvent) {
	b.pointer = ev.Position
	if b.readOnly {
		return
	}
	id, ok := b.handleAt(ev.Position)
	if !ok {
		id, _ = b.cardAt(ev.Position)
	}
	if id != b.hover {
		b.hover = id
		b.contentChanged()
	} else if b.connecting != 0 {
		b.contentChanged()
	}
}

// MouseOut stops hover tracking.
func (b *Board) MouseOut() {
	if b.hover != 0 {
		b.hover = 0
		b.contentChanged()
	}
}

// Cursor is a crosshair over a connector handle and a pointer over a card.
func (b *Board) Cursor() desktop.Cursor {
	if b.readOnly {
		return desktop.DefaultCursor
	}
	if _, ok := b.handleAt(b.pointer); ok || b.connecting != 0 {
		return desktop.CrosshairCursor
	}
	if b.hover != 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// TappedSecondary opens the context menu of a card, a link or the board.
func (b *Board) TappedSecondary(ev *fyne.PointEvent) {
	if b.readOnly {
		return // every item edits, but Zoom to fit, which a view does by itself
	}
	b.finishEdit(true)
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	b.focus()
	var menu *fyne.Menu
	if id, ok := b.cardAt(ev.Position); ok {
		if !b.selected[id] {
			b.Select(id)
		}
		menu = b.cardMenu(id)
	} else if lid, ok := b.linkAt(ev.Position); ok {
		b.SelectLink(lid)
		menu = fyne.NewMenu("", fyne.NewMenuItem("Delete link", b.DeleteSelection))
	} else {
		at := b.vp.ToBoard(ev.Position.X, ev.Position.Y)
		menu = fyne.NewMenu("",
			fyne.NewMenuItem("New card here", func() { b.CreateAt(at) }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Arrange by category", b.ArrangeByCategory),
			fyne.NewMenuItem("Arrange as fishbone", b.ArrangeFishbone),
			fyne.NewMenuItem("Zoom to fit", b.ZoomToFit))
	}
	widget.ShowPopUpMenuAtPosition(menu, c, ev.AbsolutePosition)
}

// cardMenu is the context menu of a card (acting on the whole selection).
func (b *Board) cardMenu(id int64) *fyne.Menu {
	sel := b.Selection()
	if !b.selected[id] {
		sel = []int64{id}
	}
	category := fyne.NewMenuItem("Category", nil)
	category.ChildMenu = fyne.NewMenu("")
	f := b.factors[id]
	for i, c := range model.Categories() {
		item := fyne.NewMenuItem(c.Label(), func() { b.SetCategoryOf(sel, c) })
		item.Checked = f.Category == c
		item.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(rune('1' + i))}
		category.ChildMenu.Items = append(category.ChildMenu.Items, item)
	}
	author := fyne.NewMenuItem("Author", nil)
	author.ChildMenu = fyne.NewMenu("")
	names := append([]string{""}, b.names...)
	if f.Author != "" && !slices.Contains(names, f.Author) {
		names = append(names, f.Author)
	}
	for _, n := range names {
		label := n
		if n == "" {
			label = "Anonymous"
		}
		item := fyne.NewMenuItem(label, func() { b.SetAuthorOf(sel, n) })
		item.Checked = f.Author == n
		author.ChildMenu.Items = append(author.ChildMenu.Items, item)
	}
	unvote := fyne.NewMenuItem("Remove a vote", func() { b.Vote(sel, -1) })
	unvote.Disabled = true
	for _, s := range sel {
		if b.factors[s] != nil && b.factors[s].Votes > 0 {
			unvote.Disabled = false
		}
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Edit text", func() { b.Select(id); b.startEdit(id, false) }),
		category,
		author,
		fyne.NewMenuItem("Connect to…", func() { b.startConnecting(id) }),
		fyne.NewMenuItem("Vote +1", func() { b.Vote(sel, 1) }),
		unvote,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(deleteLabel(len(sel)), b.DeleteSelection),
		// A card written in the room that is abuse is kept, hidden, not
		// deleted: the group can see what was hidden was not lost.
		fyne.NewMenuItem("Hide as abuse", func() { b.HideCards(sel...) }),
	}
	return fyne.NewMenu("", items...)
}

func deleteLabel(n int) string {
	if n > 1 {
		return "Delete " + strconv.Itoa(n) + " cards"
	}
	return "Delete card"
}

// startConnecting makes the next click on a card link from id to it.
func (b *Board) startConnecting(id int64) {
	b.connecting = id
	b.contentChanged()
}

func (b *Board) stopConnecting() {
	b.connecting = 0
	b.contentChanged()
}
