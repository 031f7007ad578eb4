package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// inkTheme is the default theme with another foreground and larger text.
type inkTheme struct{ fyne.Theme }

var ink = color.NRGBA{R: 0xAA, G: 0x11, B: 0x22, A: 0xFF}

func (t inkTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return ink
	}
	return t.Theme.Color(n, v)
}

func (t inkTheme) Size(n fyne.ThemeSizeName) float32 { return 2 * t.Theme.Size(n) }

// Debrief's own widgets draw in the theme of a ThemeOverride around them,
// as Fyne's widgets do, not in the app's.
func TestWidgetsReadTheirThemeOverride(t *testing.T) {
	test.NewTempApp(t)
	pill := NewPill("Draft", color.Black)
	fit := NewFitText("Title", 20, 16, fyne.TextStyle{})
	w := test.NewTempWindow(t, container.NewThemeOverride(container.NewVBox(pill, fit), inkTheme{theme.DefaultTheme()}))
	w.Resize(fyne.NewSize(400, 200))
	text := func(o fyne.Widget) *canvas.Text {
		for _, c := range test.WidgetRenderer(o).Objects() {
			if t, ok := c.(*canvas.Text); ok {
				return t
			}
		}
		t.Fatalf("%T draws no text", o)
		return nil
	}
	if got := text(pill); got.Color != color.Color(ink) || got.TextSize != 2*theme.DefaultTheme().Size(theme.SizeNameCaptionText)+1 {
		t.Errorf("the pill draws %v at %v, want the override's ink and caption size", got.Color, got.TextSize)
	}
	if got := text(fit); got.Color != color.Color(ink) {
		t.Errorf("fitted text draws %v, want the override's ink", got.Color)
	}
}

// A select made wide shows its longest option whole: Fyne sizes a select
// by its placeholder, so "5  Warning sign" was cut to "5  Warning …".
func TestWideSelectShowsItsLongestOption(t *testing.T) {
	test.NewTempApp(t)
	long := "5  Warning sign"
	s := widget.NewSelect([]string{"1  Technical", long}, nil)
	s.SetSelected(long)
	w := test.NewTempWindow(t, container.NewHBox(WideSelect(s)))
	w.Resize(fyne.NewSize(800, 100))
	th := theme.DefaultTheme()
	inner := th.Size(theme.SizeNameInnerPadding)
	need := fyne.MeasureText(long, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width +
		3*inner + th.Size(theme.SizeNameInlineIcon) + inner
	if got := s.Size().Width; got < need {
		t.Errorf("the select is %.0f wide; %q needs %.0f", got, long, need)
	}
}
