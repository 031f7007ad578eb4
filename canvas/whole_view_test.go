package canvas

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
)

// wholeOf shows tb's board in a whole view of size w×h in a window of its own.
func wholeOf(t *testing.T, tb *testBoard, w, h float32) *WholeView {
	t.Helper()
	v := NewWholeView(tb.Board)
	t.Cleanup(v.Close)
	win := test.NewTempWindow(t, v)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return v
}

// textsOf lists the texts a view draws.
func textsOf(v *WholeView) []string {
	var out []string
	for _, o := range test.WidgetRenderer(v).Objects() {
		if t, ok := o.(*canvas.Text); ok && !t.Hidden {
			out = append(out, t.Text)
		}
	}
	return out
}

// The whole view of the sample fits its cards in the window, readable,
// and changes nothing on the board: the cards keep their places.
func TestWholeViewLeavesTheBoardAlone(t *testing.T) {
	d := sampleDossier(t)
	tb := newTestBoard(t, d, 1000, 700)
	before := tb.Factors()
	v := wholeOf(t, tb, 1920, 1080)
	l := v.Layout()
	checkWhole(t, l, WholeInput{Factors: before, Width: 1920, Height: 1080, Screen: 1080})
	if after := tb.Factors(); !slices.Equal(after, before) {
		t.Error("the whole view moved cards on the board")
	}
	if len(tb.changes) != 0 {
		t.Errorf("the whole view made %d changes", len(tb.changes))
	}
	all := strings.Join(textsOf(v), " ")
	for _, f := range before {
		if first := strings.Fields(f.Text)[0]; !strings.Contains(all, first) {
			t.Errorf("card %q is not shown", f.Text)
		}
	}
}

// A card added or edited while the whole view shows re-flows it; a
// face-down card is never shown.
func TestWholeViewFollowsTheBoard(t *testing.T) {
	d := sampleDossier(t)
	d.Factors = append(d.Factors, model.Factor{ID: 900, DebriefID: 1, Text: "Secret written in the room", Category: model.Process,
		W: model.DefaultCardWidth, H: model.DefaultCardHeight, Face: model.FaceDown})
	tb := newTestBoard(t, d, 1000, 700)
	v := wholeOf(t, tb, 1280, 620)
	n := len(v.Layout().Cards)
	id := tb.AddCard("Nobody had slept", model.People)
	if got := len(v.Layout().Cards); got != n+1 {
		t.Fatalf("%d cards after adding one, want %d", got, n+1)
	}
	tb.SetText(id, "Nobody had slept the night before")
	if all := strings.Join(textsOf(v), " "); !strings.Contains(all, "the night") {
		t.Errorf("the edit is not shown: %q", all)
	}
	if all := strings.Join(textsOf(v), " "); strings.Contains(all, "Secret") {
		t.Error("a face-down card's text is shown")
	}
}

// A fishbone shows its head whole, in bone order.
func TestWholeViewFishboneHead(t *testing.T) {
	d := sampleDossier(t)
	d.Debrief.Title = "Lake trip: the canoe tipped over and we lost the food bag"
	tb := newTestBoard(t, d, 1000, 700)
	tb.ArrangeFishbone()
	v := wholeOf(t, tb, 1280, 620)
	l := v.Layout()
	if l.Head.Empty() {
		t.Fatal("no head")
	}
	if got := strings.Join(l.HeadLines, " "); got != d.Debrief.Title {
		t.Errorf("the head reads %q, want %q", got, d.Debrief.Title)
	}
}

// The fishbone's head shows the whole title inside its box at any zoom:
// at 25 % it was laid out for 100 % and ran out of the box ("we los").
func TestFishboneHeadFitsWhenZoomedOut(t *testing.T) {
	d := sampleDossier(t)
	d.Debrief.Title = "Lake trip: the canoe tipped over and we lost the food bag"
	tb := newTestBoard(t, d, 1280, 720)
	tb.ArrangeFishbone()
	for _, zoom := range []float64{0.25, 0.4, 0.6, 1, 2} {
		vp := tb.Viewport()
		vp.Zoom = zoom
		c := tb.Skeleton().Head.Center()
		vp.X, vp.Y = c.X-640/zoom, c.Y-360/zoom
		tb.SetViewport(vp)
		sv := tb.r.skelView
		head := sv.head
		var words []string
		for _, tx := range sv.headText {
			if tx.Hidden {
				continue
			}
			words = append(words, tx.Text)
			w := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width
			if tx.Position().X+w > head.Position().X+head.Size().Width+0.5 || tx.Position().Y+tx.TextSize > head.Position().Y+head.Size().Height {
				t.Errorf("at %.0f %%: %q at %v (%.1f wide) runs out of the head at %v %v", zoom*100, tx.Text, tx.Position(), w, head.Position(), head.Size())
			}
		}
		if got := strings.Join(words, " "); got != d.Debrief.Title {
			t.Errorf("at %.0f %% the head reads %q, want %q", zoom*100, got, d.Debrief.Title)
		}
	}
}

// A card nudged on the board without changing the reading order is not
// re-flowed: a drag in the main window must not re-lay the audience's
// view out on every step. One moved above its neighbour is.
func TestWholeViewReflowsOnlyForTheOrder(t *testing.T) {
	d := sampleDossier(t)
	tb := newTestBoard(t, d, 1000, 700)
	v := wholeOf(t, tb, 1280, 620)
	key := v.key
	var col []model.Factor
	for _, f := range tb.Factors() {
		if f.Category == model.Technical {
			col = append(col, f)
		}
	}
	if len(col) < 2 {
		t.Fatal("the sample has fewer than two technical cards")
	}
	slices.SortFunc(col, func(a, b model.Factor) int { return int(a.Y - b.Y) })
	tb.Select(col[0].ID)
	tb.Nudge(5, 0)
	if v.key != key {
		t.Error("a nudge that kept the order re-flowed the view")
	}
	tb.Nudge(-5, col[1].Y-col[0].Y+10)
	if v.key == key {
		t.Error("a card moved below its neighbour did not re-flow the view")
	}
}

// The card the facilitator selects stands out in the whole view too, and
// a template's question says it is one.
func TestWholeViewSelectionAndPrompts(t *testing.T) {
	d := sampleDossier(t)
	d.Factors = append(d.Factors, model.Factor{ID: 901, DebriefID: 1, Text: "What changed just before?", Category: model.Context,
		W: model.DefaultCardWidth, H: model.DefaultCardHeight, Face: model.FacePrompt})
	tb := newTestBoard(t, d, 1000, 700)
	v := wholeOf(t, tb, 1280, 620)
	halos := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(v).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == v.Theme().Color("primary", 0) {
				n++
			}
		}
		return n
	}
	before := halos()
	tb.Select(d.Factors[0].ID)
	if halos() != before+1 {
		t.Error("the selected card is not outlined in the whole view")
	}
	if all := strings.Join(textsOf(v), " "); !strings.Contains(all, "QUESTION") || !strings.Contains(all, "What changed just before?") {
		t.Errorf("the question is not shown as one: %q", all)
	}
}

// Hidden (the board shown as laid out instead), the view does not re-flow
// on every change; shown again, it is up to date.
func TestWholeViewHiddenWaits(t *testing.T) {
	d := sampleDossier(t)
	tb := newTestBoard(t, d, 1000, 700)
	v := wholeOf(t, tb, 1280, 620)
	n := len(v.Layout().Cards)
	v.Hide()
	tb.AddCard("Nobody had slept", model.People)
	if got := len(v.Layout().Cards); got != n {
		t.Errorf("hidden, the view re-flowed to %d cards", got)
	}
	v.Show()
	if got := len(v.Layout().Cards); got != n+1 {
		t.Errorf("shown again, the view has %d cards, want %d", got, n+1)
	}
}
