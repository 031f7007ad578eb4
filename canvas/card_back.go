package canvas

import (
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// cardBack is a card's border and fill: one image of the card's size in
// pixels, with the rounded border, the fill and the soft edges painted in.
//
// Without a GPU (Mesa's llvmpipe) a frame's cost is mostly the pixels the
// fragment shaders run on, and every layer of a card costs its whole
// area. One image is one layer, where the two stretched one-pixel images
// it replaces (the border's shape, the fill on top) were two, each with
// the shader's rounded-corner sums. The image is drawn again only when
// the card's size, colours or the zoom change: a pan or a drag moves it,
// and Fyne keeps its texture.
type cardBack struct {
	r *canvas.Raster

	// What place set, for draw to read: both run on the UI goroutine,
	// where Fyne paints.
	fill, border color.NRGBA
	radius, bw   float32 // in screen units, as the card's size
}

func newCardBack() *cardBack {
	b := &cardBack{}
	b.r = canvas.NewRaster(b.draw)
	b.r.ScaleMode = canvas.ImageScalePixels // drawn at its size in pixels: nothing to smooth
	return b
}

// place gives the card's back its colours, size and shape: the border bw
// wide, the corners' radius r, in screen units.
func (b *cardBack) place(fill, border color.NRGBA, size fyne.Size, r, bw float32) {
	changed := b.fill != fill || b.border != border || b.radius != r || b.bw != bw
	b.fill, b.border, b.radius, b.bw = fill, border, r, bw
	if size != b.r.Size() {
		b.r.Resize(size) // redraws it
	} else if changed {
		b.r.Refresh()
	}
}

// draw is the raster's generator: the back at w×h pixels.
func (b *cardBack) draw(w, h int) image.Image {
	scale := float32(1)
	if sw := b.r.Size().Width; sw > 0 {
		scale = float32(w) / sw
	}
	return backImages.get(backKey{w: w, h: h, r: b.radius * scale, bw: b.bw * scale, fill: b.fill, border: b.border})
}

// backKey is everything a card back's image depends on.
type backKey struct {
	w, h         int
	r, bw        float32 // pixels
	fill, border color.NRGBA
}

// backCache keeps the images drawn lately: the cards on a board mostly
// share a size and a few colours. Images are only read once made. It is
// shared by every board, and tests paint boards on goroutines of their own.
type backCache struct {
	mu     sync.Mutex
	images map[backKey]*image.RGBA
	bytes  int // of the images' pixels
}

// backCacheBytes bounds the cache's pixels; it is emptied when full (a
// zoom makes new sizes for every card anyway). An image bigger than a
// quarter of it (a card zoomed in on a big screen) is drawn every time.
const backCacheBytes = 16 << 20

var backImages = &backCache{images: map[backKey]*image.RGBA{}}

func (c *backCache) get(k backKey) *image.RGBA {
	c.mu.Lock()
	img, ok := c.images[k]
	c.mu.Unlock()
	if ok {
		return img
	}
	img = drawBack(k)
	n := len(img.Pix)
	if n > backCacheBytes/4 {
		return img
	}
	c.mu.Lock()
	if c.bytes+n > backCacheBytes {
		clear(c.images)
		c.bytes = 0
	}
	if _, ok := c.images[k]; !ok {
		c.images[k] = img
		c.bytes += n
	}
	c.mu.Unlock()
	return img
}

// drawBack paints a rounded rectangle of k.w×k.h pixels: a border k.bw
// wide in k.border around k.fill, corners of radius k.r, edges
// antialiased, premultiplied as OpenGL blends it. Only the rows that
// cross a corner are worked out pixel by pixel; the straight rows between
// are one row copied.
func drawBack(k backKey) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, k.w, k.h))
	if k.w <= 0 || k.h <= 0 {
		return img
	}
	w, h := float64(k.w), float64(k.h)
	r := min(float64(k.r), w/2, h/2)
	bw := max(0, float64(k.bw))
	ri := max(0, r-bw)
	fill, border := premultiplied(k.fill), premultiplied(k.border)
	row := func(y int) []uint8 {
		py := float64(y) + 0.5
		out := img.Pix[y*img.Stride : y*img.Stride+4*k.w]
		for x := range k.w {
			px := float64(x) + 0.5
			outer := coverage(roundRectDistance(px, py, 0, 0, w, h, r))
			inner := coverage(roundRectDistance(px, py, bw, bw, w-bw, h-bw, ri))
			inner = min(inner, outer)
			for c := range 4 {
				out[4*x+c] = uint8(math.Round(float64(fill[c])*inner + float64(border[c])*(outer-inner)))
			}
		}
		return out
	}
	// A row is straight (no corner crosses it) below the top corners' and
	// above the bottom corners' reach, one pixel of softness aside.
	straightFrom, straightTo := int(math.Ceil(r))+1, k.h-int(math.Ceil(r))-1
	var straight []uint8
	for y := range k.h {
		if y >= straightFrom && y < straightTo {
			if straight == nil {
				straight = row(y)
			} else {
				copy(img.Pix[y*img.Stride:], straight)
			}
			continue
		}
		row(y)
	}
	return img
}

// roundRectDistance is the signed distance from (px, py) to the edge of
// the rectangle x0,y0–x1,y1 with corners of radius r: negative inside.
func roundRectDistance(px, py, x0, y0, x1, y1, r float64) float64 {
	if x1 <= x0 || y1 <= y0 {
		return math.Inf(1)
	}
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2-r, (y1-y0)/2-r
	dx, dy := math.Abs(px-cx)-hx, math.Abs(py-cy)-hy
	out := math.Hypot(max(dx, 0), max(dy, 0))
	in := min(max(dx, dy), 0)
	return out + in - r
}

// coverage is how much of a pixel whose centre is d from an edge lies
// inside it, for a one-pixel-wide soft edge.
func coverage(d float64) float64 { return min(1, max(0, 0.5-d)) }

// premultiplied is c with its colour multiplied by its alpha.
func premultiplied(c color.NRGBA) [4]float64 {
	a := float64(c.A) / 255
	return [4]float64{float64(c.R) * a, float64(c.G) * a, float64(c.B) * a, float64(c.A)}
}
