package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// Fyne's painter skips an object whose box (position and size) is out of
// the visible area, whatever it would draw. A text's letters run from its
// position for its MinSize, so a text whose box is smaller than its
// letters can vanish while some of them are in view. These boards are
// panned so that cards, captions and the fishbone's head straddle every
// edge; every text whose letters show must have a box that shows too.
func TestTextsAtTheBoardsEdgesAreNotSkipped(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 800, 500)
	tb.ArrangeFishbone()
	for _, zoom := range []float64{0.6, 1, 1.7} {
		for _, edge := range []string{"left", "top", "right", "bottom"} {
			for _, f := range tb.Factors() {
				vp := Viewport{Zoom: zoom}
				switch edge { // the card's middle on the edge
				case "left":
					vp.X, vp.Y = f.X+f.W/2, f.Y-100/zoom
				case "top":
					vp.X, vp.Y = f.X-100/zoom, f.Y+f.H/2
				case "right":
					vp.X, vp.Y = f.X+f.W/2-800/zoom, f.Y-100/zoom
				case "bottom":
					vp.X, vp.Y = f.X-100/zoom, f.Y+f.H/2-500/zoom
				}
				tb.setViewport(vp)
				checkTextBoxes(t, tb, edge, zoom, f.ID)
			}
		}
	}
}

func checkTextBoxes(t *testing.T, tb *testBoard, edge string, zoom float64, id int64) {
	t.Helper()
	view := tb.Size()
	texts, shown := 0, 0
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		switch o := o.(type) {
		case *canvas.Text:
			if o.Text == "" {
				return
			}
			texts++
			letters := o.MinSize()
			if o.Alignment == fyne.TextAlignTrailing {
				pos.X += o.Size().Width - letters.Width
			}
			if !overlaps(pos, letters, view) {
				return
			}
			shown++
			if !overlaps(at.Add(o.Position()), o.Size(), view) {
				t.Errorf("card %d on the %s edge at zoom %.1f: %q shows from %v for %v but its box %v at %v is out of view, so Fyne skips it",
					id, edge, zoom, o.Text, pos, letters, o.Size(), at.Add(o.Position()))
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c, pos)
			}
		}
	}
	for _, o := range test.WidgetRenderer(tb.Board).Objects() {
		walk(o, fyne.NewPos(0, 0))
	}
	if shown == 0 {
		t.Errorf("card %d on the %s edge at zoom %.1f: no text in view (%d texts)", id, edge, zoom, texts)
	}
}

// overlaps reports whether the box at pos of size overlaps 0,0–view, as
// Fyne's painter decides it (touching counts).
func overlaps(pos fyne.Position, size, view fyne.Size) bool {
	return !(pos.Y > view.Height || pos.Y+size.Height < 0 || pos.X > view.Width || pos.X+size.Width < 0)
}
