package geom

import (
	"math"
	"testing"
)

func TestRectEdges(t *testing.T) {
	for _, tc := range []struct {
		r             Rect
		right, bottom float64
		center        Point
		empty         bool
	}{
		{Rect{X: 0, Y: 0, W: 10, H: 20}, 10, 20, Point{X: 5, Y: 10}, false},
		{Rect{X: -5, Y: 3, W: 4, H: 2}, -1, 5, Point{X: -3, Y: 4}, false},
		{Rect{X: 1, Y: 1, W: 0, H: 5}, 1, 6, Point{X: 1, Y: 3.5}, true},
		{Rect{X: 1, Y: 1, W: 5, H: -1}, 6, 0, Point{X: 3.5, Y: 0.5}, true},
		{Rect{}, 0, 0, Point{}, true},
	} {
		if got := tc.r.Right(); got != tc.right {
			t.Errorf("%v.Right() = %v, want %v", tc.r, got, tc.right)
		}
		if got := tc.r.Bottom(); got != tc.bottom {
			t.Errorf("%v.Bottom() = %v, want %v", tc.r, got, tc.bottom)
		}
		if got := tc.r.Center(); got != tc.center {
			t.Errorf("%v.Center() = %v, want %v", tc.r, got, tc.center)
		}
		if got := tc.r.Empty(); got != tc.empty {
			t.Errorf("%v.Empty() = %v, want %v", tc.r, got, tc.empty)
		}
	}
}

func TestRectIntersects(t *testing.T) {
	r := Rect{X: 0, Y: 0, W: 10, H: 10}
	for _, tc := range []struct {
		name string
		o    Rect
		want bool
	}{
		{"overlapping", Rect{X: 5, Y: 5, W: 10, H: 10}, true},
		{"inside", Rect{X: 2, Y: 2, W: 1, H: 1}, true},
		{"around", Rect{X: -5, Y: -5, W: 30, H: 30}, true},
		{"touching on the right", Rect{X: 10, Y: 0, W: 5, H: 5}, false},
		{"touching at a corner", Rect{X: 10, Y: 10, W: 5, H: 5}, false},
		{"apart", Rect{X: 20, Y: 20, W: 5, H: 5}, false},
		{"beside, overlapping in x only", Rect{X: 2, Y: 11, W: 5, H: 5}, false},
	} {
		if got := r.Intersects(tc.o); got != tc.want {
			t.Errorf("%s: Intersects(%v) = %v, want %v", tc.name, tc.o, got, tc.want)
		}
		if got := tc.o.Intersects(r); got != tc.want {
			t.Errorf("%s, the other way: Intersects = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestRectContains: Contains includes the edges, StrictlyContains does not.
func TestRectContains(t *testing.T) {
	r := Rect{X: 0, Y: 0, W: 10, H: 10}
	for _, tc := range []struct {
		p                  Point
		contains, strictly bool
	}{
		{Point{X: 5, Y: 5}, true, true},
		{Point{X: 0, Y: 0}, true, false},
		{Point{X: 10, Y: 5}, true, false},
		{Point{X: 5, Y: 10}, true, false},
		{Point{X: 10.001, Y: 5}, false, false},
		{Point{X: -1, Y: 5}, false, false},
		{Point{X: math.NaN(), Y: 5}, false, false},
	} {
		if got := r.Contains(tc.p); got != tc.contains {
			t.Errorf("Contains(%v) = %v, want %v", tc.p, got, tc.contains)
		}
		if got := r.StrictlyContains(tc.p); got != tc.strictly {
			t.Errorf("StrictlyContains(%v) = %v, want %v", tc.p, got, tc.strictly)
		}
	}
}

func TestRectUnion(t *testing.T) {
	for _, tc := range []struct {
		name string
		r, o Rect
		want Rect
	}{
		{"apart", Rect{X: 0, Y: 0, W: 1, H: 1}, Rect{X: 5, Y: 5, W: 1, H: 2}, Rect{X: 0, Y: 0, W: 6, H: 7}},
		{"inside", Rect{X: 0, Y: 0, W: 10, H: 10}, Rect{X: 2, Y: 2, W: 1, H: 1}, Rect{X: 0, Y: 0, W: 10, H: 10}},
		{"negative", Rect{X: -4, Y: 1, W: 2, H: 2}, Rect{X: 1, Y: -3, W: 1, H: 1}, Rect{X: -4, Y: -3, W: 6, H: 6}},
		{"the zero Rect is ignored", Rect{}, Rect{X: 3, Y: 4, W: 1, H: 1}, Rect{X: 3, Y: 4, W: 1, H: 1}},
		{"an empty Rect elsewhere is not", Rect{X: 1, Y: 1}, Rect{X: 3, Y: 4, W: 1, H: 1}, Rect{X: 1, Y: 1, W: 3, H: 4}},
	} {
		if got := tc.r.Union(tc.o); got != tc.want {
			t.Errorf("%s: %v.Union(%v) = %v, want %v", tc.name, tc.r, tc.o, got, tc.want)
		}
	}
}

func TestRectInset(t *testing.T) {
	r := Rect{X: 10, Y: 20, W: 30, H: 40}
	for _, tc := range []struct {
		d    float64
		want Rect
	}{
		{0, r},
		{2, Rect{X: 8, Y: 18, W: 34, H: 44}},
		{-5, Rect{X: 15, Y: 25, W: 20, H: 30}},
	} {
		got := r.Inset(tc.d)
		if got != tc.want {
			t.Errorf("Inset(%v) = %v, want %v", tc.d, got, tc.want)
		}
		if got.Center() != r.Center() {
			t.Errorf("Inset(%v) moved the centre to %v", tc.d, got.Center())
		}
	}
}

func TestRectCrosses(t *testing.T) {
	r := Rect{X: 0, Y: 0, W: 10, H: 10}
	for _, tc := range []struct {
		name string
		p, q Point
		want bool
	}{
		{"straight through", Point{X: -5, Y: 5}, Point{X: 15, Y: 5}, true},
		{"passes by", Point{X: -5, Y: -5}, Point{X: -1, Y: 20}, false},
		{"cuts a corner", Point{X: -5, Y: 12}, Point{X: 12, Y: -5}, true},
		{"misses a corner", Point{X: -5, Y: 30}, Point{X: 30, Y: -5}, false},
		{"inside", Point{X: 2, Y: 2}, Point{X: 3, Y: 3}, true},
		{"parallel, outside", Point{X: 11, Y: 0}, Point{X: 11, Y: 10}, false},
		{"along an edge", Point{X: 10, Y: -5}, Point{X: 10, Y: 15}, true},
		{"ends before it", Point{X: -10, Y: 5}, Point{X: -1, Y: 5}, false},
		{"starts inside, leaves", Point{X: 5, Y: 5}, Point{X: 50, Y: 50}, true},
		{"a point inside", Point{X: 5, Y: 5}, Point{X: 5, Y: 5}, true},
		{"a point outside", Point{X: 15, Y: 5}, Point{X: 15, Y: 5}, false},
	} {
		if got := r.Crosses(tc.p, tc.q); got != tc.want {
			t.Errorf("%s: Crosses(%v, %v) = %v, want %v", tc.name, tc.p, tc.q, got, tc.want)
		}
		if got := r.Crosses(tc.q, tc.p); got != tc.want {
			t.Errorf("%s, reversed: Crosses = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNormalized(t *testing.T) {
	want := Rect{X: 1, Y: 2, W: 3, H: 4}
	for _, c := range [][2]Point{
		{{X: 1, Y: 2}, {X: 4, Y: 6}},
		{{X: 4, Y: 6}, {X: 1, Y: 2}},
		{{X: 1, Y: 6}, {X: 4, Y: 2}},
		{{X: 4, Y: 2}, {X: 1, Y: 6}},
	} {
		if got := Normalized(c[0], c[1]); got != want {
			t.Errorf("Normalized(%v, %v) = %v, want %v", c[0], c[1], got, want)
		}
	}
	if got := Normalized(Point{X: 3, Y: 3}, Point{X: 3, Y: 3}); got != (Rect{X: 3, Y: 3}) || !got.Empty() {
		t.Errorf("Normalized of one point = %v, want an empty Rect at it", got)
	}
}
