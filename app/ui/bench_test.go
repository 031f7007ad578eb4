package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
)

// benchKeys types a key and takes it back in a lesson field 600 units
// wide holding n characters: what each key costs the UI goroutine.
func benchKeys(b *testing.B, n int) {
	test.NewTempApp(b)
	e := Multiline(string([]rune(modeltest.Long())[:n]), "", 4, func(string) {})
	w := test.NewTempWindow(b, e)
	w.Resize(fyne.NewSize(600, 300))
	w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) // the end
	for b.Loop() {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		e.TypedRune('x')
	}
}

// BenchmarkKeysFullField is two keys in a field as full as one can be
// typed (model.MaxTyped); BenchmarkKeysShortField is the baseline.
func BenchmarkKeysFullField(b *testing.B)  { benchKeys(b, model.MaxTyped) }
func BenchmarkKeysShortField(b *testing.B) { benchKeys(b, 50) }
