package canvas

import "math"

// Zoom limits. Fit may go down to MinZoom so that a board of thousands of
// cards can be seen whole; the keys and the wheel stop at the same limits.
const (
	MinZoom = 0.02
	MaxZoom = 4.0
	// MaxFitZoom is the most Fit zooms in.
	MaxFitZoom = 2.0
)

// Viewport says which part of the board the widget shows: the board point
// at the widget's top-left corner and the zoom (screen units per board unit).
type Viewport struct {
	X, Y float64
	Zoom float64
}

// DefaultViewport shows the board's origin at 100 %.
var DefaultViewport = Viewport{Zoom: 1}

// ToScreen turns a board point into widget coordinates.
func (v Viewport) ToScreen(p Point) (float32, float32) {
	return float32((p.X - v.X) * v.Zoom), float32((p.Y - v.Y) * v.Zoom)
}

// ToBoard turns widget coordinates into a board point.
func (v Viewport) ToBoard(x, y float32) Point {
	return Point{X: float64(x)/v.Zoom + v.X, Y: float64(y)/v.Zoom + v.Y}
}

// Visible is the board rectangle a widget of size w×h shows.
func (v Viewport) Visible(w, h float32) Rect {
	return Rect{X: v.X, Y: v.Y, W: float64(w) / v.Zoom, H: float64(h) / v.Zoom}
}

// ZoomAt multiplies the zoom by factor, clamped to the limits, keeping the
// board point under the widget point (x, y) where it is.
func (v Viewport) ZoomAt(x, y float32, factor float64) Viewport {
	p := v.ToBoard(x, y)
	z := clampZoom(v.Zoom * factor)
	return Viewport{X: p.X - float64(x)/z, Y: p.Y - float64(y)/z, Zoom: z}
}

// PanBy moves the view by a distance in widget units: dragging the board
// right by dx shows what was to its left.
func (v Viewport) PanBy(dx, dy float32) Viewport {
	v.X -= float64(dx) / v.Zoom
	v.Y -= float64(dy) / v.Zoom
	return v
}

// Fit returns the viewport that shows content whole and centred in a
// widget of size w×h, leaving margin widget units on every side. The zoom
// never goes above 100 %, so a board of three cards is not blown up.
func Fit(content Rect, w, h, margin float32) Viewport {
	if content.Empty() || w <= 2*margin || h <= 2*margin {
		c := content.Center()
		return Viewport{X: c.X - float64(w)/2, Y: c.Y - float64(h)/2, Zoom: 1}
	}
	z := math.Min(float64(w-2*margin)/content.W, float64(h-2*margin)/content.H)
	z = clampZoom(math.Min(z, MaxFitZoom))
	c := content.Center()
	return Viewport{X: c.X - float64(w)/2/z, Y: c.Y - float64(h)/2/z, Zoom: z}
}

// FitReadable is Fit, unless that would zoom out below minZoom (the text
// would be too small to read): then it shows content at minZoom from its
// top-left corner, where reading starts, centred along an axis that fits.
func FitReadable(content Rect, w, h, margin float32, minZoom float64) Viewport {
	v := Fit(content, w, h, margin)
	if content.Empty() || v.Zoom >= minZoom {
		return v
	}
	z := clampZoom(minZoom)
	m := float64(margin) / z
	vw, vh := float64(w)/z, float64(h)/z
	c := content.Center()
	v = Viewport{X: content.X - m, Y: content.Y - m, Zoom: z}
	if content.W+2*m <= vw {
		v.X = c.X - vw/2
	}
	if content.H+2*m <= vh {
		v.Y = c.Y - vh/2
	}
	return v
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) || z <= 0 {
		return 1
	}
	return math.Max(MinZoom, math.Min(MaxZoom, z))
}
