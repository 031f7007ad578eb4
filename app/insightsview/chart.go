package insightsview

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Charts are drawn with Fyne's own rectangles and text rather than a
// plotting library's bitmap: they follow the theme (light, dark, high
// contrast) and the interface scale, and their words stay sharp at 4K.
// docs/insights.md says more.

// series is one kind of bar in a chart: setbacks, or a category.
type series struct {
	name   string
	colour color.Color
}

// column is one label on the x axis (a month) and its bars' values, one
// per series; stacked charts pile them up, others set them side by side.
type column struct {
	label  string
	values []float64
}

// barChart draws columns of bars with a y scale and labels thinned to
// fit. Tapping a bar calls onTap with its column and series.
type barChart struct {
	widget.BaseWidget
	series  []series
	columns []column
	stacked bool
	unit    string // after the top of the scale: "h"
	counts  bool   // whole numbers: the scale's half-way mark is one too
	height  float32
	onTap   func(col, ser int)
}

func newBarChart(s []series, cols []column, stacked bool, onTap func(col, ser int)) *barChart {
	c := &barChart{series: s, columns: cols, stacked: stacked, counts: true, height: 180, onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// top is the scale's top: a round number at or above the largest bar.
func (c *barChart) top() float64 {
	var most float64
	for _, col := range c.columns {
		sum := 0.0
		for _, v := range col.values {
			if c.stacked {
				sum += v
			} else {
				sum = max(sum, v)
			}
		}
		most = max(most, sum)
	}
	if c.counts {
		n := math.Ceil(most)
		return max(2, n+math.Mod(n, 2))
	}
	if most <= 0 {
		return 1
	}
	step := math.Pow(10, math.Floor(math.Log10(most)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*step >= most {
			return m * step
		}
	}
	return 10 * step
}

// Tapped finds the bar under the pointer.
func (c *barChart) Tapped(ev *fyne.PointEvent) {
	if c.onTap == nil {
		return
	}
	col, ser, ok := c.barAt(ev.Position, c.Size())
	if ok {
		c.onTap(col, ser)
	}
}

// geometry is where the plot area is and how wide a column is.
func (c *barChart) geometry(size fyne.Size) (left, bottom, plotW, plotH, colW float32) {
	left = fyne.MeasureText(c.scaleLabel(c.top()), theme.CaptionTextSize(), fyne.TextStyle{}).Width + theme.Padding()*2
	labelH := fyne.MeasureText("Mar", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	bottom = size.Height - labelH - theme.Padding()
	plotW = max(1, size.Width-left)
	plotH = max(1, bottom-theme.Padding())
	colW = plotW / float32(max(1, len(c.columns)))
	return
}

func (c *barChart) scaleLabel(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if c.unit != "" {
		s += " " + c.unit
	}
	return s
}

// barAt is the column and series of the bar at p.
func (c *barChart) barAt(p fyne.Position, size fyne.Size) (int, int, bool) {
	left, bottom, _, plotH, colW := c.geometry(size)
	if p.X < left || p.Y > bottom || len(c.columns) == 0 {
		return 0, 0, false
	}
	col := int((p.X - left) / colW)
	if col >= len(c.columns) {
		return 0, 0, false
	}
	top := c.top()
	values := c.columns[col].values
	if c.stacked {
		y := bottom
		for i, v := range values {
			h := float32(v/top) * plotH
			if p.Y <= y && p.Y >= y-h {
				return col, i, true
			}
			y -= h
		}
		return 0, 0, false
	}
	inner := colW * 0.8 / float32(max(1, len(values)))
	x0 := left + float32(col)*colW + colW*0.1
	i := int((p.X - x0) / inner)
	if i < 0 || i >= len(values) || values[i] == 0 {
		return 0, 0, false
	}
	return col, i, true
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.rebuild()
	return r
}

type chartRenderer struct {
	c       *barChart
	axis    *canvas.Line
	grid    []*canvas.Line
	scale   []*canvas.Text
	bars    [][]*canvas.Rectangle
	labels  []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *chartRenderer) rebuild() {
	c := r.c
	fg := theme.Color(theme.ColorNameForeground)
	r.axis = canvas.NewLine(fg)
	r.grid, r.scale, r.bars, r.labels = nil, nil, nil, nil
	r.objects = []fyne.CanvasObject{}
	for range 3 {
		g := canvas.NewLine(theme.Color(theme.ColorNameSeparator))
		r.grid = append(r.grid, g)
		t := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
		t.TextSize = theme.CaptionTextSize()
		t.Alignment = fyne.TextAlignTrailing
		r.scale = append(r.scale, t)
		r.objects = append(r.objects, g, t)
	}
	for _, col := range c.columns {
		var bs []*canvas.Rectangle
		for i := range col.values {
			b := canvas.NewRectangle(c.series[i%len(c.series)].colour)
			b.CornerRadius = 2
			bs = append(bs, b)
			r.objects = append(r.objects, b)
		}
		r.bars = append(r.bars, bs)
		t := canvas.NewText(col.label, theme.Color(theme.ColorNamePlaceHolder))
		t.TextSize = theme.CaptionTextSize()
		t.Alignment = fyne.TextAlignCenter
		r.labels = append(r.labels, t)
		r.objects = append(r.objects, t)
	}
	r.objects = append(r.objects, r.axis)
}

func (r *chartRenderer) Layout(size fyne.Size) {
	c := r.c
	left, bottom, plotW, plotH, colW := c.geometry(size)
	top := c.top()
	for i, g := range r.grid { // 0, half and the top of the scale
		v := top * float64(i) / 2
		y := bottom - float32(v/top)*plotH
		g.Position1, g.Position2 = fyne.NewPos(left, y), fyne.NewPos(left+plotW, y)
		t := r.scale[i]
		t.Text = c.scaleLabel(v)
		ts := t.MinSize()
		t.Move(fyne.NewPos(0, y-ts.Height/2))
		t.Resize(fyne.NewSize(left-theme.Padding(), ts.Height))
	}
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(left, bottom), fyne.NewPos(left+plotW, bottom)
	// Labels thinned so none overlaps the next: every k-th month.
	widest := float32(0)
	for _, t := range r.labels {
		widest = max(widest, t.MinSize().Width)
	}
	every := max(1, int(math.Ceil(float64((widest+theme.Padding())/colW))))
	for ci, bs := range r.bars {
		x := left + float32(ci)*colW
		values := c.columns[ci].values
		if c.stacked {
			y := bottom
			w := colW * 0.7
			for i, b := range bs {
				h := float32(values[i]/top) * plotH
				b.Move(fyne.NewPos(x+(colW-w)/2, y-h))
				b.Resize(fyne.NewSize(w, h))
				b.Hidden = h <= 0
				y -= h
			}
		} else {
			inner := colW * 0.8 / float32(max(1, len(bs)))
			for i, b := range bs {
				h := float32(values[i]/top) * plotH
				b.Move(fyne.NewPos(x+colW*0.1+float32(i)*inner, bottom-h))
				b.Resize(fyne.NewSize(max(1, inner-1), h))
				b.Hidden = h <= 0
			}
		}
		t := r.labels[ci]
		t.Hidden = ci%every != 0
		ts := t.MinSize()
		t.Move(fyne.NewPos(x+colW/2-ts.Width/2, bottom+theme.Padding()/2))
		t.Resize(ts)
	}
}

func (r *chartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(160, r.c.height)
}

func (r *chartRenderer) Refresh() {
	fg := theme.Color(theme.ColorNameForeground)
	r.axis.StrokeColor = fg
	for _, g := range r.grid {
		g.StrokeColor = theme.Color(theme.ColorNameSeparator)
	}
	for _, t := range append(r.scale, r.labels...) {
		t.Color = theme.Color(theme.ColorNamePlaceHolder)
		t.TextSize = theme.CaptionTextSize()
	}
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}

// legend is a row of colour swatches with the series' names.
func legend(s []series) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, x := range s {
		sw := canvas.NewRectangle(x.colour)
		sw.SetMinSize(fyne.NewSize(12, 12))
		sw.CornerRadius = 2
		l := widget.NewLabel(x.name)
		l.SizeName = theme.SizeNameCaptionText
		objs = append(objs, container.NewHBox(container.NewCenter(sw), l))
	}
	return newFlow(objs...)
}

// hours says a number of hours as people read it: "45 min", "19 h", "3 days".
func hours(h float64) string {
	switch {
	case h < 1:
		return fmt.Sprintf("%.0f min", h*60)
	case h < 48:
		return fmt.Sprintf("%.0f h", h)
	default:
		return fmt.Sprintf("%.0f days", h/24)
	}
}

// flow lays its objects out in rows, wrapping at the width it is given.
type flow struct {
	width float32 // as last laid out: MinSize's height is for it
}

func newFlow(objs ...fyne.CanvasObject) *fyne.Container { return container.New(&flow{}, objs...) }

func (*flow) rows(objs []fyne.CanvasObject, width float32) (pos []fyne.Position, h float32) {
	var x, y, rowH float32
	for _, o := range objs {
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y = 0, y+rowH+theme.Padding()
			rowH = 0
		}
		pos = append(pos, fyne.NewPos(x, y))
		x += m.Width + theme.Padding()
		rowH = max(rowH, m.Height)
	}
	return pos, y + rowH
}

func (f *flow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	pos, _ := f.rows(objs, size.Width)
	for i, o := range objs {
		o.Move(pos[i])
		o.Resize(o.MinSize())
	}
}

func (f *flow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	// The height at the width it was last given (a half-window panel
	// before that); Layout uses what it gets.
	at := f.width
	if at <= 0 {
		at = 600
	}
	_, h := f.rows(objs, max(w, at))
	return fyne.NewSize(w, h)
}

// stackBar is one horizontal bar split by series, for parts of a whole
// (kept, adjusted, dropped…). Tapping a part calls onTap with its series.
type stackBar struct {
	widget.BaseWidget
	series []series
	values []float64
	onTap  func(i int)
	parts  []*canvas.Rectangle
}

func newStackBar(s []series, values []float64, onTap func(int)) *stackBar {
	b := &stackBar{series: s, values: values, onTap: onTap}
	for _, x := range s {
		r := canvas.NewRectangle(x.colour)
		b.parts = append(b.parts, r)
	}
	b.ExtendBaseWidget(b)
	return b
}

func (b *stackBar) total() float64 {
	t := 0.0
	for _, v := range b.values {
		t += v
	}
	return t
}

// Tapped finds the part under the pointer.
func (b *stackBar) Tapped(ev *fyne.PointEvent) {
	t := b.total()
	if t == 0 || b.onTap == nil {
		return
	}
	x := float64(ev.Position.X / b.Size().Width)
	for i, v := range b.values {
		if x < v/t {
			if v > 0 {
				b.onTap(i)
			}
			return
		}
		x -= v / t
	}
}

func (b *stackBar) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(b.parts))
	for i, p := range b.parts {
		objs[i] = p
	}
	return &stackRenderer{b: b, objs: objs}
}

type stackRenderer struct {
	b    *stackBar
	objs []fyne.CanvasObject
}

func (r *stackRenderer) Layout(size fyne.Size) {
	t := r.b.total()
	var x float32
	for i, p := range r.b.parts {
		w := float32(0)
		if t > 0 {
			w = float32(r.b.values[i]/t) * size.Width
		}
		p.Move(fyne.NewPos(x, 0))
		p.Resize(fyne.NewSize(w, size.Height))
		p.Hidden = w <= 0
		x += w
	}
}

func (r *stackRenderer) MinSize() fyne.Size           { return fyne.NewSize(120, 28) }
func (r *stackRenderer) Refresh()                     { r.Layout(r.b.Size()); canvas.Refresh(r.b) }
func (r *stackRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *stackRenderer) Destroy()                     {}
