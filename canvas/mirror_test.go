package canvas

import (
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
)

// newMirror shows a read-only mirror of src in its own headless window of
// size w×h, as the audience window does.
func newMirror(t *testing.T, src *Board, w, h float32) (*Board, fyne.Window) {
	t.Helper()
	m := NewBoard()
	m.Mirror(src)
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return m, win
}

// sameRows reports how two boards' cards and links differ, "" when they do not.
func sameRows(a, b *Board) string {
	if fa, fb := a.Factors(), b.Factors(); !slices.Equal(fa, fb) {
		return "cards differ:\n  " + describe(fa) + "\n  " + describe(fb)
	}
	if la, lb := a.Links(), b.Links(); !slices.Equal(la, lb) {
		return "links differ"
	}
	return ""
}

func describe(fs []model.Factor) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Text)
		b.WriteString("; ")
	}
	return b.String()
}

// drawnTexts is every text the board draws, joined by spaces (a card's
// text is drawn one line at a time).
func drawnTexts(b *Board) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(b)
	return strings.Join(out, " ")
}

func TestReadOnlyBoardEditsNothing(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.Select(1)
	tb.SetReadOnly(true)
	if tb.win.Canvas().Focused() != nil {
		t.Error("a read-only board kept the keyboard")
	}
	before := tb.Factors()
	vp := tb.Viewport()

	tb.doubleClick(tb.screenOf(Point{X: 200, Y: 400})) // empty board: would add a card
	tb.doubleClick(tb.centreOf(2))                     // a card: would edit it
	if tb.Editing() != 0 {
		t.Error("a double-click opened a card for editing")
	}
	tb.click(tb.centreOf(2), 0)
	if sel := tb.Selection(); !slices.Equal(sel, []int64{1}) {
		t.Errorf("a click changed the selection to %v", sel)
	}
	tb.drag(tb.centreOf(1), 120, 80, desktop.MouseButtonPrimary, 0) // would move card 1
	if got := tb.Viewport(); got == vp {
		t.Error("dragging a read-only board did not pan it")
	}
	tb.drag(tb.screenOf(Point{X: 1, Y: 1}), 0, 0, desktop.MouseButtonPrimary, 0)
	tb.win.Canvas().Focus(tb.Board) // refused; the keys below are sent straight to the board
	for _, k := range []fyne.KeyName{fyne.KeyDelete, fyne.KeyBackspace, fyne.KeyRight, fyne.KeyReturn, fyne.KeyTab} {
		tb.TypedKey(&fyne.KeyEvent{Name: k})
	}
	for _, r := range "+-3" {
		tb.TypedRune(r)
	}
	tb.TypedShortcut(&fyne.ShortcutSelectAll{})
	tb.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl})
	if sel := tb.Selection(); !slices.Equal(sel, []int64{1}) {
		t.Errorf("keys changed the selection to %v", sel)
	}
	if tb.Category() != model.Technical {
		t.Errorf("a category key set new cards to %s", tb.Category())
	}
	tb.TappedSecondary(&fyne.PointEvent{Position: tb.centreOf(1)})
	tb.TappedSecondary(&fyne.PointEvent{Position: tb.screenOf(Point{X: 200, Y: 400})})
	if top := tb.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a right-click opened a menu (%T)", top)
	}

	// The methods a toolbar or a menu would call refuse too.
	if id := tb.QuickAdd("Should not appear"); id != 0 {
		t.Errorf("QuickAdd gave card %d", id)
	}
	if id := tb.CreateAt(Point{X: 0, Y: 300}); id != 0 {
		t.Errorf("CreateAt gave card %d", id)
	}
	if id := tb.Connect(1, 2); id != 0 {
		t.Errorf("Connect gave link %d", id)
	}
	tb.SetText(1, "Rewritten")
	tb.SetCategoryOf([]int64{1}, model.People)
	tb.Vote([]int64{1}, 1)
	tb.Nudge(10, 10)
	tb.ArrangeByCategory()
	tb.ArrangeFishbone()
	tb.DeleteSelection()
	tb.Edit(1) // (editor.go does not check; what is typed is refused all the same)
	if tb.Editing() != 0 {
		test.Type(tb.edit.entry, " and more")
		tb.CommitEdit()
	}
	tb.SetCategory(model.People)
	if tb.CanUndo() || tb.CanRedo() {
		t.Error("a read-only board offers undo or redo")
	}

	if got := tb.Factors(); !slices.Equal(got, before) {
		t.Errorf("a read-only board changed its cards:\n%v\nwant\n%v", got, before)
	}
	if len(tb.Links()) != 0 || !tb.Skeleton().Empty() {
		t.Error("a read-only board gained a link or a fishbone")
	}
	if len(tb.changes) != 0 {
		t.Errorf("a read-only board reported %d changes: %+v", len(tb.changes), tb.changes)
	}
	for _, o := range test.WidgetRenderer(tb.Board).Objects() {
		if o == tb.r.legend {
			t.Error("a read-only board shows the legend of new cards")
		}
	}
	if v := tb.r.views[1]; v == nil || !v.handle.Hidden || v.halo.Hidden {
		t.Error("the selected card should stand out without a connector handle")
	}

	// Zooming still works, and editing comes back with SetReadOnly(false).
	z := tb.Viewport().Zoom
	tb.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierControl})
	if tb.Viewport().Zoom <= z {
		t.Error("Ctrl+= did not zoom a read-only board")
	}
	tb.SetReadOnly(false)
	if id := tb.QuickAdd("Now it works"); id == 0 || len(tb.changes) != 1 {
		t.Error("an editable board again did not add a card")
	}
}

func TestReadOnlyBoardNeverTakesTheKeyboard(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 1000, 700)
	tb.SetReadOnly(true)
	c := tb.win.Canvas()
	c.Focus(tb.Board)
	c.FocusNext()
	if c.Focused() != nil {
		t.Errorf("focus went to %T", c.Focused())
	}
	tb.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tb.centreOf(1)}, Button: desktop.MouseButtonPrimary})
	tb.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tb.centreOf(1)}, Button: desktop.MouseButtonPrimary})
	if c.Focused() != nil {
		t.Error("a click gave a read-only board the keyboard")
	}
}

func TestMirrorShowsEveryChange(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 760)
	m, _ := newMirror(t, tb.Board, 1600, 900)
	if !m.ReadOnly() || m.Source() != tb.Board {
		t.Fatal("a mirror should be a read-only view of its source")
	}
	check := func(what string) {
		t.Helper()
		if d := sameRows(m, tb.Board); d != "" {
			t.Fatalf("after %s the mirror differs: %s", what, d)
		}
	}
	check("mirroring")

	id := tb.AddCard("Charger unlabelled", model.People)
	check("adding a card")
	if !strings.Contains(drawnTexts(m), "Charger unlabelled") {
		t.Errorf("the mirror does not draw the new card; it draws:\n%s", drawnTexts(m))
	}
	if !slices.Equal(m.Selection(), []int64{id}) {
		t.Errorf("mirror selection %v, want the new card %d", m.Selection(), id)
	}

	// A drag shows on the mirror while it happens, not only at the drop.
	f, _ := tb.Factor(id)
	from := tb.centreOf(id)
	tb.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	tb.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(60, 0)}, Dragged: fyne.NewDelta(60, 0)})
	if g, _ := m.Factor(id); g.X == f.X {
		t.Error("the mirror did not move the card while it was dragged")
	}
	tb.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(60, 0)}, Button: desktop.MouseButtonPrimary})
	tb.DragEnd()
	check("a drag")

	tb.Select(id)
	tb.Nudge(0, 40)
	check("a nudge")
	other := tb.Factors()[0].ID
	tb.Connect(id, other)
	check("a link")
	tb.SetText(id, "Charger unlabelled and unowned")
	tb.SetCategoryOf([]int64{id}, model.Context)
	tb.Vote([]int64{id}, 2)
	check("edits and votes")
	tb.Select(id)
	tb.DeleteSelection()
	check("a delete")
	if strings.Contains(drawnTexts(m), "Charger") {
		t.Error("the mirror still draws the deleted card")
	}
	tb.Undo()
	check("undoing the delete")
	tb.Redo()
	tb.Undo()
	check("redo and undo")

	tb.ArrangeFishbone()
	check("a fishbone")
	if !sameSkeleton(m.Skeleton(), tb.Skeleton()) || m.Skeleton().Empty() {
		t.Error("the mirror does not draw the fishbone")
	}
	tb.SetTitle("Rover bench test, renamed")
	if m.Skeleton().HeadText != "Rover bench test, renamed" {
		t.Errorf("fishbone head on the mirror: %q", m.Skeleton().HeadText)
	}
	tb.Undo()
	if !m.Skeleton().Empty() {
		t.Error("undoing the fishbone left it on the mirror")
	}
	tb.SetKudos([]int64{id})
	if !m.kudos[id] {
		t.Error("kudos star not on the mirror")
	}
	tb.Select(other)
	if !slices.Equal(m.Selection(), []int64{other}) {
		t.Errorf("mirror selection %v, want %d", m.Selection(), other)
	}

	// A card being typed is not a card yet: the room sees it once it is added.
	typed := tb.CreateAt(Point{X: -500, Y: -500})
	if _, ok := m.Factor(typed); ok {
		t.Error("the mirror shows a card still being typed")
	}
	// (Fyne's test driver gives every object the newest window's canvas, the
	// mirror's, so the editor is typed into directly.)
	test.Type(tb.edit.entry, "Typed live")
	tb.edit.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := m.Factor(typed); !ok {
		t.Error("the typed card did not reach the mirror")
	}
	check("a card typed on the board")

	// Loading another debrief on the source replaces everything.
	tb.Load(twoCards(), 1000, 1000)
	check("a new Load")

	// Mirror(nil) stops: later changes stay on the source.
	m.Mirror(nil)
	tb.QuickAdd("Not mirrored")
	if len(m.Factors()) == len(tb.Factors()) {
		t.Error("a board that stopped mirroring still follows")
	}
	if !m.ReadOnly() {
		t.Error("a board that stopped mirroring became editable")
	}
}

func TestMirrorOfAMirrorAndNoCycles(t *testing.T) {
	tb := newTestBoard(t, twoCards(), 800, 600)
	m1, _ := newMirror(t, tb.Board, 800, 600)
	m2, _ := newMirror(t, m1, 800, 600)
	tb.QuickAdd("Passed along")
	if d := sameRows(m2, tb.Board); d != "" {
		t.Errorf("a mirror of a mirror: %s", d)
	}
	tb.Mirror(m2) // would go round
	if tb.Source() != nil || tb.ReadOnly() {
		t.Error("a board became a mirror of its own mirror")
	}
}

// TestMirrorShowsTheWholeBoard: by default a mirror fits every card after
// each change and resize, whatever was panned by hand.
func TestMirrorShowsTheWholeBoard(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 760)
	m, win := newMirror(t, tb.Board, 1600, 900)
	inView := func() bool {
		r, _ := m.contentBounds()
		v := m.VisibleArea()
		return r.X >= v.X && r.Y >= v.Y && r.Right() <= v.Right() && r.Bottom() <= v.Bottom()
	}
	if !inView() {
		t.Fatal("the mirror does not show the whole board")
	}
	vp := m.Viewport()
	tb.ZoomIn()
	tb.SetViewport(tb.Viewport().PanBy(300, 100))
	if m.Viewport() != vp {
		t.Error("a mirror showing the whole board followed the source's zoom")
	}
	m.SetViewport(m.Viewport().PanBy(500, 0)) // someone pans the mirror by hand
	tb.Select(tb.Factors()[0].ID)
	tb.Nudge(-3000, 0) // far to the left: the board grows
	if !inView() {
		t.Error("after a change the mirror does not show the whole board again")
	}
	win.Resize(fyne.NewSize(900, 500))
	if !inView() {
		t.Error("after a resize the mirror does not show the whole board")
	}
}

// TestMirrorFollowsTheSourceView: following, a mirror shows what its
// source shows, centred and as large as it can.
func TestMirrorFollowsTheSourceView(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 760)
	var heard []Viewport
	tb.OnViewChanged = func(v Viewport) { heard = append(heard, v) }
	m, win := newMirror(t, tb.Board, 1920, 1080)
	m.SetFollow(true)
	shows := func(what string) {
		t.Helper()
		want, got := tb.VisibleArea(), m.VisibleArea()
		wc, gc := want.Center(), got.Center()
		if math.Abs(wc.X-gc.X) > 0.5 || math.Abs(wc.Y-gc.Y) > 0.5 {
			t.Errorf("%s: mirror centred on %v, source on %v", what, gc, wc)
		}
		// The whole source view fits, touching on one side.
		if got.W+0.5 < want.W || got.H+0.5 < want.H || (math.Abs(got.W-want.W) > 0.5 && math.Abs(got.H-want.H) > 0.5) {
			t.Errorf("%s: mirror shows %vx%v, source %vx%v", what, got.W, got.H, want.W, want.H)
		}
	}
	shows("following")
	if m.Viewport().Zoom <= tb.Viewport().Zoom {
		t.Errorf("a larger mirror should draw larger: zoom %v, source %v", m.Viewport().Zoom, tb.Viewport().Zoom)
	}
	tb.ZoomIn()
	shows("a zoom")
	if len(heard) == 0 || heard[len(heard)-1] != tb.Viewport() {
		t.Errorf("OnViewChanged heard %v, want the viewport %v last", heard, tb.Viewport())
	}
	tb.SetViewport(tb.Viewport().PanBy(-200, 50))
	shows("a pan")
	tb.win.Resize(fyne.NewSize(900, 700))
	shows("resizing the source")
	win.Resize(fyne.NewSize(1280, 720))
	shows("resizing the mirror")
	m.SetViewport(m.Viewport().PanBy(300, 0)) // by hand: lasts until the source moves
	tb.ZoomOut()
	shows("a zoom after panning the mirror by hand")

	m.SetFollow(false)
	vp := m.Viewport()
	tb.ZoomIn()
	if m.Viewport() != vp {
		t.Error("whole-board mode still follows the source")
	}
}
