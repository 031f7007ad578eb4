package app

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model/colour"
	"github.com/debrief-app/debrief/canvas"
)

// ThemeName names one of Debrief's themes; it is what the preference holds.
type ThemeName string

// Debrief's themes.
const (
	ThemeSystem       ThemeName = "system"        // Fyne's theme, light or dark as the system is
	ThemeLight        ThemeName = "light"         // always light
	ThemeDark         ThemeName = "dark"          // always dark
	ThemeHighContrast ThemeName = "high-contrast" // white on black, for low vision and projectors
)

// prefTheme is the preference holding the chosen ThemeName.
const prefTheme = "theme"

// ThemeNames lists the themes in menu order.
func ThemeNames() []ThemeName {
	return []ThemeName{ThemeSystem, ThemeLight, ThemeDark, ThemeHighContrast}
}

// Label is the theme's name as a person reads it in a menu.
func (n ThemeName) Label() string {
	switch n {
	case ThemeLight:
		return "Light"
	case ThemeDark:
		return "Dark"
	case ThemeHighContrast:
		return "High contrast"
	}
	return "Follow the system"
}

func (n ThemeName) valid() bool {
	for _, m := range ThemeNames() {
		if n == m {
			return true
		}
	}
	return false
}

// NewTheme makes the named theme; an unknown name is ThemeSystem.
//
// Every theme is Fyne's default theme with the colours that read poorly
// made to read well: text at least 4.5:1 (WCAG AA) on what it is drawn on,
// placeholder and disabled text included, and input borders at least 3:1.
// Light and Dark fix the variant whatever the system prefers; High
// contrast is its own palette, text at least 7:1 (WCAG AAA), and draws
// the board's cards in canvas.PaletteHighContrast.
func NewTheme(n ThemeName) fyne.Theme {
	switch n {
	case ThemeLight:
		return &debriefTheme{name: n, fixed: true, variant: theme.VariantLight}
	case ThemeDark:
		return &debriefTheme{name: n, fixed: true, variant: theme.VariantDark}
	case ThemeHighContrast:
		return &debriefTheme{name: n, fixed: true, variant: theme.VariantDark}
	}
	return &debriefTheme{name: ThemeSystem}
}

// ApplyTheme makes n the app's theme, at the interface size the person
// chose. Every window is redrawn in it, boards included: a board takes
// its card palette from the theme. Call it on the UI goroutine.
func ApplyTheme(a fyne.App, n ThemeName) {
	a.Settings().SetTheme(ThemeAt(n, SavedScale(a.Preferences())))
}

// ThemeAt is theme n with every size (text, padding, icons) scale times
// Fyne's: View ▸ Interface size, for a 4K screen at 96 DPI, where Fyne's
// sizes are tiny and FYNE_SCALE would need a restart.
func ThemeAt(n ThemeName, scale float32) fyne.Theme {
	t := NewTheme(n).(*debriefTheme)
	t.scale = scale
	return t
}

// Scales are the interface sizes View ▸ Interface size offers.
var Scales = []float32{1, 1.25, 1.5, 2, 2.5, 3}

const prefScale = "interface.scale"

// SavedScale is the interface size the person chose, 1 when none (or one
// this version does not offer).
func SavedScale(p fyne.Preferences) float32 {
	s := float32(p.FloatWithFallback(prefScale, 1))
	for _, x := range Scales {
		if x == s {
			return s
		}
	}
	return 1
}

// SavedTheme is the theme the person chose; ThemeSystem when they never
// chose one, or the preference holds a name this version does not know.
func SavedTheme(p fyne.Preferences) ThemeName {
	if n := ThemeName(p.String(prefTheme)); n.valid() {
		return n
	}
	return ThemeSystem
}

// SaveTheme remembers the chosen theme.
func SaveTheme(p fyne.Preferences, n ThemeName) {
	p.SetString(prefTheme, string(n))
}

// debriefTheme is one of Debrief's themes.
type debriefTheme struct {
	name    ThemeName
	fixed   bool              // variant is used whatever the system prefers
	variant fyne.ThemeVariant // when fixed
	scale   float32           // View ▸ Interface size; 0 is 1
}

var (
	_ fyne.Theme          = (*debriefTheme)(nil)
	_ canvas.PaletteTheme = (*debriefTheme)(nil)
)

// CardPalette is how the board colours cards in this theme.
func (t *debriefTheme) CardPalette() canvas.Palette {
	if t.name == ThemeHighContrast {
		return canvas.PaletteHighContrast
	}
	return canvas.PaletteNormal
}

func (t *debriefTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == canvas.ColorNameCardPalette {
		return canvas.PaletteColour(t.CardPalette())
	}
	if t.name == ThemeHighContrast {
		if c, ok := highContrast[n]; ok {
			return c
		}
	}
	if t.fixed {
		v = t.variant
	}
	if c, ok := readableColours(v)[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *debriefTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *debriefTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *debriefTheme) Size(n fyne.ThemeSizeName) float32 {
	if t.name == ThemeHighContrast {
		switch n {
		case theme.SizeNameSeparatorThickness, theme.SizeNameInputBorder:
			return 2
		}
	}
	s := theme.DefaultTheme().Size(n)
	if t.scale > 0 {
		s *= t.scale
	}
	return s
}

// highContrast is the high-contrast theme's palette: white on black, cyan
// for what has focus or is chosen, yellow links; text at least 7:1 on
// everything it is drawn on (disabled text 4.5:1), borders and separators
// strong. Colours it leaves out are Fyne's dark ones.
var highContrast = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          nrgb(0x000000),
	theme.ColorNameForeground:          nrgb(0xffffff),
	theme.ColorNameButton:              nrgb(0x2a2a2a),
	theme.ColorNameDisabledButton:      nrgb(0x1a1a1a),
	theme.ColorNameDisabled:            nrgb(0xa6a6a6),
	theme.ColorNameInputBackground:     nrgb(0x121212),
	theme.ColorNameInputBorder:         nrgb(0xd9d9d9),
	theme.ColorNamePlaceHolder:         nrgb(0xc8c8c8),
	theme.ColorNameSeparator:           nrgb(0xbfbfbf),
	theme.ColorNamePrimary:             nrgb(0x1aebff),
	theme.ColorNameForegroundOnPrimary: nrgb(0x000000),
	theme.ColorNameFocus:               nrgba(0x1aebff, 0x40),
	theme.ColorNameSelection:           nrgba(0x1aebff, 0x50),
	theme.ColorNameHover:               nrgba(0xffffff, 0x26),
	theme.ColorNamePressed:             nrgba(0xffffff, 0x4d),
	theme.ColorNameHyperlink:           nrgb(0xffff00),
	theme.ColorNameError:               nrgb(0xff6e6e),
	theme.ColorNameForegroundOnError:   nrgb(0x000000),
	theme.ColorNameSuccess:             nrgb(0x4cff4c),
	theme.ColorNameForegroundOnSuccess: nrgb(0x000000),
	theme.ColorNameWarning:             nrgb(0xffb000),
	theme.ColorNameForegroundOnWarning: nrgb(0x000000),
	theme.ColorNameHeaderBackground:    nrgb(0x1a1a1a),
	theme.ColorNameMenuBackground:      nrgb(0x1a1a1a),
	theme.ColorNameOverlayBackground:   nrgb(0x0d0d0d),
	theme.ColorNameShadow:              nrgba(0xffffff, 0x40), // on black a dark shadow cannot show: a light edge instead
	theme.ColorNameScrollBar:           nrgba(0xffffff, 0xcc),
	theme.ColorNameScrollBarBackground: nrgb(0x333333),
}

// readableColours are the colours of Fyne's default theme in variant v
// that Debrief changes so that they read well: each is moved away from
// what it is drawn on, a step at a time, only as far as it takes. Colours
// that read well already are kept. They depend on Fyne's primary colour
// setting, so they are worked out for each variant and primary colour.
func readableColours(v fyne.ThemeVariant) map[fyne.ThemeColorName]color.Color {
	primary := ""
	if a := fyne.CurrentApp(); a != nil {
		primary = a.Settings().PrimaryColor()
	}
	key := readableKey{v, primary}
	readableMu.Lock()
	defer readableMu.Unlock()
	if m, ok := readableCache[key]; ok {
		return m
	}
	def := func(n fyne.ThemeColorName) color.Color { return theme.DefaultTheme().Color(n, v) }
	bg, input := def(theme.ColorNameBackground), def(theme.ColorNameInputBackground)
	m := map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePlaceHolder: readable(def(theme.ColorNamePlaceHolder), 4.5, bg, input),
		theme.ColorNameDisabled:    readable(def(theme.ColorNameDisabled), 4.5, bg, input, def(theme.ColorNameDisabledButton)),
		theme.ColorNameInputBorder: readable(def(theme.ColorNameInputBorder), 3, bg, input),
		theme.ColorNameHyperlink:   readable(def(theme.ColorNameHyperlink), 4.5, bg, input),
		theme.ColorNamePrimary:     readable(def(theme.ColorNamePrimary), 4.5, def(theme.ColorNameForegroundOnPrimary)),
	}
	// Error, success and warning are text on the background (a label of
	// that importance) and the ground of their "on" colour (a button).
	for c, on := range map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameError:   theme.ColorNameForegroundOnError,
		theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
	} {
		m[c] = readable(def(c), 4.5, bg, def(on))
	}
	if readableCache == nil {
		readableCache = map[readableKey]map[fyne.ThemeColorName]color.Color{}
	}
	readableCache[key] = m
	return m
}

type readableKey struct {
	variant fyne.ThemeVariant
	primary string
}

var (
	readableMu    sync.Mutex
	readableCache map[readableKey]map[fyne.ThemeColorName]color.Color
)

// readable is c made darker (on a light ground) or lighter (on a dark
// one), as little as it takes, until it has at least min contrast with
// every ground. The first ground decides the direction; the others must be
// on the same side of c, as a theme's backgrounds are.
func readable(c color.Color, min float64, grounds ...color.Color) color.NRGBA {
	start := color.NRGBAModel.Convert(c).(color.NRGBA)
	towards := color.NRGBA{A: 0xff} // black
	if colour.Contrast(grounds[0], towards) < colour.Contrast(grounds[0], color.White) {
		towards = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	}
	enough := func(c color.NRGBA) bool {
		for _, g := range grounds {
			if colour.Contrast(c, g) < min {
				return false
			}
		}
		return true
	}
	for step := 0; step <= 100; step++ {
		towards.A = uint8(step * 0xff / 100)
		c := colour.Over(towards, start)
		c.A = start.A
		if enough(c) {
			return c
		}
	}
	return towards
}

func nrgb(v uint32) color.NRGBA { return nrgba(v, 0xff) }

func nrgba(v uint32, a uint8) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: a}
}
