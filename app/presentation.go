package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// presentScale is how much larger everything is drawn while presenting.
const presentScale = 1.5

// presentation is the open debrief shown for a room: full screen, large,
// high contrast, with only the phase bar, a large timer and the phase.
type presentation struct {
	s       *Shell
	v       *debrief.Screen
	root    *fyne.Container
	body    *fyne.Container
	steps   *debrief.StepBar
	clock   *canvas.Text
	clockBg *canvas.Rectangle
	title   *ui.FitText

	hint    *widget.Label
	whole   *dcanvas.WholeView // the board whole and readable, re-flowed (W)
	wholeOn bool               // the board phases show whole rather than as laid out

	room     *container.Scroll // the phase shown when it is not the board
	join     *debrief.JoinCard // how to join the room, while it is open
	stopJoin func()
	shift    func() bool // whether Shift is held; tests replace it

	wasFull  bool
	view     dcanvas.Viewport // the board's view before presenting, given back after
	size     fyne.Size        // the window's size before presenting
	fitted   fyne.Size        // the board's size when it was last fitted
	oldTheme fyne.Theme
}

// TogglePresentation enters or leaves presentation mode (F5, View menu).
// It needs an open debrief.
func (s *Shell) TogglePresentation() {
	if s.presenting != nil {
		s.leavePresentation()
		return
	}
	if s.open == nil {
		return
	}
	v := s.open
	v.Session().Commit()
	p := &presentation{s: s, v: v, wasFull: s.win.FullScreen(), oldTheme: s.app.Settings().Theme(), shift: dcanvas.ShiftHeld,
		size: s.win.Canvas().Size(), view: v.Board().Viewport()}
	s.presenting = p
	s.app.Settings().SetTheme(presentTheme{base: NewTheme(ThemeHighContrast), scale: presentScale})
	// A long title shrinks a little, then ends in "…", instead of running under the clock.
	p.title = ui.NewFitText(model.OneLine(v.Session().Debrief().Title), 20*presentScale, 16*presentScale, fyne.TextStyle{Bold: true})
	p.clock = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.clock.TextStyle = fyne.TextStyle{Bold: true} // (Bold with Monospace has no font in Fyne's test theme)
	p.clock.TextSize = 37 * presentScale
	p.clockBg = canvas.NewRectangle(color.Transparent)
	p.clockBg.CornerRadius = 10
	p.steps = debrief.NewStepBar(v.Show)
	hint := widget.NewLabel("") // (Fyne draws "→ " as missing glyphs)
	hint.SizeName = theme.SizeNameCaptionText
	p.hint = hint
	// A board of up to ~30 cards starts whole and readable: as laid out
	// for the facilitator's screen, it is text-less blocks on a projector.
	p.whole = dcanvas.NewWholeView(v.Board())
	p.whole.OnResized = func(fyne.Size) { p.scaleTo(p.s.win.Canvas().Size().Height) } // as fitBoard does for the board
	p.wholeOn = len(v.Board().Factors()) <= dcanvas.WholeDefaultCards
	p.setHint()
	clock := container.NewStack(p.clockBg, container.NewPadded(p.clock))
	header := &presentHeader{}
	top := container.NewBorder(nil, nil, nil, container.NewCenter(clock),
		container.New(header, p.title, p.steps, hint))
	p.body = container.NewStack()
	p.join = debrief.NewJoinCard(presentScale)
	p.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewStack(p.body, p.join.Object()))
	p.whole.KeepOut = p.join.Size
	p.stopJoin = v.WatchRoom(func(st debrief.RoomState) {
		p.join.Set(st)
		p.whole.Refresh() // the cards keep clear of the join card as it comes, folds and goes
	})
	header.relayout = p.root.Refresh
	v.Board().SetReadOnly(true) // the room looks; the arrows step the phases
	v.Board().OnViewChanged = func(dcanvas.Viewport) {
		if v.Board().Size() != p.fitted { // going full screen resizes the board after the first fit
			p.fitBoard()
		}
	}
	s.win.SetMainMenu(nil)
	s.win.SetContent(p.root)
	s.win.SetFullScreen(true)
	v.OnPhase, v.OnClock = p.show, p.clockChanged
	p.show(v.Clock().Phase)
	v.RefreshClock()
}

// leavePresentation puts the window back exactly as it was before F5:
// the debrief's screen in its own theme, the board at its own view, the
// window's size and menus. The screen goes back into the window before
// the theme does, so that the theme's change redraws it too: it was out
// of the window while presenting, and kept the presentation's sizes and
// colours otherwise.
func (s *Shell) leavePresentation() {
	p := s.presenting
	s.presenting = nil
	b := p.v.Board()
	b.SetReadOnly(false)
	b.OnViewChanged = nil
	p.v.OnPhase, p.v.OnClock = nil, nil
	p.stopJoin()
	p.whole.Close()
	if s.open == p.v {
		s.win.SetContent(p.v.Content())
		p.v.Show(p.v.Clock().Phase) // its phase goes back in its place
	}
	s.win.SetFullScreen(p.wasFull)
	s.app.Settings().SetTheme(p.oldTheme)
	s.win.SetMainMenu(s.mainMenu()) // after full screen, so View ▸ Full screen is ticked right
	if !p.wasFull {
		// Fyne forgets the window's size when the theme changes while it is
		// full screen (RescaleContext), and would leave it screen-sized.
		s.win.Resize(p.size)
	}
	b.SetViewport(p.view)
}

// show puts phase ph on the presentation: the board alone, fitted, for
// Factors and Connect; otherwise what the group said in that phase, large
// and read-only (roomView).
func (p *presentation) show(ph model.Phase) {
	v := p.v
	p.steps.Set(ph)
	p.room = nil
	if boardPhase(ph) {
		if p.wholeOn {
			p.whole.Show()
			p.body.Objects = []fyne.CanvasObject{p.whole}
		} else {
			p.whole.Hide() // hidden, it does not re-flow on every change to the board
			p.body.Objects = []fyne.CanvasObject{v.Board()}
		}
		p.body.Refresh()
		if p.wholeOn {
			p.scaleTo(p.s.win.Canvas().Size().Height)
		} else {
			p.fitBoard()
		}
	} else {
		p.whole.Hide()
		size := p.s.win.Canvas().Size()
		th := debrief.NewRoomTheme(p.s.app.Settings().Theme(), size.Height)
		p.room = container.NewVScroll(container.NewPadded(debrief.RoomView(ph, v.Current(), v.LastCheckIn(), size.Width-4*theme.Padding(), th)))
		p.body.Objects = []fyne.CanvasObject{p.room}
		p.body.Refresh()
	}
	p.s.win.Canvas().Unfocus() // the keys step through the phases
}

// setWhole shows the board whole and readable (on) or as laid out.
func (p *presentation) setWhole(on bool) {
	p.wholeOn = on
	p.setHint()
	if boardPhase(p.v.Clock().Phase) {
		p.show(p.v.Clock().Phase)
	}
}

func (p *presentation) setHint() {
	w := "W: whole board"
	if p.wholeOn {
		w = "W: as laid out"
	}
	p.hint.SetText("Arrows: phases · Shift+arrows: move · " + w + " · Esc leaves")
}

// fitBoard zooms to fit every card, unless their text would then be less
// than debrief.PresentTextShare of the screen's height: then it zooms to that and
// starts from the top-left card (Shift and the arrows pan).
func (p *presentation) fitBoard() {
	b := p.v.Board()
	p.fitted = b.Size()
	h := p.s.win.Canvas().Size().Height
	p.scaleTo(h)
	b.ZoomToReadable(float64(h) * debrief.PresentTextShare / dcanvas.CardTextSize)
}

// scaleTo sizes everything for a screen h units high: presentScale on a
// laptop, more on a big screen whose pixels are not scaled (a 4K
// projector without FYNE_SCALE), so the header reads as on a 720-line one.
func (p *presentation) scaleTo(h float32) {
	want := float32(max(presentScale, h/720))
	t, ok := p.s.app.Settings().Theme().(presentTheme)
	if !ok || t.scale == want {
		return
	}
	p.s.app.Settings().SetTheme(presentTheme{base: t.base, scale: want})
	p.title.SetSizes(20*want, 16*want)
	p.clock.TextSize = 37 * want
	p.title.Refresh()
	p.clock.Refresh()
}

// clockChanged is the header timer's news, shown large.
func (p *presentation) clockChanged(text string, ink, fill color.Color) {
	if p.clock.Text == text && p.clock.Color == ink && p.clockBg.FillColor == fill {
		return
	}
	p.clock.Text, p.clock.Color = text, ink
	p.clockBg.FillColor = fill
	p.clock.Refresh()
	p.clockBg.Refresh()
}

// presentKey handles the keys of presentation mode; it reports whether it
// used the key.
func (s *Shell) presentKey(ev *fyne.KeyEvent) bool {
	p := s.presenting
	if p == nil {
		return false
	}
	arrows := map[fyne.KeyName][2]float32{fyne.KeyLeft: {-1, 0}, fyne.KeyRight: {1, 0}, fyne.KeyUp: {0, -1}, fyne.KeyDown: {0, 1}}
	onBoard := boardPhase(p.v.Clock().Phase)
	_, arrow := arrows[ev.Name]
	if onBoard && p.wholeOn && (arrow && p.shift() || ev.Name == fyne.KeyEqual || ev.Name == fyne.KeyPlus || ev.Name == fyne.KeyMinus || ev.Name == fyne.Key0) {
		p.setWhole(false) // panning or zooming is for the board as laid out: show it, then do it
	}
	if d, ok := arrows[ev.Name]; ok && p.shift() {
		p.move(d[0], d[1])
		return true
	}
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyF5:
		s.leavePresentation()
	case fyne.KeyW:
		p.setWhole(!p.wholeOn)
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown, fyne.KeySpace:
		p.v.Step(1)
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp:
		p.v.Step(-1)
	case fyne.KeyEqual, fyne.KeyPlus:
		if onBoard {
			p.v.Board().ZoomIn()
		}
	case fyne.KeyMinus:
		if onBoard {
			p.v.Board().ZoomOut()
		}
	case fyne.Key0:
		if onBoard {
			p.fitBoard()
		}
	default:
		return false
	}
	return true
}

// move answers Shift and an arrow: on the board it pans a third of the
// screen that way; elsewhere it scrolls the page.
func (p *presentation) move(dx, dy float32) {
	if p.room != nil {
		off := p.room.Offset
		off.Y = max(0, min(off.Y+dy*p.room.Size().Height/3, p.room.Content.MinSize().Height-p.room.Size().Height))
		p.room.ScrollToOffset(off)
		return
	}
	b := p.v.Board()
	vp := b.Viewport()
	sz := b.Size()
	vp.X += float64(dx*sz.Width/3) / vp.Zoom
	vp.Y += float64(dy*sz.Height/3) / vp.Zoom
	b.SetViewport(vp)
}

// boardPhase reports whether ph is presented as the board alone.
func boardPhase(ph model.Phase) bool {
	return ph == model.FactorsPhase || ph == model.ConnectPhase
}

// presentTheme draws everything presentScale times larger on base.
type presentTheme struct {
	base  fyne.Theme
	scale float32
}

func (t presentTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}
func (t presentTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t presentTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }
func (t presentTheme) Size(n fyne.ThemeSizeName) float32       { return t.base.Size(n) * t.scale }

// CardPalette keeps the base theme's cards (high contrast).
func (t presentTheme) CardPalette() dcanvas.Palette { return dcanvas.PaletteOf(t.base) }

// presentHeader lays out the presentation's title over the step bar, with
// the presenter's key hint right of the steps when there is room for it,
// and under them when there is not (on a 1280×720 projector they
// overlapped). Its objects are the title, the step bar and the hint.
type presentHeader struct {
	width    float32 // the width of the last layout; 0 before the first
	relayout func()  // lays the window out again when the header's height changes
}

// hintBeside reports whether the hint fits right of the steps in width w.
func (h *presentHeader) hintBeside(steps, hint fyne.CanvasObject, w float32) bool {
	return w == 0 || steps.MinSize().Width+theme.Padding()*4+hint.MinSize().Width <= w
}

func (h *presentHeader) MinSize(objs []fyne.CanvasObject) fyne.Size {
	title, steps, hint := objs[0].MinSize(), objs[1], objs[2]
	ss, hs := steps.MinSize(), hint.MinSize()
	height := title.Height + ss.Height
	if !h.hintBeside(steps, hint, h.width) {
		height += hs.Height
	}
	return fyne.NewSize(max(title.Width, ss.Width, hs.Width), height)
}

func (h *presentHeader) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	title, steps, hint := objs[0], objs[1], objs[2]
	wasBeside := h.hintBeside(steps, hint, h.width)
	h.width = size.Width
	ts, ss, hs := title.MinSize(), steps.MinSize(), hint.MinSize()
	title.Move(fyne.NewPos(0, 0))
	title.Resize(fyne.NewSize(size.Width, ts.Height))
	steps.Move(fyne.NewPos(0, ts.Height))
	steps.Resize(ss)
	beside := h.hintBeside(steps, hint, size.Width)
	if beside {
		hint.Move(fyne.NewPos(size.Width-hs.Width, ts.Height+(ss.Height-hs.Height)/2))
	} else {
		hint.Move(fyne.NewPos(0, ts.Height+ss.Height))
	}
	hint.Resize(hs)
	if wasBeside != beside && h.relayout != nil {
		h.relayout() // the header's height changed
	}
}
