package canvas

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

// Card geometry, in board units.
const (
	cardPad      = 10
	cardHeader   = 24 // the category tag row
	cardFooter   = 20 // the vote dots row, when there are votes
	voteFooter   = 30 // the vote row while voting: dots and the − and + buttons
	tagSize      = 10
	metaSize     = 11
	cornerRadius = 8
	handleRadius = 7 // screen units: the connector handle stays grabbable at any zoom
	haloWidth    = 4 // screen units
)

// cardBody is where a card's text goes, relative to its top-left corner,
// above a footer of the given height.
func cardBody(w, h, footer float64) Rect {
	bottom := cardPad + footer
	return Rect{X: cardPad, Y: cardHeader + 4, W: w - 2*cardPad, H: max(1, h-cardHeader-4-bottom)}
}

// footerOf is the height of a card's footer: room for its vote dots, and
// for the vote buttons while the board is voting.
func footerOf(votes int, voting bool) float64 {
	switch {
	case voting:
		return voteFooter
	case votes > 0:
		return cardFooter
	}
	return 0
}

// voteRadius is the radius of a card's − and + buttons, in screen units:
// big enough to hit at any zoom that shows cards.
func voteRadius(zoom float64) float32 { return float32(max(9, min(14, 11*zoom))) }

// voteCentres are the centres of a card's − and + buttons, relative to its
// top-left corner, in screen units.
func voteCentres(f *model.Factor, zoom float64) (minus, plus fyne.Position) {
	z := float32(zoom)
	r := voteRadius(zoom)
	w, h := float32(f.W)*z, float32(f.H)*z
	plus = fyne.NewPos(w-6*z-r, h-5*z-r)
	minus = fyne.NewPos(plus.X-2*r-6, plus.Y)
	return minus, plus
}

// cardView draws one card. Only cards in view have one; views are reused
// as cards scroll in and out.
type cardView struct {
	id     int64
	key    viewKey         // what the view shows now
	redraw int             // how many times update ran: tests check that a move redraws nothing
	box    *fyne.Container // moved as a whole when the card moves
	halo   *canvas.Rectangle
	back   *cardBack // the card's border and fill
	tag    *canvas.Text
	meta   *canvas.Text
	votes  *canvas.Text
	lines  []*canvas.Text
	handle *canvas.Circle
	minus  *voteButton
	plus   *voteButton
}

// voteButton is a round − or + on a card while the board is voting.
type voteButton struct {
	disc  *canvas.Circle
	label *canvas.Text
}

func newVoteButton(sign string) *voteButton {
	b := &voteButton{disc: canvas.NewCircle(color.White), label: canvas.NewText(sign, color.Black)}
	b.label.TextStyle = fyne.TextStyle{Bold: true}
	b.label.Alignment = fyne.TextAlignCenter
	return b
}

func (b *voteButton) place(centre fyne.Position, r float32, c model.Category, p Palette, show bool) {
	b.disc.Hidden, b.label.Hidden = !show, !show
	if !show {
		return
	}
	disc, sign, outline := VoteButtonColours(c, p)
	b.disc.FillColor = disc
	b.disc.StrokeColor = outline
	b.disc.StrokeWidth = 1.5
	b.disc.Move(fyne.NewPos(centre.X-r, centre.Y-r))
	b.disc.Resize(fyne.NewSize(2*r, 2*r))
	b.label.TextSize = r * 1.5
	b.label.Color = sign
	ts := fyne.MeasureText(b.label.Text, b.label.TextSize, b.label.TextStyle)
	b.label.Move(fyne.NewPos(centre.X-ts.Width/2, centre.Y-ts.Height/2))
	b.label.Resize(ts)
}

func newCardView() *cardView {
	v := &cardView{
		halo:   canvas.NewRectangle(color.Transparent),
		back:   newCardBack(),
		tag:    canvas.NewText("", color.Black),
		meta:   canvas.NewText("", color.Black),
		votes:  canvas.NewText("", color.Black),
		handle: canvas.NewCircle(color.Transparent),
		minus:  newVoteButton("−"),
		plus:   newVoteButton("+"),
	}
	v.tag.TextStyle = fyne.TextStyle{Bold: true}
	v.meta.TextStyle = fyne.TextStyle{Bold: true}
	v.box = container.NewWithoutLayout(v.halo, v.back.r, v.tag, v.meta, v.votes, v.handle,
		v.minus.disc, v.minus.label, v.plus.disc, v.plus.label)
	return v
}

// cardLook is everything about a card's state that changes how it looks.
type cardLook struct {
	selected, hover, kudos bool
	voting                 bool // the − and + buttons show
	palette                Palette
	primary, ground        color.Color // the theme's primary and background colours
	layout                 textLayout
	body                   Rect
}

// update redraws the card for the zoom. It is called only when the card
// or the zoom changed; a pan just moves the box.
func (v *cardView) update(f *model.Factor, look cardLook, zoom float64) {
	v.redraw++
	z := float32(zoom)
	w, h := float32(f.W)*z, float32(f.H)*z
	fill, ink, border := CardColours(f.Category, look.palette)
	if f.Face == model.FacePrompt {
		// A template's question: an outline in the category's colour on
		// the board's ground, not a filled card, so nobody takes it for a
		// factor the group named.
		ground := colour.Over(look.ground, color.White)
		border, fill = f.Category.RGB(), ground
		ink = colour.TextOn(ground)
	}
	primary := look.primary

	v.halo.Hidden = !look.selected
	v.halo.FillColor = primary
	v.halo.CornerRadius = cornerRadius*z + haloWidth
	v.halo.Move(fyne.NewPos(-haloWidth, -haloWidth))
	v.halo.Resize(fyne.NewSize(w+2*haloWidth, h+2*haloWidth))

	bw := cardBorderWidth(look.palette, z)
	v.back.place(fill, border, fyne.NewSize(w, h), cornerRadius*z, bw)

	// Each text's box is its letters' (MinSize, which Fyne's painter
	// measures for every frame anyway). The painter skips an object whose
	// box is out of view: a text with no size whose start was left of the
	// board's edge vanished although the rest of it was in view.
	v.tag.Text = f.Category.Short()
	if f.Face == model.FacePrompt {
		v.tag.Text = "QUESTION · " + v.tag.Text
	}
	v.tag.Color = ink
	v.tag.TextSize = tagSize * z
	v.tag.Move(fyne.NewPos(cardPad*z, 7*z))
	v.tag.Resize(v.tag.MinSize())

	var meta []string
	if look.kudos {
		meta = append(meta, "★")
	}
	if in := initials(f.Author); in != "" {
		meta = append(meta, in)
	}
	v.meta.Text = strings.Join(meta, " ")
	v.meta.Color = ink
	v.meta.TextSize = metaSize * z
	ms := v.meta.MinSize()
	v.meta.Move(fyne.NewPos(w-cardPad*z-ms.Width, 6*z))
	v.meta.Resize(ms)

	v.votes.Hidden = f.Votes == 0
	if f.Votes > 0 {
		dots := strings.Repeat("●", min(f.Votes, 12))
		if f.Votes > 12 {
			dots += " +" + strconv.Itoa(f.Votes-12)
		}
		v.votes.Text = dots
		v.votes.Color = ink
		v.votes.TextSize = metaSize * z
		footer := float32(footerOf(f.Votes, look.voting))
		v.votes.Move(fyne.NewPos(cardPad*z, h-(cardPad+footer-4)*z))
		v.votes.Resize(v.votes.MinSize())
	}
	minus, plus := voteCentres(f, zoom)
	r := voteRadius(zoom)
	v.minus.place(minus, r, f.Category, look.palette, look.voting && f.Votes > 0)
	v.plus.place(plus, r, f.Category, look.palette, look.voting)

	size := look.layout.size * z
	for len(v.lines) < len(look.layout.lines) {
		t := canvas.NewText("", ink)
		v.lines = append(v.lines, t)
		v.box.Add(t)
	}
	for i, t := range v.lines {
		if i >= len(look.layout.lines) {
			t.Hidden = true
			continue
		}
		t.Hidden = false
		t.Text = look.layout.lines[i]
		t.Color = ink
		t.TextSize = size
		t.Move(fyne.NewPos(float32(look.body.X)*z, float32(look.body.Y)*z+float32(i)*size*lineSpacing))
		t.Resize(t.MinSize())
	}

	v.handle.Hidden = !(look.selected || look.hover)
	v.handle.FillColor = primary
	v.handle.StrokeColor = look.ground
	v.handle.StrokeWidth = 2
	v.handle.Move(fyne.NewPos(w-handleRadius, h/2-handleRadius))
	v.handle.Resize(fyne.NewSize(2*handleRadius, 2*handleRadius))

	v.box.Resize(fyne.NewSize(w, h))
	for _, o := range v.box.Objects {
		o.Refresh()
	}
}

// viewKey is everything that decides how a card view looks, apart from
// where it is: when it is unchanged the view is only moved, never redrawn.
type viewKey struct {
	text                   string
	category               model.Category
	w, h                   float64
	votes                  int
	author                 string
	face                   model.Face
	selected, hover, kudos bool
	voting                 bool
	zoom                   float64
	gen                    int
}

func (r *boardRenderer) keyOf(f *model.Factor) viewKey {
	b := r.b
	return viewKey{
		text: f.Text, category: f.Category, w: f.W, h: f.H, votes: f.Votes, author: f.Author, face: f.Face,
		selected: b.selected[f.ID], hover: b.hover == f.ID || b.connecting == f.ID, kudos: b.kudos[f.ID],
		voting: b.voting, zoom: b.vp.Zoom, gen: r.gen,
	}
}
