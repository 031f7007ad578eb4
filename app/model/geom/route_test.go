package geom

import "testing"

// An arrow between two cards with a third between them goes round it, at
// the PDF's millimetres and at a screen's units alike.
func TestRouterGoesRound(t *testing.T) {
	for _, unit := range []float64{1, 4.2} {
		a := Rect{X: 0, Y: 0, W: 40 * unit, H: 20 * unit}
		mid := Rect{X: 50 * unit, Y: -10 * unit, W: 40 * unit, H: 40 * unit}
		b := Rect{X: 100 * unit, Y: 0, W: 40 * unit, H: 20 * unit}
		cards := []Rect{a, mid, b}
		r := NewRouter(Rect{X: -20 * unit, Y: -40 * unit, W: 180 * unit, H: 100 * unit}, cards, nil, [][2]Rect{{a, b}}, unit)
		path := r.Route(a, b)
		if path == nil {
			t.Fatalf("unit %v: no path", unit)
		}
		if !ClearOf(path, cards, a, b) {
			t.Errorf("unit %v: the path %v crosses the card between", unit, path)
		}
		for k := 1; k < len(path); k++ {
			if path[k].X != path[k-1].X && path[k].Y != path[k-1].Y {
				t.Errorf("unit %v: segment %v–%v is not at a right angle", unit, path[k-1], path[k])
			}
		}
	}
}
