package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Host is what a screen needs from the window it is shown in: the window,
// the one path to the UI goroutine, and a way to run disk work off it.
type Host struct {
	Win fyne.Window
	// Later hands work from any other goroutine to the UI goroutine:
	// fyne.Do in the app. It is the only way Debrief's goroutines reach
	// widgets; tests replace it to run the work on their own goroutine.
	Later func(func())
	// Async runs disk or export work off the UI goroutine; tests run it
	// in line.
	Async func(func())
}

// ShowError says what could not be done, and why, in a dialog.
func (h *Host) ShowError(what string, err error) {
	dialog.ShowError(fmt.Errorf("%s: %w", what, err), h.Win)
}

// Background runs work off the UI goroutine, then done (or an error
// dialog saying what could not be done) back on it.
func Background[T any](h *Host, what string, work func(ctx context.Context) (T, error), done func(T)) {
	h.Async(func() {
		v, err := work(context.Background())
		h.Later(func() {
			if err != nil {
				h.ShowError(what, err)
				return
			}
			done(v)
		})
	})
}
