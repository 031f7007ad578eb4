// Package app is Debrief's window: the library of debriefs, the debrief
// screen and the shell around them (menus, shortcuts, window size). Disk
// work runs off the UI goroutine and comes back through fyne.Do.
package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"
	"github.com/debrief-app/debrief/app/coach"
	"github.com/debrief-app/debrief/app/ui"
)

// AppID is Debrief's reverse-DNS application ID (also in FyneApp.toml). It
// names the data folder, so it must never change.
const AppID = "app.debrief.Debrief"

// Version is Debrief's version (also in FyneApp.toml).
const Version = "0.1.0"

// DatabaseFile is the database's name inside the data folder.
const DatabaseFile = "debrief.db"

// NewFyneApp makes the Fyne application with Debrief's ID and icon. It
// opens no window.
func NewFyneApp() fyne.App {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(ui.Icon())
	return a
}

// DefaultDatabasePath is the database in the app's storage root
// (on Linux ~/.config/fyne/app.debrief.Debrief/debrief.db).
func DefaultDatabasePath(a fyne.App) string {
	return filepath.Join(a.Storage().RootURI().Path(), DatabaseFile)
}

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
