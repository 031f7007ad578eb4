package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FitText is one line of large text that shrinks, down to a smallest
// size, to fit the width it is given, and past that is shortened with an
// ellipsis: a long title stays on one line, as large as it can be.
type FitText struct {
	widget.BaseWidget
	text      string
	size, min float32
	style     fyne.TextStyle
	r         *fitTextRenderer
}

// NewFitText is text at size, shrinking down to minSize before it is shortened.
func NewFitText(text string, size, minSize float32, style fyne.TextStyle) *FitText {
	t := &FitText{text: text, size: size, min: minSize, style: style}
	t.ExtendBaseWidget(t)
	return t
}

// SetSizes changes the largest and the smallest text size.
func (t *FitText) SetSizes(size, minSize float32) {
	t.size, t.min = size, minSize
	t.Refresh()
}

// SetText changes the text.
func (t *FitText) SetText(text string) {
	if text != t.text {
		t.text = text
		t.Refresh()
	}
}

// ShownWidth is how wide the text is drawn.
func (t *FitText) ShownWidth() float32 {
	size := t.size
	if t.r != nil {
		size = t.r.t.TextSize
	}
	return fyne.MeasureText(t.Shown(), size, t.style).Width
}

// Shown is the text as drawn: shortened when it does not fit.
func (t *FitText) Shown() string {
	if t.r == nil {
		return t.text
	}
	return t.r.t.Text
}

func (t *FitText) CreateRenderer() fyne.WidgetRenderer {
	txt := canvas.NewText(t.text, theme.ColorForWidget(theme.ColorNameForeground, t))
	txt.TextStyle = t.style
	txt.TextSize = t.size
	t.r = &fitTextRenderer{w: t, t: txt}
	return t.r
}

type fitTextRenderer struct {
	w    *FitText
	t    *canvas.Text
	size fyne.Size
}

func (r *fitTextRenderer) Layout(size fyne.Size) {
	r.size = size
	w := r.w
	r.t.Color = theme.ColorForWidget(theme.ColorNameForeground, w)
	r.t.TextSize, r.t.Text = w.size, w.text
	for size.Width > 0 && r.t.TextSize > w.min && r.measure(r.t.Text) > size.Width {
		r.t.TextSize--
	}
	if size.Width > 0 && r.measure(w.text) > size.Width {
		runes := []rune(w.text)
		lo, hi := 0, len(runes) // the longest prefix that fits with the ellipsis
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if r.measure(string(runes[:mid])+"…") <= size.Width {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		r.t.Text = string(runes[:lo]) + "…"
	}
	ts := r.t.MinSize()
	r.t.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
	r.t.Resize(ts)
	r.t.Refresh()
}

func (r *fitTextRenderer) measure(s string) float32 {
	return fyne.MeasureText(s, r.t.TextSize, r.w.style).Width
}

// MinSize is as tall as the full size and as narrow as one letter.
func (r *fitTextRenderer) MinSize() fyne.Size {
	m := fyne.MeasureText("M…", r.w.size, r.w.style)
	return fyne.NewSize(m.Width, m.Height)
}

func (r *fitTextRenderer) Refresh()                     { r.Layout(r.size) }
func (r *fitTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t} }
func (r *fitTextRenderer) Destroy()                     {}
