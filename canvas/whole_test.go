package canvas

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
)

// realBoard is n cards with text of the lengths people write, in every
// category, and about n/2 links, laid out as a fishbone when fish is set.
func realBoard(n int, fish bool) ([]model.Factor, []model.Link, Skeleton) {
	rng := rand.New(rand.NewSource(int64(n)))
	words := strings.Fields("the checklist was skipped because we ran late and nobody wanted to say the battery " +
		"had not been charged overnight after the wiring quirk that only Sam knew about was never written down " +
		"so the last-minute fix went in untested while everyone was tired and the schedule had no slack at all")
	cats := model.Categories()
	var fs []model.Factor
	for i := range n {
		k := 4 + rng.Intn(14) // 4 to 17 words: "Fatigue" to a long sentence
		start := rng.Intn(len(words) - k)
		f := model.Factor{ID: int64(i + 1), Category: cats[rng.Intn(len(cats))], Text: strings.Join(words[start:start+k], " "),
			X: float64(rng.Intn(2000)), Y: float64(rng.Intn(1200)), W: model.DefaultCardWidth, H: model.DefaultCardHeight}
		if i%5 == 0 {
			f.Votes = 1 + rng.Intn(4)
		}
		if i%7 == 0 {
			f.Author = "Zoë Łukasiewicz-Ødegård"
		}
		fs = append(fs, f)
	}
	var ls []model.Link
	for i := range n / 2 {
		a, b := rng.Intn(n), rng.Intn(n)
		if a != b {
			ls = append(ls, model.Link{ID: int64(i + 1), FromID: fs[a].ID, ToID: fs[b].ID})
		}
	}
	var sk Skeleton
	if fish {
		fs, sk = ArrangeFishbone(fs, "Lake trip: the canoe tipped over and we lost the food bag")
	}
	return fs, ls, sk
}

// checkWhole checks what the room must see: every card inside the view,
// none over another, text at least 1/40 of the screen, arrows at least
// 1/400 of it, and no arrow over a card's text.
func checkWhole(t *testing.T, l WholeLayout, in WholeInput) {
	t.Helper()
	view := Rect{W: in.Width, H: in.Height}
	if len(l.Cards) != len(in.Factors) {
		t.Fatalf("%d cards shown, want %d", len(l.Cards), len(in.Factors))
	}
	if !l.Readable || l.TextSize < in.Screen/40 {
		t.Errorf("text %.1f, want at least %.1f (1/40 of %v)", l.TextSize, in.Screen/40, in.Screen)
	}
	if l.ArrowWidth < in.Screen/400 {
		t.Errorf("arrows %.1f wide, want at least %.1f", l.ArrowWidth, in.Screen/400)
	}
	inside := func(r Rect) bool {
		return r.X >= view.X-1e-6 && r.Y >= view.Y-1e-6 && r.Right() <= view.Right()+1e-6 && r.Bottom() <= view.Bottom()+1e-6
	}
	for i, c := range l.Cards {
		if !inside(c.Rect) {
			t.Errorf("card %d at %v is not inside the view %v", c.ID, c.Rect, view)
		}
		if c.Text.X < c.Rect.X || c.Text.Right() > c.Rect.Right() || c.Text.Bottom() > c.Rect.Bottom()+1e-6 {
			t.Errorf("card %d: text %v outside its card %v", c.ID, c.Text, c.Rect)
		}
		for _, o := range l.Cards[i+1:] {
			if c.Rect.Intersects(o.Rect) {
				t.Errorf("cards %d %v and %d %v overlap", c.ID, c.Rect, o.ID, o.Rect)
			}
		}
		for _, g := range l.Groups {
			if c.Rect.Intersects(g.Rect) {
				t.Errorf("card %d %v is over the caption %q %v", c.ID, c.Rect, g.Text, g.Rect)
			}
		}
		if c.Rect.Intersects(l.Head) {
			t.Errorf("card %d is over the head", c.ID)
		}
	}
	for _, c := range l.Cards {
		if c.Rect.Intersects(in.KeepOut) {
			t.Errorf("card %d %v is under the join card %v", c.ID, c.Rect, in.KeepOut)
		}
	}
	for _, a := range l.Arrows {
		for k := 1; k < len(a.Path); k++ {
			if !in.KeepOut.Empty() && in.KeepOut.Crosses(a.Path[k-1], a.Path[k]) {
				t.Errorf("link %d runs under the join card", a.LinkID)
			}
		}
	}
	for _, g := range l.Groups {
		if g.Rect.Intersects(in.KeepOut) {
			t.Errorf("caption %q is under the join card", g.Text)
		}
		if !inside(g.Rect) {
			t.Errorf("caption %q at %v is not inside the view", g.Text, g.Rect)
		}
	}
	if !l.Head.Empty() && !inside(l.Head) {
		t.Errorf("head %v is not inside the view", l.Head)
	}
	for _, a := range l.Arrows {
		if !a.Routed {
			t.Errorf("link %d found no way between the cards", a.LinkID)
		}
		for k := 1; k < len(a.Path); k++ {
			for _, c := range l.Cards {
				if c.Text.Crosses(a.Path[k-1], a.Path[k]) {
					t.Errorf("link %d runs over card %d's text: %v–%v", a.LinkID, c.ID, a.Path[k-1], a.Path[k])
				}
			}
		}
	}
}

// The acceptance boards at the acceptance screens: the sample, a 22-card
// fishbone and a 30-card board at 720p, 1080p and 4K, in the room the
// presentation leaves the board under its header.
func TestLayoutWholeIsReadable(t *testing.T) {
	test.NewTempApp(t)
	sample := sampleDossier(t)
	fish22, links22, sk22 := realBoard(22, true)
	free30, links30, _ := realBoard(30, false)
	boards := []struct {
		name  string
		fs    []model.Factor
		ls    []model.Link
		sk    Skeleton
		title string
	}{
		{"sample", sample.Factors, sample.Links, Skeleton{}, sample.Debrief.Title},
		{"fishbone22", fish22, links22, sk22, "Lake trip: the canoe tipped over and we lost the food bag"},
		{"board30", free30, links30, Skeleton{}, "Robot failed at the regional"},
	}
	for _, b := range boards {
		for _, scr := range [][2]float64{{1280, 720}, {1920, 1080}, {3840, 2160}} {
			for _, header := range []float64{0.12, 0.18} { // about the audience window's header, the presentation's
				t.Run(fmt.Sprintf("%s/%vx%v/%v", b.name, scr[0], scr[1], header), func(t *testing.T) {
					in := WholeInput{Factors: b.fs, Links: b.ls, Skeleton: b.sk, Title: b.title,
						Width: scr[0], Height: scr[1] * (1 - header), Screen: scr[1], Measure: fyneMeasure}
					l := LayoutWhole(in)
					cut := 0
					for _, c := range l.Cards {
						if n := len(c.Lines); n > 0 && strings.HasSuffix(c.Lines[n-1], "…") {
							cut++
						}
					}
					t.Logf("text %.1f (min %.1f), %d arrows, %d of %d cards cut", l.TextSize, scr[1]/40, len(l.Arrows), cut, len(l.Cards))
					checkWhole(t, l, in)
					if !b.sk.Empty() && (l.Head.Empty() || len(l.HeadLines) == 0 || strings.HasSuffix(l.HeadLines[len(l.HeadLines)-1], "…")) {
						t.Errorf("the head reads %q, want the whole title", l.HeadLines)
					}
				})
			}
		}
	}
}

// With the room open, its join card stands in the bottom-right corner
// of the view: no card, caption or arrow goes under it.
func TestLayoutWholeKeepsClearOfTheJoinCard(t *testing.T) {
	test.NewTempApp(t)
	sample := sampleDossier(t)
	fish22, links22, sk22 := realBoard(22, true)
	for _, b := range []struct {
		name string
		fs   []model.Factor
		ls   []model.Link
		sk   Skeleton
	}{{"sample", sample.Factors, sample.Links, Skeleton{}}, {"fishbone22", fish22, links22, sk22}} {
		for _, scr := range [][2]float64{{1280, 720}, {1920, 1080}} {
			t.Run(fmt.Sprintf("%s/%vx%v", b.name, scr[0], scr[1]), func(t *testing.T) {
				w, h := scr[0], scr[1]*0.87
				in := WholeInput{Factors: b.fs, Links: b.ls, Skeleton: b.sk, Title: "Lake trip", Width: w, Height: h, Screen: scr[1],
					Measure: fyneMeasure, KeepOut: Rect{X: w - 390, Y: h - 490, W: 390, H: 490}} // the presentation's join card
				checkWhole(t, LayoutWhole(in), in)
			})
		}
	}
}

// Groups come in bone order on a fishbone: the order its bones run from
// the tail to the head.
func TestLayoutWholeBoneOrder(t *testing.T) {
	test.NewTempApp(t)
	fs, _, sk := realBoard(22, true)
	l := LayoutWhole(WholeInput{Factors: fs, Skeleton: sk, Title: "x", Width: 1920, Height: 900, Screen: 1080, Measure: fyneMeasure})
	var got []model.Category
	for _, g := range l.Groups {
		if !slices.Contains(got, g.Category) {
			got = append(got, g.Category)
		}
	}
	var want []model.Category
	for _, b := range sk.Bones {
		want = append(want, b.Category)
	}
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("groups in order %v, want the bones' %v first", got, want)
	}
}

// A huge board still fits, at a smaller text; nothing breaks for none.
func TestLayoutWholeExtremes(t *testing.T) {
	test.NewTempApp(t)
	if l := LayoutWhole(WholeInput{Width: 800, Height: 600, Screen: 600, Measure: fyneMeasure}); len(l.Cards) != 0 {
		t.Errorf("an empty board shows %d cards", len(l.Cards))
	}
	fs, ls, _ := realBoard(120, false)
	in := WholeInput{Factors: fs, Links: ls, Width: 1280, Height: 600, Screen: 720, Measure: fyneMeasure}
	l := LayoutWhole(in)
	if len(l.Cards) != 120 {
		t.Fatalf("%d cards shown, want 120", len(l.Cards))
	}
	if len(l.Arrows) != len(ls) {
		t.Errorf("%d arrows drawn, want %d (straight ones, past the routed size)", len(l.Arrows), len(ls))
	}
	for i, c := range l.Cards {
		if c.Rect.Bottom() > in.Height+1e-6 || c.Rect.Right() > in.Width+1e-6 {
			t.Errorf("card %d out of the view: %v", c.ID, c.Rect)
		}
		for _, o := range l.Cards[i+1:] {
			if c.Rect.Intersects(o.Rect) {
				t.Errorf("cards %d and %d overlap", c.ID, o.ID)
			}
		}
	}
}

// BenchmarkLayoutWhole30 is one re-flow of a 30-card board with 15
// arrows for a 1080p screen: what a live change while presenting costs.
func BenchmarkLayoutWhole30(b *testing.B) {
	test.NewTempApp(b)
	fs, ls, _ := realBoard(30, false)
	in := WholeInput{Factors: fs, Links: ls, Width: 1920, Height: 940, Screen: 1080, Measure: fyneMeasure}
	for b.Loop() {
		LayoutWhole(in)
	}
}
