package canvas

import (
	"image"
	"image/color"
	"testing"
)

// A card's back: transparent outside its rounded corners, the border
// colour along its edges, the fill inside, soft at the curve, the same
// mirrored left to right and top to bottom (the straight rows in the
// middle are one row copied, and must not reach into the corners).
func TestCardBackImage(t *testing.T) {
	fill := color.NRGBA{R: 0, G: 114, B: 178, A: 255}
	border := color.NRGBA{R: 0, G: 60, B: 100, A: 255}
	for _, k := range []backKey{
		{w: 220, h: 140, r: 8, bw: 1, fill: fill, border: border},
		{w: 121, h: 77, r: 4.4, bw: 1, fill: fill, border: border},
		{w: 440, h: 280, r: 16, bw: 3.5, fill: fill, border: border}, // high contrast at 2×
		{w: 30, h: 12, r: 8, bw: 2, fill: fill, border: border},      // smaller than its corners
	} {
		img := drawBack(k)
		at := func(x, y int) color.RGBA { return img.RGBAAt(x, y) }
		opaque := func(c color.NRGBA) color.RGBA { return color.RGBA(c) } // opaque: the same bytes
		if c := at(0, 0); c.A != 0 {
			t.Errorf("%+v: corner pixel %v, want transparent", k, c)
		}
		if c := at(0, k.h/2); float64(k.r) < float64(k.h)/2-1 && c != opaque(border) { // not a pill's round end
			t.Errorf("%+v: left edge %v, want the border %v", k, c, border)
		}
		if c := at(k.w/2, k.h-1); c != opaque(border) {
			t.Errorf("%+v: bottom edge %v, want the border %v", k, c, border)
		}
		if c := at(k.w/2, k.h/2); c != opaque(fill) {
			t.Errorf("%+v: middle %v, want the fill %v", k, c, fill)
		}
		soft := false
		for d := 0; d < int(k.r); d++ {
			if a := at(d, d).A; a > 0 && a < 255 {
				soft = true
			}
		}
		if !soft {
			t.Errorf("%+v: no soft pixel on the corner's diagonal", k)
		}
		for y := range k.h {
			for x := range k.w {
				if c, m := at(x, y), at(k.w-1-x, y); c != m {
					t.Fatalf("%+v: (%d,%d) is %v, its left-right mirror %v", k, x, y, c, m)
				}
				if c, m := at(x, y), at(x, k.h-1-y); c != m {
					t.Fatalf("%+v: (%d,%d) is %v, its top-bottom mirror %v", k, x, y, c, m)
				}
			}
		}
	}
}

// The cache hands back the same image for the same card back, and a new
// one when anything about it changes.
func TestCardBackCache(t *testing.T) {
	c := &backCache{images: map[backKey]*image.RGBA{}}
	k := backKey{w: 50, h: 40, r: 8, bw: 1, fill: color.NRGBA{R: 200, A: 255}, border: color.NRGBA{A: 255}}
	a, b := c.get(k), c.get(k)
	if a != b {
		t.Error("the same back was drawn twice")
	}
	k2 := k
	k2.fill.G = 10
	if c.get(k2) == a {
		t.Error("another fill gave the same image")
	}
	if c.bytes != 2*50*40*4 {
		t.Errorf("the cache counts %d bytes, want two 50×40 images", c.bytes)
	}
	// However many sizes a zoom makes, the cache stays within its bound,
	// and a huge back is drawn without being kept.
	for w := 100; w < 1100; w += 10 {
		k.w, k.h = w, w/2
		c.get(k)
		if c.bytes > backCacheBytes {
			t.Fatalf("the cache holds %d bytes, more than %d", c.bytes, backCacheBytes)
		}
	}
	huge := backKey{w: 3000, h: 2000, r: 40, bw: 4, fill: k.fill, border: k.border}
	if first := c.get(huge); c.get(huge) == first {
		t.Error("a huge back was kept")
	}
}
