package canvas

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// highContrast is a theme that asks for the high-contrast card palette.
type highContrast struct{ fyne.Theme }

func (t highContrast) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == ColorNameCardPalette {
		return PaletteColour(PaletteHighContrast)
	}
	return t.Theme.Color(n, v)
}

// A board inside a ThemeOverride draws its cards in the override's
// palette, not the app's: presentation and the audience window rely on it.
func TestThemeOverrideReachesTheBoard(t *testing.T) {
	d := sampleDossier(t)
	test.NewTempApp(t)
	b := NewBoard()
	b.Load(d, 1000, 1000)
	w := test.NewTempWindow(t, container.NewThemeOverride(b, highContrast{theme.DefaultTheme()}))
	w.Resize(fyne.NewSize(1000, 700))
	if got := b.palette(); got != PaletteHighContrast {
		t.Fatalf("the board's palette is %v under a high-contrast override", got)
	}
	if len(b.r.views) == 0 {
		t.Fatal("no card drawn")
	}
	for id, v := range b.r.views {
		f, _ := b.Factor(id)
		fill, _, border := CardColours(f.Category, PaletteHighContrast)
		if v.back.fill != fill || v.back.border != border {
			t.Fatalf("card %d is drawn %v on %v, want the override's %v on %v", id, v.back.fill, v.back.border, fill, border)
		}
	}
}
