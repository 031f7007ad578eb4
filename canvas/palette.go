package canvas

import (
	"image/color"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// Palette is how cards are coloured. The board takes it from the app's
// theme, like the rest of its colours, so a theme change redraws the cards
// in the new theme's palette. (A container.ThemeOverride around the board
// is not enough: the board redraws cards outside Fyne's rendering pass,
// where theme.Current is the app's theme.)
type Palette int

const (
	// PaletteNormal fills each card with its category's Okabe–Ito colour
	// and writes on it in black or white, whichever reads better: at least
	// 4.5:1 (WCAG AA) for every category.
	PaletteNormal Palette = iota
	// PaletteHighContrast, for high contrast and projectors, draws every
	// card near-black with white text (at least 7:1, WCAG AAA; in fact
	// about 17:1) inside a thick border in the category's Okabe–Ito colour.
	// The hues are unchanged, so they stay as distinct for colour-blind
	// viewers as in the normal palette, and the category tag is on every
	// card as before.
	PaletteHighContrast
)

// Palettes lists every palette.
func Palettes() []Palette { return []Palette{PaletteNormal, PaletteHighContrast} }

// String names the palette, for tests and logs.
func (p Palette) String() string {
	if p == PaletteHighContrast {
		return "high-contrast"
	}
	return "normal"
}

// MinTextContrast is the least WCAG contrast ratio the palette promises
// between anything written on a card and the card.
func (p Palette) MinTextContrast() float64 {
	if p == PaletteHighContrast {
		return 7
	}
	return 4.5
}

// PaletteTheme is a theme that chooses the card palette. Any other theme
// gets PaletteNormal.
type PaletteTheme interface {
	fyne.Theme
	CardPalette() Palette
}

// ColorNameCardPalette is the theme colour through which a theme says
// which card palette it wants, so that the choice survives Fyne's
// ThemeOverride (which wraps the theme, hiding CardPalette): a theme
// answers HighContrastMark for the high-contrast palette.
const ColorNameCardPalette fyne.ThemeColorName = "debrief.cardPalette"

// HighContrastMark is ColorNameCardPalette's value for the high-contrast
// cards; no theme draws with it.
var HighContrastMark = color.NRGBA{R: 0x01, G: 0xDE, B: 0xB1, A: 0x01}

// PaletteOf is the card palette of th.
func PaletteOf(th fyne.Theme) Palette {
	if pt, ok := th.(PaletteTheme); ok {
		return pt.CardPalette()
	}
	if th != nil && th.Color(ColorNameCardPalette, theme.VariantDark) == color.Color(HighContrastMark) {
		return PaletteHighContrast
	}
	return PaletteNormal
}

// PaletteColour is what a PaletteTheme answers for ColorNameCardPalette.
func PaletteColour(p Palette) color.Color {
	if p == PaletteHighContrast {
		return HighContrastMark
	}
	return color.Transparent
}

// palette is the card palette of the theme the board is drawn in: the
// app's, or a ThemeOverride's around it.
func (b *Board) palette() Palette {
	th := theme.CurrentForWidget(b)
	if _, ok := th.(PaletteTheme); !ok && sameTheme(th, theme.Current()) {
		return PaletteNormal // the app's own theme, and not Debrief's (a test's): nothing to ask
	}
	return PaletteOf(th)
}

// Card colours of the high-contrast palette.
var (
	hcCardFill = color.NRGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff} // a touch lighter than the black board
	hcCardInk  = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// hcBorder is the width, in board units, of a card's category border in
// the high-contrast palette: wide enough to read its colour from the back
// of a room.
const hcBorder = 4

// CardColours are a card's colours in palette p: its fill, its ink (the
// colour of everything written on it: text, tag, initials, vote dots) and
// its border.
func CardColours(c model.Category, p Palette) (fill, ink, border color.NRGBA) {
	hue := c.RGB()
	if p == PaletteHighContrast {
		return hcCardFill, hcCardInk, hue
	}
	return hue, colour.TextOn(hue), colour.Shade(hue, 0.7)
}

// CategoryColour is the colour that stands for c in palette p, on its own:
// legend swatches, the overview's blocks, the fishbone's bones. It is the
// Okabe–Ito colour in every palette (in high contrast, the cards' border).
func CategoryColour(c model.Category, _ Palette) color.NRGBA {
	return c.RGB()
}

// cardBorderWidth is the width of a card's border at zoom z, in screen units.
func cardBorderWidth(p Palette, z float32) float32 {
	if p == PaletteHighContrast {
		return max(2, hcBorder*z)
	}
	return max(1, z)
}

// Vote buttons: a nearly opaque white disc with a black sign, on any card.
var (
	voteDisc = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xf0}
	voteInk  = color.NRGBA{A: 0xff}
)

// VoteButtonColours are the colours of a card's − and + buttons: the disc
// (translucent: it is drawn over the card's fill), the sign on it, and the
// disc's outline.
func VoteButtonColours(c model.Category, p Palette) (disc, sign, outline color.NRGBA) {
	fill, _, border := CardColours(c, p)
	if p == PaletteHighContrast {
		return voteDisc, voteInk, border
	}
	return voteDisc, voteInk, colour.Shade(fill, 0.55)
}

// sameTheme reports whether a and b are the same theme, without the panic
// == gives for a theme type that cannot be compared.
func sameTheme(a, b fyne.Theme) bool {
	ta := reflect.TypeOf(a)
	return ta != nil && ta == reflect.TypeOf(b) && ta.Comparable() && a == b
}
