package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/export"
)

// Window size preferences and the size of a first start.
const (
	prefSize      = "window.size" // "1500x900": one key, so one save (Fyne drops a second change made within 100 ms of quitting)
	defaultWidth  = 1280
	defaultHeight = 800
	minWidth      = 640
	minHeight     = 480
)

// Shell is the main window and what it shows: the library or one debrief.
type Shell struct {
	app     fyne.App
	win     fyne.Window
	db      *store.DB
	home    *Home
	open    *debriefView   // the debrief on screen, nil on the library
	closing sync.WaitGroup // savers of debriefs just left, still storing their last changes

	// async runs disk work; tests replace it to run work in line.
	async    func(func())
	sys      system
	quitOnce sync.Once
	// leaveUnsaved is set while the user's "Leave without saving" runs.
	leaveUnsaved bool
	probe        *frameLog // the frame benchmark's probe, nil unless DEBRIEF_FRAMELOG is set
	// later hands work from a background goroutine (a saver's report, a
	// timer tick, a paused edit) to the UI goroutine: fyne.Do. Fyne's test
	// driver would run it on the background goroutine; tests queue it.
	later func(func())
}

// NewShell builds the main window on db, showing the library.
func NewShell(a fyne.App, db *store.DB) *Shell {
	s := newShell(a, db, func(f func()) { go f() })
	s.probe = frameLogFromEnv()
	return s
}

func newShell(a fyne.App, db *store.DB, async func(func())) *Shell {
	s := &Shell{app: a, db: db, async: async, sys: desktopSystem(a), later: fyne.Do}
	s.win = a.NewWindow("Debrief")
	s.win.SetIcon(Icon())
	s.win.SetMaster()
	s.win.Resize(savedSize(a.Preferences()))
	s.win.SetCloseIntercept(s.Quit)
	s.win.SetMainMenu(s.mainMenu())
	quit := &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	s.win.Canvas().AddShortcut(quit, func(fyne.Shortcut) { s.Quit() })
	newDebrief := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	s.win.Canvas().AddShortcut(newDebrief, func(fyne.Shortcut) { s.NewDebrief() })
	s.home = newHome(s)
	s.ShowHome()
	return s
}

// Window is the main window.
func (s *Shell) Window() fyne.Window { return s.win }

func (s *Shell) mainMenu() *fyne.MainMenu {
	newItem := fyne.NewMenuItem("New debrief…", s.NewDebrief)
	newItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	library := fyne.NewMenuItem("Library", s.ShowHome)
	quit := fyne.NewMenuItem("Quit", s.Quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	paper := fyne.NewMenuItem("PDF paper size", nil)
	paper.ChildMenu = fyne.NewMenu("")
	current := s.Paper()
	for _, p := range []struct {
		paper export.Paper
		label string
	}{{export.A4, "A4"}, {export.Letter, "US Letter"}} {
		item := fyne.NewMenuItem(p.label, func() { s.SetPaper(p.paper) })
		item.Checked = current == p.paper
		paper.ChildMenu.Items = append(paper.ChildMenu.Items, item)
	}
	restore := fyne.NewMenuItem("Restore from backup…", s.RestoreFromBackup)
	return fyne.NewMainMenu(fyne.NewMenu("File", newItem, library, fyne.NewMenuItemSeparator(), paper,
		fyne.NewMenuItemSeparator(), restore,
		fyne.NewMenuItemSeparator(), quit), s.debriefMenu())
}

// debriefMenu walks the open debrief: its phases (Alt+1…Alt+6, and
// Ctrl+PageDown/PageUp for the next and previous), the timer, and marking
// it reviewed. Main-menu shortcuts work whatever has the keyboard, the
// board included. With no debrief open the items are disabled.
func (s *Shell) debriefMenu() *fyne.Menu {
	open := s.open != nil
	item := func(label string, sc fyne.Shortcut, do func(v *debriefView)) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() {
			if s.open != nil {
				do(s.open)
			}
		})
		it.Shortcut = sc
		it.Disabled = !open
		return it
	}
	var items []*fyne.MenuItem
	for _, p := range model.Phases() {
		items = append(items, item(p.Label(), &desktop.CustomShortcut{KeyName: fyne.KeyName(rune('1' + p)), Modifier: fyne.KeyModifierAlt},
			func(v *debriefView) { v.show(p) }))
	}
	step := func(d int) func(v *debriefView) {
		return func(v *debriefView) {
			if p := int(v.session.Phase) + d; p >= 0 && p < len(model.Phases()) {
				v.show(model.Phase(p))
			}
		}
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		item("Next phase", &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}, step(1)),
		item("Previous phase", &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}, step(-1)),
		fyne.NewMenuItemSeparator(),
		item("Start or pause the timer", &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault},
			func(v *debriefView) { v.timer.toggle() }),
		item("Add a minute", nil, func(v *debriefView) { v.timer.add(time.Minute) }),
		fyne.NewMenuItemSeparator(),
		item("Mark reviewed", nil, func(v *debriefView) {
			if err := v.MarkReviewed(); err != nil {
				dialog.ShowInformation("Not yet", capitalise(err.Error())+".", s.win)
			}
		}),
	)
	return fyne.NewMenu("Debrief", items...)
}

// ShowHome shows the library and reloads it.
func (s *Shell) ShowHome() {
	if s.keepUnsaved(s.ShowHome) {
		return
	}
	s.closeDebrief()
	s.win.SetTitle("Debrief")
	s.win.SetContent(s.home.content)
	s.home.Reload()
}

// Quit remembers the window size and ends the app. Calling it twice is harmless.
func (s *Shell) Quit() {
	if s.open != nil {
		s.open.flush()       // what was just typed is queued
		s.open.saver.Flush() // the last drag or edit reaches the disk before the app ends
		if s.keepUnsaved(s.Quit) {
			return
		}
	}
	s.quitOnce.Do(func() {
		if s.open != nil {
			s.open.close()
		}
		s.closing.Wait()
		if s.probe != nil {
			if err := s.probe.Close(); err != nil {
				fyne.LogError("frame log", err)
			}
		}
		size := s.win.Canvas().Size()
		if size.Width >= minWidth && size.Height >= minHeight {
			s.app.Preferences().SetString(prefSize, fmt.Sprintf("%.0fx%.0f", size.Width, size.Height))
		}
		s.app.Quit()
	})
}

func savedSize(p fyne.Preferences) fyne.Size {
	var w, h float32
	if _, err := fmt.Sscanf(p.String(prefSize), "%fx%f", &w, &h); err != nil || w < minWidth || h < minHeight {
		return fyne.NewSize(defaultWidth, defaultHeight)
	}
	return fyne.NewSize(w, h)
}

// background runs work off the UI goroutine, then done (or an error
// dialog) back on it.
func background[T any](s *Shell, what string, work func(ctx context.Context) (T, error), done func(T)) {
	s.async(func() {
		v, err := work(context.Background())
		fyne.Do(func() {
			if err != nil {
				s.showError(what, err)
				return
			}
			done(v)
		})
	})
}

func (s *Shell) showError(what string, err error) {
	dialog.ShowError(fmt.Errorf("%s: %w", what, err), s.win)
}

// Run shows the main window on db (straight into debrief openID when it is
// not 0) and blocks until the app quits.
func Run(a fyne.App, db *store.DB, openID int64) error {
	s := NewShell(a, db)
	if openID != 0 {
		s.OpenDebrief(openID)
	}
	s.win.ShowAndRun()
	return nil
}
