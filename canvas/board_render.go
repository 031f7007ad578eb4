package canvas

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model"
)

// Far zoomed out, or with very many cards in view, cards are drawn as
// blocks of colour in one image instead of one view each.
const (
	overviewZoom  = 0.3
	overviewCards = 600
)

// CreateRenderer is part of fyne.Widget.
func (b *Board) CreateRenderer() fyne.WidgetRenderer {
	r := &boardRenderer{
		b:       b,
		bg:      canvas.NewRectangle(color.Transparent),
		views:   map[int64]*cardView{},
		band:    canvas.NewRectangle(color.Transparent),
		preview: canvas.NewLine(color.Transparent),
		legend:  newLegend(b),
	}
	r.overview = canvas.NewRaster(r.drawOverview)
	r.overview.ScaleMode = canvas.ImageScalePixels
	r.band.Hidden, r.preview.Hidden, r.overview.Hidden = true, true, true
	b.r = r
	return r
}

type boardRenderer struct {
	b *Board
	// bg is never drawn: the board's surface is the window's own background,
	// which the GPU (or Mesa's llvmpipe) clears for free. A tinted rectangle
	// this large made every frame three times slower without a GPU: its
	// fragment shader ran for every pixel, 70 of a 4K frame's 100 ms.
	// Refreshing it marks the frame dirty without redrawing the cards.
	bg          *canvas.Rectangle
	overview    *canvas.Raster
	views       map[int64]*cardView
	pool        []*cardView
	order       []int64 // visible card IDs, bottom to top
	links       []*linkView
	linkIDs     []int64 // the links whose span is in view
	drawnLinks  int     // how many of links are in use and in objects
	overviewImg *image.RGBA
	skeleton    []fyne.CanvasObject
	skelOf      *Skeleton
	skelView    *skeletonView
	band        *canvas.Rectangle
	preview     *canvas.Line
	legend      *legend
	editor      fyne.CanvasObject
	objects     []fyne.CanvasObject
	size        fyne.Size
	inView      bool // last sync drew views (not the overview)
	lastVP      Viewport
	ids         []int64
	gen         int // bumped by a theme change
}

func (r *boardRenderer) Layout(size fyne.Size) {
	if size == r.size && len(r.objects) > 0 {
		return // laid out already: the board redraws itself when it changes
	}
	r.size = size
	r.bg.Resize(size)
	r.overview.Resize(size)
	pad := theme.SizeForWidget(theme.SizeNamePadding, r.b)
	r.legend.fit(size.Width - 4*pad)
	ls := r.legend.MinSize()
	r.legend.Resize(ls)
	r.legend.Move(fyne.NewPos(pad*2, size.Height-ls.Height-pad*2))
	b, vp := r.b, r.b.vp
	switch {
	case size.Width <= 0 || size.Height <= 0:
	case b.source != nil:
		b.refit() // a mirror shows the whole board or what its source shows
	case b.autoFit:
		b.ZoomToFit()
	}
	r.sync(true)
	if b.vp == vp {
		b.viewMoved() // the same viewport shows more or less of the board
	}
}

func (r *boardRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

func (r *boardRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *boardRenderer) Destroy() {}

// Refresh re-reads the theme: every view is redrawn.
func (r *boardRenderer) Refresh() {
	r.gen++ // every view's key changes: all are redrawn
	r.skelOf = nil
	r.legend.Refresh()
	r.sync(true)
	canvas.Refresh(r.bg)
}

func (r *boardRenderer) visibleIDs() []int64 {
	return append([]int64(nil), r.order...)
}

// sync brings the object tree in line with the board: views for the cards
// in view (reusing views, redrawing only cards that changed), links,
// selection band, editor. viewMoved says the viewport may have changed,
// so every view is repositioned.
func (r *boardRenderer) sync(viewMoved bool) {
	b := r.b
	if r.size.Width <= 0 || r.size.Height <= 0 {
		return
	}
	if b.vp != r.lastVP {
		viewMoved = true
		r.lastVP = b.vp
	}
	vis := b.vp.Visible(r.size.Width, r.size.Height)
	if b.naive {
		vis = Rect{X: -2 * model.MaxCoordinate, Y: -2 * model.MaxCoordinate, W: 4 * model.MaxCoordinate, H: 4 * model.MaxCoordinate}
	}
	r.ids = b.index.Query(vis, r.ids)
	overview := !b.naive && (b.vp.Zoom < overviewZoom || len(r.ids) > overviewCards)
	b.overviewMode = overview

	changed := false
	if overview {
		if len(r.views) > 0 {
			for id, v := range r.views {
				r.release(id, v)
			}
			changed = true
		}
		r.order = r.order[:0]
		if r.inView || r.overview.Hidden {
			changed = true
		}
		r.overview.Hidden = false
		r.inView = false
		r.overview.Refresh()
	} else {
		if !r.overview.Hidden {
			r.overview.Hidden = true
			changed = true
		}
		r.inView = true
		seen := make(map[int64]bool, len(r.ids))
		if len(r.order) != len(r.ids) {
			changed = true
		}
		for i, id := range r.ids {
			seen[id] = true
			if !changed && r.order[i] != id {
				changed = true
			}
			f := b.factors[id]
			v := r.views[id]
			if v == nil {
				v = r.acquire(id)
				changed = true
			}
			if key := r.keyOf(f); v.key != key {
				nLines := len(v.lines)
				v.update(f, b.lookOf(f), b.vp.Zoom)
				v.key = key
				v.handle.Hidden = v.handle.Hidden || b.readOnly // nothing to connect on a view
				if len(v.lines) != nLines {
					changed = true
				}
			}
			r.place(v, f) // a no-op unless the card or the view moved
		}
		for id, v := range r.views {
			if !seen[id] {
				r.release(id, v)
				changed = true
			}
		}
		r.order = append(r.order[:0], r.ids...)
	}
	if r.syncLinks(vis, overview) {
		changed = true
	}
	if r.syncSkeleton(viewMoved) {
		changed = true
	}
	r.syncGesture()
	if r.syncEditor() {
		changed = true
	}
	if changed {
		r.rebuild()
	}
	if b.OnRedraw != nil {
		b.OnRedraw()
	}
}

func (r *boardRenderer) place(v *cardView, f *model.Factor) {
	x, y := r.b.vp.ToScreen(Point{X: f.X, Y: f.Y})
	v.box.Move(fyne.NewPos(x, y))
}

func (r *boardRenderer) acquire(id int64) *cardView {
	var v *cardView
	if n := len(r.pool); n > 0 {
		v, r.pool = r.pool[n-1], r.pool[:n-1]
	} else {
		v = newCardView()
	}
	v.id, v.key = id, viewKey{}
	v.box.Hidden = false
	r.views[id] = v
	return v
}

func (r *boardRenderer) release(id int64, v *cardView) {
	delete(r.views, id)
	v.box.Hidden = true
	if len(r.pool) < 256 {
		r.pool = append(r.pool, v)
	}
}

// rebuild lists the objects in drawing order and asks for a new frame.
func (r *boardRenderer) rebuild() {
	objs := r.objects[:0]
	objs = append(objs, r.bg)
	objs = append(objs, r.skeleton...)
	for _, l := range r.links[:r.drawnLinks] {
		objs = append(objs, l.line, l.headA, l.headB)
	}
	objs = append(objs, r.overview)
	for _, id := range r.order {
		objs = append(objs, r.views[id].box)
	}
	objs = append(objs, r.preview, r.band)
	if r.editor != nil {
		objs = append(objs, r.editor)
	}
	if !r.b.readOnly { // a view makes no new cards: the legend's choice means nothing there
		objs = append(objs, r.legend)
	}
	r.objects = objs
	canvas.Refresh(r.bg) // one small object: marks the frame dirty without redrawing the cards
}

// lookOf gathers what decides how a card looks.
func (b *Board) lookOf(f *model.Factor) cardLook {
	l := b.layoutOf(f)
	return cardLook{
		selected: b.selected[f.ID],
		hover:    b.hover == f.ID || b.connecting == f.ID,
		kudos:    b.kudos[f.ID],
		voting:   b.voting,
		palette:  b.palette(),
		primary:  theme.ColorForWidget(theme.ColorNamePrimary, b),
		ground:   theme.ColorForWidget(theme.ColorNameBackground, b),
		layout:   l.tl,
		body:     l.body,
	}
}

// layoutOf is a card's text layout, cached until its text or size changes.
func (b *Board) layoutOf(f *model.Factor) cachedLayout {
	footer := footerOf(f.Votes, b.voting)
	if c, ok := b.layouts[f.ID]; ok && c.text == f.Text && c.w == f.W && c.h == f.H && c.footer == footer {
		return c
	}
	body := cardBody(f.W, f.H, footer)
	c := cachedLayout{text: f.Text, w: f.W, h: f.H, footer: footer, body: body,
		tl: layoutText(f.Text, float32(body.W)*textSafety, float32(body.H), b.measure)}
	b.layouts[f.ID] = c
	return c
}

// textSafety keeps wrapped text a little inside the card: small sizes are
// drawn slightly wider than they measure.
const textSafety = 0.93

func fyneMeasure(s string, size float32) float32 {
	return fyne.MeasureText(s, size, fyne.TextStyle{}).Width
}

func (b *Board) overview() bool { return b.overviewMode }

// drawOverview paints every card in view as a block of colour, with the
// selection outlined: the far-zoomed-out board in one image.
func (r *boardRenderer) drawOverview(w, h int) image.Image {
	b := r.b
	img := r.overviewImg
	if img == nil || img.Rect.Dx() != w || img.Rect.Dy() != h {
		img = image.NewRGBA(image.Rect(0, 0, w, h)) // premultiplied: Fyne uploads it as it is, without a copy
		r.overviewImg = img
	} else {
		clear(img.Pix) // reused: a new 4 MB image per frame would keep the collector busy
	}
	if r.size.Width <= 0 {
		return img
	}
	scale := float64(w) / float64(r.size.Width)
	// r.ids holds the cards in view: sync queried them for this viewport.
	primary := toNRGBA(theme.ColorForWidget(theme.ColorNamePrimary, r.b))
	ink := toNRGBA(theme.ColorForWidget(theme.ColorNameForeground, r.b))
	ink.A = 0x90
	palette := r.b.palette()
	vis := b.vp.Visible(r.size.Width, r.size.Height)
	for _, id := range b.linkIndex.Query(vis, r.linkIDs) {
		if a, c, ok := b.linkEnds(b.links[id]); ok {
			drawLine(img, float64(a.X)*scale, float64(a.Y)*scale, float64(c.X)*scale, float64(c.Y)*scale, ink)
		}
	}
	for _, id := range r.ids {
		f := b.factors[id]
		x0, y0 := b.vp.ToScreen(Point{X: f.X, Y: f.Y})
		x1, y1 := b.vp.ToScreen(Point{X: f.X + f.W, Y: f.Y + f.H})
		rc := image.Rect(int(float64(x0)*scale), int(float64(y0)*scale), int(math.Ceil(float64(x1)*scale)), int(math.Ceil(float64(y1)*scale)))
		if rc.Dx() < 1 {
			rc.Max.X = rc.Min.X + 1
		}
		if rc.Dy() < 1 {
			rc.Max.Y = rc.Min.Y + 1
		}
		if b.selected[id] {
			fillRect(img, rc.Inset(-2), primary)
		}
		fillRect(img, rc, CategoryColour(f.Category, palette))
	}
	return img
}

// fillRect paints r in c (premultiplied in img).
func fillRect(img *image.RGBA, r image.Rectangle, c color.NRGBA) {
	r = r.Intersect(img.Rect)
	if r.Empty() {
		return
	}
	p := color.RGBAModel.Convert(c).(color.RGBA)
	row := make([]byte, 4*r.Dx())
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = p.R, p.G, p.B, p.A
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		copy(img.Pix[off:off+len(row)], row)
	}
}

// drawLine draws a one-pixel line, blending its colour over the image
// (premultiplied).
func drawLine(img *image.RGBA, x0, y0, x1, y1 float64, c color.NRGBA) {
	b := img.Rect
	if math.Max(x0, x1) < 0 || math.Min(x0, x1) >= float64(b.Dx()) || math.Max(y0, y1) < 0 || math.Min(y0, y1) >= float64(b.Dy()) {
		return
	}
	steps := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0)))
	if steps > 4*(b.Dx()+b.Dy()) { // a line far longer than the image: only its visible part matters
		steps = 4 * (b.Dx() + b.Dy())
	}
	a := float64(c.A) / 255
	for i := 0; i <= steps; i++ {
		t := 0.0
		if steps > 0 {
			t = float64(i) / float64(steps)
		}
		x, y := int(x0+(x1-x0)*t), int(y0+(y1-y0)*t)
		if !(image.Point{x, y}).In(b) {
			continue
		}
		o := img.PixOffset(x, y)
		p := img.Pix[o : o+4]
		p[0] = uint8(float64(c.R)*a + float64(p[0])*(1-a) + 0.5)
		p[1] = uint8(float64(c.G)*a + float64(p[1])*(1-a) + 0.5)
		p[2] = uint8(float64(c.B)*a + float64(p[2])*(1-a) + 0.5)
		p[3] = uint8(float64(c.A) + float64(p[3])*(1-a) + 0.5)
	}
}

func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// syncGesture draws the rubber band and the link being dragged.
func (r *boardRenderer) syncGesture() {
	b := r.b
	g := b.gesture
	primary := theme.ColorForWidget(theme.ColorNamePrimary, r.b)
	switch {
	case g.kind == gestureBand:
		x0, y0 := min(g.press.X, g.cur.X), min(g.press.Y, g.cur.Y)
		r.band.Move(fyne.NewPos(x0, y0))
		r.band.Resize(fyne.NewSize(abs32(g.cur.X-g.press.X), abs32(g.cur.Y-g.press.Y)))
		p := toNRGBA(primary)
		r.band.FillColor = color.NRGBA{R: p.R, G: p.G, B: p.B, A: 0x30}
		r.band.StrokeColor = primary
		r.band.StrokeWidth = 1
		r.band.Hidden = false
		r.band.Refresh()
	case !r.band.Hidden:
		r.band.Hidden = true
		r.band.Refresh()
	}
	from, to := int64(0), fyne.Position{}
	if g.kind == gestureLink {
		from, to = g.hit, g.cur
	} else if b.connecting != 0 {
		from, to = b.connecting, b.pointer
	}
	if f := b.factors[from]; f != nil {
		x, y := b.handleCentre(f)
		r.preview.Position1 = fyne.NewPos(x, y)
		r.preview.Position2 = to
		r.preview.StrokeColor = primary
		r.preview.StrokeWidth = 3
		r.preview.Hidden = false
		r.preview.Refresh()
	} else if !r.preview.Hidden {
		r.preview.Hidden = true
		r.preview.Refresh()
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// syncEditor places the in-place editor over its card. It reports whether
// the editor came or went.
func (r *boardRenderer) syncEditor() bool {
	b := r.b
	if b.edit == nil {
		if r.editor != nil {
			r.editor = nil
			return true
		}
		return false
	}
	f := b.factors[b.edit.id]
	changed := r.editor != b.edit.entry
	r.editor = b.edit.entry
	x, y := b.vp.ToScreen(Point{X: f.X, Y: f.Y})
	w := max(float32(f.W*b.vp.Zoom), 280)
	h := max(float32(f.H*b.vp.Zoom), 130)
	// Kept on the board and above the legend: a card near the bottom or
	// the edge is typed in where it can be seen, not under the legend.
	size := b.Size()
	bottom := size.Height
	if r.legend.Visible() && !b.readOnly {
		bottom = r.legend.Position().Y - theme.Padding()
	}
	x = max(0, min(x, size.Width-w))
	y = max(0, min(y, bottom-h))
	r.editor.Resize(fyne.NewSize(w, h))
	r.editor.Move(fyne.NewPos(x, y))
	return changed
}

// viewsFor is the drawn box of a card, nil when it has no view.
func (r *boardRenderer) viewsFor(id int64) fyne.CanvasObject {
	if v := r.views[id]; v != nil {
		return v.box
	}
	return nil
}
