package app

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// The audience window's text sizes: read from the back of a meeting room.
const (
	audienceTitleSize    = 40 // shrinks to audienceTitleMin before it is shortened
	audienceTitleMin     = 28
	audiencePhaseSize    = 30
	audienceClockSize    = 46
	audienceWaitingSize  = 36
	audienceHintSize     = 12
	audienceTickInterval = 250 * time.Millisecond
)

// audienceWindow is the second window, for the room: the open debrief's
// board, large and read-only, under a header with its title, the phase
// and the time left. It mirrors the main window's board, so every change
// shows on the next frame; it shows the whole board, or follows the
// facilitator's view. It can be dragged to the projector and made full
// screen while the main window stays on the laptop. It never edits
// anything. With no debrief open it waits calmly for one.
type audienceWindow struct {
	s     *Shell
	win   fyne.Window
	v     *debrief.Screen // the debrief shown, nil while none is open
	board *dcanvas.Board
	now   func() time.Time

	title    *ui.FitText
	phase    *canvas.Text
	phaseBg  *canvas.Rectangle
	phaseBox *fyne.Container
	clock    *canvas.Text
	clockBg  *canvas.Rectangle
	clockBox *fyne.Container
	toggle   *ui.KeyButton
	wholeBtn *ui.KeyButton      // whole and readable, or as laid out (W)
	whole    *dcanvas.WholeView // the board re-flowed, whole and readable
	wholeOn  bool               // show whole (when not following the main window)
	hint     *canvas.Text
	wait     [2]*canvas.Text // "Waiting for a debrief…" and what to do
	body     *fyne.Container
	waiting  fyne.CanvasObject

	join     *debrief.JoinCard // how to join the room of the debrief shown
	stopJoin func()
	shown    string // what the header shows, to redraw only when it changes
	stopTick chan struct{}
	closed   bool
}

// audienceWin is the shell's audience window, nil when it is not open.
// (Its methods take a nil receiver, so the hooks need not check.)
func (s *Shell) audienceWin() *audienceWindow { return s.audience }

func (s *Shell) setAudience(a *audienceWindow) { s.audience = a }

// OpenAudienceWindow opens the audience window on the debrief open now
// (or waiting for one). When it is open already it comes forward.
func (s *Shell) OpenAudienceWindow() {
	if a := s.audienceWin(); a != nil {
		a.win.Show()
		a.win.RequestFocus()
		return
	}
	a := newAudienceWindow(s)
	s.setAudience(a)
	a.show(s.open)
	a.win.Show()
	a.startTicking()
}

// CloseAudienceWindow closes the audience window, if it is open.
func (s *Shell) CloseAudienceWindow() {
	if a := s.audienceWin(); a != nil {
		a.detach()
		a.win.Close()
	}
}

// ToggleAudienceWindow opens the audience window, or closes it when it
// is open: View ▸ Audience window and Ctrl+Shift+P, in either window.
func (s *Shell) ToggleAudienceWindow() {
	if s.audienceWin() != nil {
		s.CloseAudienceWindow()
	} else {
		s.OpenAudienceWindow()
	}
	s.win.SetMainMenu(s.mainMenu()) // the item's tick follows
}

func newAudienceWindow(s *Shell) *audienceWindow {
	a := &audienceWindow{s: s, now: time.Now, board: dcanvas.NewBoard()}
	a.board.Later = s.later
	a.board.SetReadOnly(true)
	a.whole = dcanvas.NewWholeView(a.board)
	a.win = s.app.NewWindow("Debrief (audience)")
	a.win.SetIcon(ui.Icon())
	a.win.Resize(fyne.NewSize(1280, 720))
	a.win.SetOnClosed(a.detach)
	a.win.SetPadded(false) // the board runs to the window's edges
	a.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { s.ToggleAudienceWindow() })
	a.win.Canvas().SetOnTypedKey(a.typedKey)

	ink := theme.Color(theme.ColorNameForeground)
	a.title = ui.NewFitText("Debrief", audienceTitleSize, audienceTitleMin, fyne.TextStyle{Bold: true})
	a.phase = canvas.NewText("", ink)
	a.phase.TextSize = audiencePhaseSize
	a.phase.TextStyle = fyne.TextStyle{Bold: true}
	a.phaseBg = canvas.NewRectangle(color.Transparent)
	a.phaseBg.CornerRadius = 12
	a.phaseBox = container.NewStack(a.phaseBg, container.NewPadded(container.NewCenter(a.phase)))
	a.clock = canvas.NewText("", ink)
	a.clock.TextSize = audienceClockSize
	a.clock.TextStyle = fyne.TextStyle{Bold: true} // Noto Sans digits are all one width: the clock does not jitter
	a.clockBg = canvas.NewRectangle(color.Transparent)
	a.clockBg.CornerRadius = 12
	a.clockBox = container.NewStack(a.clockBg, container.NewPadded(container.NewCenter(a.clock)))
	a.toggle = ui.NewKeyButton("", a.typedKey, func() { a.setFollow(!a.board.Following()) })
	a.toggle.Importance = widget.LowImportance
	a.wholeBtn = ui.NewKeyButton("", a.typedKey, func() { a.setWhole(!a.wholeOn) })
	a.wholeBtn.Importance = widget.LowImportance
	a.hint = canvas.NewText("F11 full screen · W whole board or as laid out · V follow my view · Ctrl+Shift+P close", theme.Color(theme.ColorNamePlaceHolder))
	a.hint.TextSize = audienceHintSize
	a.hint.Alignment = fyne.TextAlignCenter
	a.setFollow(false)

	controls := container.NewCenter(container.NewVBox(container.NewHBox(layout.NewSpacer(), a.wholeBtn, a.toggle, layout.NewSpacer()), a.hint))
	space := func() fyne.CanvasObject { // between the header's parts, so they read apart
		r := canvas.NewRectangle(color.Transparent)
		r.SetMinSize(fyne.NewSize(2*theme.Padding(), 1))
		return r
	}
	right := container.NewHBox(container.NewCenter(a.phaseBox), space(), container.NewCenter(a.clockBox), space(), controls)
	header := container.NewPadded(container.NewPadded(container.NewBorder(nil, nil, nil, right, a.title)))

	wait := canvas.NewText("Waiting for a debrief…", ink)
	wait.TextSize = audienceWaitingSize
	sub := canvas.NewText("Open one in the main window and it appears here.", ink)
	sub.TextSize = audienceWaitingSize / 2
	a.wait = [2]*canvas.Text{wait, sub}
	a.waiting = container.NewCenter(container.NewVBox(container.NewCenter(wait), container.NewCenter(sub)))
	a.body = container.NewStack(a.waiting)
	a.join = debrief.NewJoinCard(1.5)
	a.whole.KeepOut = a.join.Size
	a.win.SetContent(container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(a.body, a.join.Object())))
	return a
}

// show mirrors debrief v (nil: none is open, so wait for one). The main
// window calls it whenever it opens or leaves a debrief; it is a no-op on
// a nil window, so callers need not check that one is open.
func (a *audienceWindow) show(v *debrief.Screen) {
	if a == nil || a.closed {
		return
	}
	a.v = v
	if a.stopJoin != nil {
		a.stopJoin()
		a.stopJoin = nil
	}
	a.join.Set(debrief.RoomState{})
	if v != nil {
		a.stopJoin = v.WatchRoom(func(st debrief.RoomState) {
			a.join.Set(st)
			a.whole.Refresh() // the cards keep clear of the join card
		})
	}
	if v == nil {
		a.board.Mirror(nil)
		a.toggle.Hide() // nothing to show whole or follow
		a.wholeBtn.Hide()
	} else {
		a.board.Mirror(v.Board())
		// A board of up to ~30 cards starts whole and readable.
		a.wholeOn = len(v.Board().Factors()) <= dcanvas.WholeDefaultCards
		a.toggle.Show()
	}
	a.syncBody()
	a.tick()
}

// syncBody shows what the window should: the board followed or as laid
// out, the board whole and readable, or the wait for a debrief.
func (a *audienceWindow) syncBody() {
	var show fyne.CanvasObject = a.board
	switch {
	case a.v == nil:
		show = a.waiting
	case a.wholeOn && !a.board.Following():
		show = a.whole
	}
	if a.wholeOn {
		a.wholeBtn.SetText("As laid out")
		a.wholeBtn.SetIcon(theme.ViewRestoreIcon())
	} else {
		a.wholeBtn.SetText("Whole board")
		a.wholeBtn.SetIcon(theme.ViewFullScreenIcon())
	}
	if a.v != nil && !a.board.Following() {
		a.wholeBtn.Show()
	} else {
		a.wholeBtn.Hide()
	}
	if show == a.whole { // hidden, it does not re-flow on every change to the board
		a.whole.Show()
	} else {
		a.whole.Hide()
	}
	if a.body != nil && (len(a.body.Objects) != 1 || a.body.Objects[0] != show) { // (nil while the window is made)
		a.body.Objects = []fyne.CanvasObject{show}
		a.body.Refresh()
	}
}

// setFollow shows the facilitator's view (on), or the board whole again
// (re-flowed or as laid out, as it was).
func (a *audienceWindow) setFollow(on bool) {
	a.board.SetFollow(on)
	if on {
		a.toggle.SetText("Stop following")
		a.toggle.SetIcon(theme.ZoomFitIcon())
	} else {
		a.toggle.SetText("Follow my view")
		a.toggle.SetIcon(theme.VisibilityIcon())
	}
	a.syncBody()
}

// setWhole shows the board whole and readable, re-flowed (on), or as
// the facilitator laid it out, fitted; either way it stops following.
func (a *audienceWindow) setWhole(on bool) {
	a.wholeOn = on
	if a.board.Following() {
		a.setFollow(false)
		return
	}
	a.syncBody()
}

// setFullScreen fills the screen the window is on, or leaves that. In
// full screen the key hint is hidden: the room does not need it.
func (a *audienceWindow) setFullScreen(on bool) {
	a.win.SetFullScreen(on)
	a.syncHint()
}

func (a *audienceWindow) syncHint() {
	if hide := a.win.FullScreen(); hide != a.hint.Hidden {
		a.hint.Hidden = hide
		a.hint.Refresh()
	}
}

// typedKey: F11 or F toggles full screen, Escape leaves it, W shows the
// whole board and V follows the facilitator's view.
func (a *audienceWindow) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyF11, fyne.KeyF:
		a.setFullScreen(!a.win.FullScreen())
	case fyne.KeyEscape:
		a.setFullScreen(false)
	case fyne.KeyW:
		if a.board.Following() {
			a.setWhole(true) // back to the whole board, readable
		} else {
			a.setWhole(!a.wholeOn)
		}
	case fyne.KeyV:
		a.setFollow(true)
	}
}

// tick brings the header up to date: the title, the phase and the time
// left. It runs four times a second and costs nothing when nothing changed.
func (a *audienceWindow) tick() {
	if a.closed {
		return
	}
	a.syncHint() // the window manager can leave full screen too
	title, phase, clock := "Debrief", "", ""
	fg, dim, primary := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePlaceHolder), theme.Color(theme.ColorNamePrimary)
	ink, fill := fg, color.Color(color.Transparent)
	if v := a.v; v != nil {
		title = model.OneLine(v.Session().Debrief().Title)
		s := v.Clock()
		phase = fmt.Sprintf("%d · %s", int(s.Phase)+1, s.Phase.Label())
		left := s.Timer.Remaining(a.now())
		clock = ui.ClockText(left)
		ink, fill = ui.ClockColours(left, s.Timer.Running(), fg)
	}
	key := fmt.Sprint(title, "|", phase, "|", clock, ink, fill, fg, dim, primary) // the colours: the theme can change
	if key == a.shown {
		return
	}
	a.shown = key
	winTitle := "Debrief (audience)"
	if a.v != nil {
		winTitle = title + " — Debrief (audience)"
	}
	if a.win.Title() != winTitle {
		a.win.SetTitle(winTitle)
	}
	a.title.SetText(title)
	a.phase.Text, a.phase.Color = phase, fg
	a.phaseBg.FillColor = ui.WithAlpha(primary, 0x30)
	a.hint.Color = dim
	a.wait[0].Color, a.wait[1].Color = fg, dim
	a.clock.Text, a.clock.Color = clock, ink
	a.clockBg.FillColor = fill
	a.phaseBox.Hidden, a.clockBox.Hidden = phase == "", clock == ""
	a.phase.Refresh()
	a.phaseBg.Refresh()
	a.hint.Refresh()
	a.wait[0].Refresh()
	a.wait[1].Refresh()
	a.clock.Refresh()
	a.clockBg.Refresh()
	a.phaseBox.Refresh()
	a.clockBox.Refresh()
}

// startTicking updates the header four times a second, on the UI goroutine.
func (a *audienceWindow) startTicking() {
	ticker := time.NewTicker(audienceTickInterval)
	stop := make(chan struct{})
	a.stopTick = stop
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				a.s.later(a.tick)
			case <-stop:
				return
			}
		}
	}()
}

// detach stops the window following the main one: its board mirrors
// nothing, its ticks stop, and the shell forgets it. Closing the window
// does this; doing it twice is harmless.
func (a *audienceWindow) detach() {
	if a.closed {
		return
	}
	a.closed = true
	if a.stopTick != nil {
		close(a.stopTick)
	}
	a.board.Mirror(nil)
	a.whole.Close()
	if a.stopJoin != nil {
		a.stopJoin()
		a.stopJoin = nil
	}
	a.v = nil
	if a.s.audienceWin() == a {
		a.s.setAudience(nil)
		if a.s.presenting == nil {
			a.s.win.SetMainMenu(a.s.mainMenu()) // View ▸ Audience window is no longer ticked
		}
	}
}
