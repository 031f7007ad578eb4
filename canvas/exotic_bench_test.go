package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
)

// The cost of a 100,000-character card, each beside its baseline, a card
// of one short sentence: laying its text out, loading and drawing a board
// with it, and opening and closing its editor.

const shortCard = "Skipped the pre-power-on wiring check at 23:30."

func benchLayout(b *testing.B, text string) {
	test.NewTempApp(b)
	body := cardBody(model.DefaultCardWidth, model.DefaultCardHeight, 0)
	for b.Loop() {
		layoutText(text, float32(body.W)*textSafety, float32(body.H), fyneMeasure)
	}
}

// BenchmarkCardLayoutShort is the baseline of BenchmarkCardLayout100k.
func BenchmarkCardLayoutShort(b *testing.B) { benchLayout(b, shortCard) }

// BenchmarkCardLayout100k lays out a 100,000-character card: only what
// fits on the card is measured.
func BenchmarkCardLayout100k(b *testing.B) { benchLayout(b, modeltest.Long()) }

// BenchmarkCardLayout100kUnbroken is the same without a single space.
func BenchmarkCardLayout100kUnbroken(b *testing.B) { benchLayout(b, unbroken()) }

func oneCard(text string) *model.Dossier {
	return &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "One card"}, Factors: []model.Factor{{ID: 1, DebriefID: 1,
		Text: text, Category: model.People, X: 0, Y: 0, W: model.DefaultCardWidth, H: model.DefaultCardHeight, Author: "Zoë Łukasiewicz-Ødegård"}}}
}

// benchDraw loads a board of one card and paints it with the test driver.
func benchDraw(b *testing.B, text string) {
	test.NewTempApp(b)
	board := NewBoard()
	w := test.NewTempWindow(b, board)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(640, 400))
	d := oneCard(text)
	for b.Loop() {
		board.Load(d, 2, 1)
		board.SetViewport(Viewport{X: -20, Y: -20, Zoom: 1})
		w.Canvas().Capture()
	}
}

// BenchmarkCardDrawShort is the baseline of BenchmarkCardDraw100k.
func BenchmarkCardDrawShort(b *testing.B) { benchDraw(b, shortCard) }

// BenchmarkCardDraw100k loads and paints a board of one 100,000-character card.
func BenchmarkCardDraw100k(b *testing.B) { benchDraw(b, modeltest.Long()) }

// benchEditor opens the in-place editor on a card and closes it.
func benchEditor(b *testing.B, text string) {
	test.NewTempApp(b)
	board := NewBoard()
	w := test.NewTempWindow(b, board)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(640, 400))
	board.Load(oneCard(text), 2, 1)
	board.SetViewport(Viewport{X: -20, Y: -20, Zoom: 1})
	for b.Loop() {
		board.Edit(1)
		board.CancelEdit()
	}
}

// BenchmarkCardEditorShort is the baseline of BenchmarkCardEditor100k.
func BenchmarkCardEditorShort(b *testing.B) { benchEditor(b, shortCard) }

// BenchmarkCardEditor100k opens and closes the editor of a
// 100,000-character card. It takes seconds: Fyne's Entry converts the whole
// text to runes once per wrapped row (fyne-io/fyne#5297).
func BenchmarkCardEditor100k(b *testing.B) { benchEditor(b, modeltest.Long()) }

// BenchmarkCardEditorMaxTyped opens and closes the editor of a card as
// long as a card can be typed (model.MaxCardTyped): the worst a person
// meets without importing a longer text. Baseline: BenchmarkCardEditorShort.
func BenchmarkCardEditorMaxTyped(b *testing.B) {
	benchEditor(b, string([]rune(modeltest.Long())[:model.MaxCardTyped]))
}
