package app

import (
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/insightsview"
	"github.com/debrief-app/debrief/export"
)

// ShowInsights shows the Insights of the group the library shows (File ▸
// Insights…).
func (s *Shell) ShowInsights() {
	if s.win.Content() != s.home.Content() {
		s.ShowHome()
		if s.open != nil {
			return // stayed: unsaved changes
		}
	}
	options := func() export.Options { return export.Options{Paper: s.Paper(), Creator: "Debrief " + Version} }
	v := insightsview.New(s.host, s.db, s.home.Group(), s.home.GroupName(), s.OpenDebrief, s.ShowHome, s.SaveAs, options)
	s.insights = v
	s.win.SetTitle("Insights — Debrief")
	s.win.SetContent(v.Content())
	v.Load()
}

// SaveAs asks where to save a file named name, then writes it with write
// off the UI goroutine (whole or not at all), and offers to open it.
func (s *Shell) SaveAs(name string, write func(w io.Writer) error) {
	s.askWhere(name, func(path string) {
		s.async(func() {
			err := export.WriteFile(path, write)
			if err != nil {
				removeIfEmpty(path)
			}
			s.later(func() {
				if err != nil {
					s.showError("Could not save", err)
					return
				}
				s.showSaved(path)
			})
		})
	})
}

func (s *Shell) showSaved(path string) {
	msg := widget.NewLabel("Saved " + path)
	msg.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	open := widget.NewButtonWithIcon("Open", theme.FileIcon(), func() { s.openPath(path); dlg.Hide() })
	folder := widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { s.openPath(filepath.Dir(path)); dlg.Hide() })
	dlg = dialog.NewCustom("Saved", "Close", container.NewVBox(msg, container.NewHBox(open, folder)), s.win)
	dlg.Resize(fyne.NewSize(620, 200))
	dlg.Show()
}
