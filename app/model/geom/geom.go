// Package geom is Debrief's plane geometry: points and axis-aligned
// rectangles, as the board places cards (in board units) and the PDF's
// factor map draws them (in millimetres). It knows nothing of units,
// Fyne or PDF.
package geom

import "math"

// Point is a position: X grows to the right, Y downwards.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: its top-left corner and its size.
type Rect struct{ X, Y, W, H float64 }

// Right is the rectangle's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the rectangle's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Center is the middle of the rectangle.
func (r Rect) Center() Point { return Point{X: r.X + r.W/2, Y: r.Y + r.H/2} }

// Empty reports whether the rectangle has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Intersects reports whether r and o overlap with a positive area:
// rectangles that only touch do not.
func (r Rect) Intersects(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Contains reports whether p lies inside r, edges included.
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X <= r.Right() && p.Y >= r.Y && p.Y <= r.Bottom()
}

// StrictlyContains reports whether p lies inside r, edges excluded.
func (r Rect) StrictlyContains(p Point) bool {
	return p.X > r.X && p.X < r.Right() && p.Y > r.Y && p.Y < r.Bottom()
}

// Union is the smallest rectangle holding both r and o. The zero Rect is
// ignored, so a union can be built up from it.
func (r Rect) Union(o Rect) Rect {
	if r.W == 0 && r.H == 0 && r.X == 0 && r.Y == 0 {
		return o
	}
	x, y := math.Min(r.X, o.X), math.Min(r.Y, o.Y)
	return Rect{X: x, Y: y, W: math.Max(r.Right(), o.Right()) - x, H: math.Max(r.Bottom(), o.Bottom()) - y}
}

// Inset grows the rectangle by d on every side (shrinks it when d < 0),
// keeping its centre.
func (r Rect) Inset(d float64) Rect {
	return Rect{X: r.X - d, Y: r.Y - d, W: r.W + 2*d, H: r.H + 2*d}
}

// Crosses reports whether the segment from p to q passes through r, edges
// included (a segment inside r crosses it; one that only touches an edge
// does too).
func (r Rect) Crosses(p, q Point) bool {
	// Liang–Barsky clipping: the part of the segment within each of the
	// four half-planes is t0 ≤ t ≤ t1; it crosses r if that is not empty.
	t0, t1 := 0.0, 1.0
	dx, dy := q.X-p.X, q.Y-p.Y
	for _, e := range [4][2]float64{{-dx, p.X - r.X}, {dx, r.X + r.W - p.X}, {-dy, p.Y - r.Y}, {dy, r.Y + r.H - p.Y}} {
		pp, qq := e[0], e[1]
		if pp == 0 {
			if qq < 0 {
				return false
			}
			continue
		}
		t := qq / pp
		if pp < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// Normalized turns a rectangle spanned between two corners in any order
// into one with a positive size.
func Normalized(a, b Point) Rect {
	x, y := math.Min(a.X, b.X), math.Min(a.Y, b.Y)
	return Rect{X: x, Y: y, W: math.Abs(a.X - b.X), H: math.Abs(a.Y - b.Y)}
}
