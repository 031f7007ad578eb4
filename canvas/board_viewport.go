package canvas

import (
	"fyne.io/fyne/v2/theme"
)

// ---- viewport ----

// Viewport is what part of the board is shown.
func (b *Board) Viewport() Viewport { return b.vp }

// SetViewport shows another part of the board.
func (b *Board) SetViewport(v Viewport) {
	b.autoFit = false
	b.setViewport(v)
}

// setViewport shows v and reports whether that changed the viewport.
func (b *Board) setViewport(v Viewport) bool {
	v.Zoom = clampZoom(v.Zoom)
	if v == b.vp {
		return false
	}
	b.vp = v
	b.viewChanged()
	b.stateChanged()
	b.viewMoved()
	return true
}

// ZoomIn zooms in by a step around the middle of the view.
func (b *Board) ZoomIn() { b.zoomCentre(1.25) }

// ZoomOut zooms out by a step around the middle of the view.
func (b *Board) ZoomOut() { b.zoomCentre(1 / 1.25) }

// ZoomActual shows the board at 100 % around the middle of the view.
func (b *Board) ZoomActual() { b.zoomCentre(1 / b.vp.Zoom) }

func (b *Board) zoomCentre(f float64) {
	s := b.Size()
	b.SetViewport(b.vp.ZoomAt(s.Width/2, s.Height/2, f))
}

// ZoomAt zooms by factor keeping the board point under the widget point
// (x, y) still, as Ctrl+scroll does.
func (b *Board) ZoomAt(x, y float32, factor float64) {
	b.SetViewport(b.vp.ZoomAt(x, y, factor))
}

// ZoomToFit shows every card, and the fishbone drawing, at once.
func (b *Board) ZoomToFit() { b.zoomToFit() }

// zoomToFit is ZoomToFit; it reports whether the viewport changed.
func (b *Board) zoomToFit() bool {
	r, ok := b.contentBounds()
	s := b.Size()
	if !ok {
		return b.setViewport(Viewport{X: -float64(s.Width) / 2, Y: -float64(s.Height) / 2, Zoom: 1})
	}
	reserve := float32(0) // keep the legend clear of the cards
	if b.r != nil && !b.readOnly {
		reserve = b.r.legend.MinSize().Height + 2*theme.SizeForWidget(theme.SizeNamePadding, b)
	}
	return b.setViewport(Fit(r, s.Width, s.Height-reserve, 40))
}

// ZoomToReadable shows every card, as ZoomToFit does, when their text is
// then drawn at least minZoom times its size; otherwise it zooms to
// minZoom and shows the cards from the top-left one (FitReadable).
func (b *Board) ZoomToReadable(minZoom float64) {
	r, ok := b.contentBounds()
	if !ok {
		b.zoomToFit()
		return
	}
	s := b.Size()
	b.autoFit = false
	b.setViewport(FitReadable(r, s.Width, s.Height, 40, minZoom))
}

func (b *Board) contentBounds() (Rect, bool) {
	r, ok := b.index.Bounds()
	if !b.skeleton.Empty() {
		if ok {
			r = r.Union(b.skeleton.Bounds())
		} else {
			r, ok = b.skeleton.Bounds(), true
		}
	}
	return r, ok
}

// scrollIntoView pans just enough to show the cards.
func (b *Board) scrollIntoView(ids []int64) {
	s := b.Size()
	vis := b.vp.Visible(s.Width, s.Height)
	var r Rect
	for _, id := range ids {
		if f := b.factors[id]; f != nil {
			r = r.Union(Rect{X: f.X, Y: f.Y, W: f.W, H: f.H})
		}
	}
	if r.Empty() || (r.X >= vis.X && r.Y >= vis.Y && r.Right() <= vis.Right() && r.Bottom() <= vis.Bottom()) {
		return
	}
	v := b.vp
	margin := 24 / v.Zoom
	if r.X < vis.X {
		v.X = r.X - margin
	} else if r.Right() > vis.Right() {
		v.X += r.Right() - vis.Right() + margin
	}
	if r.Y < vis.Y {
		v.Y = r.Y - margin
	} else if r.Bottom() > vis.Bottom() {
		v.Y += r.Bottom() - vis.Bottom() + margin
	}
	b.SetViewport(v)
}

// SetNaive turns culling and the overview off, so every card has a view
// in Fyne's object tree as a naive whiteboard would. It exists only as the
// baseline of the frame benchmark; never use it for people.
func (b *Board) SetNaive(on bool) {
	b.naive = on
	b.viewChanged()
}

// VisibleCards lists the cards whose views are in the object tree right
// now, bottom to top: those that intersect the view. Far zoomed out, cards
// are drawn as one image and none has a view.
func (b *Board) VisibleCards() []int64 {
	if b.r == nil {
		return nil
	}
	return b.r.visibleIDs()
}

func (b *Board) stateChanged() {
	if b.OnStateChanged != nil {
		b.OnStateChanged()
	}
}

// contentChanged redraws what changed: a card is redrawn only when how it
// looks changed; one that only moved is just moved.
func (b *Board) contentChanged() {
	if b.r != nil {
		b.r.sync(false)
	}
	b.tellWatchers()
}

func (b *Board) tellWatchers() {
	for _, f := range b.watchers {
		f()
	}
}

// watch calls f after every change to what the board holds or draws, on
// the UI goroutine, until the returned func is called.
func (b *Board) watch(f func()) (stop func()) {
	if b.watchers == nil {
		b.watchers = map[int]func(){}
	}
	b.nextWatcher++
	id := b.nextWatcher
	b.watchers[id] = f
	return func() { delete(b.watchers, id) }
}

// viewChanged redraws after a pan or zoom.
func (b *Board) viewChanged() {
	if b.r != nil {
		b.r.sync(true)
	}
	b.tellWatchers() // a refit after a change redraws through here, not contentChanged
}
