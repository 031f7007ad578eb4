package debrief

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// Debrief's own widgets say what they are to assistive technology
// (fyne.Accessible): a label a person would read, and a role.
var (
	_ fyne.Accessible = (*StepBar)(nil)
	_ fyne.Accessible = (*timerView)(nil)
)

// AccessibilityLabel names the steps and the one on screen.
func (b *StepBar) AccessibilityLabel() string {
	var steps []string
	for i, btn := range b.buttons {
		label := model.Phase(i).Label()
		if btn.Importance == widget.HighImportance {
			label += " (current)"
		}
		steps = append(steps, label)
	}
	return "Steps: " + strings.Join(steps, ", ")
}

// AccessibilityRole of the step bar is a container of buttons.
func (b *StepBar) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleContainer }

// AccessibilityLabel says the time left and whether it runs.
func (t *timerView) AccessibilityLabel() string {
	s := t.v.Clock()
	state := "not started"
	switch {
	case s.Timer.Running():
		state = "running"
	case s.Timer.Started():
		state = "paused"
	}
	return fmt.Sprintf("Timer: %s left, %s", ui.ClockText(s.Timer.Remaining(t.now())), state)
}

// AccessibilityRole of the timer is text.
func (t *timerView) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }
