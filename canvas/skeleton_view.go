package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model/colour"
)

// Fishbone drawing sizes, in board units.
const (
	skeletonLabelSize = LabelTextSize
	skeletonHeadSize  = 20
	spineWidth        = 6
	boneWidth         = 3
)

// skeletonView draws the fishbone behind the cards: spine, bones, their
// captions, and the head holding the setback's title.
type skeletonView struct {
	spine    *canvas.Line
	bones    []*canvas.Line
	captions []*canvas.Text
	head     *canvas.Rectangle
	headText []*canvas.Text
	objects  []fyne.CanvasObject
	layout   textLayout
	laidAt   float64 // the zoom layout is for
	measure  measureFunc
}

// headPadding is the head's text inset, in board units.
const headPadding = 16

func newSkeletonView(s Skeleton, measure measureFunc) *skeletonView {
	v := &skeletonView{spine: canvas.NewLine(color.Black), head: canvas.NewRectangle(color.Black)}
	v.objects = append(v.objects, v.spine)
	for range s.Bones {
		l := canvas.NewLine(color.Black)
		v.bones = append(v.bones, l)
		v.objects = append(v.objects, l)
	}
	for range len(s.Bones) + len(s.Extras) {
		t := canvas.NewText("", color.Black)
		t.TextStyle = fyne.TextStyle{Bold: true}
		v.captions = append(v.captions, t)
		v.objects = append(v.objects, t)
	}
	v.objects = append(v.objects, v.head)
	v.measure = measure
	// As many lines as the smallest text fills the head with: which of them
	// show depends on the zoom (see layoutHead).
	n := int((s.Head.H-2*headPadding)/(minCardTextSize*skeletonHeadSize/cardTextSize*lineSpacing)) + 1
	for range max(1, n) {
		t := canvas.NewText("", color.White)
		t.TextStyle = fyne.TextStyle{Bold: true}
		v.headText = append(v.headText, t)
		v.objects = append(v.objects, t)
	}
	return v
}

// place positions everything for the viewport.
func (v *skeletonView) place(s Skeleton, vp Viewport, fg color.Color, palette Palette) {
	z := float32(vp.Zoom)
	pos := func(p Point) fyne.Position { x, y := vp.ToScreen(p); return fyne.NewPos(x, y) }

	v.spine.Position1, v.spine.Position2 = pos(s.Spine.A), pos(s.Spine.B)
	v.spine.StrokeColor, v.spine.StrokeWidth = fg, max(1.5, spineWidth*z)
	v.spine.Refresh()
	for i, bone := range s.Bones {
		l := v.bones[i]
		l.Position1, l.Position2 = pos(bone.Line.A), pos(bone.Line.B)
		l.StrokeColor, l.StrokeWidth = CategoryColour(bone.Category, palette), max(1, boneWidth*z)
		l.Refresh()
	}
	labels := make([]Label, 0, len(s.Bones)+len(s.Extras))
	for _, bone := range s.Bones {
		labels = append(labels, bone.Label)
	}
	labels = append(labels, s.Extras...)
	for i, lb := range labels {
		t := v.captions[i]
		t.Text, t.Color, t.TextSize = lb.Text, fg, skeletonLabelSize*z
		t.Move(pos(lb.At))
		t.Resize(t.MinSize()) // a text with no size is skipped when its start is out of view
		t.Hidden = t.TextSize < 4
		t.Refresh()
	}
	v.head.FillColor = fg
	v.head.CornerRadius = 16 * z
	v.head.Move(pos(Point{X: s.Head.X, Y: s.Head.Y}))
	v.head.Resize(fyne.NewSize(float32(s.Head.W)*z, float32(s.Head.H)*z))
	v.head.Refresh()
	ink := colour.TextOn(fg)
	v.layoutHead(s, vp.Zoom)
	size := v.layout.size * skeletonHeadSize / cardTextSize * z
	for i, t := range v.headText {
		if i >= len(v.layout.lines) {
			t.Hidden = true
			continue
		}
		t.Text, t.Color, t.TextSize = v.layout.lines[i], ink, size
		t.Move(pos(Point{X: s.Head.X + headPadding, Y: s.Head.Y + headPadding + float64(i)*float64(v.layout.size*skeletonHeadSize/cardTextSize*lineSpacing)}))
		t.Resize(t.MinSize()) // as the captions
		t.Hidden = size < 4
		t.Refresh()
	}
}

// layoutHead wraps the head's title for the zoom it is drawn at,
// measured at the size drawn: small text is drawn relatively wider than
// it measures at 100 %, and laid out once at 100 % the title ran out of
// the head at 25 % ("Lake trip: … we los").
func (v *skeletonView) layoutHead(s Skeleton, zoom float64) {
	if zoom == v.laidAt && v.layout.lines != nil {
		return
	}
	v.laidAt = zoom
	z := float32(zoom)
	k := float32(skeletonHeadSize) / cardTextSize
	measure := func(t string, size float32) float32 { return v.measure(t, size*k*z) / z }
	v.layout = layoutText(s.HeadText, float32(s.Head.W-2*headPadding)*textSafety, float32(s.Head.H-2*headPadding)/k, measure)
	if len(v.layout.lines) > len(v.headText) {
		v.layout.lines = v.layout.lines[:len(v.headText)]
	}
}

// syncSkeleton rebuilds the fishbone drawing when it changed and places it
// when the view moved. It reports whether its objects changed.
func (r *boardRenderer) syncSkeleton(viewMoved bool) bool {
	b := r.b
	if b.skeleton.Empty() {
		if len(r.skeleton) > 0 {
			r.skeleton, r.skelView, r.skelOf = nil, nil, nil
			return true
		}
		return false
	}
	if r.skelOf == nil || !sameSkeleton(*r.skelOf, b.skeleton) {
		s := b.skeleton
		r.skelOf = &s
		r.skelView = newSkeletonView(s, b.measure)
		r.skeleton = r.skelView.objects
		r.skelView.place(s, b.vp, theme.ColorForWidget(theme.ColorNameForeground, b), b.palette())
		return true
	}
	if viewMoved {
		r.skelView.place(b.skeleton, b.vp, theme.ColorForWidget(theme.ColorNameForeground, b), b.palette())
	}
	return false
}

func sameSkeleton(a, b Skeleton) bool {
	if a.Spine != b.Spine || a.Head != b.Head || a.HeadText != b.HeadText || len(a.Bones) != len(b.Bones) || len(a.Extras) != len(b.Extras) {
		return false
	}
	for i := range a.Bones {
		if a.Bones[i] != b.Bones[i] {
			return false
		}
	}
	for i := range a.Extras {
		if a.Extras[i] != b.Extras[i] {
			return false
		}
	}
	return true
}
