package debrief

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// JoinCard is how the room is joined, for a projector: the QR code, the
// code and the address in the bottom-right corner, over what is shown;
// once the facilitator folds the room's panel, only a line with the code.
// Dark text on white whatever the theme: a QR code needs a light border.
type JoinCard struct {
	qr     *canvas.Image
	code   *canvas.Text
	url    *canvas.Text
	line   *canvas.Text
	full   *fyne.Container
	pill   *fyne.Container
	corner *fyne.Container
}

// NewJoinCard makes the card; scale is how much larger than the panel's
// it is drawn (the QR code is 240 units at 1).
func NewJoinCard(scale float32) *JoinCard {
	ink := color.NRGBA{0x11, 0x11, 0x11, 0xff}
	j := &JoinCard{}
	j.qr = canvas.NewImageFromImage(nil)
	j.qr.FillMode = canvas.ImageFillContain
	j.qr.ScaleMode = canvas.ImageScalePixels
	j.qr.SetMinSize(fyne.NewSize(240*scale, 240*scale))
	j.code = canvas.NewText("", ink)
	j.code.TextSize = 34 * scale
	j.code.TextStyle = fyne.TextStyle{Bold: true} // (Bold with Monospace has no font in Fyne's test theme)
	j.code.Alignment = fyne.TextAlignCenter
	j.url = canvas.NewText("", ink)
	j.url.TextSize = 14 * scale
	j.url.Alignment = fyne.TextAlignCenter
	j.line = canvas.NewText("", ink)
	j.line.TextSize = 18 * scale
	j.line.TextStyle = fyne.TextStyle{Bold: true}
	back := func() *canvas.Rectangle {
		r := canvas.NewRectangle(color.White)
		r.CornerRadius = 10 * scale
		r.StrokeColor = color.NRGBA{0, 0, 0, 0x40}
		r.StrokeWidth = 1
		return r
	}
	j.full = container.NewStack(back(), container.NewPadded(container.NewVBox(j.qr, j.code, j.url)))
	j.pill = container.NewStack(back(), container.NewPadded(j.line))
	j.corner = container.NewVBox(layout.NewSpacer(),
		container.NewHBox(layout.NewSpacer(), container.NewPadded(container.NewStack(j.full, j.pill))))
	j.corner.Hide()
	return j
}

// Object is the layer to put over the view, the size of the view.
func (j *JoinCard) Object() fyne.CanvasObject { return j.corner }

// Size is the room the card takes in the view's bottom-right corner,
// zero while it is hidden: a view that re-flows its content keeps clear
// of it.
func (j *JoinCard) Size() fyne.Size {
	if !j.corner.Visible() {
		return fyne.Size{}
	}
	return j.corner.Objects[1].MinSize()
}

// Set shows the room's state: nothing while it is closed.
func (j *JoinCard) Set(st RoomState) {
	if st.Status == nil {
		j.corner.Hide()
		return
	}
	url := strings.TrimSuffix(strings.TrimPrefix(st.Status.JoinURL, "http://"), "/")
	j.qr.Image = st.QR
	j.code.Text = spaced(st.Status.Code)
	j.url.Text = url
	j.line.Text = "Join: " + url + "  ·  code " + spaced(st.Status.Code)
	j.full.Hidden = st.Folded
	j.pill.Hidden = !st.Folded
	j.corner.Show()
	j.corner.Refresh()
}
