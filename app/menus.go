package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/export"
)

// ctrl is the platform's primary modifier (Ctrl, or Cmd on macOS) with key.
func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// ctrlShift is ctrl with Shift.
func ctrlShift(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// plainKey labels a menu item with a key pressed alone (F1, F11). Fyne
// does not route such keys through the menu, so the window's key handler
// (globalKey) acts on them; the label only shows the key.
func plainKey(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key}
}

// mainMenu is File, Edit, View, Debrief and Help, each item with its key.
// Items that need an open debrief are disabled without one. The menu is
// rebuilt when a debrief opens or closes and when a setting it shows
// changes.
func (s *Shell) mainMenu() *fyne.MainMenu {
	open := s.open != nil
	onDebrief := func(label string, sc fyne.Shortcut, do func(v *debrief.Screen)) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() {
			if s.open != nil && !s.behindDialog() {
				do(s.open)
			}
		})
		it.Shortcut = sc
		it.Disabled = !open
		return it
	}
	item := func(label string, sc fyne.Shortcut, do func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, do)
		it.Shortcut = sc
		return it
	}
	// screen is an item that changes what the window shows: it does nothing
	// while a dialog is open over the window, as a shortcut would otherwise
	// act unseen behind it.
	screen := func(label string, sc fyne.Shortcut, do func()) *fyne.MenuItem {
		return item(label, sc, func() {
			if !s.behindDialog() {
				do()
			}
		})
	}

	// File
	paper := fyne.NewMenuItem("PDF paper size", nil)
	paper.ChildMenu = fyne.NewMenu("")
	current := s.Paper()
	for _, p := range []struct {
		paper export.Paper
		label string
	}{{export.A4, "A4"}, {export.Letter, "US Letter"}} {
		it := fyne.NewMenuItem(p.label, func() { s.SetPaper(p.paper) })
		it.Checked = current == p.paper
		paper.ChildMenu.Items = append(paper.ChildMenu.Items, it)
	}
	quit := item("Quit", ctrl(fyne.KeyQ), s.Quit)
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		screen("New debrief…", ctrl(fyne.KeyN), s.NewDebrief),
		screen("New group…", ctrlShift(fyne.KeyN), s.NewGroup),
		screen("Insights…", ctrl(fyne.KeyI), s.ShowInsights),
		screen("Library", ctrl(fyne.KeyL), s.ShowHome),
		screen("Find in the library", ctrl(fyne.KeyF), s.FindInLibrary),
		screen("Trash…", nil, s.ShowTrash),
		fyne.NewMenuItemSeparator(),
		onDebrief("Export PDF…", ctrl(fyne.KeyE), func(v *debrief.Screen) { v.Session().Commit(); s.ExportDialog(v.Current(), export.PDF) }),
		onDebrief("Email the PDF…", nil, func(v *debrief.Screen) { v.Session().Commit(); s.Email(v.Current()) }),
		paper,
		fyne.NewMenuItemSeparator(),
		screen("Restore from backup…", nil, s.RestoreFromBackup),
		fyne.NewMenuItemSeparator(),
		quit)

	// Edit: the keys go to whatever has the keyboard (a text field or the
	// board), as they would without the menu; Undo on the library brings
	// back the last debrief deleted there.
	edit := fyne.NewMenu("Edit",
		item("Undo", &fyne.ShortcutUndo{}, s.undo),
		item("Redo", ctrlShift(fyne.KeyZ), func() { s.toFocused(&fyne.ShortcutRedo{}) }),
		fyne.NewMenuItemSeparator(),
		item("Cut", &fyne.ShortcutCut{}, func() { s.toFocused(&fyne.ShortcutCut{Clipboard: s.app.Clipboard()}) }),
		item("Copy", &fyne.ShortcutCopy{}, func() { s.toFocused(&fyne.ShortcutCopy{Clipboard: s.app.Clipboard()}) }),
		item("Paste", &fyne.ShortcutPaste{}, func() { s.toFocused(&fyne.ShortcutPaste{Clipboard: s.app.Clipboard()}) }),
		item("Select all", &fyne.ShortcutSelectAll{}, func() { s.toFocused(&fyne.ShortcutSelectAll{}) }),
		fyne.NewMenuItemSeparator(),
		onDebrief("Delete the selected cards", nil, func(v *debrief.Screen) { v.Board().DeleteSelection() }),
	)

	// View
	themes := fyne.NewMenuItem("Theme", nil)
	themes.ChildMenu = fyne.NewMenu("")
	chosen := SavedTheme(s.app.Preferences())
	for _, n := range ThemeNames() {
		it := fyne.NewMenuItem(n.Label(), func() { s.SetTheme(n) })
		it.Checked = n == chosen
		themes.ChildMenu.Items = append(themes.ChildMenu.Items, it)
	}
	sizes := fyne.NewMenuItem("Interface size", nil)
	sizes.ChildMenu = fyne.NewMenu("")
	scale := SavedScale(s.app.Preferences())
	for _, x := range Scales {
		it := fyne.NewMenuItem(fmt.Sprintf("%.0f %%", x*100), func() { s.SetScale(x) })
		it.Checked = x == scale
		sizes.ChildMenu.Items = append(sizes.ChildMenu.Items, it)
	}
	present := onDebrief("Presentation mode", plainKey(fyne.KeyF5), func(*debrief.Screen) { s.TogglePresentation() })
	audience := item("Audience window", ctrlShift(fyne.KeyP), s.ToggleAudienceWindow)
	audience.Checked = s.audienceWin() != nil
	full := item("Full screen", plainKey(fyne.KeyF11), s.toggleFullScreen)
	full.Checked = s.win.FullScreen()
	view := fyne.NewMenu("View",
		onDebrief("Zoom in", ctrl(fyne.KeyEqual), func(v *debrief.Screen) { v.Board().ZoomIn() }),
		onDebrief("Zoom out", ctrl(fyne.KeyMinus), func(v *debrief.Screen) { v.Board().ZoomOut() }),
		onDebrief("Zoom to fit", ctrl(fyne.Key0), func(v *debrief.Screen) { v.Board().ZoomToFit() }),
		onDebrief("Actual size", ctrl(fyne.Key1), func(v *debrief.Screen) { v.Board().ZoomActual() }),
		fyne.NewMenuItemSeparator(),
		present,
		audience,
		full,
		themes,
		sizes)

	help := fyne.NewMenu("Help",
		item("Keyboard shortcuts", plainKey(fyne.KeyF1), s.ShowShortcuts),
		item("About Debrief", nil, func() {
			dialog.ShowInformation("About Debrief", "Debrief "+Version+"\nBlameless post-mortems on one screen.\n"+
				"Your debriefs are stored only on this computer, in "+s.db.Path()+".", s.win)
		}))
	return fyne.NewMainMenu(file, edit, view, s.debriefMenu(onDebrief), help)
}

// debriefMenu walks the open debrief: its phases (Alt+1…Alt+6, and
// Ctrl+PageDown/PageUp for the next and previous), the timer, and marking
// it reviewed. Main-menu shortcuts work whatever has the keyboard, the
// board included.
func (s *Shell) debriefMenu(item func(string, fyne.Shortcut, func(*debrief.Screen)) *fyne.MenuItem) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, p := range model.Phases() {
		items = append(items, item(p.Label(), &desktop.CustomShortcut{KeyName: fyne.KeyName(rune('1' + p)), Modifier: fyne.KeyModifierAlt},
			func(v *debrief.Screen) { v.Show(p) }))
	}
	roomLabel := "Open the room"
	if s.open != nil && s.open.RoomOpen() {
		roomLabel = "Close the room"
	}
	roomItem := item(roomLabel, ctrl(fyne.KeyR), func(v *debrief.Screen) { v.ToggleRoom() })
	step := func(d int) func(v *debrief.Screen) {
		return func(v *debrief.Screen) { v.Step(d) }
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		item("Next phase", ctrl(fyne.KeyPageDown), step(1)),
		item("Previous phase", ctrl(fyne.KeyPageUp), step(-1)),
		fyne.NewMenuItemSeparator(),
		item("Start or pause the timer", ctrl(fyne.KeyT), func(v *debrief.Screen) { v.ToggleTimer() }),
		item("Add a minute", nil, func(v *debrief.Screen) { v.AddMinute() }),
		fyne.NewMenuItemSeparator(),
		roomItem,
		item("Reveal all face-down cards", ctrlShift(fyne.KeyR), func(v *debrief.Screen) { v.Board().RevealAll() }),
		item("Reveal the next card", nil, func(v *debrief.Screen) { v.Board().RevealNext() }),
		item("Show votes", nil, func(v *debrief.Screen) { v.ShowVotes() }),
		fyne.NewMenuItemSeparator(),
		item("Mark reviewed", nil, func(v *debrief.Screen) {
			if err := v.MarkReviewed(); err != nil {
				dialog.ShowInformation("Not yet", ui.Capitalise(err.Error())+".", s.win)
			}
		}),
	)
	return fyne.NewMenu("Debrief", items...)
}

// undo is Edit ▸ Undo (Ctrl+Z). On the library it brings back the last
// debrief deleted there (from the Trash), and again the one before, even
// while the search field has the keyboard; with none to bring back, and
// elsewhere, it goes to whatever has the keyboard.
func (s *Shell) undo() {
	if s.open == nil && s.win.Content() == s.home.Content() && s.home.Undo() {
		return
	}
	s.toFocused(&fyne.ShortcutUndo{})
}

// NewGroup asks for a new group (File ▸ New group…), over the library.
func (s *Shell) NewGroup() {
	if s.win.Content() != s.home.Content() {
		s.ShowHome()
		if s.open != nil {
			return // stayed: unsaved changes
		}
	}
	s.home.NewGroup()
}

// ShowTrash shows the library's Trash (File ▸ Trash…), over the library.
func (s *Shell) ShowTrash() {
	if s.win.Content() != s.home.Content() {
		s.ShowHome()
		if s.open != nil {
			return // stayed: unsaved changes
		}
	}
	s.home.ShowTrash()
}

// toFocused hands an editing shortcut to whatever has the keyboard: a text
// field, or the board. With nothing focused on a debrief, the board takes it.
func (s *Shell) toFocused(sc fyne.Shortcut) {
	if f, ok := s.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	if s.open != nil {
		s.open.Board().TypedShortcut(sc)
	}
}

// SetTheme remembers and applies theme n (not while presenting: the room
// keeps high contrast, and n applies when presenting ends).
func (s *Shell) SetTheme(n ThemeName) {
	SaveTheme(s.app.Preferences(), n)
	s.applyTheme()
}

// SetScale remembers and applies the interface size (View ▸ Interface
// size), as SetTheme does: at once, in every window.
func (s *Shell) SetScale(scale float32) {
	s.app.Preferences().SetFloat(prefScale, float64(scale))
	s.applyTheme()
}

func (s *Shell) applyTheme() {
	p := s.app.Preferences()
	if pr := s.presenting; pr != nil {
		pr.oldTheme = ThemeAt(SavedTheme(p), SavedScale(p))
	} else {
		ApplyTheme(s.app, SavedTheme(p))
	}
	s.win.SetMainMenu(s.mainMenu())
}

func (s *Shell) toggleFullScreen() {
	s.win.SetFullScreen(!s.win.FullScreen())
	s.win.SetMainMenu(s.mainMenu())
}

// FindInLibrary shows the library with the keyboard in its search field.
func (s *Shell) FindInLibrary() {
	if s.open != nil {
		s.ShowHome()
		if s.open != nil {
			return // stayed: unsaved changes
		}
	}
	s.home.FocusSearch()
}

// globalKey handles the keys that work wherever the keyboard is, pressed
// alone: F1 (shortcuts), F5 (presentation mode) and F11 (full screen),
// and while presenting the arrows and Esc. It reports whether it used
// the key. The board hands it the keys it does not use; the window, the
// keys pressed while nothing has the keyboard.
func (s *Shell) globalKey(ev *fyne.KeyEvent) bool {
	if s.behindDialog() && ev.Name != fyne.KeyF1 && ev.Name != fyne.KeyF11 {
		return false // the dialog's keys: nothing changes unseen behind it
	}
	if s.presentKey(ev) {
		return true
	}
	switch ev.Name {
	case fyne.KeyF5:
		s.TogglePresentation()
	case fyne.KeyF1:
		s.ShowShortcuts()
	case fyne.KeyF11:
		s.toggleFullScreen()
	default:
		return false
	}
	return true
}

// globalRune is globalKey for typed characters: ? shows the shortcuts.
func (s *Shell) globalRune(r rune) bool {
	if r == '?' {
		s.ShowShortcuts()
		return true
	}
	return false
}

// behindDialog reports whether a dialog or pop-up is open over the main
// window: then the window's own shortcuts wait, and the keys are the
// dialog's.
func (s *Shell) behindDialog() bool { return s.win.Canvas().Overlays().Top() != nil }
