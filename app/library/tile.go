package library

import (
	"bytes"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// templateTileWidth is the narrowest a template tile gets.
const templateTileWidth = 220

// templateTile is one template in the picker: its name, what it is for
// and how many prompt cards it starts with. Tap it, or focus it and press
// Space or Return, to choose it.
type templateTile struct {
	widget.BaseWidget
	template assets.Template
	cards    string
	onTapped func()
	selected bool
	hovered  bool
	focused  bool
}

var (
	_ fyne.Widget       = (*templateTile)(nil)
	_ fyne.Tappable     = (*templateTile)(nil)
	_ fyne.Focusable    = (*templateTile)(nil)
	_ desktop.Hoverable = (*templateTile)(nil)
)

func newTemplateTile(t assets.Template, tapped func()) *templateTile {
	tile := &templateTile{template: t, onTapped: tapped, cards: "An empty board"}
	if d, err := export.ReadJSON(bytes.NewReader(t.Data)); err == nil && len(d.Factors) > 0 {
		tile.cards = ui.Plural(len(d.Factors), "prompt card", "prompt cards") + " to start from"
	}
	tile.ExtendBaseWidget(tile)
	return tile
}

func (t *templateTile) setSelected(on bool) {
	if t.selected != on {
		t.selected = on
		t.Refresh()
	}
}

// Tapped chooses the template.
func (t *templateTile) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
	t.onTapped()
}

// MouseIn highlights the tile.
func (t *templateTile) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

// MouseMoved does nothing.
func (t *templateTile) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (t *templateTile) MouseOut() { t.hovered = false; t.Refresh() }

// FocusGained draws the focus ring.
func (t *templateTile) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost removes the focus ring.
func (t *templateTile) FocusLost() { t.focused = false; t.Refresh() }

// TypedRune chooses the template on Space.
func (t *templateTile) TypedRune(r rune) {
	if r == ' ' {
		t.onTapped()
	}
}

// TypedKey chooses the template on Return.
func (t *templateTile) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		t.onTapped()
	}
}

func (t *templateTile) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = theme.InputRadiusSize() * 2
	bg.StrokeWidth = 2
	name := widget.NewLabelWithStyle(t.template.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	desc := widget.NewLabel(t.template.Description)
	desc.Wrapping = fyne.TextWrapWord
	desc.Truncation = fyne.TextTruncateEllipsis
	desc.SizeName = theme.SizeNameCaptionText
	cards := widget.NewLabel(t.cards)
	cards.SizeName = theme.SizeNameCaptionText
	cards.Truncation = fyne.TextTruncateEllipsis
	check := widget.NewIcon(theme.ConfirmIcon())
	r := &templateTileRenderer{t: t, bg: bg, name: name, desc: desc, cards: cards, check: check}
	r.Refresh()
	return r
}

type templateTileRenderer struct {
	t                 *templateTile
	bg                *canvas.Rectangle
	name, desc, cards *widget.Label
	check             *widget.Icon
}

func (r *templateTileRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	pad := theme.SizeForWidget(theme.SizeNamePadding, r.t)
	icon := theme.SizeForWidget(theme.SizeNameInlineIcon, r.t)
	nh := r.name.MinSize().Height
	r.name.Move(fyne.NewPos(pad, pad))
	r.name.Resize(fyne.NewSize(size.Width-2*pad-icon-pad, nh))
	r.check.Move(fyne.NewPos(size.Width-pad*2-icon, pad+(nh-icon)/2))
	r.check.Resize(fyne.NewSize(icon, icon))
	ch := r.cards.MinSize().Height
	r.cards.Move(fyne.NewPos(pad, size.Height-pad-ch))
	r.cards.Resize(fyne.NewSize(size.Width-2*pad, ch))
	top := pad + nh - 2*pad // the labels' own padding already spaces them
	r.desc.Move(fyne.NewPos(pad, top))
	r.desc.Resize(fyne.NewSize(size.Width-2*pad, max(0, size.Height-pad-ch-top+pad)))
}

// MinSize leaves room for the name, three lines of description and the
// card count, whatever the description says, so every tile has one size.
func (r *templateTileRenderer) MinSize() fyne.Size {
	pad := theme.SizeForWidget(theme.SizeNamePadding, r.t)
	line := fyne.MeasureText("Mg", theme.SizeForWidget(theme.SizeNameCaptionText, r.t), fyne.TextStyle{}).Height
	h := pad + r.name.MinSize().Height + 3*line + r.cards.MinSize().Height
	if r.t.template.Description == "" {
		h = pad + r.name.MinSize().Height + r.cards.MinSize().Height + pad
	}
	return fyne.NewSize(templateTileWidth, h)
}

func (r *templateTileRenderer) Refresh() {
	t := r.t
	primary := theme.ColorForWidget(theme.ColorNamePrimary, r.t)
	switch {
	case t.selected:
		r.bg.FillColor = ui.WithAlpha(primary, 0x2a)
		r.bg.StrokeColor = primary
	case t.hovered:
		r.bg.FillColor = theme.ColorForWidget(theme.ColorNameHover, r.t)
		r.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameSeparator, r.t)
	default:
		r.bg.FillColor = theme.ColorForWidget(theme.ColorNameInputBackground, r.t)
		r.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameSeparator, r.t)
	}
	if t.focused {
		r.bg.StrokeColor = theme.ColorForWidget(theme.ColorNameFocus, r.t)
		r.bg.StrokeWidth = 3
	} else {
		r.bg.StrokeWidth = 2
	}
	if t.selected {
		r.check.Show()
	} else {
		r.check.Hide()
	}
	if t.template.Description == "" {
		r.desc.Hide()
	} else {
		r.desc.Show()
	}
	r.bg.Refresh()
	r.check.Refresh()
}

func (r *templateTileRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.name, r.desc, r.cards, r.check}
}

func (r *templateTileRenderer) Destroy() {}

var _ fyne.Accessible = (*templateTile)(nil)

// AccessibilityLabel names the template and says what it holds.
func (t *templateTile) AccessibilityLabel() string {
	label := "Template: " + t.template.Name
	if t.template.Description != "" {
		label += ". " + t.template.Description
	}
	if t.selected {
		label += " (chosen)"
	}
	return label
}

// AccessibilityRole of a template tile is a button.
func (t *templateTile) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }
