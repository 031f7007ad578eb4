package canvas_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/canvas"
	"github.com/debrief-app/debrief/export"
)

// These benchmarks time the board's own work per pointer event on the UI
// goroutine (hit testing, culling, placing card views, rebuilding the
// object list) at 1280×800. Painting is not included: the test driver does
// not paint. At 60 Hz a frame has 16.7 ms for everything.

// sweep is how many steps a pan or drag goes one way before coming back,
// so cards keep entering and leaving the view.
const sweep = 200

// benchBoard shows Synthetic(n, n/3, 1) in a headless 1280×800 window, at
// 100 % in the middle of the board.
func benchBoard(b *testing.B, n int, naive bool) *canvas.Board {
	b.Helper()
	test.NewTempApp(b)
	d := export.Synthetic(n, n/3, 1)
	d.Debrief.ID = 1
	for i := range d.Factors {
		d.Factors[i].DebriefID = 1
	}
	board := canvas.NewBoard()
	board.Load(d, 2*int64(n)+1, 2*int64(n)+1)
	w := test.NewTempWindow(b, board)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1280, 800))
	board.SetNaive(naive)
	// The middle of the board in the middle of the window.
	var right, bottom float64
	for _, f := range d.Factors {
		right, bottom = max(right, f.X+f.W), max(bottom, f.Y+f.H)
	}
	board.SetViewport(canvas.Viewport{Zoom: 1, X: right/2 - 640, Y: bottom/2 - 400})
	if len(board.VisibleCards()) == 0 {
		b.Fatal("no card is in view")
	}
	return board
}

// benchPan pans by 5 units per event, sweep events one way, then back.
func benchPan(b *testing.B, board *canvas.Board) {
	i := 0
	for b.Loop() {
		dx := float32(5)
		if (i/sweep)%2 == 1 {
			dx = -5
		}
		i++
		board.SetViewport(board.Viewport().PanBy(dx, 0))
	}
	b.ReportMetric(float64(len(board.VisibleCards())), "cards-in-view")
}

// BenchmarkBoardPan10k pans a 10,000-card board at 100 %: only the cards
// in view have views.
func BenchmarkBoardPan10k(b *testing.B) { benchPan(b, benchBoard(b, 10000, false)) }

// BenchmarkBoardPanNaive5000 is the baseline: a 5,000-card board where
// every card has a view, as a whiteboard without culling would have.
func BenchmarkBoardPanNaive5000(b *testing.B) { benchPan(b, benchBoard(b, 5000, true)) }

// BenchmarkBoardPanZoomedOut10k pans the 10,000-card board zoomed to fit,
// where cards are blocks of colour in one image (drawing that image is
// painting, not timed here).
func BenchmarkBoardPanZoomedOut10k(b *testing.B) {
	board := benchBoard(b, 10000, false)
	board.ZoomToFit()
	zoom := board.Viewport().Zoom
	benchPan(b, board)
	b.ReportMetric(zoom, "zoom")
}

// BenchmarkBoardDrag10k drags one card of the 10,000-card board by 3 units
// per event, sweep events one way, then back.
func BenchmarkBoardDrag10k(b *testing.B) {
	board := benchBoard(b, 10000, false)
	ids := board.VisibleCards()
	id := ids[len(ids)/2]
	f, _ := board.Factor(id)
	v := board.Viewport()
	x, y := v.ToScreen(canvas.Point{X: f.X + f.W/2, Y: f.Y + f.H/2})
	pos := fyne.NewPos(x, y)
	board.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	if sel := board.Selection(); len(sel) != 1 || sel[0] != id {
		b.Fatalf("pressing on card %d selected %v", id, sel)
	}
	i := 0
	for b.Loop() {
		d := fyne.NewDelta(3, 0)
		if (i/sweep)%2 == 1 {
			d.DX = -3
		}
		i++
		pos = pos.Add(d)
		board.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
	}
	board.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	board.DragEnd()
	if sel := board.Selection(); len(sel) != 1 || sel[0] != id {
		b.Errorf("the drag selected %v, want the dragged card %d", sel, id)
	}
}

// benchLoad times Board.Load of Synthetic(n, n/3, 1), on a board that is
// not in a window: what opening a debrief costs the UI goroutine before
// anything is drawn (the cards and links filed in their indexes).
func benchLoad(b *testing.B, n int) {
	test.NewTempApp(b)
	d := export.Synthetic(n, n/3, 1)
	board := canvas.NewBoard()
	for b.Loop() {
		board.Load(d, 2*int64(n)+1, 2*int64(n)+1)
	}
}

// BenchmarkBoardLoad10k loads 10,000 cards and 3,333 links.
func BenchmarkBoardLoad10k(b *testing.B) { benchLoad(b, 10000) }

// BenchmarkBoardLoad100 is its baseline: 100 cards and 33 links.
func BenchmarkBoardLoad100(b *testing.B) { benchLoad(b, 100) }
