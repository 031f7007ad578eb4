package canvas

import "math"

// Point is a position on the board, in board units.
type Point struct{ X, Y float64 }

// Segment is a straight line between two board points.
type Segment struct{ A, B Point }

// Rect is an axis-aligned rectangle on the board: its top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Right is the rectangle's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the rectangle's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Center is the middle of the rectangle.
func (r Rect) Center() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// Empty reports whether the rectangle has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Intersects reports whether r and o overlap with a positive area.
func (r Rect) Intersects(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Contains reports whether the point lies inside r (edges included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X <= r.Right() && p.Y >= r.Y && p.Y <= r.Bottom()
}

// Union is the smallest rectangle holding both r and o. An empty r is ignored.
func (r Rect) Union(o Rect) Rect {
	if r.W == 0 && r.H == 0 && r.X == 0 && r.Y == 0 {
		return o
	}
	x, y := math.Min(r.X, o.X), math.Min(r.Y, o.Y)
	return Rect{x, y, math.Max(r.Right(), o.Right()) - x, math.Max(r.Bottom(), o.Bottom()) - y}
}

// Inset grows the rectangle by d on every side (shrinks it when d < 0).
func (r Rect) Inset(d float64) Rect { return Rect{r.X - d, r.Y - d, r.W + 2*d, r.H + 2*d} }

// Normalized turns a rectangle spanned between two corners in any order
// into one with a positive size.
func Normalized(a, b Point) Rect {
	x, y := math.Min(a.X, b.X), math.Min(a.Y, b.Y)
	return Rect{x, y, math.Abs(a.X - b.X), math.Abs(a.Y - b.Y)}
}
