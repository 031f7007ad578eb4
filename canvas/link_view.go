package canvas

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model"
)

// linkView draws one "contributed to" arrow: a line and a two-stroke head.
type linkView struct {
	line, headA, headB *canvas.Line
	look               linkLook // what the lines were last refreshed with
}

type linkLook struct {
	a, c  fyne.Position
	col   color.Color
	width float32
	scale float32
}

func newLinkView() *linkView {
	return &linkView{line: canvas.NewLine(color.Black), headA: canvas.NewLine(color.Black), headB: canvas.NewLine(color.Black)}
}

// linkEnds are where a link's line starts and ends on screen: on the edges
// of its two cards, along the line between their centres.
func (b *Board) linkEnds(l *model.Link) (fyne.Position, fyne.Position, bool) {
	from, to := b.factors[l.FromID], b.factors[l.ToID]
	if from == nil || to == nil {
		return fyne.Position{}, fyne.Position{}, false
	}
	fr, tr := Rect{X: from.X, Y: from.Y, W: from.W, H: from.H}, Rect{X: to.X, Y: to.Y, W: to.W, H: to.H}
	a, c := edgePoint(fr, tr.Center()), edgePoint(tr, fr.Center())
	ax, ay := b.vp.ToScreen(a)
	cx, cy := b.vp.ToScreen(c)
	return fyne.NewPos(ax, ay), fyne.NewPos(cx, cy), true
}

// edgePoint is where the line from r's centre towards p leaves r.
func edgePoint(r Rect, p Point) Point {
	c := r.Center()
	dx, dy := p.X-c.X, p.Y-c.Y
	if dx == 0 && dy == 0 {
		return c
	}
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (r.W/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (r.H/2)/math.Abs(dy))
	}
	t = math.Min(t, 1)
	return Point{X: c.X + dx*t, Y: c.Y + dy*t}
}

// syncLinks draws the links whose span crosses the view. Far zoomed out
// links are left out, like card text. It reports whether the set of
// drawn lines changed.
func (r *boardRenderer) syncLinks(vis Rect, overview bool) bool {
	b := r.b
	n := 0
	if !overview {
		fg := toNRGBA(theme.ColorForWidget(theme.ColorNameForeground, r.b))
		normal := color.NRGBA{R: fg.R, G: fg.G, B: fg.B, A: 0xb0}
		primary := theme.ColorForWidget(theme.ColorNamePrimary, r.b)
		r.linkIDs = b.linkIndex.Query(vis, r.linkIDs)
		for _, id := range r.linkIDs {
			l := b.links[id]
			a, c, _ := b.linkEnds(l)
			if n == len(r.links) {
				r.links = append(r.links, newLinkView())
			}
			v := r.links[n]
			n++
			col, width := color.Color(normal), float32(2)
			if b.selLink == l.ID {
				col, width = primary, 4
			}
			v.set(a, c, col, width, float32(max(0.5, math.Min(1.5, b.vp.Zoom))))
		}
	}
	changed := n != r.drawnLinks // rebuild lists exactly the first drawnLinks views
	r.drawnLinks = n
	for i := n; i < len(r.links); i++ {
		r.links[i].hide()
	}
	for i := 0; i < n; i++ {
		r.links[i].line.Hidden, r.links[i].headA.Hidden, r.links[i].headB.Hidden = false, false, false
	}
	return changed
}

func (v *linkView) set(a, c fyne.Position, col color.Color, width, scale float32) {
	v.line.Position1, v.line.Position2 = a, c
	dx, dy := float64(c.X-a.X), float64(c.Y-a.Y)
	angle := math.Atan2(dy, dx)
	size := float64(14 * scale)
	for i, head := range []*canvas.Line{v.headA, v.headB} {
		turn := math.Pi - 0.45
		if i == 1 {
			turn = -turn
		}
		head.Position1 = c
		head.Position2 = fyne.NewPos(c.X+float32(size*math.Cos(angle+turn)), c.Y+float32(size*math.Sin(angle+turn)))
	}
	for _, l := range []*canvas.Line{v.line, v.headA, v.headB} {
		l.StrokeColor, l.StrokeWidth = col, width
	}
	// Refresh (which frees the lines' textures and, in Fyne, checks the
	// calling goroutine at a real cost) only when something changed.
	now := linkLook{a, c, col, width, scale}
	if now != v.look {
		v.look = now
		for _, l := range []*canvas.Line{v.line, v.headA, v.headB} {
			l.Refresh()
		}
	}
}

func (v *linkView) hide() {
	v.line.Hidden, v.headA.Hidden, v.headB.Hidden = true, true, true
}
