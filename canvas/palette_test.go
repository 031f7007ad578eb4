package canvas

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// TestCardTextContrast: everything written on a card (text, tag, initials,
// vote dots, all in the card's ink, and the sign on a vote button) has at
// least the palette's contrast with what it is written on, for every
// category: 7:1 in high contrast, 4.5:1 otherwise.
func TestCardTextContrast(t *testing.T) {
	for _, p := range Palettes() {
		for _, c := range model.Categories() {
			fill, ink, _ := CardColours(c, p)
			if got := colour.Contrast(ink, fill); got < p.MinTextContrast() {
				t.Errorf("%s palette, %s: card text %v on %v is %.2f:1, want at least %.1f:1", p, c, ink, fill, got, p.MinTextContrast())
			}
			disc, sign, _ := VoteButtonColours(c, p)
			if got := colour.Contrast(sign, colour.Over(disc, fill)); got < p.MinTextContrast() {
				t.Errorf("%s palette, %s: vote button sign is %.2f:1, want at least %.1f:1", p, c, got, p.MinTextContrast())
			}
		}
	}
}

// TestPaletteThresholds pins the promises the contrast test checks against,
// so that lowering one is a visible change.
func TestPaletteThresholds(t *testing.T) {
	if PaletteNormal.MinTextContrast() != 4.5 || PaletteHighContrast.MinTextContrast() != 7 {
		t.Errorf("thresholds are %.1f and %.1f, want 4.5 (WCAG AA) and 7 (WCAG AAA)", PaletteNormal.MinTextContrast(), PaletteHighContrast.MinTextContrast())
	}
}

// TestNormalPaletteIsTheOkabeItoCard: the normal palette is the card look
// the golden images hold: Okabe–Ito fill, black or white text.
func TestNormalPaletteIsTheOkabeItoCard(t *testing.T) {
	for _, c := range model.Categories() {
		fill, ink, border := CardColours(c, PaletteNormal)
		if fill != c.RGB() || ink != colour.TextOn(c.RGB()) || border != colour.Shade(c.RGB(), 0.7) {
			t.Errorf("%s: normal card is %v/%v/%v, want the Okabe–Ito fill %v", c, fill, ink, border, c.RGB())
		}
	}
}

// TestHighContrastBorderShows: in high contrast a card's category is its
// border's colour, so the border must stand out from the card (WCAG's 3:1
// for graphics), and keep the category's Okabe–Ito colour.
func TestHighContrastBorderShows(t *testing.T) {
	for _, c := range model.Categories() {
		fill, _, border := CardColours(c, PaletteHighContrast)
		if got := colour.Contrast(border, fill); got < 3 {
			t.Errorf("%s: border %v on card %v is %.2f:1, want at least 3:1", c, border, fill, got)
		}
		if border != CategoryColour(c, PaletteHighContrast) {
			t.Errorf("%s: border %v is not the category colour %v", c, border, CategoryColour(c, PaletteHighContrast))
		}
	}
}

// TestCategoryColoursColourBlindSafe: in every palette, the colours that
// stand for the categories stay apart for people with each common form of
// colour blindness. Colours are simulated with Machado, Oliveira and
// Fernandes (2009) at full severity and compared by CIE76 ΔE; Okabe–Ito's
// closest pair (sky blue and bluish green, for tritanopes) is about 16.
func TestCategoryColoursColourBlindSafe(t *testing.T) {
	const minDeltaE = 15
	for _, p := range Palettes() {
		for _, vision := range []string{"typical", "protanopia", "deuteranopia", "tritanopia"} {
			cats := model.Categories()
			for i := range cats {
				for j := i + 1; j < len(cats); j++ {
					a := simulate(CategoryColour(cats[i], p), vision)
					b := simulate(CategoryColour(cats[j], p), vision)
					if d := deltaE(a, b); d < minDeltaE {
						t.Errorf("%s palette, %s: %s and %s are ΔE %.1f apart, want at least %d", p, vision, cats[i], cats[j], d, minDeltaE)
					}
				}
			}
		}
	}
}

// TestBoardDrawsThemePalette: a board drawn with a high-contrast theme
// draws high-contrast cards, and goes back to the normal card when the
// theme changes back.
func TestBoardDrawsThemePalette(t *testing.T) {
	tb := newTestBoard(t, smallBoard(), 760, 480)
	tb.ZoomToFit()
	normal := variantTheme{theme.DefaultTheme(), theme.VariantDark}
	check := func(p Palette) {
		t.Helper()
		v := tb.r.views[2] // a Technical card: blue, with white text in the normal palette
		if v == nil {
			t.Fatal("card 2 has no view")
		}
		fill, ink, border := CardColours(model.Technical, p)
		drawnFill, drawnBorder := v.back.fill, v.back.border
		if drawnFill != fill || drawnBorder != border || v.tag.Color != ink || v.lines[0].Color != ink || v.votes.Color != ink {
			t.Errorf("%s palette: card drawn %v/%v, text %v, want %v/%v, text %v", p, drawnFill, drawnBorder, v.tag.Color, fill, border, ink)
		}
		if sw := tb.r.legend.r.swatches[0].FillColor; sw != CategoryColour(model.Technical, p) {
			t.Errorf("%s palette: legend swatch %v", p, sw)
		}
	}
	test.ApplyTheme(t, normal)
	check(PaletteNormal)
	test.ApplyTheme(t, paletteTheme{normal, PaletteHighContrast})
	check(PaletteHighContrast)
	if w := tb.r.views[2].back.bw; w < 2 {
		t.Errorf("high-contrast border is %.1f wide, want a thick one", w)
	}
	test.ApplyTheme(t, normal)
	check(PaletteNormal)
}

// paletteTheme is a theme that chooses a palette.
type paletteTheme struct {
	fyne.Theme
	p Palette
}

func (t paletteTheme) CardPalette() Palette { return t.p }

// simulate is c as seen with the given colour vision (Machado et al. 2009,
// severity 1), in linear RGB 0–1.
func simulate(c color.NRGBA, vision string) [3]float64 {
	m := map[string][3][3]float64{
		"typical":      {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
		"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
		"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
		"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
	}[vision]
	l := [3]float64{linear(c.R), linear(c.G), linear(c.B)}
	var out [3]float64
	for i := range out {
		out[i] = min(1, max(0, m[i][0]*l[0]+m[i][1]*l[1]+m[i][2]*l[2]))
	}
	return out
}

func linear(v uint8) float64 {
	s := float64(v) / 255
	if s <= 0.04045 {
		return s / 12.92
	}
	return math.Pow((s+0.055)/1.055, 2.4)
}

// deltaE is the CIE76 distance between two linear-RGB colours.
func deltaE(a, b [3]float64) float64 {
	la, lb := lab(a), lab(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

func lab(l [3]float64) [3]float64 {
	x := (0.4124*l[0] + 0.3576*l[1] + 0.1805*l[2]) / 0.95047
	y := 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	z := (0.0193*l[0] + 0.1192*l[1] + 0.9505*l[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}
