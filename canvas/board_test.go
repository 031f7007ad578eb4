package canvas

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
)

// twoCards is a small debrief: card 1 at (0,0), card 2 at (400,0).
func twoCards() *model.Dossier {
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "Late demo"}}
	for i, text := range []string{"Skipped the checklist", "Fatigue after three late nights"} {
		d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), DebriefID: 1, Text: text, Category: model.Process,
			X: float64(400 * i), Y: 0, W: model.DefaultCardWidth, H: model.DefaultCardHeight, Z: i})
	}
	return d
}

func TestCreateByDoubleClickAndType(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	at := tb.screenOf(Point{X: 200, Y: 400})
	tb.doubleClick(at)
	id := tb.Editing()
	if id == 0 {
		t.Fatal("double-click on empty board did not open a new card for editing")
	}
	if len(tb.changes) != 0 {
		t.Fatalf("an empty new card was stored before its text was committed: %+v", tb.changes)
	}
	f, _ := tb.Factor(id)
	if c := (Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}).Center(); math.Abs(c.X-200) > 1 || math.Abs(c.Y-400) > 1 {
		t.Errorf("new card centred at %v, want the pointer (200,400)", c)
	}
	test.Type(tb.win.Canvas().Focused(), "Tight timeline")
	tb.key(fyne.KeyReturn)
	if tb.Editing() != 0 {
		t.Fatal("Enter did not commit")
	}
	f, _ = tb.Factor(id)
	if f.Text != "Tight timeline" || f.Category != model.Technical {
		t.Errorf("card is %q in %s", f.Text, f.Category)
	}
	c := tb.lastChange()
	if len(c.Factors) != 1 || c.Factors[0].ID != id || c.Factors[0].Text != "Tight timeline" {
		t.Errorf("stored change %+v", c)
	}
	if tb.win.Canvas().Focused() != tb.Board {
		t.Error("the board did not get the keyboard back after the edit")
	}

	tb.Undo()
	if _, ok := tb.Factor(id); ok {
		t.Error("undo did not remove the new card")
	}
	if c := tb.lastChange(); !slices.Equal(c.DeleteFactors, []int64{id}) {
		t.Errorf("undo stored %+v, want the card deleted", c)
	}
	tb.Redo()
	if f, ok := tb.Factor(id); !ok || f.Text != "Tight timeline" {
		t.Errorf("redo gave %+v, %v", f, ok)
	}
}

func TestCreateCancelledLeavesNothing(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	for _, finish := range []func(){
		func() { tb.key(fyne.KeyEscape) },
		func() { tb.key(fyne.KeyReturn) }, // blank text: nothing to add
	} {
		tb.doubleClick(tb.screenOf(Point{X: 200, Y: 400}))
		test.Type(tb.win.Canvas().Focused(), "   ")
		finish()
		if n := len(tb.Factors()); n != 2 {
			t.Errorf("%d cards after a cancelled or blank new card, want 2", n)
		}
	}
	if len(tb.changes) != 0 || tb.CanUndo() {
		t.Errorf("a cancelled card was stored (%d changes) or recorded for undo (%v)", len(tb.changes), tb.CanUndo())
	}
}

func TestEditInPlace(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.doubleClick(tb.centreOf(1))
	if tb.Editing() != 1 {
		t.Fatalf("double-click on card 1 edits %d", tb.Editing())
	}
	e := tb.win.Canvas().Focused()
	test.Type(e, " twice")
	// Shift+Enter is a new line, not a commit.
	e.(desktop.Keyable).KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.(desktop.Keyable).KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if tb.Editing() != 1 {
		t.Fatal("Shift+Enter committed the edit")
	}
	test.Type(e, "and nobody noticed")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f, _ := tb.Factor(1)
	want := "Skipped the checklist twice\nand nobody noticed"
	if f.Text != want {
		t.Fatalf("text %q, want %q", f.Text, want)
	}
	if c := tb.lastChange(); len(c.Factors) != 1 || c.Factors[0].Text != want {
		t.Errorf("stored %+v", c)
	}
	tb.Undo()
	if f, _ := tb.Factor(1); f.Text != "Skipped the checklist" {
		t.Errorf("undo left %q", f.Text)
	}
	tb.Redo()
	if f, _ := tb.Factor(1); f.Text != want {
		t.Errorf("redo left %q", f.Text)
	}

	// Enter on the selected card edits it too; Escape cancels.
	tb.Select(2)
	tb.key(fyne.KeyReturn)
	if tb.Editing() != 2 {
		t.Fatalf("Enter on the selection edits %d", tb.Editing())
	}
	n := len(tb.changes)
	test.Type(tb.win.Canvas().Focused(), " DISCARD")
	tb.key(fyne.KeyEscape)
	if f, _ := tb.Factor(2); f.Text != "Fatigue after three late nights" || len(tb.changes) != n {
		t.Errorf("Escape kept %q (%d new changes)", f.Text, len(tb.changes)-n)
	}
}

func TestMoveByDrag(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.SetViewport(Viewport{X: -100, Y: -100, Zoom: 0.5})
	tb.drag(tb.centreOf(1), 50, 25, desktop.MouseButtonPrimary, 0)
	f, _ := tb.Factor(1)
	if f.X != 100 || f.Y != 50 { // 50×25 screen units at 50 % is 100×50 board units
		t.Fatalf("card 1 at (%v,%v), want (100,50)", f.X, f.Y)
	}
	if g, _ := tb.Factor(2); g.X != 400 || g.Y != 0 {
		t.Errorf("card 2 moved too: (%v,%v)", g.X, g.Y)
	}
	if len(tb.changes) != 1 {
		t.Fatalf("%d changes for one drag, want 1 (stored on DragEnd only)", len(tb.changes))
	}
	if c := tb.changes[0]; len(c.Factors) != 1 || c.Factors[0].X != 100 || c.Factors[0].Z <= 1 {
		t.Errorf("stored %+v; want card 1 at x=100 lifted above card 2", c)
	}
	tb.Undo()
	if f, _ := tb.Factor(1); f.X != 0 || f.Y != 0 || f.Z != 0 {
		t.Errorf("undo put card 1 at (%v,%v) z %d", f.X, f.Y, f.Z)
	}
	tb.Redo()
	if f, _ := tb.Factor(1); f.X != 100 || f.Y != 50 {
		t.Errorf("redo put card 1 at (%v,%v)", f.X, f.Y)
	}
}

func TestMultiSelectAndMoveTogether(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.click(tb.centreOf(1), 0)
	tb.click(tb.centreOf(2), fyne.KeyModifierShift)
	if got := tb.Selection(); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("shift-click selection %v", got)
	}
	tb.click(tb.centreOf(1), fyne.KeyModifierControl)
	if got := tb.Selection(); !slices.Equal(got, []int64{2}) {
		t.Fatalf("ctrl-click did not toggle card 1 off: %v", got)
	}
	tb.click(tb.centreOf(1), fyne.KeyModifierControl)
	z := tb.Viewport().Zoom
	tb.drag(tb.centreOf(2), 30, 40, desktop.MouseButtonPrimary, 0)
	f1, _ := tb.Factor(1)
	f2, _ := tb.Factor(2)
	dx, dy := math.Round(30/z), math.Round(40/z)
	if f1.X != dx || f1.Y != dy || f2.X != 400+dx || f2.Y != dy {
		t.Errorf("cards at (%v,%v) and (%v,%v), want both moved by (%v,%v)", f1.X, f1.Y, f2.X, f2.Y, dx, dy)
	}
	if c := tb.lastChange(); len(c.Factors) != 2 {
		t.Errorf("one change should hold both cards: %+v", c)
	}
	tb.Undo()
	f1, _ = tb.Factor(1)
	f2, _ = tb.Factor(2)
	if f1.X != 0 || f2.X != 400 {
		t.Errorf("undo left cards at x %v and %v", f1.X, f2.X)
	}
	// A plain click on one card of the selection selects just that card.
	tb.Select(1, 2)
	tb.click(tb.centreOf(2), 0)
	if got := tb.Selection(); !slices.Equal(got, []int64{2}) {
		t.Errorf("click in a selection left %v", got)
	}
	// Arrow keys nudge; a run of nudges undoes at once.
	tb.key(fyne.KeyRight)
	tb.key(fyne.KeyRight)
	tb.key(fyne.KeyDown)
	if f, _ := tb.Factor(2); f.X != 420 || f.Y != 10 {
		t.Errorf("after nudges card 2 at (%v,%v), want (420,10)", f.X, f.Y)
	}
	tb.Undo()
	if f, _ := tb.Factor(2); f.X != 400 || f.Y != 0 {
		t.Errorf("undo of nudges left card 2 at (%v,%v)", f.X, f.Y)
	}
}

func TestRubberBand(t *testing.T) {
	d := twoCards()
	d.Factors = append(d.Factors, model.Factor{ID: 3, DebriefID: 1, Text: "far", Category: model.Lucky, X: 0, Y: 600, W: 220, H: 120})
	tb := newTestBoard(t, d, 1000, 700)
	start := tb.screenOf(Point{X: -50, Y: -50})
	end := tb.screenOf(Point{X: 700, Y: 200})
	tb.drag(start, end.X-start.X, end.Y-start.Y, desktop.MouseButtonPrimary, 0)
	if got := tb.Selection(); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("band selected %v, want [1 2]", got)
	}
	for _, f := range tb.Factors() {
		if f.X != d.Factors[f.ID-1].X || f.Y != d.Factors[f.ID-1].Y {
			t.Errorf("the band moved card %d", f.ID)
		}
	}
	// Shift adds to the selection.
	s, e := tb.screenOf(Point{X: -10, Y: 590}), tb.screenOf(Point{X: 30, Y: 630})
	tb.drag(s, e.X-s.X, e.Y-s.Y, desktop.MouseButtonPrimary, fyne.KeyModifierShift)
	if got := tb.Selection(); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Errorf("shift-band selected %v, want [1 2 3]", got)
	}
	if len(tb.changes) != 0 {
		t.Errorf("selecting stored %d changes", len(tb.changes))
	}
}

func TestLinkByHandleAndDelete(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.Select(1)
	f, _ := tb.Factor(1)
	hx, hy := tb.handleCentre(&f)
	to := tb.centreOf(2)
	tb.drag(fyne.NewPos(hx, hy), to.X-hx, to.Y-hy, desktop.MouseButtonPrimary, 0)
	links := tb.Links()
	if len(links) != 1 || links[0].FromID != 1 || links[0].ToID != 2 {
		t.Fatalf("links %+v, want 1→2", links)
	}
	if f2, _ := tb.Factor(1); f2.X != f.X {
		t.Error("dragging the handle moved the card")
	}
	if c := tb.lastChange(); len(c.Links) != 1 || c.Links[0].ID != links[0].ID || c.Links[0].ID < 1000 {
		t.Errorf("stored %+v; want the link with a new ID from 1000 up", c)
	}
	// The same link again is refused.
	if id := tb.Connect(1, 2); id != 0 {
		t.Error("a duplicate link was made")
	}
	// Links follow their cards.
	a0, _, _ := tb.linkEnds(&links[0])
	tb.Select(1)
	tb.Nudge(0, 50)
	a2, _, _ := tb.linkEnds(&links[0])
	if a2 == a0 {
		t.Error("the link did not follow its card")
	}
	// Select the link by clicking it, delete it, undo, redo.
	tb.Select()
	a, c, _ := tb.linkEnds(&links[0])
	mid := fyne.NewPos((a.X+c.X)/2, (a.Y+c.Y)/2)
	l0, _ := tb.linkAt(mid)
	tb.click(mid, 0)
	if tb.SelectedLink() != links[0].ID || l0 != links[0].ID {
		t.Fatalf("clicking the arrow selected link %d", tb.SelectedLink())
	}
	tb.key(fyne.KeyDelete)
	if len(tb.Links()) != 0 || !slices.Equal(tb.lastChange().DeleteLinks, []int64{links[0].ID}) {
		t.Fatalf("Delete left links %+v; change %+v", tb.Links(), tb.lastChange())
	}
	tb.Undo()
	if len(tb.Links()) != 1 {
		t.Error("undo did not bring the link back")
	}
	tb.Redo()
	if len(tb.Links()) != 0 {
		t.Error("redo did not delete the link again")
	}
}

func TestConnectToMenuMode(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.startConnecting(2)
	tb.click(tb.centreOf(1), 0)
	if l := tb.Links(); len(l) != 1 || l[0].FromID != 2 || l[0].ToID != 1 {
		t.Errorf("Connect to… made %+v, want 2→1", l)
	}
}

func TestDeleteCardsWithLinksUndoRestoresAll(t *testing.T) {
	d := twoCards()
	d.Links = []model.Link{{ID: 7, DebriefID: 1, FromID: 1, ToID: 2}}
	tb := newTestBoard(t, d, 1000, 700)
	tb.Select(1)
	tb.key(fyne.KeyBackspace)
	if _, ok := tb.Factor(1); ok || len(tb.Links()) != 0 {
		t.Fatal("card 1 or its link is still there")
	}
	c := tb.lastChange()
	if !slices.Equal(c.DeleteFactors, []int64{1}) || !slices.Equal(c.DeleteLinks, []int64{7}) {
		t.Errorf("stored %+v", c)
	}
	tb.Undo()
	if _, ok := tb.Factor(1); !ok {
		t.Fatal("undo did not restore card 1")
	}
	if l := tb.Links(); len(l) != 1 || l[0].ID != 7 {
		t.Errorf("undo restored links %+v, want link 7", l)
	}
	c = tb.lastChange()
	if len(c.Factors) != 1 || c.Factors[0].ID != 1 || len(c.Links) != 1 || c.Links[0].ID != 7 {
		t.Errorf("undo stored %+v; want card 1 and link 7 with their own IDs", c)
	}
	tb.Redo()
	if _, ok := tb.Factor(1); ok {
		t.Error("redo did not delete again")
	}
}

func TestCategoryKeysAndMenu(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.Select(1, 2)
	tb.win.Canvas().Focused().TypedRune('5')
	for _, f := range tb.Factors() {
		if f.Category != model.Warning {
			t.Errorf("card %d is %s after key 5", f.ID, f.Category)
		}
	}
	tb.Undo()
	for _, f := range tb.Factors() {
		if f.Category != model.Process {
			t.Errorf("undo left card %d %s", f.ID, f.Category)
		}
	}
	// With nothing selected, a number picks the category of new cards.
	tb.Select()
	tb.win.Canvas().Focused().TypedRune('2')
	if tb.Category() != model.People {
		t.Errorf("current category %s", tb.Category())
	}
	// The context menu lists every category.
	m := tb.cardMenu(1)
	var labels []string
	for _, it := range m.Items {
		labels = append(labels, it.Label)
		if it.Label == "Category" {
			if n := len(it.ChildMenu.Items); n != 7 {
				t.Errorf("category submenu has %d items", n)
			}
			it.ChildMenu.Items[6].Action()
		}
	}
	if f, _ := tb.Factor(1); f.Category != model.Lucky {
		t.Errorf("menu set %s", f.Category)
	}
	if !slices.Contains(labels, "Connect to…") || !slices.Contains(labels, "Edit text") {
		t.Errorf("card menu %v", labels)
	}
}

func TestQuickAddFindsAFreeSpot(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.SetCategory(model.Context)
	var ids []int64
	for i := range 12 {
		ids = append(ids, tb.QuickAdd(fmt.Sprintf("factor %d", i)))
	}
	if tb.QuickAdd("   ") != 0 {
		t.Error("blank quick-add made a card")
	}
	fs := tb.Factors()
	if len(fs) != 14 {
		t.Fatalf("%d cards", len(fs))
	}
	for i, a := range fs {
		for _, b := range fs[i+1:] {
			if (Rect{X: a.X, Y: a.Y, W: a.W, H: a.H}).Intersects(Rect{X: b.X, Y: b.Y, W: b.W, H: b.H}) {
				t.Errorf("cards %d and %d overlap", a.ID, b.ID)
			}
		}
	}
	first, _ := tb.Factor(ids[0])
	if first.Category != model.Context {
		t.Errorf("quick-add category %s", first.Category)
	}
	s := tb.Size()
	centre := tb.vp.ToBoard(s.Width/2, s.Height/2)
	if d := math.Hypot(first.X+first.W/2-centre.X, first.Y+first.H/2-centre.Y); d > 600 {
		t.Errorf("first quick-add card is %.0f units from the view centre", d)
	}
	if got := tb.Selection(); !slices.Equal(got, ids[len(ids)-1:]) {
		t.Errorf("selection %v, want the last added card", got)
	}
}

func TestLongTextGrowsThenShrinksToFit(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	long := ""
	for i := range 60 {
		long += fmt.Sprintf("word%d ", i)
	}
	id := tb.QuickAdd(long)
	f, _ := tb.Factor(id)
	if f.H <= model.DefaultCardHeight {
		t.Errorf("a long card stayed %v high", f.H)
	}
	huge := ""
	for range 20000 {
		huge += "overflow "
	}
	id = tb.QuickAdd(huge)
	f, _ = tb.Factor(id)
	l := tb.layoutOf(&f)
	if !l.tl.truncated || l.tl.size != minCardTextSize {
		t.Errorf("a 180,000-character card: truncated %v at size %v", l.tl.truncated, l.tl.size)
	}
	if h := float64(len(l.tl.lines)) * float64(l.tl.size*lineSpacing); h > l.body.H+0.01 {
		t.Errorf("text is %v high in a %v body", h, l.body.H)
	}
	for _, line := range l.tl.lines {
		if w := tb.measure(line, l.tl.size); float64(w) > l.body.W {
			t.Errorf("line %q is %v wide in a %v body", line, w, l.body.W)
		}
	}
}

func TestZoomAroundPointerAndFit(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.SetViewport(Viewport{X: 0, Y: 0, Zoom: 1})
	p := fyne.NewPos(300, 200)
	before := tb.vp.ToBoard(p.X, p.Y)
	tb.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	tb.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, 10)})
	tb.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	if z := tb.Viewport().Zoom; math.Abs(z-1.1) > 1e-9 {
		t.Errorf("ctrl+scroll zoom %v, want 1.1", z)
	}
	after := tb.vp.ToBoard(p.X, p.Y)
	if math.Abs(after.X-before.X) > 1e-6 || math.Abs(after.Y-before.Y) > 1e-6 {
		t.Errorf("the point under the pointer moved from %v to %v", before, after)
	}
	// Plain scroll pans.
	tb.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, -110)})
	if z := tb.Viewport().Zoom; math.Abs(z-1.1) > 1e-9 || math.Abs(tb.vp.Y-(after.Y-float64(p.Y)/1.1+100)) > 1e-6 {
		t.Errorf("scroll changed zoom to %v or panned to %v", z, tb.vp.Y)
	}
	// Limits.
	for range 100 {
		tb.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierControl})
	}
	if z := tb.Viewport().Zoom; z != MaxZoom {
		t.Errorf("zoom in stops at %v, want %v", z, MaxZoom)
	}
	for range 100 {
		tb.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierControl})
	}
	if z := tb.Viewport().Zoom; z != MinZoom {
		t.Errorf("zoom out stops at %v, want %v", z, MinZoom)
	}
	// Ctrl+0 fits every card in view.
	tb.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierControl})
	vis := tb.vp.Visible(tb.Size().Width, tb.Size().Height)
	for _, f := range tb.Factors() {
		r := Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}
		if r.X < vis.X || r.Y < vis.Y || r.Right() > vis.Right() || r.Bottom() > vis.Bottom() {
			t.Errorf("after fit card %d %v is outside the view %v", f.ID, r, vis)
		}
	}
	// Middle-button drag pans and moves no card.
	v := tb.Viewport()
	tb.drag(tb.centreOf(1), 100, 0, desktop.MouseButtonTertiary, 0)
	if tb.vp.X != v.X-100/v.Zoom {
		t.Errorf("middle drag panned to %v, want %v", tb.vp.X, v.X-100/v.Zoom)
	}
	// So does a primary drag with Space held.
	tb.KeyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	tb.drag(tb.centreOf(1), 0, 50, desktop.MouseButtonPrimary, 0)
	tb.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	if f, _ := tb.Factor(1); f.X != 0 || f.Y != 0 || len(tb.changes) != 0 {
		t.Errorf("panning moved card 1 to (%v,%v) or stored %d changes", f.X, f.Y, len(tb.changes))
	}
}

func TestCulling(t *testing.T) {
	d := twoCards()
	d.Factors[1].X = 5000 // far to the right
	tb := newTestBoard(t, d, 1000, 700)
	tb.SetViewport(Viewport{X: -100, Y: -100, Zoom: 1})
	if got := tb.VisibleCards(); !slices.Equal(got, []int64{1}) {
		t.Fatalf("visible %v, want [1]", got)
	}
	if inTree(tb.Board, tb.r.viewsFor(2)) {
		t.Fatal("card 2, outside the view, is in the object tree")
	}
	tb.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(-4500, 0)})
	if got := tb.VisibleCards(); !slices.Equal(got, []int64{2}) {
		t.Fatalf("after scrolling right, visible %v, want [2]", got)
	}
	if !inTree(tb.Board, tb.r.viewsFor(2)) {
		t.Error("card 2 scrolled into view but is not in the object tree")
	}
	// Far zoomed out, cards are one image, not views.
	tb.SetViewport(Viewport{X: -100, Y: -100, Zoom: 0.1})
	if got := tb.VisibleCards(); len(got) != 0 || tb.r.overview.Hidden {
		t.Errorf("at 10 %% %v have views; overview hidden %v", got, tb.r.overview.Hidden)
	}
}

// inTree reports whether o is drawn under root.
func inTree(root fyne.CanvasObject, o fyne.CanvasObject) bool {
	if o == nil {
		return false
	}
	if root == o {
		return true
	}
	switch c := root.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			if inTree(child, o) {
				return true
			}
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			if inTree(child, o) {
				return true
			}
		}
	}
	return false
}

func TestArrangements(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 800)
	before := tb.Factors()
	tb.ArrangeByCategory()
	after := tb.Factors()
	colOf := map[model.Category]float64{}
	for _, f := range after {
		if x, ok := colOf[f.Category]; ok && x != f.X {
			t.Errorf("%s cards in two columns (%v and %v)", f.Category, x, f.X)
		}
		colOf[f.Category] = f.X
	}
	if len(tb.lastChange().Factors) == 0 {
		t.Error("arranging stored nothing")
	}
	tb.Undo()
	for i, f := range tb.Factors() {
		if f.X != before[i].X || f.Y != before[i].Y {
			t.Errorf("undo left card %d at (%v,%v)", f.ID, f.X, f.Y)
		}
	}
	tb.ArrangeFishbone()
	s := tb.Skeleton()
	if s.Empty() || s.HeadText != tb.title || len(s.Bones) == 0 {
		t.Fatalf("fishbone skeleton %+v", s)
	}
	for _, f := range tb.Factors() {
		if (Rect{X: f.X, Y: f.Y, W: f.W, H: f.H}).Intersects(s.Head) {
			t.Errorf("card %d covers the head", f.ID)
		}
	}
	if len(tb.r.skeleton) == 0 || !inTree(tb.Board, tb.r.skeleton[0]) {
		t.Error("the fishbone is not drawn")
	}
	tb.Undo()
	if !tb.Skeleton().Empty() {
		t.Error("undo kept the fishbone drawing")
	}
	tb.Redo()
	if tb.Skeleton().Empty() {
		t.Error("redo lost the fishbone drawing")
	}
}

func TestSelectAllAndTabOrder(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 800)
	tb.TypedShortcut(&fyne.ShortcutSelectAll{})
	if n := len(tb.Selection()); n != len(tb.Factors()) {
		t.Errorf("select all selected %d of %d", n, len(tb.Factors()))
	}
	tb.Select()
	fs := tb.Factors()
	sortReading(fs)
	for i := range 3 {
		tb.key(fyne.KeyTab)
		if got := tb.Selection(); !slices.Equal(got, []int64{fs[i].ID}) {
			t.Fatalf("tab %d selected %v, want %d", i+1, got, fs[i].ID)
		}
	}
}

func TestMovingOneCardRedrawsNoOther(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 800)
	tb.Select(1)
	counts := map[int64]int{}
	for _, id := range tb.VisibleCards() {
		counts[id] = tb.r.views[id].redraw
	}
	if len(counts) < 5 {
		t.Fatalf("only %d cards in view", len(counts))
	}
	tb.drag(tb.centreOf(1), 120, 80, desktop.MouseButtonPrimary, 0)
	for id, n := range counts {
		v := tb.r.views[id]
		if v == nil {
			t.Fatalf("card %d left the view", id)
		}
		if v.redraw != n {
			t.Errorf("card %d was redrawn %d times by a drag (of card 1)", id, v.redraw-n)
		}
	}
	if f, _ := tb.Factor(1); tb.r.views[1].box.Position() != tb.screenOf(Point{X: f.X, Y: f.Y}) {
		t.Error("the dragged card's view is not where the card is")
	}
}

func TestInvalidEditIsRefusedAndChangesNothing(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	var refused []error
	tb.OnRefused = func(err error) { refused = append(refused, err) }
	huge := make([]rune, model.MaxText+1)
	for i := range huge {
		huge[i] = 'x'
	}
	tb.SetText(1, string(huge))
	if f, _ := tb.Factor(1); f.Text != "Skipped the checklist" {
		t.Errorf("an over-long text was taken (%d runes)", len([]rune(f.Text)))
	}
	if len(refused) != 1 || len(tb.changes) != 0 || tb.CanUndo() {
		t.Errorf("refused %v, %d changes stored, undo %v; want one refusal and nothing stored", refused, len(tb.changes), tb.CanUndo())
	}
}

func TestNewLinkIsDrawn(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	if tb.r.drawnLinks != 0 {
		t.Fatalf("%d arrows drawn on a board without links", tb.r.drawnLinks)
	}
	tb.Connect(1, 2)
	if tb.r.drawnLinks != 1 || !inTree(tb.Board, tb.r.links[0].line) {
		t.Fatal("the new arrow is not in the object tree")
	}
	tb.Undo()
	if tb.r.drawnLinks != 0 || inTree(tb.Board, tb.r.links[0].line) {
		t.Error("the undone arrow is still drawn")
	}
}

func TestNaiveModeKeepsEveryCard(t *testing.T) {
	d := twoCards()
	d.Factors[1].X = 5000
	tb := newTestBoard(t, d, 1000, 700)
	tb.SetViewport(Viewport{X: -100, Y: -100, Zoom: 1})
	tb.SetNaive(true)
	if got := tb.VisibleCards(); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("naive board has views for %v, want every card", got)
	}
	tb.SetNaive(false)
	if got := tb.VisibleCards(); !slices.Equal(got, []int64{1}) {
		t.Errorf("culling back on: views for %v", got)
	}
}

func TestLoadKeepsEveryLinkOfAFile(t *testing.T) {
	d := sampleDossier(t) // read from JSON: its links have no IDs yet
	tb := newTestBoard(t, d, 1280, 800)
	links := tb.Links()
	if len(links) != len(d.Links) || len(d.Links) < 2 {
		t.Fatalf("board holds %d links, the file %d", len(links), len(d.Links))
	}
	for i, l := range links {
		if l.ID == 0 || l.FromID != d.Links[i].FromID || l.ToID != d.Links[i].ToID {
			t.Errorf("link %d is %+v, want %d→%d with an ID", i, l, d.Links[i].FromID, d.Links[i].ToID)
		}
	}
	if tb.r.drawnLinks != len(d.Links) {
		t.Errorf("%d arrows drawn, want %d", tb.r.drawnLinks, len(d.Links))
	}
}

func TestDotVotesByButtonKeyAndMenu(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.SetViewport(Viewport{X: -20, Y: -20, Zoom: 1})
	f, _ := tb.Factor(1)
	at := func(minusButton bool) fyne.Position {
		x, y := tb.vp.ToScreen(Point{X: f.X, Y: f.Y})
		minus, plus := voteCentres(&f, tb.vp.Zoom)
		if minusButton {
			return fyne.NewPos(x+minus.X, y+minus.Y)
		}
		return fyne.NewPos(x+plus.X, y+plus.Y)
	}
	votes := func(id int64) int { f, _ := tb.Factor(id); return f.Votes }

	// Not voting: the + spot is just the card.
	tb.click(at(false), 0)
	if votes(1) != 0 || len(tb.changes) != 0 {
		t.Fatalf("a click outside the voting phase voted: %d votes, %d changes", votes(1), len(tb.changes))
	}
	tb.SetVoting(true)
	if !tb.r.views[1].plus.disc.Visible() || tb.r.views[1].minus.disc.Visible() {
		t.Error("while voting a card without votes shows + and not −")
	}
	tb.click(at(false), 0)
	tb.click(at(false), 0)
	if votes(1) != 2 {
		t.Fatalf("two clicks on + gave %d votes", votes(1))
	}
	if c := tb.lastChange(); len(c.Factors) != 1 || c.Factors[0].Votes != 2 {
		t.Errorf("stored %+v, want card 1 with 2 votes", c)
	}
	if !tb.r.views[1].minus.disc.Visible() {
		t.Error("a card with votes shows no − button")
	}
	tb.click(at(true), 0)
	if votes(1) != 1 {
		t.Errorf("− left %d votes, want 1", votes(1))
	}
	// Keys act on the selection; votes never go below zero.
	tb.Select(1, 2)
	tb.win.Canvas().Focused().TypedRune('+')
	if votes(1) != 2 || votes(2) != 1 {
		t.Errorf("+ on both: %d and %d votes", votes(1), votes(2))
	}
	for range 4 {
		tb.win.Canvas().Focused().TypedRune('-')
	}
	if votes(1) != 0 || votes(2) != 0 {
		t.Errorf("four − left %d and %d votes", votes(1), votes(2))
	}
	tb.Undo()
	if votes(1) != 1 || votes(2) != 0 {
		t.Errorf("undo of the last − gave %d and %d", votes(1), votes(2))
	}
	var unvote *fyne.MenuItem
	for _, it := range tb.cardMenu(2).Items {
		if it.Label == "Remove a vote" {
			unvote = it
		}
	}
	if unvote == nil || !unvote.Disabled {
		t.Error("the menu offers to remove a vote from a card with none")
	}
	if top := tb.MostVoted(5); len(top) != 1 || top[0].ID != 1 {
		t.Errorf("most voted %+v, want card 1 only", top)
	}
	tb.SetVoting(false)
	if tb.r.views[1].plus.disc.Visible() {
		t.Error("the vote buttons stay after voting ends")
	}
}

// Voting never moves a card's + button or grows the card: a second click
// in the same place votes again (the card grew after the first vote, so
// the second click missed, and it grew over its neighbour's +).
func TestVotingKeepsTheCardAndItsButtonsInPlace(t *testing.T) {
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "Votes"}, Factors: []model.Factor{{
		ID: 1, DebriefID: 1, Category: model.Process, X: 0, Y: 0, W: model.DefaultCardWidth, H: model.DefaultCardHeight,
		Text: "The wiring check was skipped because the bench was booked for the demo rehearsal the same night",
	}}}
	tb := newTestBoard(t, d, 800, 600)
	tb.SetVoting(true)
	before, _ := tb.Factor(1)
	_, plus := voteCentres(&before, tb.vp.Zoom)
	for i := 1; i <= 3; i++ {
		tb.Vote([]int64{1}, 1)
		f, _ := tb.Factor(1)
		_, p := voteCentres(&f, tb.vp.Zoom)
		if f.W != before.W || f.H != before.H || p != plus {
			t.Fatalf("vote %d: the card is %gx%g (was %gx%g), + at %v (was %v)", i, f.W, f.H, before.W, before.H, p, plus)
		}
		if f.Votes != i {
			t.Fatalf("vote %d counted %d", i, f.Votes)
		}
	}
}
