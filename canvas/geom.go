package canvas

import "github.com/debrief-app/debrief/app/model/geom"

// The board's geometry is package geom's, shared with the PDF's map.

// Point is a position on the board, in board units.
type Point = geom.Point

// Rect is an axis-aligned rectangle on the board: its top-left corner and size.
type Rect = geom.Rect

// Segment is a straight line between two board points.
type Segment struct{ A, B Point }

// Normalized turns a rectangle spanned between two corners in any order
// into one with a positive size.
func Normalized(a, b Point) Rect { return geom.Normalized(a, b) }
