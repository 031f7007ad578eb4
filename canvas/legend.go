package canvas

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

// Legend sizes, in screen units at the theme's usual text size; they grow
// with it (View ▸ Interface size).
const (
	legendTextBase = 13
	legendRowBase  = 22
	legendPadBase  = 8
	swatchSizeBase = 14
)

// legendSizes are the legend's sizes for the theme's text size now.
func (r *legendRenderer) sizes() (text, row, pad, swatch float32) {
	k := theme.SizeForWidget(theme.SizeNameText, r.l) / 14 // Fyne's usual text size
	return legendTextBase * k, legendRowBase * k, legendPadBase * k, swatchSizeBase * k
}

// legend lists the categories with their colours and keys on the board.
// Clicking one makes it the category of new cards.
type legend struct {
	widget.BaseWidget
	b       *Board
	r       *legendRenderer
	compact bool // short names ("TECH"), for a narrow board
}

var _ fyne.Tappable = (*legend)(nil)

func newLegend(b *Board) *legend {
	l := &legend{b: b}
	l.ExtendBaseWidget(l)
	return l
}

// Tapped picks the category of the entry tapped.
func (l *legend) Tapped(ev *fyne.PointEvent) {
	r := l.r
	if r == nil {
		return
	}
	r.measure()
	for i, c := range model.Categories() {
		if ev.Position.X >= r.starts[i] && ev.Position.X < r.starts[i+1] {
			l.b.SetCategory(c)
		}
	}
}

func (l *legend) CreateRenderer() fyne.WidgetRenderer {
	r := &legendRenderer{l: l, bg: canvas.NewRectangle(color.Transparent), title: canvas.NewText("New cards:", color.Black)}
	r.title.TextStyle = fyne.TextStyle{Italic: true}
	r.objects = append(r.objects, r.bg, r.title)
	for range model.Categories() {
		s := canvas.NewRectangle(color.Black)
		s.CornerRadius = 3
		t := canvas.NewText("", color.Black)
		r.swatches = append(r.swatches, s)
		r.labels = append(r.labels, t)
		r.objects = append(r.objects, s, t)
	}
	r.Refresh()
	l.r = r
	return r
}

type legendRenderer struct {
	l        *legend
	bg       *canvas.Rectangle
	title    *canvas.Text
	swatches []*canvas.Rectangle
	labels   []*canvas.Text
	objects  []fyne.CanvasObject
	starts   []float32 // where each entry begins, and where the last ends
}

func (r *legendRenderer) MinSize() fyne.Size {
	r.measure()
	_, row, pad, _ := r.sizes()
	return fyne.NewSize(r.starts[len(r.starts)-1]+pad, row+2*pad)
}

// measure works out where each entry goes: "New cards:" then, for each
// category, a swatch and "1 Technical", in one row.
func (r *legendRenderer) measure() {
	legendText, _, legendPad, swatchSize := r.sizes()
	r.title.TextSize = legendText
	for _, t := range r.labels {
		t.TextSize = legendText
	}
	x := legendPad + fyne.MeasureText(r.title.Text, legendText, r.title.TextStyle).Width + legendPad*2
	gap := legendPad * 2
	if r.l.compact {
		x, gap = legendPad, legendPad
	}
	r.title.Hidden = r.l.compact
	r.starts = r.starts[:0]
	for i, c := range model.Categories() {
		r.starts = append(r.starts, x)
		x += swatchSize + legendPad/2 + fyne.MeasureText(r.l.label(i, c), legendText, fyne.TextStyle{Bold: true}).Width + gap
	}
	r.starts = append(r.starts, x)
}

func (l *legend) label(i int, c model.Category) string {
	if l.compact {
		return strconv.Itoa(i+1) + " " + c.Short()
	}
	return strconv.Itoa(i+1) + " " + c.Label()
}

// fit picks the short names when the full ones are wider than width.
func (l *legend) fit(width float32) {
	l.compact = false
	if l.MinSize().Width > width {
		l.compact = true
	}
	l.Refresh()
}

func (r *legendRenderer) Layout(size fyne.Size) {
	r.measure()
	legendText, _, legendPad, swatchSize := r.sizes()
	r.bg.Resize(size)
	textY := (size.Height - fyne.MeasureText("M", legendText, fyne.TextStyle{}).Height) / 2
	r.title.Move(fyne.NewPos(legendPad, textY))
	for i := range r.swatches {
		x := r.starts[i]
		r.swatches[i].Move(fyne.NewPos(x, (size.Height-swatchSize)/2))
		r.swatches[i].Resize(fyne.NewSize(swatchSize, swatchSize))
		r.labels[i].Move(fyne.NewPos(x+swatchSize+legendPad/2, textY))
	}
}

func (r *legendRenderer) Refresh() {
	fg := theme.ColorForWidget(theme.ColorNameForeground, r.l)
	bg := toNRGBA(theme.ColorForWidget(theme.ColorNameBackground, r.l))
	bg.A = 0xe6
	r.bg.FillColor = bg
	r.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameSeparator, r.l)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = 6
	r.title.Color = fg
	palette := r.l.b.palette()
	for i, c := range model.Categories() {
		current := c == r.l.b.category
		r.swatches[i].FillColor = CategoryColour(c, palette)
		r.swatches[i].StrokeColor = fg
		r.swatches[i].StrokeWidth = 0
		if current {
			r.swatches[i].StrokeWidth = 2
		}
		r.labels[i].Text = r.l.label(i, c)
		r.labels[i].TextStyle = fyne.TextStyle{Bold: current}
		r.labels[i].Color = fg
	}
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *legendRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *legendRenderer) Destroy()                     {}
