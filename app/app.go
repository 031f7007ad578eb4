// Package app is Debrief's window: the library of debriefs, the debrief
// screen and the shell around them (menus, shortcuts, window size). Disk
// work runs off the UI goroutine and comes back through fyne.Do.
package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
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
