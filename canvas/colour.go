package canvas

import (
	"image/color"
	"math"
)

// TextOn is black or white, whichever reads better on fill.
func TextOn(fill color.Color) color.NRGBA {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if Contrast(fill, black) >= Contrast(fill, white) {
		return black
	}
	return white
}

// Contrast is the WCAG 2 contrast ratio between two opaque colours (1 to 21).
func Contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// shade darkens (f < 1) or lightens (f > 1) a colour, for card borders.
func shade(c color.NRGBA, f float64) color.NRGBA {
	m := func(v uint8) uint8 { return uint8(math.Max(0, math.Min(255, float64(v)*f))) }
	return color.NRGBA{R: m(c.R), G: m(c.G), B: m(c.B), A: c.A}
}

// Over is top drawn over an opaque bottom: the colour a person sees where
// a translucent colour is drawn, for checking the contrast of text on it.
func Over(top, bottom color.Color) color.NRGBA {
	t, b := toNRGBA(top), toNRGBA(bottom)
	a := float64(t.A) / 0xff
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}
