// Package colour is Debrief's colour arithmetic, shared by the board, the
// GUI's theme and the exports: WCAG relative luminance and contrast, the
// text colour that reads on a fill, drawing a translucent colour over an
// opaque one, and darkening and lightening. It knows nothing of Fyne or of
// any palette; the colours themselves live with their users.
package colour

import (
	"image/color"
	"math"
)

// Black and White are the opaque extremes, the inks TextOn chooses from.
var (
	Black = color.NRGBA{A: 0xff}
	White = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// Luminance is the relative luminance of c as WCAG 2.x defines it, from 0
// (black) to 1 (white). Alpha is ignored: c is taken as opaque.
func Luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		// 0.04045 is the sRGB standard's threshold, the value WCAG 2.2
		// adopted (WCAG 2.0 had a slightly lower one; no 8-bit channel
		// value lies between the two, so results do not differ).
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast is the WCAG 2 contrast ratio between two opaque colours, from 1
// (the same luminance) to 21 (black and white). It is symmetric.
func Contrast(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// BestContrast is the one of inks that contrasts most with fill; the first
// of them on a tie. It panics when inks is empty.
func BestContrast(fill color.Color, inks ...color.NRGBA) color.NRGBA {
	best, most := inks[0], Contrast(fill, inks[0])
	for _, ink := range inks[1:] {
		if c := Contrast(fill, ink); c > most {
			best, most = ink, c
		}
	}
	return best
}

// TextOn is black or white, whichever reads better on fill (black on a tie).
func TextOn(fill color.Color) color.NRGBA { return BestContrast(fill, Black, White) }

// Over is top drawn over an opaque bottom: the colour a person sees where
// a translucent colour is drawn, for checking the contrast of text on it.
// The result is opaque.
func Over(top, bottom color.Color) color.NRGBA {
	t, b := nrgba(top), nrgba(bottom)
	a := float64(t.A) / 0xff
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}

// Shade multiplies each of c's channels by f, rounded to the nearest value
// and kept within 0 to 255: f < 1 darkens (0 is black), f > 1 lightens.
// Alpha is kept.
func Shade(c color.NRGBA, f float64) color.NRGBA {
	m := func(v uint8) uint8 { return uint8(math.Round(math.Max(0, math.Min(255, float64(v)*f)))) }
	return color.NRGBA{R: m(c.R), G: m(c.G), B: m(c.B), A: c.A}
}

// Tint mixes c with white: f = 1 is c itself, 0 is white, 0.1 a pale
// wash of c. Each channel is rounded to the nearest value; alpha is kept.
func Tint(c color.NRGBA, f float64) color.NRGBA {
	m := func(v uint8) uint8 { return uint8(math.Round(math.Max(0, math.Min(255, 255-(255-float64(v))*f)))) }
	return color.NRGBA{R: m(c.R), G: m(c.G), B: m(c.B), A: c.A}
}

// nrgba is c as non-premultiplied 8-bit RGBA.
func nrgba(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}
