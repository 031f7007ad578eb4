package canvas

import "github.com/debrief-app/debrief/app/model/geom"

// The board's geometry is package geom's. Point and Rect are defined on
// geom's types rather than aliases of them only because the board writes
// them as unkeyed literals (Rect{x, y, w, h}), which go vet refuses for a
// type of another package; the methods below just forward to geom. Once
// those literals are keyed, these can become aliases (type Rect = geom.Rect).

// Point is a position on the board, in board units.
type Point geom.Point

// Rect is an axis-aligned rectangle on the board: its top-left corner and size.
type Rect geom.Rect

// Segment is a straight line between two board points.
type Segment struct{ A, B Point }

// Right is the rectangle's right edge.
func (r Rect) Right() float64 { return geom.Rect(r).Right() }

// Bottom is the rectangle's bottom edge.
func (r Rect) Bottom() float64 { return geom.Rect(r).Bottom() }

// Center is the middle of the rectangle.
func (r Rect) Center() Point { return Point(geom.Rect(r).Center()) }

// Empty reports whether the rectangle has no area.
func (r Rect) Empty() bool { return geom.Rect(r).Empty() }

// Intersects reports whether r and o overlap with a positive area.
func (r Rect) Intersects(o Rect) bool { return geom.Rect(r).Intersects(geom.Rect(o)) }

// Contains reports whether the point lies inside r (edges included).
func (r Rect) Contains(p Point) bool { return geom.Rect(r).Contains(geom.Point(p)) }

// Union is the smallest rectangle holding both r and o. An empty r is ignored.
func (r Rect) Union(o Rect) Rect { return Rect(geom.Rect(r).Union(geom.Rect(o))) }

// Inset grows the rectangle by d on every side (shrinks it when d < 0).
func (r Rect) Inset(d float64) Rect { return Rect(geom.Rect(r).Inset(d)) }

// Normalized turns a rectangle spanned between two corners in any order
// into one with a positive size.
func Normalized(a, b Point) Rect { return Rect(geom.Normalized(geom.Point(a), geom.Point(b))) }
