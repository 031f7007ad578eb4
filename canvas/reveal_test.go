package canvas

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/debrief-app/debrief/app/model"
)

// roomDossier is the sample board plus cards written in the room: three
// face down (two technical, one context) and one hidden.
func roomDossier(t *testing.T) (*model.Dossier, []int64) {
	d := sampleDossier(t)
	var ids []int64
	add := func(id int64, c model.Category, face model.Face) {
		d.Factors = append(d.Factors, model.Factor{ID: id, DebriefID: 1, Text: "room card", Category: c,
			W: model.DefaultCardWidth, H: model.DefaultCardHeight, Face: face})
		if face == model.FaceDown {
			ids = append(ids, id)
		}
	}
	add(900, model.Technical, model.FaceDown)
	add(901, model.Technical, model.FaceDown)
	d.Factors[len(d.Factors)-2].Text = "room card B"
	d.Factors[len(d.Factors)-1].Text = "room card A"
	add(902, model.Context, model.FaceDown)
	add(903, model.Process, model.FaceHidden)
	return d, ids
}

func TestFaceDownCardsAreCountedNotDrawn(t *testing.T) {
	d, down := roomDossier(t)
	tb := newTestBoard(t, d, 1280, 800)
	for _, id := range append(down, 903) {
		if _, ok := tb.Factor(id); ok {
			t.Errorf("card %d is on the board before it is revealed", id)
		}
	}
	got := tb.FaceDown()
	if got[model.Technical] != 2 || got[model.Context] != 1 || tb.FaceDownCount() != 3 {
		t.Errorf("face-down counts %v (%d); want 2 technical, 1 context, 3 in all, the hidden card not counted", got, tb.FaceDownCount())
	}
}

func TestRevealAllPlacesCardsInTheirColumnWithoutOverlap(t *testing.T) {
	d, down := roomDossier(t)
	tb := newTestBoard(t, d, 1280, 800)
	before := len(tb.Factors())
	if n := tb.RevealAll(); n != 3 {
		t.Fatalf("RevealAll = %d, want 3", n)
	}
	if tb.FaceDownCount() != 0 || len(tb.Factors()) != before+3 {
		t.Fatalf("after reveal: %d face down, %d cards; want 0 and %d", tb.FaceDownCount(), len(tb.Factors()), before+3)
	}
	// Each revealed technical card sits at the left edge of a technical card
	// already on the board, and no two cards overlap.
	techX := map[float64]bool{}
	for _, f := range sampleDossier(t).Factors {
		if f.Category == model.Technical {
			techX[f.X] = true
		}
	}
	for _, id := range down[:2] {
		f, _ := tb.Factor(id)
		if len(techX) > 0 && !techX[f.X] {
			t.Errorf("technical card %d revealed at x=%v, not in a technical column %v", id, f.X, techX)
		}
	}
	all := tb.Factors()
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			a, b := all[i], all[j]
			ra, rb := Rect{X: a.X, Y: a.Y, W: a.W, H: a.H}, Rect{X: b.X, Y: b.Y, W: b.W, H: b.H}
			if (a.ID >= 900 || b.ID >= 900) && ra.Inset(1).Intersects(rb.Inset(1)) {
				t.Errorf("revealed card overlaps: %d %+v and %d %+v", a.ID, ra, b.ID, rb)
			}
		}
	}
	// One undo step turns them all face down again.
	tb.Undo()
	if tb.FaceDownCount() != 3 || len(tb.Factors()) != before {
		t.Errorf("after undo: %d face down, %d cards; want 3 and %d", tb.FaceDownCount(), len(tb.Factors()), before)
	}
}

func TestRevealNextAndHide(t *testing.T) {
	d, down := roomDossier(t)
	tb := newTestBoard(t, d, 1280, 800)
	// Technical before Context, then by text: "room card A" before "room card B";
	// the card written first (900, "room card B") is not the first turned over.
	if id := tb.RevealNext(); id != down[1] {
		t.Fatalf("RevealNext = %d, want %d: by category, then text, not by when it was written", id, down[1])
	}
	if tb.FaceDownCount() != 2 {
		t.Errorf("%d face down after revealing one; want 2", tb.FaceDownCount())
	}
	tb.HideCards(down[1])
	if _, ok := tb.Factor(down[1]); ok || tb.FaceDownCount() != 2 {
		t.Error("a hidden card is still on the board, or counted face down")
	}
	last := tb.lastChange()
	if len(last.Factors) != 1 || last.Factors[0].Face != model.FaceHidden {
		t.Errorf("hiding stored %+v; want the card marked hidden, not deleted", last)
	}
	tb.Undo()
	if _, ok := tb.Factor(down[1]); !ok {
		t.Error("undoing the hide did not bring the card back")
	}
}

// Cards revealed off screen bring the whole board into view.
func TestRevealShowsWhatItTurnedOver(t *testing.T) {
	d, _ := roomDossier(t)
	tb := newTestBoard(t, d, 1280, 800)
	tb.ZoomActual()
	tb.SetViewport(Viewport{Zoom: 2, X: -5000, Y: -5000}) // far away from every card
	tb.RevealAll()
	size := tb.Size()
	view := tb.Viewport().Visible(size.Width, size.Height)
	for _, id := range []int64{900, 901, 902} {
		f, _ := tb.Factor(id)
		if !view.Contains(Point{X: f.X, Y: f.Y}) || !view.Contains(Point{X: f.X + f.W, Y: f.Y + f.H}) {
			t.Errorf("card %d at %v,%v is revealed outside the view %+v", id, f.X, f.Y, view)
		}
	}
}

// A card made by double-click says its category while it is typed, and
// Ctrl+Down gives it the next one before it is stored.
func TestNewCardShowsAndChangesItsCategory(t *testing.T) {
	tb := newTestBoard(t, nil, 1280, 800)
	tb.SetCategory(model.Lucky)
	id := tb.CreateAt(Point{X: 100, Y: 100})
	e := tb.edit.entry
	if !strings.HasPrefix(e.PlaceHolder, "Lucky") {
		t.Errorf("the new card's editor says %q; want its category first", e.PlaceHolder)
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.HasPrefix(e.PlaceHolder, "Technical") {
		t.Errorf("after Ctrl+Down the editor says %q; want the next category, Technical (after Lucky, the last)", e.PlaceHolder)
	}
	e.SetText("Fatigue")
	tb.CommitEdit()
	if f, _ := tb.Factor(id); f.Category != model.Technical || f.Text != "Fatigue" {
		t.Errorf("stored %+v; want the Technical card typed", f)
	}
	tb.SetNames([]string{"Ana"})
	var author *fyne.MenuItem
	for _, it := range tb.cardMenu(id).Items {
		if it.Label == "Author" {
			author = it
		}
	}
	if author == nil || len(author.ChildMenu.Items) != 2 || author.ChildMenu.Items[0].Label != "Anonymous" ||
		!author.ChildMenu.Items[0].Checked || author.ChildMenu.Items[1].Label != "Ana" {
		t.Fatalf("the card's menu offers no Author ▸ Anonymous (ticked), Ana: %+v", author)
	}
	author.ChildMenu.Items[1].Action()
	if f, _ := tb.Factor(id); f.Author != "Ana" {
		t.Errorf("the author is %q after Author ▸ Ana", f.Author)
	}
	tb.Undo()
	if f, _ := tb.Factor(id); f.Author != "" {
		t.Errorf("undo left the author %q", f.Author)
	}
}

// A card at the bottom of the view is typed in above the legend.
func TestEditorStaysAboveTheLegend(t *testing.T) {
	tb := newTestBoard(t, nil, 1280, 800)
	tb.SetViewport(Viewport{Zoom: 1})
	id := tb.CreateAt(tb.vp.ToBoard(640, 790)) // centred on the bottom edge
	if id == 0 {
		t.Fatal("no card")
	}
	tb.Refresh()
	r := tb.r
	e := tb.edit.entry
	if bottom, top := e.Position().Y+e.Size().Height, r.legend.Position().Y; bottom > top {
		t.Errorf("the editor ends at y=%v, under the legend at y=%v", bottom, top)
	}
	if e.Position().Y < 0 || e.Position().X < 0 || e.Position().X+e.Size().Width > 1280 {
		t.Errorf("the editor is at %v, size %v: off the board", e.Position(), e.Size())
	}
}

// A template's question is on the board, drawn as a question; writing its
// text makes it a factor.
func TestTemplateQuestionBecomesAFactorWhenWritten(t *testing.T) {
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "Q"}, Factors: []model.Factor{
		{ID: 1, DebriefID: 1, Text: "What changed just before?", Category: model.Technical, W: 220, H: 120, Face: model.FacePrompt},
	}}
	tb := newTestBoard(t, d, 1280, 800)
	if _, ok := tb.Factor(1); !ok {
		t.Fatal("the template's question is not on the board")
	}
	tb.Refresh()
	if v := tb.r.views[1]; v == nil || !strings.HasPrefix(v.tag.Text, "QUESTION") {
		t.Error("the question is not drawn as a question")
	}
	tb.SetText(1, "A config flag flipped during the deploy")
	if f, _ := tb.Factor(1); f.Face != model.FaceUp {
		t.Errorf("after its text was written the card is face %d, want a factor", f.Face)
	}
	tb.Refresh()
	if v := tb.r.views[1]; v == nil || strings.HasPrefix(v.tag.Text, "QUESTION") {
		t.Error("the answered card is still drawn as a question")
	}
}

// A card takes model.MaxCardTyped characters: a longer paste is cut and says
// so; a card already longer (imported) keeps its text whole.
func TestCardEditorTakesAtMostMaxTyped(t *testing.T) {
	long := strings.Repeat("x", model.MaxCardTyped+500)
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "L"}, Factors: []model.Factor{
		{ID: 1, DebriefID: 1, Text: "short", Category: model.Technical, W: 220, H: 120},
		{ID: 2, DebriefID: 1, Text: long, Category: model.Technical, X: 300, W: 220, H: 120},
	}}
	tb := newTestBoard(t, d, 1280, 800)
	var said []string
	tb.OnFull = func(msg string) { said = append(said, msg) }
	tb.Edit(1)
	e := tb.edit.entry
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: testClipboard(strings.Repeat("y", model.MaxCardTyped))})
	if n := len([]rune(e.Text)); n != model.MaxCardTyped {
		t.Errorf("after a long paste the card holds %d characters, want %d", n, model.MaxCardTyped)
	}
	e.TypedRune('z')
	if n := len([]rune(e.Text)); n != model.MaxCardTyped || len(said) != 2 {
		t.Errorf("typing into a full card: %d characters, said %q", n, said)
	}
	tb.CancelEdit()
	tb.Edit(2)
	if tb.edit.entry.Text != long {
		t.Error("a card longer than the limit was cut when opened")
	}
	tb.CommitEdit()
	if f, _ := tb.Factor(2); f.Text != long {
		t.Error("committing a long card unchanged cut it")
	}
}

type testClipboard string

func (c testClipboard) Content() string   { return string(c) }
func (c testClipboard) SetContent(string) {}

// A card far longer than a card can be typed (imported) is not opened in
// the editor, which would freeze the window; the board says why.
func TestHugeCardIsNotOpenedInTheEditor(t *testing.T) {
	huge := strings.Repeat("h", model.MaxTyped+1)
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "H"}, Factors: []model.Factor{
		{ID: 1, DebriefID: 1, Text: huge, Category: model.Technical, W: 220, H: 120},
	}}
	tb := newTestBoard(t, d, 1280, 800)
	var said string
	tb.OnFull = func(msg string) { said = msg }
	tb.Edit(1)
	if tb.Editing() != 0 || !strings.Contains(said, "kept whole") {
		t.Errorf("editing: %d, said %q; want no editor and why", tb.Editing(), said)
	}
	if f, _ := tb.Factor(1); f.Text != huge {
		t.Error("the huge card's text changed")
	}
}

func TestBoardCountsPendingVotes(t *testing.T) {
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "V"}, Factors: []model.Factor{
		{ID: 1, DebriefID: 1, Text: "a", Category: model.Technical, W: 220, H: 120, Pending: 2},
		{ID: 2, DebriefID: 1, Text: "b", Category: model.Technical, X: 300, W: 220, H: 120, Pending: 1, Votes: 4},
		{ID: 3, DebriefID: 1, Text: "c", Category: model.Technical, X: 600, W: 220, H: 120, Face: model.FaceHidden, Pending: 5},
	}}
	if n := newTestBoard(t, d, 800, 600).PendingVotes(); n != 3 {
		t.Errorf("pending votes %d; want 3 (the hidden card's not counted)", n)
	}
}
