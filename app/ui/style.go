package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/assets"
)

// StatusColour gives each status a colour from the same Okabe–Ito palette.
func StatusColour(s model.Status) color.NRGBA {
	switch s {
	case model.Reviewed:
		return model.Technical.RGB() // blue
	case model.Closed:
		return model.Process.RGB() // bluish green
	}
	return model.People.RGB() // orange
}

// How strongly pills and panels are tinted: lightly enough that text in
// the theme's foreground reads on them in every theme (theme_test.go).
const (
	PillAlpha  = 0x30
	PanelAlpha = 0x22
)

// Pill is a small rounded tag: coloured outline, text in the theme's colour
// so it stays readable in light and dark themes.
type Pill struct {
	widget.BaseWidget
	text   string
	colour color.Color
}

var _ fyne.Widget = (*Pill)(nil)

func NewPill(text string, c color.Color) *Pill {
	p := &Pill{text: text, colour: c}
	p.ExtendBaseWidget(p)
	return p
}

func (p *Pill) Set(text string, c color.Color) {
	p.text, p.colour = text, c
	p.Refresh()
}

func (p *Pill) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.StrokeWidth = 2
	bg.CornerRadius = 10
	label := canvas.NewText("", theme.ColorForWidget(theme.ColorNameForeground, p))
	label.TextStyle = fyne.TextStyle{Bold: true}
	r := &pillRenderer{p: p, bg: bg, label: label}
	r.Refresh()
	return r
}

type pillRenderer struct {
	p     *Pill
	bg    *canvas.Rectangle
	label *canvas.Text
}

func (r *pillRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	ls := r.label.MinSize()
	r.label.Move(fyne.NewPos((size.Width-ls.Width)/2, (size.Height-ls.Height)/2))
	r.label.Resize(ls)
}

func (r *pillRenderer) MinSize() fyne.Size {
	ls := r.label.MinSize()
	pad := theme.SizeForWidget(theme.SizeNamePadding, r.p)
	return fyne.NewSize(ls.Width+pad*4, ls.Height+pad)
}

func (r *pillRenderer) Refresh() {
	r.label.Text = r.p.text
	r.label.Color = theme.ColorForWidget(theme.ColorNameForeground, r.p)
	r.label.TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, r.p) + 1
	r.bg.StrokeColor = r.p.colour
	r.bg.FillColor = WithAlpha(r.p.colour, PillAlpha)
	r.bg.Refresh()
	r.label.Refresh()
}

func (r *pillRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.label} }
func (r *pillRenderer) Destroy()                     {}

func WithAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// Heading is a section title.
func Heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// Para is wrapped body text.
func Para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// ColourBar is a thin vertical stripe in c, for category and status marks.
func ColourBar(c color.Color, width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(width, 1))
	r.CornerRadius = width / 2
	return r
}

// Panel puts content on a softly tinted, rounded background.
func Panel(tint color.Color, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(WithAlpha(tint, PanelAlpha))
	bg.StrokeColor = WithAlpha(tint, 0xcc)
	bg.StrokeWidth = 2
	bg.CornerRadius = theme.InputRadiusSize() * 2
	return container.NewStack(bg, container.NewPadded(content))
}

// Gap is empty vertical space h high.
func Gap(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

// AtLeast keeps o at least w wide.
func AtLeast(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(strut, o)
}

// TrailingUpTo lays out its objects at most w wide, against the trailing
// edge: a search field that grows with the window up to a sensible width.
type TrailingUpTo struct{ W float32 }

func (l TrailingUpTo) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.W)
	for _, o := range objs {
		h := min(size.Height, o.MinSize().Height)
		o.Move(fyne.NewPos(size.Width-w, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
	}
}

func (l TrailingUpTo) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// Day formats a moment as a person reads it: "Wed 18 Nov 2026, 23:40".
func Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("Mon 2 Jan 2006, 15:04")
}

// Date formats a date only: "Thu 10 Dec 2026".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("Mon 2 Jan 2006")
}

func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Capitalise upper-cases the first letter of a message.
func Capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// Icon is Debrief's icon, for windows and the library's header.
func Icon() fyne.Resource { return fyne.NewStaticResource("debrief.png", assets.Icon()) }

// WideSelect is s as wide as its longest option, so the option shown is
// never cut ("5 Warning …"): Fyne sizes a select by its placeholder.
func WideSelect(s *widget.Select) fyne.CanvasObject {
	w := float32(0)
	for _, o := range s.Options {
		w = max(w, fyne.MeasureText(o, theme.SizeForWidget(theme.SizeNameText, s), fyne.TextStyle{}).Width)
	}
	inner := theme.SizeForWidget(theme.SizeNameInnerPadding, s)
	icon := theme.SizeForWidget(theme.SizeNameInlineIcon, s)
	return AtLeast(w+icon+4*inner, s) // as Fyne's select adds around its text
}
