package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/coach"
)

// warmUp does, on a goroutine of its own, start-up work that would
// otherwise wait for the first text someone types: the coach compiles its
// rule table (tens of milliseconds). Its cache is safe to fill from any
// goroutine. Fyne's fonts cannot be warmed the same way: its text shaper
// is for one goroutine at a time, and measuring text here while the
// window lays out crashed.
func warmUp() {
	go coach.Warm()
}

// warmUpStyles are the text styles Debrief's screens use.
var warmUpStyles = []fyne.TextStyle{{}, {Bold: true}, {Italic: true}}

// warmUpFonts has Fyne parse each text style's fonts (the theme's, its
// emoji and symbol fallbacks, a system font: tens of milliseconds) on a
// goroutine of its own, and closes the channel when done. Nothing else may
// measure or draw text until then.
func warmUpFonts() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range warmUpStyles {
			fyne.MeasureText("Debrief", theme.TextSize(), style)
		}
	}()
	return done
}
