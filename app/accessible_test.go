package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/debrief-app/debrief/app/ui/uitest"
)

// TestCustomWidgetsSayWhatTheyAre: every one of Debrief's own widgets on
// the debrief screen is fyne.Accessible with a label a person could act
// on and a role.
func TestCustomWidgetsSayWhatTheyAre(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	v.Show(1)
	labels := map[string]string{}
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		if a, ok := o.(fyne.Accessible); ok {
			if a.AccessibilityRole() == "" {
				t.Errorf("%T has no role", o)
			}
			labels[fmt.Sprintf("%T", o)] = a.AccessibilityLabel()
		}
		return true
	})
	want := map[string]string{
		"*ui.Pill":           "Status: Reviewed",
		"*debrief.StepBar":   "Factors (current)",
		"*debrief.timerView": "Timer: 10:00 left, not started",
		"*canvas.Board":      "Factor board: 11 cards",
	}
	for typ, w := range want {
		if !strings.Contains(labels[typ], w) {
			t.Errorf("%s says %q, want %q in it", typ, labels[typ], w)
		}
	}
	v.Board().Select(v.Board().Factors()[0].ID)
	if got := v.Board().AccessibilityLabel(); !strings.Contains(got, "Selected: ") || !strings.Contains(got, v.Board().Factors()[0].Category.Label()) {
		t.Errorf("with a card selected the board says %q", got)
	}

	s.ShowHome()
	s.NewDebrief()
	var tiles []string
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		if a, ok := o.(fyne.Accessible); ok && a.AccessibilityRole() == fyne.AccessibleRoleButton {
			tiles = append(tiles, a.AccessibilityLabel())
		}
		return true
	})
	if !strings.Contains(strings.Join(tiles, "\n"), "Template: Work incident") {
		t.Errorf("template tiles say %q", tiles)
	}
}
