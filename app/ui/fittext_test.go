package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestFitTextShrinksThenShortens: a long title shrinks, then ends in an ellipsis.
func TestFitTextShrinksThenShortens(t *testing.T) {
	test.NewTempApp(t)
	ft := NewFitText("A short title", 40, 28, fyne.TextStyle{Bold: true})
	w := test.NewTempWindow(t, ft)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1000, 80))
	if ft.Shown() != "A short title" || ft.r.t.TextSize != 40 {
		t.Errorf("a title that fits: %q at %v", ft.Shown(), ft.r.t.TextSize)
	}
	long := strings.Repeat("motor controller burned out ", 6)
	ft.SetText(long)
	if ft.r.t.TextSize != 28 || !strings.HasSuffix(ft.Shown(), "…") || ft.r.t.MinSize().Width > 1000 {
		t.Errorf("a long title: %q at %v, %v wide", ft.Shown(), ft.r.t.TextSize, ft.r.t.MinSize().Width)
	}
	ft.SetText("Medium length title that needs a little less room than this")
	if ft.Shown() != "Medium length title that needs a little less room than this" || ft.r.t.TextSize > 40 || ft.r.t.TextSize < 28 {
		t.Errorf("a medium title: %q at %v", ft.Shown(), ft.r.t.TextSize)
	}
}
