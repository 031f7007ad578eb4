package canvas

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

var _ fyne.Widget = (*WholeView)(nil)

// WholeMaxCards is the most cards the whole view lays out: past that a
// board is not readable whole on any screen, and re-flowing thousands of
// cards on every change would stall the window.
const WholeMaxCards = 150

// WholeDefaultCards is the most cards for which presenting starts with the
// whole view: up to it, the text is at least WholeTextShare of the screen.
const WholeDefaultCards = 30

// WholeView shows a board whole and readable for a room (LayoutWhole):
// its cards re-flowed by category, or by bone, large enough to read, and
// its arrows thick and routed between the cards. It is a view only: it
// never changes the board, and it follows every change to it.
type WholeView struct {
	widget.BaseWidget

	// ScreenHeight is the height text and arrows are sized for: the
	// window's, by default (a view under a header is shorter).
	ScreenHeight func() float32
	// OnResized is called when the view gets a new size, before it is
	// laid out again: a full-screen window's size comes after the first
	// layout.
	OnResized func(fyne.Size)
	// KeepOut is the size of what stands over the view's bottom-right
	// corner (the room's join card), zero when nothing does: no card goes
	// under it. Refresh the view when it changes.
	KeepOut func() fyne.Size

	b      *Board
	layout WholeLayout
	key    uint64
	sel    string // the selection drawn: it changes the drawing, not the layout
	stop   func()
}

// NewWholeView makes a whole view of b.
func NewWholeView(b *Board) *WholeView {
	w := &WholeView{b: b}
	w.ExtendBaseWidget(w)
	w.stop = b.watch(w.boardChanged)
	return w
}

// Close stops the view following its board.
func (w *WholeView) Close() {
	if w.stop != nil {
		w.stop()
		w.stop = nil
	}
}

// Show shows the view again, brought up to date with its board.
func (w *WholeView) Show() {
	w.BaseWidget.Show()
	w.Refresh()
}

// Layout is what the view shows now, in its own coordinates.
func (w *WholeView) Layout() WholeLayout { return w.layout }

func (w *WholeView) boardChanged() {
	if w.Hidden {
		return // laid out when shown again: a re-flow is not free
	}
	sel := fmt.Sprint(w.b.Selection())
	if w.relayout() || sel != w.sel {
		w.sel = sel
		w.Refresh()
	}
}

func (w *WholeView) screen() float32 {
	if w.ScreenHeight != nil {
		return w.ScreenHeight()
	}
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(w); c != nil {
			return c.Size().Height
		}
	}
	return w.Size().Height
}

// relayout lays the board out again when anything it shows changed, and
// reports whether it did.
func (w *WholeView) relayout() bool {
	b := w.b
	size := w.Size()
	fs := b.Factors()
	ls := b.Links()
	screen := w.screen()
	var keep Rect
	if w.KeepOut != nil {
		if k := w.KeepOut(); k.Width > 0 && k.Height > 0 {
			keep = Rect{X: float64(size.Width - k.Width), Y: float64(size.Height - k.Height), W: float64(k.Width), H: float64(k.Height)}
		}
	}
	key := wholeKey(fs, ls, b, size, screen) ^ uint64(keep.X*7919+keep.Y*104729+keep.W*1299709+keep.H)
	if key == w.key {
		return false
	}
	w.key = key
	if len(fs) > WholeMaxCards || size.Width <= 0 || size.Height <= 0 {
		w.layout = WholeLayout{}
		return true
	}
	bold := func(s string, size float32) float32 {
		return fyne.MeasureText(s, size, fyne.TextStyle{Bold: true}).Width
	}
	w.layout = LayoutWhole(WholeInput{Factors: fs, Links: ls, Skeleton: b.skeleton, Title: b.title, Kudos: b.kudos,
		Width: float64(size.Width), Height: float64(size.Height), Screen: float64(screen), Measure: b.measure, Bold: bold, KeepOut: keep})
	return true
}

// wholeKey sums up everything the layout depends on: the cards' text,
// category, face, votes, author and reading order, the links, kudos,
// the fishbone and the sizes. Selection is drawn, not laid out.
func wholeKey(fs []model.Factor, ls []model.Link, b *Board, size fyne.Size, screen float32) uint64 {
	h := fnv.New64a()
	fmt.Fprint(h, size, screen, b.title, b.skeleton.Empty(), len(fs), len(ls))
	for _, bone := range b.skeleton.Bones {
		fmt.Fprint(h, bone.Category)
	}
	for _, f := range fs {
		fmt.Fprint(h, f.ID, f.Text, f.Category, f.Face, f.Votes, f.Author, b.kudos[f.ID], "\x00")
	}
	// The reading order, not the places: a card dragged on the main board
	// re-flows the view only when it changes its place in the order.
	for _, g := range groupByCategory(fs) {
		for _, i := range g.cards {
			fmt.Fprint(h, fs[i].ID, ",")
		}
	}
	for _, l := range ls {
		fmt.Fprint(h, l.ID, l.FromID, l.ToID)
	}
	return h.Sum64()
}

// CreateRenderer is part of fyne.Widget.
func (w *WholeView) CreateRenderer() fyne.WidgetRenderer {
	return &wholeRenderer{w: w}
}

type wholeRenderer struct {
	w       *WholeView
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *wholeRenderer) Layout(size fyne.Size) {
	if size == r.size && r.objects != nil {
		return
	}
	r.size = size
	if r.w.OnResized != nil {
		r.w.OnResized(size)
	}
	r.w.relayout()
	r.build()
}

func (r *wholeRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

func (r *wholeRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *wholeRenderer) Destroy() {}

// Refresh draws the layout again, in the theme's colours.
func (r *wholeRenderer) Refresh() {
	r.w.relayout()
	r.build()
	for _, o := range r.objects {
		o.Refresh()
	}
}

// build makes the objects that draw the layout: captions, cards, then the
// arrows over everything, each on a halo of the background so that it
// reads where it passes close to a card.
func (r *wholeRenderer) build() {
	w, b, l := r.w, r.w.b, r.w.layout
	fg := theme.ColorForWidget(theme.ColorNameForeground, w)
	ground := theme.ColorForWidget(theme.ColorNameBackground, w)
	primary := theme.ColorForWidget(theme.ColorNamePrimary, w)
	palette := PaletteOf(theme.CurrentForWidget(w))
	if _, ok := theme.CurrentForWidget(w).(PaletteTheme); !ok && sameTheme(theme.CurrentForWidget(w), theme.Current()) {
		palette = PaletteNormal
	}
	var objs []fyne.CanvasObject
	text := func(s string, c color.Color, size float64, bold bool, at fyne.Position) *canvas.Text {
		t := canvas.NewText(s, c)
		t.TextSize = float32(size)
		t.TextStyle = fyne.TextStyle{Bold: bold}
		t.Move(at)
		t.Resize(t.MinSize()) // a text with no size is skipped by the painter
		objs = append(objs, t)
		return t
	}
	if n := len(b.factors); n > WholeMaxCards {
		msg := fmt.Sprintf("%d cards are too many to show whole. Press W for the board as laid out.", n)
		text(msg, fg, 24, true, fyne.NewPos(20, 20))
		r.objects = objs
		return
	}
	pos := func(p Point) fyne.Position { return fyne.NewPos(float32(p.X), float32(p.Y)) }
	s := l.TextSize

	for _, g := range l.Groups {
		text(g.Text, fg, g.Size, true, pos(Point{X: g.Rect.X, Y: g.Rect.Y}))
		bar := canvas.NewRectangle(CategoryColour(g.Category, palette))
		bar.Move(fyne.NewPos(float32(g.Rect.X), float32(g.Rect.Bottom()-s*0.12)))
		bar.Resize(fyne.NewSize(float32(min(g.Rect.W, s*4)), float32(s*0.12)))
		objs = append(objs, bar)
	}
	if !l.Head.Empty() {
		head := canvas.NewRectangle(fg)
		head.CornerRadius = float32(s * 0.6)
		head.Move(pos(Point{X: l.Head.X, Y: l.Head.Y}))
		head.Resize(fyne.NewSize(float32(l.Head.W), float32(l.Head.H)))
		objs = append(objs, head)
		ink := colour.TextOn(fg)
		for i, line := range l.HeadLines {
			text(line, ink, l.HeadSize, true, pos(Point{X: l.Head.X + wholePad*s, Y: l.Head.Y + wholePad*s + float64(i)*l.HeadSize*wholeLeading}))
		}
	}
	for _, c := range l.Cards {
		f := b.factors[c.ID]
		if f == nil {
			continue
		}
		fill, ink, border := CardColours(f.Category, palette)
		if f.Face == model.FacePrompt { // a template's question: an outline, as on the board
			g := colour.Over(ground, color.White)
			border, fill, ink = f.Category.RGB(), g, colour.TextOn(g)
		}
		if b.selected[c.ID] {
			halo := canvas.NewRectangle(primary)
			halo.CornerRadius = cornerRadius + haloWidth
			halo.Move(fyne.NewPos(float32(c.Rect.X)-haloWidth, float32(c.Rect.Y)-haloWidth))
			halo.Resize(fyne.NewSize(float32(c.Rect.W)+2*haloWidth, float32(c.Rect.H)+2*haloWidth))
			objs = append(objs, halo)
		}
		back := newCardBack()
		bw := float32(max(1, s/cardTextSize))
		if palette == PaletteHighContrast {
			bw = float32(max(2, s*0.12)) // the board's hcBorder at this size would crowd the text
		}
		back.place(fill, border, fyne.NewSize(float32(c.Rect.W), float32(c.Rect.H)), float32(s*0.4), bw)
		back.r.Move(pos(Point{X: c.Rect.X, Y: c.Rect.Y}))
		objs = append(objs, back.r)
		for i, line := range c.Lines {
			text(line, ink, s, false, pos(Point{X: c.Text.X, Y: c.Text.Y + float64(i)*s*wholeLeading}))
		}
		if !c.Footer.Empty() {
			text(footerText(f, b.kudos[f.ID]), ink, s*0.8, true, pos(Point{X: c.Footer.X, Y: c.Footer.Y}))
		}
	}
	aw := float32(l.ArrowWidth)
	line := func(a, c fyne.Position, col color.Color, width float32) {
		ln := canvas.NewLine(col)
		ln.Position1, ln.Position2, ln.StrokeWidth = a, c, width
		objs = append(objs, ln)
	}
	dot := func(at fyne.Position, col color.Color, d float32) { // fills the corner where two strokes meet
		c := canvas.NewCircle(col)
		c.Move(fyne.NewPos(at.X-d/2, at.Y-d/2))
		c.Resize(fyne.NewSize(d, d))
		objs = append(objs, c)
	}
	for _, pass := range []struct {
		col   color.Color
		extra float32
	}{{ground, 2 * max(2, aw/2)}, {fg, 0}} { // every halo first, so no halo covers another arrow
		for _, a := range l.Arrows {
			pts := make([]fyne.Position, len(a.Path))
			for i, p := range a.Path {
				pts[i] = pos(p)
			}
			if len(pts) < 2 {
				continue
			}
			width := aw + pass.extra
			for i := 1; i < len(pts); i++ {
				line(pts[i-1], pts[i], pass.col, width)
				if i > 1 {
					dot(pts[i-1], pass.col, width)
				}
			}
			// The head: two strokes back from the tip.
			tip, from := pts[len(pts)-1], pts[len(pts)-2]
			angle := math.Atan2(float64(tip.Y-from.Y), float64(tip.X-from.X))
			size := float64(aw) * 5
			for _, turn := range []float64{math.Pi - 0.5, -(math.Pi - 0.5)} {
				end := fyne.NewPos(tip.X+float32(size*math.Cos(angle+turn)), tip.Y+float32(size*math.Sin(angle+turn)))
				line(tip, end, pass.col, width)
				dot(end, pass.col, width)
			}
			dot(tip, pass.col, width)
		}
	}
	r.objects = objs
}

// footerText is a card's row under its text: kudos, initials and votes.
func footerText(f *model.Factor, kudos bool) string {
	var parts []string
	if f.Face == model.FacePrompt {
		parts = append(parts, "QUESTION") // as the board tags it: not a factor anyone named
	}
	if kudos {
		parts = append(parts, "★")
	}
	if in := initials(f.Author); in != "" {
		parts = append(parts, in)
	}
	if f.Votes > 0 {
		parts = append(parts, strings.Repeat("●", min(f.Votes, 12)))
		if f.Votes > 12 {
			parts = append(parts, fmt.Sprintf("+%d", f.Votes-12))
		}
	}
	return strings.Join(parts, "  ")
}
