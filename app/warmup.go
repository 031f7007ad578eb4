package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/coach"
)

// warmUpStyles are the text styles Debrief's screens use.
var warmUpStyles = []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}}

// warmUp does, on a goroutine of its own, the start-up work that the first
// frame would otherwise do on the UI goroutine, while that goroutine is
// busy making the window (X, OpenGL): Fyne parses each text style's fonts
// (the theme's, its emoji and symbol fallbacks, a system font) the first
// time that style is measured, tens of milliseconds in all, and the coach
// compiles its rule table the first time a text is checked. Both are
// caches that are safe to fill from any goroutine; whichever goroutine
// comes second finds them filled. Call it after the theme is applied: a
// later theme change empties Fyne's font cache, which is harmless.
func warmUp() {
	go func() {
		for _, style := range warmUpStyles {
			fyne.MeasureText("Debrief", theme.TextSize(), style)
		}
		coach.Warm()
	}()
}
