package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"github.com/debrief-app/debrief/app/winpos"
)

// Window size preferences and the size of a first start.
const (
	// prefSize holds the window's size and, where the system tells it,
	// its place: "1500x900" or "1500x900+200+100" (X11's geometry). One
	// key, so one save: Fyne drops a second change made within 100 ms of
	// quitting.
	prefSize      = "window.size"
	defaultWidth  = 1280
	defaultHeight = 800
	minWidth      = 640
	minHeight     = 480
)

// geometry is the main window's remembered size and place.
type geometry struct {
	size   fyne.Size
	pos    winpos.Position
	hasPos bool
}

// String is geometry as prefSize stores it.
func (g geometry) String() string {
	s := fmt.Sprintf("%.0fx%.0f", g.size.Width, g.size.Height)
	if g.hasPos {
		s += fmt.Sprintf("%+d%+d", g.pos.X, g.pos.Y)
	}
	return s
}

// savedGeometry reads prefSize; a missing or unreadable value, or one
// smaller than the smallest window, gives the first start's size.
func savedGeometry(p fyne.Preferences) geometry {
	var g geometry
	var w, h float32
	var x, y int
	text := p.String(prefSize)
	if n, _ := fmt.Sscanf(text, "%fx%f%d%d", &w, &h, &x, &y); n == 4 {
		g.pos, g.hasPos = winpos.Position{X: x, Y: y}, true
	} else if _, err := fmt.Sscanf(text, "%fx%f", &w, &h); err != nil {
		w, h = 0, 0
	}
	if w < minWidth || h < minHeight {
		return geometry{size: fyne.NewSize(defaultWidth, defaultHeight)}
	}
	g.size = fyne.NewSize(w, h)
	return g
}

// savedSize is the remembered size of the main window.
func savedSize(p fyne.Preferences) fyne.Size { return savedGeometry(p).size }

// rememberGeometry stores the main window's size and place, unless it is
// full screen (presenting, say): then the last window size stays.
func (s *Shell) rememberGeometry() {
	if s.win.FullScreen() {
		return
	}
	g := geometry{size: s.win.Canvas().Size()}
	if g.size.Width < minWidth || g.size.Height < minHeight {
		return
	}
	if nw, ok := s.win.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) { g.pos, g.hasPos = winpos.Get(ctx) })
	}
	s.app.Preferences().SetString(prefSize, g.String())
}

// placeWindow puts the shown main window where it was last time, when
// that place is still on a monitor.
func (s *Shell) placeWindow() {
	g := savedGeometry(s.app.Preferences())
	if !g.hasPos {
		return
	}
	if nw, ok := s.win.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) { winpos.Set(ctx, g.pos) })
	}
}
