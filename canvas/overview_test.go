package canvas

import (
	"image"
	"image/color"
	"testing"
)

// Far zoomed out the board is one image: each card a block of its
// category's colour, links as soft lines, the rest transparent. It is
// premultiplied RGBA, which Fyne uploads as it is; any other kind of image
// it converts into a new one for every frame of a pan.
func TestOverviewImage(t *testing.T) {
	d := sampleDossier(t)
	tb := newTestBoard(t, d, 800, 500)
	tb.SetViewport(Viewport{X: -200, Y: -200, Zoom: 0.1})
	if !tb.overview() {
		t.Fatal("not drawn as an overview at 10 %")
	}
	const w, h = 800, 500
	got := tb.r.drawOverview(w, h)
	img, ok := got.(*image.RGBA)
	if !ok {
		t.Fatalf("the overview is a %T, want *image.RGBA", got)
	}
	palette := tb.palette()
	for _, f := range d.Factors {
		x0, y0 := tb.vp.ToScreen(Point{X: f.X, Y: f.Y})
		x1, y1 := tb.vp.ToScreen(Point{X: f.X + f.W, Y: f.Y + f.H})
		cx, cy := int((x0+x1)/2), int((y0+y1)/2)
		want := CategoryColour(f.Category, palette)
		if c := img.RGBAAt(cx, cy); c != color.RGBA(want) { // opaque: the same bytes
			t.Errorf("card %d (%s): %v at its middle, want %v", f.ID, f.Category, c, want)
		}
	}
	if c := img.RGBAAt(2, 2); c.A != 0 {
		t.Errorf("the corner, where no card is, is %v, want transparent", c)
	}
	soft := 0
	for i := 0; i < len(img.Pix); i += 4 {
		r, g, b, a := img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]
		if r > a || g > a || b > a {
			t.Fatalf("pixel %d is %v: not premultiplied", i/4, img.Pix[i:i+4])
		}
		if a > 0 && a < 255 {
			soft++
		}
	}
	if len(d.Links) > 0 && soft == 0 {
		t.Error("no link drawn: no soft pixel")
	}
}
