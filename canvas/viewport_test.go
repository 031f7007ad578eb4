package canvas

import (
	"math"
	"testing"
)

// TestFitReadable: a board that fits at a readable zoom is fitted whole;
// one that does not is shown at the readable zoom from its top-left card,
// centred along an axis that still fits.
func TestFitReadable(t *testing.T) {
	const w, h, margin = 1000, 500, 40
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		name    string
		content Rect
		min     float64
		want    Viewport
	}{
		{"fits: as Fit", Rect{X: 0, Y: 0, W: 460, H: 210}, 1, Fit(Rect{X: 0, Y: 0, W: 460, H: 210}, w, h, margin)},
		{"too wide and too tall: from the top-left", Rect{X: 100, Y: 200, W: 4000, H: 3000}, 2, Viewport{X: 100 - 20, Y: 200 - 20, Zoom: 2}},
		{"too wide only: centred up and down", Rect{X: 0, Y: 0, W: 4000, H: 100}, 2, Viewport{X: -20, Y: 50 - 125, Zoom: 2}},
		{"too tall only: centred across", Rect{X: 0, Y: 0, W: 300, H: 3000}, 2, Viewport{X: 150 - 250, Y: -20, Zoom: 2}},
	} {
		got := FitReadable(c.content, w, h, margin, c.min)
		if !near(got.X, c.want.X) || !near(got.Y, c.want.Y) || !near(got.Zoom, c.want.Zoom) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		if got.Zoom < c.min && !near(got.Zoom, c.min) {
			t.Errorf("%s: zoom %v is below the readable %v", c.name, got.Zoom, c.min)
		}
	}
}
