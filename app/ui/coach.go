package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/coach"
)

// CoachNote is the blameless coach's gentle hint: the blaming words as
// typed, a kinder question, and why. It sits under the field, never in the
// way: typing goes on as before.
type CoachNote struct {
	Box   *fyne.Container
	text  *widget.Label
	shown string
	later func(func()) // back to the UI goroutine
	gen   uint64       // counts checks, so a slow check of old text never wins
	wait  *time.Timer  // the pause before checking long text
}

// coachInline is the longest text checked on the UI goroutine as it is
// typed (a card or a paragraph: tens of microseconds). Longer text is
// Checked on another goroutine after a pause, so typing never waits.
const (
	coachInline = 4000
	coachPause  = 300 * time.Millisecond
)

func NewCoachNote(later func(func())) *CoachNote {
	n := &CoachNote{text: widget.NewLabel(""), later: later}
	n.text.Wrapping = fyne.TextWrapWord
	n.text.SizeName = theme.SizeNameCaptionText
	n.Box = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.InfoIcon())), nil, n.text)
	n.Box.Hide()
	return n
}

// NewFloatingCoachNote is a coach's note that floats over what is under
// it (the board), on the window's background with a border, so that the
// hint coming and going moves nothing.
func NewFloatingCoachNote(later func(func())) *CoachNote {
	n := NewCoachNote(later)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	inner := n.Box
	inner.Show()
	n.Box = container.NewStack(bg, container.NewPadded(inner))
	n.Box.Hide()
	return n
}

// Check updates the hint for text: the first piece of blame language, if any.
func (n *CoachNote) Check(text string) {
	n.gen++
	if n.wait != nil {
		n.wait.Stop() // typing goes on: only the text at the pause is checked
	}
	if len(text) <= coachInline {
		n.show(coach.Advice(text))
		return
	}
	gen := n.gen
	n.wait = time.AfterFunc(coachPause, func() {
		msg := coach.Advice(text)
		n.later(func() {
			if gen == n.gen {
				n.show(msg)
			}
		})
	})
}

func (n *CoachNote) show(msg string) {
	if msg == n.shown {
		return
	}
	n.shown = msg
	if msg == "" {
		n.Box.Hide()
		return
	}
	n.text.SetText(msg)
	n.Box.Show()
}

// Hint is the hint on show, "" when none.
func (n *CoachNote) Hint() string { return n.shown }
