package canvas_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/canvas"
)

// These benchmarks time what keeping an audience view up to date costs per
// board operation: a card nudged on the facilitator's 1280×800 board, seen
// on a 1920×1080 view of the whole board. Each is beside the same work
// without a view, and beside reloading the view with the whole debrief on
// every change (the simple way). Painting is not included.

// audienceView shows a read-only board in a 1920×1080 window.
func audienceView(b *testing.B) *canvas.Board {
	view := canvas.NewBoard()
	view.SetReadOnly(true)
	w := test.NewTempWindow(b, view)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1920, 1080))
	return view
}

// middleCard selects a card in the middle of the board (so nudging it
// does not change the board's bounds) and returns it.
func middleCard(b *testing.B, board *canvas.Board) int64 {
	ids := board.VisibleCards()
	id := ids[len(ids)/2]
	board.Select(id)
	return id
}

// edgeCard selects the leftmost card: nudging it left and back changes
// the board's bounds, so a view of the whole board zooms every time.
func edgeCard(board *canvas.Board) int64 {
	fs := board.Factors()
	best := fs[0]
	for _, f := range fs {
		if f.X < best.X {
			best = f
		}
	}
	board.Select(best.ID)
	return best.ID
}

func nudgeBackAndForth(b *testing.B, board *canvas.Board) {
	i := 0
	for b.Loop() {
		dx := float64(-20)
		if i%2 == 1 {
			dx = 20
		}
		i++
		board.Nudge(dx, 0)
	}
}

func benchNoView(b *testing.B, n int) {
	board := benchBoard(b, n, false)
	middleCard(b, board)
	nudgeBackAndForth(b, board)
}

func benchMirror(b *testing.B, n int, edge bool) {
	board := benchBoard(b, n, false)
	view := audienceView(b)
	view.Mirror(board)
	if edge {
		edgeCard(board)
	} else {
		middleCard(b, board)
	}
	zoom := view.Viewport().Zoom
	nudgeBackAndForth(b, board)
	if len(view.Factors()) != n {
		b.Fatalf("the view has %d cards, want %d", len(view.Factors()), n)
	}
	b.ReportMetric(zoom, "view-zoom")
}

// benchReload keeps the view up to date the simple way: every change
// loads the whole debrief again and fits it.
func benchReload(b *testing.B, n int) {
	board := benchBoard(b, n, false)
	view := audienceView(b)
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "Synthetic"}}
	board.OnChange = func(model.Change) {
		d.Factors, d.Links = board.Factors(), board.Links()
		view.Load(d, 1, 1)
		view.ZoomToFit()
	}
	middleCard(b, board)
	nudgeBackAndForth(b, board)
}

// BenchmarkChangeNoView300 is the baseline: a nudge on a 300-card board.
func BenchmarkChangeNoView300(b *testing.B) { benchNoView(b, 300) }

// BenchmarkMirrorChange300 is the same nudge reaching a mirror of the whole board.
func BenchmarkMirrorChange300(b *testing.B) { benchMirror(b, 300, false) }

// BenchmarkMirrorChangeRefit300 nudges the leftmost card: the mirror zooms
// to fit again, redrawing every card.
func BenchmarkMirrorChangeRefit300(b *testing.B) { benchMirror(b, 300, true) }

// BenchmarkReloadChange300 reloads the whole debrief on the view per change.
func BenchmarkReloadChange300(b *testing.B) { benchReload(b, 300) }

// BenchmarkChangeNoView5000 is the baseline for 5,000 cards.
func BenchmarkChangeNoView5000(b *testing.B) { benchNoView(b, 5000) }

// BenchmarkMirrorChange5000: the whole board of 5,000 cards is the
// overview image, redrawn when painted (not timed here).
func BenchmarkMirrorChange5000(b *testing.B) { benchMirror(b, 5000, false) }

// BenchmarkMirrorChangeRefit5000 nudges the leftmost of 5,000 cards.
func BenchmarkMirrorChangeRefit5000(b *testing.B) { benchMirror(b, 5000, true) }

// BenchmarkReloadChange5000 reloads 5,000 cards per change.
func BenchmarkReloadChange5000(b *testing.B) { benchReload(b, 5000) }

// BenchmarkMirrorFollowPan5000 pans a 5,000-card board at 100 % with a
// 1920×1080 mirror following its view (compare BenchmarkBoardPan10k).
func BenchmarkMirrorFollowPan5000(b *testing.B) {
	board := benchBoard(b, 5000, false)
	view := audienceView(b)
	view.Mirror(board)
	view.SetFollow(true)
	benchPan(b, board)
	b.ReportMetric(float64(len(view.VisibleCards())), "view-cards-in-view")
}

// BenchmarkPanNoView5000 is the baseline of BenchmarkMirrorFollowPan5000.
func BenchmarkPanNoView5000(b *testing.B) { benchPan(b, benchBoard(b, 5000, false)) }
