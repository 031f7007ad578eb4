package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/insightsview"
	"github.com/debrief-app/debrief/app/library"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// Shell is the main window and what it shows: the library or one debrief.
type Shell struct {
	app  fyne.App
	win  fyne.Window
	db   *store.DB
	home *library.Home
	// insights is the Insights screen while it is shown (for tests).
	insights *insightsview.View
	open     *debrief.Screen // the debrief on screen, nil on the library
	closing  sync.WaitGroup  // sessions of debriefs just left, still storing their last changes

	// async runs disk work; tests replace it to run work in line.
	async    func(func())
	sys      system
	quitOnce sync.Once
	// leaveUnsaved is set while the user's "Leave without saving" runs.
	leaveUnsaved bool
	stopWatch    func()          // stops watching for a second Debrief's requests
	shortcuts    dialog.Dialog   // the shortcuts overlay while it shows
	presenting   *presentation   // presentation mode, while on
	audience     *audienceWindow // the audience window, nil when not open
	probe        *frameLog       // the frame benchmark's probe, nil unless DEBRIEF_FRAMELOG is set
	// later hands work from a background goroutine (the writer's report, a
	// timer tick, a paused edit) to the UI goroutine: fyne.Do. Fyne's test
	// driver would run it on the background goroutine; tests queue it.
	later func(func())
	host  *ui.Host // what the screens need from the window: the window, later and async
	// editPause is how long typing must pause before it is stored; 0 is
	// session.EditPause. Tests make it long and flush by hand.
	editPause time.Duration
}

// NewShell builds the main window on db, showing the debrief openID, or
// the library when openID is 0.
func NewShell(a fyne.App, db *store.DB, openID int64) *Shell {
	ApplyTheme(a, SavedTheme(a.Preferences()))
	warmUp()
	fonts := warmUpFonts()
	w := a.NewWindow("Debrief") // X and OpenGL set-up: no text is measured
	<-fonts                     // Fyne's text shaper is for one goroutine at a time
	s := buildShell(a, db, w, func(f func()) { go f() })
	s.probe = frameLogFromEnv()
	if openID != 0 {
		s.OpenDebrief(openID) // the library is laid out and read when they go back to it
	} else {
		s.ShowHome()
	}
	return s
}

// newShell is NewShell for the tests: async runs the background work,
// and nothing is warmed up behind their back.
func newShell(a fyne.App, db *store.DB, async func(func())) *Shell {
	ApplyTheme(a, SavedTheme(a.Preferences()))
	s := buildShell(a, db, a.NewWindow("Debrief"), async)
	s.ShowHome()
	return s
}

// buildShell makes the main window, once the theme is applied, with
// nothing in it yet.
func buildShell(a fyne.App, db *store.DB, w fyne.Window, async func(func())) *Shell {
	s := &Shell{app: a, db: db, async: async, sys: desktopSystem(a), later: fyne.Do}
	s.win = w
	s.host = &ui.Host{Win: w, Later: func(f func()) { s.later(f) }, Async: func(f func()) { s.async(f) }}
	s.win.SetIcon(ui.Icon())
	s.win.SetMaster()
	s.win.Resize(savedSize(a.Preferences()))
	s.win.SetCloseIntercept(s.Quit)
	s.win.SetMainMenu(s.mainMenu())
	quit := &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	s.win.Canvas().AddShortcut(quit, func(fyne.Shortcut) { s.Quit() })
	newDebrief := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	s.win.Canvas().AddShortcut(newDebrief, func(fyne.Shortcut) {
		if !s.behindDialog() {
			s.NewDebrief()
		}
	})
	newGroup := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	s.win.Canvas().AddShortcut(newGroup, func(fyne.Shortcut) {
		if !s.behindDialog() {
			s.NewGroup()
		}
	})
	s.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { s.globalKey(ev) })
	s.win.Canvas().SetOnTypedRune(func(r rune) { s.globalRune(r) })
	s.home = library.New(s.host, s.db, s.app.Preferences(), s.OpenDebrief)
	s.home.OnInsights = s.ShowInsights
	insights := &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	s.win.Canvas().AddShortcut(insights, func(fyne.Shortcut) {
		if !s.behindDialog() {
			s.ShowInsights()
		}
	})
	return s
}

// Window is the main window.
func (s *Shell) Window() fyne.Window { return s.win }

// ShowHome shows the library and reloads it.
func (s *Shell) ShowHome() {
	if s.keepUnsaved(s.ShowHome) {
		return
	}
	s.closeDebrief()
	s.win.SetTitle("Debrief")
	s.win.SetContent(s.home.Content())
	s.home.Reload()
}

// Quit remembers the window's size and place and ends the app. Calling it twice is harmless.
func (s *Shell) Quit() {
	if s.open != nil {
		s.open.CloseRoomAndWait() // no device writes after the last store
		s.open.Session().Flush()  // what was just typed and the last drag reach the disk before the app ends
		if s.keepUnsaved(s.Quit) {
			return
		}
	}
	s.quitOnce.Do(func() {
		if s.open != nil {
			s.open.Close()
		}
		s.closing.Wait()
		s.CloseAudienceWindow() // its ticker stops
		if s.probe != nil {
			if err := s.probe.Close(); err != nil {
				fyne.LogError("frame log", err)
			}
		}
		s.rememberGeometry()
		s.app.Quit()
	})
}

func (s *Shell) showError(what string, err error) { s.host.ShowError(what, err) }

// NewDebrief asks what went wrong and which template to start from, then
// creates the debrief and opens it.
func (s *Shell) NewDebrief() { s.home.NewDebrief() }

// Run shows the main window on db (straight into debrief openID when it is
// not 0) and blocks until the app quits. A second Debrief started on the
// same database asks this one, through lock, to come forward. The day's
// backup is written in the background.
func Run(a fyne.App, db *store.DB, openID int64, lock *store.InstanceLock) error {
	s := start(a, db, openID, lock)
	a.Run()
	s.stopWatch()
	return nil
}

// RunOpenProblem shows why the database at path could not be opened, with
// its backups; when one is restored, the main window follows on it.
// Without a restore it returns openErr when the app quits.
func RunOpenProblem(a fyne.App, path string, openErr error, openID int64, lock *store.InstanceLock) error {
	var s *Shell
	showOpenProblem(a, path, openErr, func(db *store.DB) { s = start(a, db, openID, lock) })
	a.Run()
	if s == nil {
		return openErr
	}
	s.stopWatch()
	return s.db.Close()
}

// handOverPoll is how often the window looks for a second Debrief's request.
const handOverPoll = 250 * time.Millisecond

// start shows the main window on db and watches lock.
func start(a fyne.App, db *store.DB, openID int64, lock *store.InstanceLock) *Shell {
	s := NewShell(a, db, openID)
	s.stopWatch = func() {}
	if lock != nil {
		s.stopWatch = lock.Watch(handOverPoll, func(id int64) {
			s.later(func() {
				s.win.Show()
				s.win.RequestFocus()
				if id != 0 {
					s.OpenDebrief(id)
				}
			})
		})
	}
	backupsDue(db)
	s.win.Show()
	s.placeWindow()
	return s
}
