package canvas

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/geom"
)

func card(id int64, c model.Category, x, y float64) model.Factor {
	return model.Factor{ID: id, DebriefID: 1, Text: fmt.Sprint("card ", id), Category: c, X: x, Y: y,
		W: model.DefaultCardWidth, H: model.DefaultCardHeight, Z: int(id), Votes: int(id % 3)}
}

// randomFactors makes n cards of random categories scattered over a board,
// with mixed sizes when mixed is set.
func randomFactors(rng *rand.Rand, n int, mixed bool) []model.Factor {
	cats := model.Categories()
	fs := make([]model.Factor, n)
	for i := range fs {
		fs[i] = card(int64(1000-i), cats[rng.Intn(len(cats))], rng.Float64()*6000-3000, rng.Float64()*4000-500)
		if mixed {
			fs[i].W, fs[i].H = 120+rng.Float64()*360, 60+rng.Float64()*240
		}
	}
	return fs
}

func factorsTopLeft(fs []model.Factor) Point {
	p := Point{X: math.Inf(1), Y: math.Inf(1)}
	for _, f := range fs {
		p.X, p.Y = math.Min(p.X, f.X), math.Min(p.Y, f.Y)
	}
	return p
}

// checkCopies fails unless out holds the same cards as in, in the same
// order with only X and Y changed, and in still equals orig.
func checkCopies(t *testing.T, orig, in, out []model.Factor) {
	t.Helper()
	if !slices.Equal(orig, in) {
		t.Error("the input slice was modified")
	}
	if len(out) != len(in) {
		t.Fatalf("got %d cards, want %d", len(out), len(in))
	}
	for i := range in {
		want := in[i]
		want.X, want.Y = out[i].X, out[i].Y
		if out[i] != want {
			t.Errorf("card %d: more than X/Y changed:\n got %+v\nwant %+v", i, out[i], want)
		}
	}
}

func checkNoOverlap(t *testing.T, out []model.Factor) {
	t.Helper()
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if factorRect(out[i]).Intersects(factorRect(out[j])) {
				t.Fatalf("cards %d and %d overlap: %v and %v", out[i].ID, out[j].ID, factorRect(out[i]), factorRect(out[j]))
			}
		}
	}
}

func TestArrangeByCategory(t *testing.T) {
	in := []model.Factor{
		card(1, model.Process, 500, 300),
		card(2, model.Technical, 900, 100),
		card(3, model.Process, 100, 200),
		card(4, model.Technical, 50, 100), // same Y as 2, smaller X
		card(5, model.Lucky, -80, 900),
		card(6, model.Technical, 0, 40),
		card(7, model.Process, 100, 200), // same place as 3: ID decides
	}
	in[2].W = 300 // the Process column is 300 wide
	in[1].H = 200
	orig := slices.Clone(in)
	out := ArrangeByCategory(in)
	checkCopies(t, orig, in, out)
	checkNoOverlap(t, out)

	left, top := -80.0, 40.0 // the cards' old top-left
	want := map[int64]Point{
		// Technical, by old Y then X: 6, 4, 2.
		6: {X: left, Y: top},
		4: {X: left, Y: top + 120 + CardGap},
		2: {X: left, Y: top + 2*(120+CardGap)},
		// Process: 3, 7, 1, in a column 220+40 to the right.
		3: {X: left + 220 + ColumnGap, Y: top},
		7: {X: left + 220 + ColumnGap, Y: top + 120 + CardGap},
		1: {X: left + 220 + ColumnGap, Y: top + 2*(120+CardGap)},
		// Lucky after the 300-wide Process column.
		5: {X: left + 220 + ColumnGap + 300 + ColumnGap, Y: top},
	}
	for _, f := range out {
		if p := (Point{X: f.X, Y: f.Y}); p != want[f.ID] {
			t.Errorf("card %d at %v, want %v", f.ID, p, want[f.ID])
		}
	}
}

func TestArrangeByCategoryColumns(t *testing.T) {
	for _, n := range []int{1, 7, 40, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			in := randomFactors(rand.New(rand.NewSource(int64(n))), n, true)
			orig := slices.Clone(in)
			out := ArrangeByCategory(in)
			checkCopies(t, orig, in, out)
			checkNoOverlap(t, out)
			if got, want := factorsTopLeft(out), factorsTopLeft(in); got != want {
				t.Errorf("top-left moved from %v to %v", want, got)
			}
			// Columns follow the category order, left to right.
			var cols []model.Category
			for _, c := range model.Categories() {
				if slices.ContainsFunc(in, func(f model.Factor) bool { return f.Category == c }) {
					cols = append(cols, c)
				}
			}
			col := func(c model.Category) int { return slices.Index(cols, c) }
			for i, a := range out {
				for j, b := range out {
					switch {
					case col(a.Category) < col(b.Category) && a.X >= b.X:
						t.Fatalf("card %d (column %d) is not left of card %d (column %d)", a.ID, col(a.Category), b.ID, col(b.Category))
					case a.Category == b.Category && a.X != b.X:
						t.Fatalf("cards %d and %d of one column have different X", a.ID, b.ID)
					case a.Category == b.Category && in[i].Y < in[j].Y && a.Y >= b.Y:
						t.Fatalf("card %d was above card %d but is not any more", a.ID, b.ID)
					}
				}
			}
		})
	}
}

func TestArrangeByCategoryEmpty(t *testing.T) {
	if out := ArrangeByCategory(nil); out != nil {
		t.Errorf("ArrangeByCategory(nil) = %v", out)
	}
}

// segmentHitsRect reports whether s passes through r (edges included).
func segmentHitsRect(s Segment, r Rect) bool {
	return geom.Rect(r).Crosses(geom.Point(s.A), geom.Point(s.B))
}

// boneXAt is where the bone's line is at height y, and whether the bone
// reaches that height.
func boneXAt(b Bone, y float64) (float64, bool) {
	a, j := b.Line.A, b.Line.B
	if y < math.Min(a.Y, j.Y) || y > math.Max(a.Y, j.Y) || a.Y == j.Y {
		return 0, false
	}
	return a.X + (j.X-a.X)*(y-a.Y)/(j.Y-a.Y), true
}

// checkFishbone checks the promises ArrangeFishbone makes about a layout.
func checkFishbone(t *testing.T, in, out []model.Factor, sk Skeleton, head string) {
	t.Helper()
	orig := slices.Clone(in)
	checkCopies(t, orig, in, out)
	checkNoOverlap(t, out)

	if sk.Empty() || sk.HeadText != head {
		t.Fatalf("skeleton empty or with head %q", sk.HeadText)
	}
	spineY := sk.Spine.A.Y
	if sk.Spine.B.Y != spineY || sk.Spine.A.X >= sk.Spine.B.X {
		t.Fatalf("spine %v is not horizontal, running left from the head", sk.Spine)
	}
	if sk.Head.W < 260 || sk.Head.H < 160 || sk.Head.X != sk.Spine.B.X || spineY <= sk.Head.Y || spineY >= sk.Head.Bottom() {
		t.Errorf("head %v is not a ≥260×160 box at the spine's right end %v", sk.Head, sk.Spine.B)
	}

	// The diagram's top-left is the cards' old top-left.
	all := extentOf(sk.Bounds())
	for _, f := range out {
		all = all.grow(factorRect(f))
	}
	if want := factorsTopLeft(in); len(in) > 0 && (all.x0 != want.X || all.y0 != want.Y) {
		t.Errorf("diagram top-left %v, %v; want %v", all.x0, all.y0, want)
	}

	bones := make(map[model.Category]Bone)
	fish := extentOf(sk.Head)
	for i, b := range sk.Bones {
		bones[b.Category] = b
		fish = fish.grow(pointBox(b.Line.A)).grow(b.Label.Rect())
		if b.Line.B.Y != spineY || b.Line.B.X < sk.Spine.A.X || b.Line.B.X > sk.Spine.B.X {
			t.Errorf("bone %s does not meet the spine: %v", b.Category, b.Line)
		}
		if b.Line.A.X >= b.Line.B.X {
			t.Errorf("bone %s does not lean towards the head: %v", b.Category, b.Line)
		}
		if above := b.Line.A.Y < spineY; above != (i%2 == 0) {
			t.Errorf("bone %d (%s) is on the wrong side: bones alternate, the first above", i, b.Category)
		}
		if b.Label.Text != b.Category.Label() {
			t.Errorf("bone %s is labelled %q", b.Category, b.Label.Text)
		}
		if lr := b.Label.Rect(); lr.X > b.Line.A.X || lr.Right() < b.Line.A.X {
			t.Errorf("bone %s: label %v is not at the outer end %v", b.Category, lr, b.Line.A)
		}
		for _, o := range sk.Bones[i+1:] {
			if b.Label.Rect().Intersects(o.Label.Rect()) {
				t.Errorf("labels of %s and %s overlap", b.Category, o.Category)
			}
		}
	}

	var extras []model.Factor
	for _, f := range out {
		r := factorRect(f)
		if f.Category == model.WentWell || f.Category == model.Lucky {
			extras = append(extras, f)
			continue
		}
		fish = fish.grow(r)
		own, ok := bones[f.Category]
		if !ok {
			t.Fatalf("card %d: no bone for %s", f.ID, f.Category)
		}
		if r.Intersects(sk.Head) || segmentHitsRect(sk.Spine, r) {
			t.Errorf("card %d %v touches the head or the spine", f.ID, r)
		}
		if (r.Bottom() < spineY) != (own.Line.A.Y < spineY) {
			t.Errorf("card %d %v is not on the same side of the spine as its bone", f.ID, r)
		}
		for _, b := range sk.Bones {
			if segmentHitsRect(b.Line, r) {
				t.Errorf("card %d %v crosses the %s bone %v", f.ID, r, b.Category, b.Line)
			}
			if b.Label.Rect().Intersects(r) {
				t.Errorf("card %d %v covers the %s label", f.ID, r, b.Category)
			}
		}
		// Looking right from the card's middle, its own bone comes first.
		y := r.Center().Y
		first, firstX := model.Category(""), math.Inf(1)
		for _, b := range sk.Bones {
			if x, ok := boneXAt(b, y); ok && x >= r.Right() && x < firstX {
				first, firstX = b.Category, x
			}
		}
		if first != f.Category {
			t.Errorf("card %d (%s) at %v: the nearest bone to its right is %q", f.ID, f.Category, r, first)
		}
	}
	for _, f := range extras {
		if f.Y < fish.y1 {
			t.Errorf("%s card %d at y %v is not below the fish (bottom %v)", f.Category, f.ID, f.Y, fish.y1)
		}
	}
	var wantExtras []string
	for _, c := range []model.Category{model.WentWell, model.Lucky} {
		if slices.ContainsFunc(in, func(f model.Factor) bool { return f.Category == c }) {
			wantExtras = append(wantExtras, c.Label())
		}
	}
	var gotExtras []string
	for _, l := range sk.Extras {
		gotExtras = append(gotExtras, l.Text)
		if l.At.Y < fish.y1 {
			t.Errorf("caption %q is not below the fish", l.Text)
		}
		for _, f := range out {
			if l.Rect().Intersects(factorRect(f)) {
				t.Errorf("caption %q covers card %d", l.Text, f.ID)
			}
		}
	}
	if !slices.Equal(gotExtras, wantExtras) {
		t.Errorf("extra captions %q, want %q", gotExtras, wantExtras)
	}
}

func TestArrangeFishbone(t *testing.T) {
	oneEach := make([]model.Factor, 0, 7)
	for i, c := range model.Categories() {
		oneEach = append(oneEach, card(int64(i+1), c, float64(i*300), float64(i*50)))
	}
	bigCategory := randomFactors(rand.New(rand.NewSource(3)), 80, true)
	for i := range 60 {
		bigCategory[i].Category = model.People
	}
	onlyCauses := randomFactors(rand.New(rand.NewSource(4)), 30, false)
	for i := range onlyCauses {
		if c := onlyCauses[i].Category; c == model.WentWell || c == model.Lucky {
			onlyCauses[i].Category = model.Warning
		}
	}
	tests := []struct {
		name string
		in   []model.Factor
	}{
		{"one card", []model.Factor{card(9, model.Technical, -400, 1200)}},
		{"one went-well card", []model.Factor{card(9, model.WentWell, 10, 10)}},
		{"one per category", oneEach},
		{"40 random", randomFactors(rand.New(rand.NewSource(1)), 40, false)},
		{"200 random mixed sizes", randomFactors(rand.New(rand.NewSource(2)), 200, true)},
		{"60 in one category", bigCategory},
		{"causes only", onlyCauses},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := "Checkout was down for 40 minutes"
			out, sk := ArrangeFishbone(tt.in, head)
			checkFishbone(t, tt.in, out, sk, head)
		})
	}
}

func TestArrangeFishboneStaysCompact(t *testing.T) {
	in := make([]model.Factor, 60)
	for i := range in {
		in[i] = card(int64(i+1), model.Process, 0, float64(i*150))
	}
	out, sk := ArrangeFishbone(in, "Outage")
	checkFishbone(t, in, out, sk, "Outage")
	b := extentOf(sk.Bounds())
	for _, f := range out {
		b = b.grow(factorRect(f))
	}
	if w, h := b.x1-b.x0, b.y1-b.y0; h > 2000 || w > 4000 {
		t.Errorf("60 cards of one category take %v×%v board units", w, h)
	}
	xs := map[float64]bool{}
	for _, f := range out {
		xs[f.X] = true
	}
	if len(xs) < 4 {
		t.Errorf("60 cards stacked in %d columns", len(xs))
	}
	// Reading order is kept: the column beside the bone starts with the
	// first cards, top to bottom.
	if !(out[0].X > out[len(out)-1].X && out[0].Y < out[1].Y) {
		t.Errorf("first cards not beside the bone in order: %v, %v, last %v", out[0], out[1], out[len(out)-1])
	}
}

func TestArrangeFishboneEmpty(t *testing.T) {
	out, sk := ArrangeFishbone(nil, "Lost data")
	if out != nil {
		t.Errorf("cards = %v, want nil", out)
	}
	if sk.Empty() || len(sk.Bones) != 0 || len(sk.Extras) != 0 || sk.HeadText != "Lost data" {
		t.Fatalf("skeleton = %+v, want just spine and head", sk)
	}
	if b := sk.Bounds(); b.X != 0 || b.Y != 0 || b.W < 260 || b.H < 160 {
		t.Errorf("empty fishbone bounds %v, want at the origin", b)
	}
	if sk.Head.W < 260 || sk.Head.H < 160 || sk.Spine.B != (Point{X: sk.Head.X, Y: sk.Head.Center().Y}) {
		t.Errorf("head %v, spine %v", sk.Head, sk.Spine)
	}
}

func TestArrangeFishboneLongHead(t *testing.T) {
	head := "The nightly export wrote half-finished files to the shared bucket, and the morning reports picked them up before anyone noticed, so finance closed the quarter on wrong numbers"
	in := randomFactors(rand.New(rand.NewSource(5)), 20, false)
	out, sk := ArrangeFishbone(in, head)
	checkFishbone(t, in, out, sk, head)
	if sk.Head.W <= 260 && sk.Head.H <= 160 {
		t.Errorf("head box %v did not grow for a long title", sk.Head)
	}
}

func TestArrangeSkeleton(t *testing.T) {
	var zero Skeleton
	if !zero.Empty() || zero.Bounds() != (Rect{}) {
		t.Errorf("zero skeleton: Empty %v, Bounds %v", zero.Empty(), zero.Bounds())
	}
	sk := Skeleton{
		Spine: Segment{A: Point{X: 0, Y: 100}, B: Point{X: 500, Y: 100}},
		Head:  Rect{X: 500, Y: 20, W: 260, H: 160},
		Bones: []Bone{{Category: model.People, Line: Segment{A: Point{X: -50, Y: -200}, B: Point{X: 100, Y: 100}},
			Label: Label{Text: "People", At: Point{X: -80, Y: -240}}}},
		Extras: []Label{{Text: "Lucky", At: Point{X: 0, Y: 400}}},
	}
	if sk.Empty() {
		t.Error("skeleton with a spine reports Empty")
	}
	want := Rect{X: -80, Y: -240, W: 840, H: 400 + LabelHeight + 240}
	if got := sk.Bounds(); got != want {
		t.Errorf("Bounds = %v, want %v", got, want)
	}
	if got := (Label{Text: "Lucky", At: Point{X: 1, Y: 2}}).Rect(); got.W <= 0 || got.H != LabelHeight || got.X != 1 || got.Y != 2 {
		t.Errorf("Label.Rect = %v", got)
	}
}

func BenchmarkArrangeFishbone200(b *testing.B) {
	in := randomFactors(rand.New(rand.NewSource(2)), 200, true)
	b.ReportAllocs()
	for b.Loop() {
		ArrangeFishbone(in, "Checkout was down")
	}
}

// Undoing an arrangement shows the board as it was before it: the cards
// in their places, the same part of the board at the same zoom, the same
// selection, no fishbone drawing (it left the zoom at the arrangement's
// and every card selected). Redo arranges and fits again.
func TestUndoArrangeRestoresTheView(t *testing.T) {
	tb := newTestBoard(t, sampleDossier(t), 1280, 800)
	first := tb.Factors()[0].ID
	tb.SetViewport(Viewport{X: 100, Y: 50, Zoom: 1.5})
	tb.Select(first)
	view := tb.Viewport()
	tb.ArrangeFishbone()
	if tb.Skeleton().Empty() || tb.Viewport() == view {
		t.Fatal("the arrangement drew no fishbone or kept the view")
	}
	arranged := tb.Viewport()
	tb.Undo()
	if got := tb.Viewport(); got != view {
		t.Errorf("after undo the view is %+v, want %+v as before", got, view)
	}
	if got := tb.Selection(); len(got) != 1 || got[0] != first {
		t.Errorf("after undo %d cards are selected, want the one selected before", len(got))
	}
	if !tb.Skeleton().Empty() {
		t.Error("after undo the fishbone drawing stays")
	}
	tb.Redo()
	if tb.Skeleton().Empty() || tb.Viewport() != arranged || len(tb.Selection()) != 0 {
		t.Errorf("redo: drawing %v, view %+v (want %+v), %d selected", !tb.Skeleton().Empty(), tb.Viewport(), arranged, len(tb.Selection()))
	}
}
