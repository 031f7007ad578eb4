package canvas

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
)

// unbroken is 100,000 characters without a space or a line break: every
// line of it is cut inside a "word".
func unbroken() string {
	return string([]rune(strings.Repeat("故障x", modeltest.LongLen/3+1))[:modeltest.LongLen])
}

// exoticBoard has a card for every exotic string, the unbroken one, and
// one of nothing but control characters and NULs, with exotic authors,
// in a grid.
func exoticBoard() (*model.Dossier, map[int64]string) {
	texts := map[int64]string{}
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: modeltest.Short()[0].S}}
	short := modeltest.Short()
	all := append(modeltest.Exotic(),
		modeltest.Text{Name: "unbroken", S: unbroken()},
		modeltest.Text{Name: "only controls", S: "\x00\x01\x02\x1b[2J\x7f\u0085\u202e\x00"})
	for i, x := range all {
		id := int64(i + 1)
		texts[id] = x.S
		d.Factors = append(d.Factors, model.Factor{ID: id, DebriefID: 1, Text: x.S, Category: model.Categories()[i%7],
			X: float64(i%5) * 260, Y: float64(i/5) * 160, W: model.DefaultCardWidth, H: model.DefaultCardHeight, Z: i,
			Author: short[i%len(short)].S, Votes: i % 4})
	}
	for i := 1; i < len(all); i++ {
		d.Links = append(d.Links, model.Link{ID: int64(i), DebriefID: 1, FromID: int64(i), ToID: int64(i + 1), Label: short[i%len(short)].S})
	}
	return d, texts
}

// checkCardsFit fails for a card whose size is outside the board's limits
// or whose drawn text leaves its body or holds a control character.
func checkCardsFit(t *testing.T, tb *testBoard) {
	t.Helper()
	for _, f := range tb.Factors() {
		if f.W != model.DefaultCardWidth || f.H < model.DefaultCardHeight || f.H > 3*model.DefaultCardHeight {
			t.Errorf("card %d is %vx%v; cards grow only in height, up to %d", f.ID, f.W, f.H, 3*model.DefaultCardHeight)
		}
		if err := f.Validate(); err != nil {
			t.Errorf("card %d is not valid: %v", f.ID, err)
		}
		l := tb.layoutOf(&f)
		if h := float64(len(l.tl.lines)) * float64(l.tl.size*lineSpacing); h > l.body.H+0.01 && len(l.tl.lines) > 1 {
			t.Errorf("card %d: %d lines are %v high in a %v body", f.ID, len(l.tl.lines), h, l.body.H)
		}
		for _, line := range l.tl.lines {
			if w := tb.measure(line, l.tl.size); float64(w) > l.body.W {
				t.Errorf("card %d: the line %q is %v wide in a %v body", f.ID, line, w, l.body.W)
			}
			if strings.ContainsFunc(line, unicode.IsControl) || !utf8.ValidString(line) {
				t.Errorf("card %d: the drawn line %+q has a control character", f.ID, line)
			}
		}
		if n := utf8.RuneCountInString(f.Text); n >= 10_000 && !l.tl.truncated {
			t.Errorf("card %d of %d characters is not cut with …", f.ID, n)
		}
	}
}

// TestExoticCardsDraw renders cards of exotic text, the 100,000-character
// ones among them, at 100 %, at 50 %, fitted and far zoomed out: nothing
// panics, every line stays inside its card, and no card changes.
func TestExoticCardsDraw(t *testing.T) {
	d, texts := exoticBoard()
	tb := newTestBoard(t, d, 1280, 800)
	views := []struct {
		name string
		set  func()
		card bool // the card views are drawn, not the overview
	}{
		{"100%", func() { tb.SetViewport(Viewport{X: -20, Y: -20, Zoom: 1}) }, true},
		{"100% on the long card", func() {
			f, _ := tb.Factor(int64(len(modeltest.Short()) + 1))
			tb.SetViewport(Viewport{X: f.X - 20, Y: f.Y - 20, Zoom: 1})
		}, true},
		{"50%", func() { tb.SetViewport(Viewport{X: -20, Y: -20, Zoom: 0.5}) }, true},
		{"fit", tb.ZoomToFit, true},
		{"5%", func() { tb.SetViewport(Viewport{X: -20, Y: -20, Zoom: 0.05}) }, false},
	}
	for _, v := range views {
		v.set()
		img := tb.win.Canvas().Capture()
		if b := img.Bounds(); b.Dx() < 1280 || b.Dy() < 800 {
			t.Errorf("%s: captured %v", v.name, b)
		}
		if v.card && len(tb.VisibleCards()) == 0 {
			t.Errorf("%s: no card is drawn", v.name)
		}
		if !v.card && !tb.overview() {
			t.Errorf("%s: the board is not drawn as an overview", v.name)
		}
	}
	checkCardsFit(t, tb)
	for id, s := range texts {
		f, _ := tb.Factor(id)
		if diff := modeltest.FirstDifference(f.Text, s); diff != "" {
			t.Errorf("drawing changed card %d: %s", id, diff)
		}
	}
	if len(tb.changes) != 0 {
		t.Errorf("drawing reported %d changes", len(tb.changes))
	}
}

// editorLen is how many characters the long cards have in
// TestExoticCardEditor: a tenth of modeltest.LongLen. That is still far more
// than a card shows, so the long card grows to its largest and its text is
// cut with "…" (checkCardsFit expects that from 10,000 characters on), and
// the editor still holds a text of hundreds of wrapped rows. Fyne's Entry
// takes time quadratic in the text's length (it converts the whole text to
// runes once per wrapped row, fyne-io/fyne#5297): with the 100,000-character
// cards this test took 12 s on 2 cores (40 s under -race), with these 2.6 s
// (15 s under -race).
// BenchmarkCardEditor100k times the editor on the whole 100,000 characters.
const editorLen = modeltest.LongLen / 10

// TestExoticCardEditor opens the in-place editor on every exotic card and
// closes it: the editor holds the text byte for byte, so closing it
// without typing changes nothing, NULs and control characters included;
// typing into the long card keeps the card within its size limits. The
// two 100,000-character cards are cut to editorLen characters here.
func TestExoticCardEditor(t *testing.T) {
	d, texts := exoticBoard()
	for i := range d.Factors {
		f := &d.Factors[i]
		if r := []rune(f.Text); len(r) > editorLen {
			f.Text = string(r[:editorLen])
			texts[f.ID] = f.Text
		}
	}
	// A window of one card: each capture paints the card being edited with
	// its editor on top (TestExoticCardsDraw paints them all); a capture of
	// the whole 1280×800 board took about a second under -race.
	tb := newTestBoard(t, d, 300, 420)
	for id := int64(1); id <= int64(len(texts)); id++ {
		want := texts[id]
		card, _ := tb.Factor(id)
		tb.SetViewport(Viewport{X: card.X - 20, Y: card.Y - 20, Zoom: 1})
		tb.Edit(id)
		if tb.Editing() != id {
			t.Fatalf("card %d: the editor did not open", id)
		}
		if diff := modeltest.FirstDifference(tb.EditText(), want); diff != "" {
			t.Errorf("card %d: the editor does not hold the card's text: %s", id, diff)
		}
		tb.win.Canvas().Capture()
		tb.CommitEdit()
		if tb.Editing() != 0 {
			t.Fatalf("card %d: the editor did not close", id)
		}
		f, _ := tb.Factor(id)
		if diff := modeltest.FirstDifference(f.Text, want); diff != "" {
			t.Errorf("card %d: opening and closing the editor changed the text: %s", id, diff)
		}
	}
	if len(tb.changes) != 0 {
		t.Errorf("opening and closing editors reported %d changes", len(tb.changes))
	}

	// Typing into the card of control characters, then Escape: nothing changes.
	controls := int64(len(texts))
	tb.Edit(controls)
	tb.edit.entry.TypedRune('!')
	if got := tb.EditText(); got != texts[controls]+"!" {
		t.Errorf("typing at the end of the control characters gives %+q", got)
	}
	tb.CancelEdit()
	if f, _ := tb.Factor(controls); f.Text != texts[controls] || len(tb.changes) != 0 {
		t.Errorf("Escape kept what was typed: %+q, %d changes", f.Text, len(tb.changes))
	}

	// The long card: open, type, Enter. The card takes the text and stays
	// within its limits (its text cut with …); undo gives the text back.
	long := int64(len(modeltest.Short()) + 1)
	if utf8.RuneCountInString(texts[long]) != editorLen {
		t.Fatalf("card %d is not the long card", long)
	}
	tb.Edit(long)
	if diff := modeltest.FirstDifference(tb.EditText(), texts[long]); diff != "" {
		t.Errorf("the editor does not hold the long card's text: %s", diff)
	}
	// It is full (model.MaxTyped): a character goes in once one is deleted.
	tb.edit.entry.TypedRune('!')
	tb.edit.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	tb.edit.entry.TypedRune('!')
	tb.edit.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if tb.Editing() != 0 {
		t.Fatal("Enter did not close the editor")
	}
	f, _ := tb.Factor(long)
	r := []rune(texts[long])
	if f.Text != string(r[:len(r)-1])+"!" || len(tb.changes) != 1 {
		t.Fatalf("after typing into the long card: %d bytes, %d changes", len(f.Text), len(tb.changes))
	}
	checkCardsFit(t, tb)
	tb.Undo()
	if f, _ := tb.Factor(long); f.Text != texts[long] {
		t.Error("undo did not restore the long card")
	}

	// New cards of exotic text grow to fit, within the limits.
	for _, x := range modeltest.Exotic() {
		id := tb.QuickAdd(x.S)
		f, ok := tb.Factor(id)
		if !ok || f.Text != strings.TrimSpace(x.S) {
			t.Errorf("QuickAdd(%s) made card %d with %d bytes of text", x.Name, id, len(f.Text))
		}
	}
	checkCardsFit(t, tb)
}
