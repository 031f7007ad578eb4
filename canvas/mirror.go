package canvas

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/debrief-app/debrief/app/model"
)

var _ fyne.Disableable = (*Board)(nil)

// ---- read-only ----

// SetReadOnly makes the board a view of its debrief, or editable again.
// A read-only board creates, edits, moves, links, votes on, recolours and
// deletes nothing, whether asked by pointer, keys, menus or these methods,
// and has nothing to undo; it shows no connector handles, no legend and
// no context menu, and never takes the keyboard. Dragging with any button
// pans it and Ctrl+scroll zooms it. A card being edited is committed first.
func (b *Board) SetReadOnly(on bool) {
	if b.readOnly == on {
		return
	}
	if on {
		b.finishEdit(true)
		b.cancelGesture()
		b.connecting, b.hover = 0, 0
		if c := b.canvas(); c != nil && c.Focused() == b {
			c.Unfocus()
		}
	}
	b.readOnly = on
	if b.r != nil {
		b.r.gen++ // every card is redrawn: connector handles come and go
		b.r.sync(true)
		b.r.rebuild() // the legend comes and goes
	}
	b.stateChanged()
}

// ReadOnly reports whether the board is a view only (see SetReadOnly).
func (b *Board) ReadOnly() bool { return b.readOnly }

// Disabled is part of fyne.Disableable: a read-only board is disabled for
// the keyboard, so Tab and clicks never give it the focus and the keys
// reach the window instead.
func (b *Board) Disabled() bool { return b.readOnly }

// Disable is SetReadOnly(true), for fyne.Disableable.
func (b *Board) Disable() { b.SetReadOnly(true) }

// Enable is SetReadOnly(false), for fyne.Disableable.
func (b *Board) Enable() { b.SetReadOnly(false) }

func (b *Board) canvas() fyne.Canvas {
	if app := fyne.CurrentApp(); app != nil {
		return app.Driver().CanvasForObject(b)
	}
	return nil
}

// ---- following the owner's changes ----

// applyRows makes the board hold the rows of c as its owner reported
// them: rows are put (inserted or replaced), deleted rows and the links
// of deleted cards go; the kudos stars and the fishbone's head follow the
// parts and the title. Nothing is recorded: the owner keeps the history.
func (b *Board) applyRows(c model.Change, final bool) {
	for _, id := range c.DeleteLinks {
		b.removeLink(id)
	}
	for i := range c.Factors {
		f := c.Factors[i]
		if b.edit != nil && b.edit.isNew && b.edit.id == f.ID {
			continue // not possible with IDs from the owner; never overwrite a card being typed
		}
		b.putFactor(&f)
	}
	for i := range c.Links {
		l := c.Links[i]
		if b.factors[l.FromID] != nil && b.factors[l.ToID] != nil {
			b.putLink(&l)
		}
	}
	for _, id := range c.DeleteFactors {
		delete(b.faceDown, id)
		if b.factors[id] != nil {
			if b.edit != nil && b.edit.id == id {
				b.finishEdit(false) // deleted elsewhere while typed here
			}
			b.removeFactor(id)
		}
	}
	if c.Parts != nil {
		b.setKudos(c.Parts.Kudos)
	}
	if c.Debrief != nil && c.Debrief.Title != b.title {
		b.title = c.Debrief.Title
		if !b.skeleton.Empty() {
			b.skeleton.HeadText = b.title
		}
	}
	_ = final
}

// ---- mirroring ----

// Mirror makes b a read-only view of src: it shows the debrief src's
// owner holds, and from then on every change to it (committed
// operations, undo and redo, and cards being dragged on src), and src's
// fishbone drawing and selection. It does not show what src has not
// committed (a card being typed), its hover, its vote buttons or its
// legend. What part of the board b shows is set by SetFollow. Mirror(nil)
// stops mirroring and leaves b showing what it showed; b stays read-only.
func (b *Board) Mirror(src *Board) {
	if src == b {
		return
	}
	for s := src; s != nil; s = s.source {
		if s == b {
			return // a mirror of b cannot be b's source: drawings would go round
		}
	}
	if b.source != nil {
		old := b.source
		old.mirrors = slices.DeleteFunc(old.mirrors, func(m *Board) bool { return m == b })
	}
	b.source = src
	if src == nil {
		if b.stopOwner != nil {
			b.stopOwner()
			b.stopOwner = nil
		}
		return
	}
	b.SetReadOnly(true)
	src.mirrors = append(src.mirrors, b)
	b.SetOwner(src.owner)
	b.skeleton = src.skeleton
	b.copySelection(src)
	if !b.refit() {
		b.contentChanged()
	}
	b.stateChanged()
}

// Source is the board b mirrors, nil when none.
func (b *Board) Source() *Board { return b.source }

func (b *Board) copySelection(src *Board) {
	b.selected = make(map[int64]bool, len(src.selected))
	for id := range src.selected {
		if b.factors[id] != nil {
			b.selected[id] = true
		}
	}
	b.selLink = 0
	if b.links[src.selLink] != nil {
		b.selLink = src.selLink
	}
}

// selectionToMirrors shows the selection on every mirror: the card the
// facilitator points at stands out for the room too.
func (b *Board) selectionToMirrors() {
	for _, m := range b.mirrors {
		m.copySelection(b)
		m.contentChanged()
		m.stateChanged()
		m.selectionToMirrors()
	}
}

// drawingToMirrors gives every mirror the title and the fishbone drawing.
func (b *Board) drawingToMirrors() {
	for _, m := range b.mirrors {
		m.title, m.skeleton = b.title, b.skeleton
		if !m.refit() {
			m.contentChanged()
		}
		m.drawingToMirrors()
	}
}

// previewRows shows the other views the current rows of these cards (a
// card that is gone is deleted there), with their links: a gesture in
// progress, or the rows it put back. Nothing is stored.
func (b *Board) previewRows(ids []int64) {
	if b.owner == nil || len(ids) == 0 || b.readOnly {
		return
	}
	var c model.Change
	for _, id := range ids {
		f := b.factors[id]
		if f == nil {
			c.DeleteFactors = append(c.DeleteFactors, id)
			continue
		}
		c.Factors = append(c.Factors, *f)
		for lid := range b.linksOf[id] {
			c.Links = append(c.Links, *b.links[lid])
		}
	}
	b.owner.Preview(b, c)
}

// ---- what a mirror shows ----

// SetFollow says what a mirror shows: with on, the part of the board its
// source shows, following every pan, zoom and resize there, as large as
// b allows; with off (the default), the whole board, fitted again after
// every change and every resize of b. Panning or zooming b by hand lasts
// until the next of those. On a board that mirrors nothing it only
// records the choice.
func (b *Board) SetFollow(on bool) {
	b.follow = on
	b.refit()
}

// Following reports what SetFollow set.
func (b *Board) Following() bool { return b.follow }

func (b *Board) fitsWhole() bool { return b.source != nil && !b.follow }

// refit shows what a mirror should show now. It reports whether the
// viewport changed (and so everything was redrawn).
func (b *Board) refit() bool {
	switch {
	case b.source == nil:
		return false
	case b.follow:
		return b.showArea(b.source.VisibleArea())
	default:
		return b.zoomToFit()
	}
}

// VisibleArea is the part of the board the widget shows, in board units.
func (b *Board) VisibleArea() Rect {
	s := b.Size()
	return b.vp.Visible(s.Width, s.Height)
}

// ShowArea shows the board rectangle r whole and centred, as large as the
// widget and the zoom limits allow, with no margin: another board's
// VisibleArea shows the same cards at the same place.
func (b *Board) ShowArea(r Rect) {
	b.autoFit = false
	b.showArea(r)
}

func (b *Board) showArea(r Rect) bool {
	s := b.Size()
	if r.W <= 0 || r.H <= 0 || s.Width <= 0 || s.Height <= 0 {
		return false
	}
	z := clampZoom(math.Min(float64(s.Width)/r.W, float64(s.Height)/r.H))
	c := r.Center()
	return b.setViewport(Viewport{X: c.X - float64(s.Width)/2/z, Y: c.Y - float64(s.Height)/2/z, Zoom: z})
}

// viewMoved tells OnViewChanged and the mirrors that follow b that the
// part of the board shown changed.
func (b *Board) viewMoved() {
	if b.OnViewChanged != nil {
		b.OnViewChanged(b.vp)
	}
	for _, m := range b.mirrors {
		if m.follow {
			m.refit()
		}
	}
}
