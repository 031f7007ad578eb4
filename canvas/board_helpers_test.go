package canvas

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// testBoard is a board in a headless window, with every change it reports.
type testBoard struct {
	*Board
	t       *testing.T
	win     fyne.Window
	changes []model.Change
}

func sampleDossier(t testing.TB) *model.Dossier {
	t.Helper()
	d, err := export.ReadJSON(bytes.NewReader(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	d.Debrief.ID = 1
	for i := range d.Factors {
		d.Factors[i].DebriefID = 1
	}
	return d
}

// newTestBoard shows d (or an empty debrief) on a board of size w×h.
func newTestBoard(t *testing.T, d *model.Dossier, w, h float32) *testBoard {
	t.Helper()
	test.NewTempApp(t)
	if d == nil {
		d = &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "Empty"}}
	}
	tb := &testBoard{Board: NewBoard(), t: t}
	tb.OnChange = func(c model.Change) { tb.changes = append(tb.changes, c) }
	tb.Load(d, 1000, 1000)
	tb.win = test.NewTempWindow(t, tb.Board)
	tb.win.SetPadded(false)
	tb.win.Resize(fyne.NewSize(w, h))
	tb.win.Canvas().Focus(tb.Board)
	return tb
}

// screenOf is where a board point is in the widget.
func (tb *testBoard) screenOf(p Point) fyne.Position {
	x, y := tb.vp.ToScreen(p)
	return fyne.NewPos(x, y)
}

// centreOf is the middle of a card in widget coordinates.
func (tb *testBoard) centreOf(id int64) fyne.Position {
	f, ok := tb.Factor(id)
	if !ok {
		tb.t.Fatalf("no card %d", id)
	}
	return tb.screenOf(Point{X: f.X + f.W/2, Y: f.Y + f.H/2})
}

// press, drag and release as the desktop driver does: MouseDown, Dragged
// events whose Position is the current point, MouseUp, then DragEnd.
func (tb *testBoard) drag(from fyne.Position, dx, dy float32, button desktop.MouseButton, mods fyne.KeyModifier) {
	tb.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: button, Modifier: mods})
	const steps = 4
	pos := from
	for i := 0; i < steps; i++ {
		d := fyne.NewDelta(dx/steps, dy/steps)
		pos = pos.Add(d)
		tb.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
	}
	tb.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: button, Modifier: mods})
	tb.DragEnd()
}

// click presses and releases without moving.
func (tb *testBoard) click(at fyne.Position, mods fyne.KeyModifier) {
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: mods}
	tb.MouseDown(ev)
	tb.MouseUp(ev)
}

func (tb *testBoard) doubleClick(at fyne.Position) {
	tb.click(at, 0)
	tb.DoubleTapped(&fyne.PointEvent{Position: at})
}

func (tb *testBoard) key(name fyne.KeyName) {
	tb.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

// lastChange is the change the board reported last.
func (tb *testBoard) lastChange() model.Change {
	tb.t.Helper()
	if len(tb.changes) == 0 {
		tb.t.Fatal("the board reported no change")
	}
	return tb.changes[len(tb.changes)-1]
}
